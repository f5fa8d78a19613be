"""Extraction scored against the English gold documents (figures printed; floors actually reached)."""

from pathlib import Path

import pytest

from undeleted.extract import extract_events
from undeleted.models import Record
from undeleted.score import score

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
# Floors measured on the English documents; raise them as extraction improves. seeds was 0.85 under the
# rules alone: the learned detector (issue 14) adds a few events from sentences that tell where a story came
# from ("another video was posted on Twitter"), measured 0.826 on 2026-12-02, while it raises every set
# nobody tuned on (docs/ACCURACY.md, first-contact log). Lowered on purpose, not silently.
FLOORS = {"dev.jsonl": 0.88, "seeds.jsonl": 0.82}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extract_english_gold_f1_floor(name, context):
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    gold = [Record.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    gold = [record for record in gold if record.doc.language == "en"]
    predicted = [Record(doc=record.doc, events=extract_events(record.doc, context)) for record in gold]
    overall = score(gold, predicted).overall
    print(f"{name} (en): P={overall.precision:.3f} R={overall.recall:.3f} F1={overall.f1:.3f} "
          f"({overall.matched}/{overall.gold} gold, {overall.predicted} predicted)")
    assert overall.f1 >= FLOORS[name]
