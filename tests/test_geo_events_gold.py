"""Place accuracy of extracted events on the gold documents (issue 10: prefecture ≥ 95%, exact ≥ 90%)."""

from pathlib import Path

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Record
from undeleted.score import score

from floors import floor

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
FILES = ("dev.jsonl", "seeds.jsonl")
MEASURES = ("exact", "prefecture")  # over the gold events found by type and date; floors: [event_places]


@pytest.fixture(scope="module")
def places() -> dict[str, float]:
    paths = [GOLD / name for name in FILES]
    if not all(path.exists() for path in paths):
        pytest.skip(f"gold files not present under {GOLD}")
    context = ExtractContext.load()
    gold = [
        Record.model_validate_json(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]
    predicted = [Record(doc=record.doc, events=extract_events(record.doc, context)) for record in gold]
    values = score(gold, predicted).places
    return {name: sum(found) / len(found) for name, found in values.items() if found}


@pytest.mark.parametrize("measure", MEASURES)
def test_geo_gold_event_places_reach_floor(places, measure):
    print(f"{measure}: {places[measure]:.4f}")
    assert places[measure] >= floor(f"event_places.{measure}")
