"""Which country a report is about, decided once for the whole document before any event is placed.

Every division name the gazetteer finds counts for its country (CN, HK, MO, TW), and so do the names in
data/country_names.tsv: countries, their cities and their people ("Kathmandu", "Kyrgyz", 尼泊尔). Names
in the title and the first paragraph (where the dateline is) count twice. A report whose names point
more to countries outside CN/HK/MO than inside is out of scope and yields no events: a protest in
Bishkek by a group named after Kashgar is not an event in Xinjiang.
"""

from __future__ import annotations

from dataclasses import dataclass

from undeleted.geo.gazetteer import IN_SCOPE, Gazetteer
from undeleted.geo.resolve import find_places, resolve_mentions

LEAD_WEIGHT = 2  # a name in the title or the first paragraph
NAME_WEIGHT = 0.5  # "China", "Chinese", 中国: named by country, not by place


@dataclass(frozen=True)
class Scope:
    """The countries a report is about, most named first; `in_scope`: it is about CN, HK or MO."""

    countries: tuple[str, ...]
    in_scope: bool


def decide_scope(text: str, title: str | None, language: str, gazetteer: Gazetteer) -> Scope:
    """The countries a report is about, from every place and name in its title and text. A division
    counts in full, "China" or "Chinese" by name only half (reports abroad name China as a subject);
    a tie stays in scope only when the report names a division of China."""
    weights: dict[str, float] = {}
    divisions = 0
    for body, lead_end in ((title or "", len(title or "")), (text, _first_paragraph_end(text))):
        places = find_places(body, gazetteer, language)
        resolved = resolve_mentions(places)
        # a name that placed nothing (吉隆 of 吉隆坡, a bare county name) leaves the longer foreign name counted
        taken = [
            (place.start, place.end) for place, division in zip(places, resolved) if division is not None
        ]
        for place, division in zip(places, resolved):
            if division is not None:
                weights[division.country] = weights.get(division.country, 0) + (
                    LEAD_WEIGHT if place.start < lead_end else 1
                )
                divisions += division.country in IN_SCOPE
        for start, end, iso in gazetteer.country_names.find(body):
            if not any(first < end and start < last for first, last in taken):
                weight = LEAD_WEIGHT if start < lead_end else 1
                weights[iso] = weights.get(iso, 0) + weight * (NAME_WEIGHT if iso in IN_SCOPE else 1)
    if not weights:
        return Scope((), True)  # nothing named: no reason to refuse the report
    ranked = tuple(
        iso for iso, _ in sorted(weights.items(), key=lambda item: item[1], reverse=True)
    )  # as Counter.most_common
    inside = sum(weight for iso, weight in weights.items() if iso in IN_SCOPE)
    outside = sum(weight for iso, weight in weights.items() if iso not in IN_SCOPE)
    return Scope(ranked, inside > outside or (inside == outside and divisions > 0))


def _first_paragraph_end(text: str) -> int:
    """Where the first non-empty paragraph of a text ends."""
    body = text.lstrip()
    offset = len(text) - len(body)
    end = body.find("\n\n")
    if end < 0:
        end = body.find("\n")
    return offset + (end if end >= 0 else len(body))
