"""Which country a report is about, decided once for the whole document before any event is placed.

Every division name the gazetteer finds counts for its country (CN, HK, MO, TW), and so do the names in
data/country_names.tsv: countries, their cities and their people ("Kathmandu", "Kyrgyz", 尼泊尔). Names
in the title and the first paragraph (where the dateline is) count twice. A report whose names point
more to countries outside CN/HK/MO than inside is out of scope and yields no events: a protest in
Bishkek by a group named after Kashgar is not an event in Xinjiang.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from undeleted.geo.gazetteer import IN_SCOPE, Gazetteer
from undeleted.geo.resolve import find_places, resolve_mentions

LEAD_WEIGHT = 2  # a name in the title or the first paragraph
BLOCK = "--"  # the iso column of phrases that hide the names inside them ("美国之音", "New York Times")


@dataclass(frozen=True)
class CountryNames:
    """Country, city and people names by ISO code, as one pattern for English and one for Chinese."""

    codes: dict[str, str]  # name → ISO code, or BLOCK
    latin: re.Pattern[str] | None
    han: re.Pattern[str] | None

    @classmethod
    def from_package(cls, gazetteer: Gazetteer | None = None) -> CountryNames:
        """data/country_names.tsv, with the English country names of the gazetteer's countries.tsv."""
        text = resources.files("undeleted").joinpath("data", "country_names.tsv").read_text(encoding="utf-8")
        rows = csv.reader((line for line in text.splitlines() if line.strip() and not line.startswith("#")),
                          delimiter="\t")
        codes: dict[str, str] = {}
        if gazetteer is not None:
            codes.update({name: iso for iso, name in gazetteer.countries.items() if name})
        for iso, _kind, names in rows:
            codes.update({name: iso for name in names.split("|") if name})
        return cls.build(codes)

    @classmethod
    def build(cls, codes: dict[str, str]) -> CountryNames:
        latin = sorted((name for name in codes if name[:1].isascii()), key=len, reverse=True)
        han = sorted((name for name in codes if not name[:1].isascii()), key=len, reverse=True)
        return cls(
            codes,
            re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, latin))})(?![\w])(?!-based)") if latin else None,
            re.compile("|".join(map(re.escape, han))) if han else None,
        )

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ISO code) of the names in `text`, blocked phrases left out."""
        found = []
        for pattern in (self.latin, self.han):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                iso = self.codes[match.group()]
                if iso != BLOCK:
                    found.append((match.start(), match.end(), iso))
        return found


@dataclass(frozen=True)
class Scope:
    """The countries a report is about, most named first; `in_scope`: it is about CN, HK or MO."""

    countries: tuple[str, ...]
    in_scope: bool


def decide_scope(text: str, title: str | None, language: str, gazetteer: Gazetteer, names: CountryNames) -> Scope:
    """The countries a report is about, from every place and name in its title and text."""
    weights: Counter[str] = Counter()
    for body, lead_end in ((title or "", len(title or "")), (text, _first_paragraph_end(text))):
        places = find_places(body, gazetteer, language)
        taken = [(place.start, place.end) for place in places]
        for place, division in zip(places, resolve_mentions(places)):
            if division is not None:
                weights[division.country] += LEAD_WEIGHT if place.start < lead_end else 1
        for start, end, iso in names.find(body):
            if not any(first < end and start < last for first, last in taken):
                weights[iso] += LEAD_WEIGHT if start < lead_end else 1
    if not weights:
        return Scope((), True)  # nothing named: no reason to refuse the report
    ranked = tuple(iso for iso, _ in weights.most_common())
    inside = sum(weight for iso, weight in weights.items() if iso in IN_SCOPE)
    outside = sum(weight for iso, weight in weights.items() if iso not in IN_SCOPE)
    return Scope(ranked, inside >= outside)


def _first_paragraph_end(text: str) -> int:
    """Where the first non-empty paragraph of a text ends."""
    body = text.lstrip()
    offset = len(text) - len(body)
    end = body.find("\n\n")
    if end < 0:
        end = body.find("\n")
    return offset + (end if end >= 0 else len(body))
