"""Extraction scored against the English gold documents (figures printed; floors actually reached)."""

from pathlib import Path

import pytest

from undeleted.extract import extract_events
from undeleted.models import Record
from undeleted.score import score

from floors import floor

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
FILES = ("dev.jsonl", "seeds.jsonl")  # floors: [extract_f1_en] in tests/floors.toml


@pytest.mark.parametrize("name", FILES)
def test_extract_english_gold_f1_floor(name, context):
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    gold = [
        Record.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line
    ]
    gold = [record for record in gold if record.doc.language == "en"]
    predicted = [Record(doc=record.doc, events=extract_events(record.doc, context)) for record in gold]
    overall = score(gold, predicted).overall
    print(
        f"{name} (en): P={overall.precision:.3f} R={overall.recall:.3f} F1={overall.f1:.3f} "
        f"({overall.matched}/{overall.gold} gold, {overall.predicted} predicted)"
    )
    assert overall.f1 >= floor(f"extract_f1_en.{name.removesuffix('.jsonl')}")
