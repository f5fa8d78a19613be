"""The shipped gazetteer of Chinese divisions (province, prefecture, county) and its name index."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import ahocorasick

from undeleted.geo.countries import CountryNames
from undeleted.models import Location

Level = Literal["admin1", "admin2", "admin3"]

# Province-level units whose districts are coded admin1 = admin2 = the city (gold convention).
MUNICIPALITIES = frozenset({"11", "12", "31", "50", "81", "82"})
SARS = frozenset({"81", "82"})
# Short names of SAR districts whose names are words more often than places (东区, 南区, 北区: any city's).
SAR_COMMON_WORDS = frozenset({"东", "南", "北", "中西", "离岛", "大堂"})
COUNTRY_BY_PREFIX = {"81": "HK", "82": "MO", "71": "TW"}
IN_SCOPE = frozenset({"CN", "HK", "MO"})

SUFFIXES_EN: dict[str, tuple[str, ...]] = {
    "admin1": (
        "province",
        "autonomous region",
        "municipality",
        "special administrative region",
        "sar",
        "city",
    ),
    "admin2": (
        "city",
        "prefecture",
        "autonomous prefecture",
        "league",
        "municipality",
        "prefecture-level city",
    ),
    "admin3": ("district", "county", "city", "banner", "county-level city", "autonomous county", "new area"),
}
SUFFIX_PATTERN_EN = re.compile(
    r"\s+(?:province|autonomous region|municipality|special administrative region|sar|"
    r"prefecture-level city|county-level city|autonomous prefecture|autonomous county|"
    r"prefecture|league|city|district|county|banner|new area)$"
)
SUFFIX_PATTERN_ZH = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|盟|旗)$")


@dataclass(frozen=True)
class Division:
    """One administrative division (GB/T 2260 code)."""

    adcode: str
    parent: str | None
    level: Level
    name_zh: str
    short_zh: str
    name_en: str
    lat: float | None
    lon: float | None
    obsolete: bool
    aliases: tuple[str, ...] = ()

    @property
    def country(self) -> str:
        return COUNTRY_BY_PREFIX.get(self.adcode[:2], "CN")


@dataclass(frozen=True)
class NameEntry:
    """A name the index matches: the divisions it names and whether it is explicit.

    Explicit names carry a suffix (丹东市, Haidian district) or name a province or prefecture.
    Bare county names (海淀, Fuqing) are not explicit: they count only next to an ancestor.
    `kind` is "place", or "block" for words that contain a name but are not places (北海道).
    """

    key: str
    divisions: tuple[Division, ...]
    explicit: bool
    kind: str = "place"


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def in_scope(division: Division) -> bool:
    """True for divisions in mainland China, Hong Kong and Macau (the default scope)."""
    return division.country in IN_SCOPE


class Gazetteer:
    """Divisions by adcode, with parents, children and a name index for matching text."""

    def __init__(
        self,
        divisions: Iterable[Division],
        countries: dict[str, str],
        blocked: Iterable[str] = (),
        country_names: CountryNames | None = None,
        townships: Iterable[tuple[str, str]] = (),
    ):
        self.divisions: dict[str, Division] = {division.adcode: division for division in divisions}
        self.countries = dict(countries)
        self.country_names = country_names or CountryNames.from_text("", self.countries)
        self._children: dict[str, list[Division]] = {}
        for division in self.divisions.values():
            if division.parent:
                self._children.setdefault(division.parent, []).append(division)
        self.successors = _successors(self.divisions.values())
        self.names: dict[str, NameEntry] = _build_names(self.divisions.values())
        for key, entry in _township_names(townships, self.divisions).items():
            self.names.setdefault(key, entry)
        self.automaton = _build_automaton(self.names, blocked)

    @classmethod
    def from_package(cls) -> Gazetteer:
        """Load the gazetteer shipped in undeleted/data (nothing is fetched)."""
        data = resources.files("undeleted").joinpath("data")
        divisions = list(_read_divisions(data.joinpath("gazetteer.tsv").read_text(encoding="utf-8")))
        countries = {
            row["iso"]: row["name_en"]
            for row in csv.DictReader(
                data.joinpath("countries.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t"
            )
        }
        blocked = _read_list(data.joinpath("geo_blocked_words.tsv").read_text(encoding="utf-8"))
        cities = csv.DictReader(
            data.joinpath("foreign_cities.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t"
        )
        names = CountryNames.from_text(
            data.joinpath("country_names.tsv").read_text(encoding="utf-8")
            + "".join(f"{row['iso']}\tplace\t{row['name']}\n" for row in cities),
            countries,
        )
        townships = csv.DictReader(
            _read_list(data.joinpath("townships.tsv").read_text(encoding="utf-8")), delimiter="\t"
        )
        return cls(
            divisions, countries, blocked, names, [(row["name_zh"], row["county"]) for row in townships]
        )

    def get(self, adcode: str) -> Division | None:
        return self.divisions.get(adcode)

    def parent(self, division: Division) -> Division | None:
        return self.divisions.get(division.parent) if division.parent else None

    def ancestors(self, division: Division) -> list[Division]:
        """Ancestors from the nearest (parent) up to the province."""
        chain: list[Division] = []
        current = self.parent(division)
        while current is not None:
            chain.append(current)
            current = self.parent(current)
        return chain

    def children(self, division: Division) -> list[Division]:
        return sorted(self._children.get(division.adcode, []), key=lambda child: child.adcode)

    def contains(self, outer: Division, inner: Division) -> bool:
        """True when `inner` is `outer` or lies inside it."""
        return inner.adcode == outer.adcode or outer in self.ancestors(inner)

    def lookup(self, name: str) -> list[Division]:
        """Divisions a Chinese or English name or alias may mean, best known first.

        Accepts suffixed and bare forms: "Dandong", "Dandong city", "丹东", "丹东市", "Liaoning Province".
        """
        text = " ".join(name.strip().replace("\u2019", "'").split())
        keys = [text.lower()] if not _is_cjk(text) else [text]
        stripped = (SUFFIX_PATTERN_ZH if _is_cjk(text) else SUFFIX_PATTERN_EN).sub("", keys[0])
        if stripped and stripped != keys[0]:
            keys.append(stripped)
        found: dict[str, Division] = {}
        for key in keys:
            entry = self.names.get(key)
            if entry is not None:
                found.update((division.adcode, division) for division in entry.divisions)
            if found:
                break
        return sorted(found.values(), key=_importance)

    def location(self, division: Division, place: str | None = None) -> Location:
        """The SCHEMA location of a division (municipality districts: admin1 = admin2 = the city). An obsolete
        code gives way to the current division of the same name ("比如县" of 那曲地区, 542423 → 540622)."""
        division = self.successors.get(division.adcode, division)
        chain = [division, *self.ancestors(division)]
        by_level = {item.level: item.name_en for item in chain}
        if division.adcode[:2] in MUNICIPALITIES and division.level != "admin1":
            by_level["admin2"] = by_level["admin1"]
        return Location(
            country=division.country,
            admin1=by_level.get("admin1"),
            admin2=by_level.get("admin2"),
            admin3=by_level.get("admin3"),
            place=place,
            adcode=division.adcode,
            lat=division.lat,
            lon=division.lon,
            geo_precision=division.level,
        )


def _successors(divisions: Iterable[Division]) -> dict[str, Division]:
    """Obsolete adcode → the one current division of the same short name, level and province."""
    current: dict[tuple[str, str, str], list[Division]] = {}
    for division in divisions:
        if not division.obsolete and division.short_zh:
            current.setdefault((division.adcode[:2], division.level, division.short_zh), []).append(division)
    found = {}
    for division in divisions:
        if division.obsolete and division.short_zh:
            same = current.get((division.adcode[:2], division.level, division.short_zh), [])
            if len(same) == 1:
                found[division.adcode] = same[0]
    return found


def _importance(division: Division) -> tuple[int, int, int, str]:
    """Sort key: current before obsolete, province and prefecture before county, capitals first."""
    level_rank = {"admin1": 0, "admin2": 1, "admin3": 2}[division.level]
    capital = 0 if division.adcode[2:4] == "01" or division.adcode[:2] in MUNICIPALITIES else 1
    return (int(division.obsolete), level_rank, capital, division.adcode)


def _read_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _read_divisions(text: str) -> Iterator[Division]:
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        yield Division(
            adcode=row["adcode"],
            parent=row["parent"] or None,
            level=row["level"],  # type: ignore[arg-type]  # the build script writes only the three levels
            name_zh=row["name_zh"],
            short_zh=row["short_zh"],
            name_en=row["name_en"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            obsolete=row["obsolete"] == "1",
            aliases=tuple(alias for alias in row["aliases"].split("|") if alias),
        )


def _division_keys(division: Division) -> Iterator[tuple[str, bool]]:
    """(key, explicit) pairs for one division; English keys are lower case. A Hong Kong district's or a
    Macau parish's own name (屯門, Tuen Mun) names it as any division's full name does, unless it is also
    a common word (中西, 离岛, 大堂)."""
    county = division.level == "admin3" and not (
        division.adcode[:2] in SARS and division.short_zh not in SAR_COMMON_WORDS
    )
    zh_names = [division.name_zh] + [alias for alias in division.aliases if _is_cjk(alias)]
    for name in zh_names:
        is_short = name == division.short_zh or not SUFFIX_PATTERN_ZH.search(name)
        if len(name) < 2:
            continue
        weak = county and (is_short or (len(name) == 2 and name.endswith("区")))
        yield name, not weak
    if len(division.short_zh) >= 2:
        yield division.short_zh, not county
    en_names = [division.name_en] + [alias for alias in division.aliases if not _is_cjk(alias)]
    for name in en_names:
        lowered = name.lower()
        if not county or (len(division.short_zh) >= 2 and len(lowered) >= 4):
            yield lowered, not county
        for suffix in SUFFIXES_EN[division.level]:
            if suffix == "city" and division.level == "admin1" and division.adcode[:2] not in MUNICIPALITIES:
                continue
            yield f"{lowered} {suffix}", True


def _build_names(divisions: Iterable[Division]) -> dict[str, NameEntry]:
    grouped: dict[str, dict[str, Division]] = {}
    explicit: dict[str, bool] = {}
    for division in divisions:
        for key, is_explicit in _division_keys(division):
            grouped.setdefault(key, {})[division.adcode] = division
            explicit[key] = explicit.get(key, False) or is_explicit
    return {
        key: NameEntry(key, tuple(sorted(found.values(), key=_importance)), explicit[key])
        for key, found in grouped.items()
    }


def _township_names(
    townships: Iterable[tuple[str, str]], divisions: dict[str, Division]
) -> dict[str, NameEntry]:
    """A township's or sub-district's name (劲松街道, 窦店镇) names the county it lies in: on its own when no other
    county has a township of that name, else (城关镇) only next to a larger division that picks one."""
    grouped: dict[str, dict[str, Division]] = {}
    for name, county in townships:
        if county in divisions:
            grouped.setdefault(name, {})[county] = divisions[county]
    return {
        name: NameEntry(name, tuple(sorted(found.values(), key=_importance)), len(found) == 1)
        for name, found in grouped.items()
    }


def _build_automaton(names: dict[str, NameEntry], blocked: Iterable[str]) -> ahocorasick.Automaton:
    """One automaton over all names; blocked words win over the shorter names inside them."""
    automaton = ahocorasick.Automaton()
    for key, entry in names.items():
        automaton.add_word(key, entry)
    for word in blocked:
        key = word if _is_cjk(word) else word.lower()
        automaton.add_word(key, NameEntry(key, names[key].divisions if key in names else (), False, "block"))
    automaton.make_automaton()
    return automaton
