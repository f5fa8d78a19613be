"""Extraction scored against the Chinese gold documents (figures printed; the floor is one reached)."""

from pathlib import Path

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Record
from undeleted.score import score
from undeleted.text.convert import load_converter

from floors import floor

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev.jsonl"
# floor: [extract_f1_zh.dev] in tests/floors.toml


@pytest.fixture(scope="module")
def chinese_gold() -> list[Record]:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} not present")
    records = [
        Record.model_validate_json(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line
    ]
    return [record for record in records if record.doc.language == "zh"]


def test_extract_zh_gold_f1_floor(chinese_gold):
    context = ExtractContext.load(("zh",))
    predicted = [
        Record(doc=record.doc, events=extract_events(record.doc, context)) for record in chinese_gold
    ]
    overall = score(chinese_gold, predicted).overall
    print(
        f"dev.jsonl (zh): P={overall.precision:.3f} R={overall.recall:.3f} F1={overall.f1:.3f} "
        f"({overall.matched}/{overall.gold} gold, {overall.predicted} predicted)"
    )
    assert overall.f1 >= floor("extract_f1_zh.dev")


def test_extract_zh_gold_traditional_keeps_matches(chinese_gold):
    """The gold documents converted to traditional characters score as the simplified ones do."""
    context = ExtractContext.load(("zh",))
    to_traditional = load_converter("s2t.json")
    simplified, traditional = [], []
    for record in chinese_gold:
        doc = record.doc.model_copy(update={"text": to_traditional.convert(record.doc.text)})
        simplified.append(Record(doc=record.doc, events=extract_events(record.doc, context)))
        traditional.append(Record(doc=record.doc, events=extract_events(doc, context)))
    assert (
        score(chinese_gold, traditional).overall.matched
        >= score(chinese_gold, simplified).overall.matched - 1
    )
