"""Extraction scored on the held-out reports (tests/resources/heldout.jsonl): 12 reports written and
annotated apart from the gold and from the rules, so the figure says how the rules generalise."""

from pathlib import Path

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Record
from undeleted.score import score

HELDOUT = Path(__file__).resolve().parent / "resources" / "heldout.jsonl"
FLOOR = 0.65  # measured 0.660 (baseline before the error-class fixes: 0.633)


@pytest.fixture(scope="module")
def context() -> ExtractContext:
    return ExtractContext.load(("en", "zh"))


def test_extract_heldout_f1_floor(context):
    gold = [Record.model_validate_json(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line]
    predicted = [Record(doc=record.doc, events=extract_events(record.doc, context)) for record in gold]
    overall = score(gold, predicted).overall
    print(f"heldout: P={overall.precision:.3f} R={overall.recall:.3f} F1={overall.f1:.3f} "
          f"({overall.matched}/{overall.gold} gold, {overall.predicted} predicted)")
    assert overall.f1 >= FLOOR


def test_extract_heldout_doc_ids_are_text_digests():
    import hashlib

    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        record = Record.model_validate_json(line)
        assert record.doc.doc_id == hashlib.sha256(record.doc.text.strip().encode("utf-8")).hexdigest()
