"""The gazetteer and the place finder measured on the gold annotations (skipped when absent)."""

import json
from pathlib import Path

import pytest

from undeleted.geo import Gazetteer, find_places, resolve_mentions

from floors import floor

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold"
FILES = ["dev.jsonl", "seeds.jsonl"]


def gold_records() -> list[dict]:
    if not all((GOLD / name).exists() for name in FILES):
        pytest.skip(f"gold annotations not found in {GOLD}")
    return [
        json.loads(line) for name in FILES for line in (GOLD / name).read_text(encoding="utf-8").splitlines()
    ]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


def test_geo_gold_locations_match_gazetteer(gazetteer):
    total = agree = 0
    for record in gold_records():
        for event in record["events"]:
            gold = event["location"]
            if not gold.get("adcode"):
                continue
            total += 1
            division = gazetteer.get(gold["adcode"])
            if division is None:
                continue
            ours = gazetteer.location(division)
            names = (ours.admin1, ours.admin2, ours.admin3) == (
                gold["admin1"],
                gold["admin2"],
                gold["admin3"],
            )
            near = abs(ours.lat - gold["lat"]) < 1e-3 and abs(ours.lon - gold["lon"]) < 1e-3
            agree += names and near and ours.geo_precision == gold["geo_precision"]
    print(f"gold locations reproduced by the gazetteer: {agree}/{total}")
    assert total > 100 and agree / total >= floor("gold_places.gazetteer_agreement")


def test_geo_gold_prefecture_found_in_document(gazetteer):
    total = prefecture = exact = 0
    for record in gold_records():
        doc = record["doc"]
        found = [
            item for item in resolve_mentions(find_places(doc["text"], gazetteer, doc["language"])) if item
        ]
        for event in record["events"]:
            adcode = event["location"].get("adcode")
            if not adcode:
                continue
            total += 1
            width = 2 if adcode.endswith("0000") else 4
            prefecture += any(item.adcode[:width] == adcode[:width] for item in found)
            exact += any(item.adcode == adcode for item in found)
    print(
        f"gold prefecture among the document's places: {prefecture}/{total}; exact division: {exact}/{total}"
    )
    assert prefecture / total >= floor("gold_places.prefecture_in_document")
    assert exact / total >= floor("gold_places.exact_in_document")
