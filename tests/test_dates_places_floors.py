"""Floors on date and place accuracy over the gold sets (issue 15), and `undeleted eval` printing them.

Measured on dev + seeds after issue 15: exact start date 0.908, exact place 0.957 on matched events,
prefecture right 1.000 on gold events found by type and date (bars 0.90, 0.93, 0.97; the place floors
are in test_geo_events_gold.py). Raise only."""

import subprocess
import sys
from pathlib import Path

import pytest

from undeleted.extract import extract_events
from undeleted.models import Record
from undeleted.score import score

from floors import floor

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
SETS = {  # gold files scored together → the name of their floors ([dates_places] in tests/floors.toml)
    ("dev.jsonl", "seeds.jsonl"): "dev_seeds",
    ("real-hk-en.jsonl",): "real_hk_en",
}
CASES = [(files, measure) for files in SETS for measure in ("date_start_exact", "location_exact")]


@pytest.fixture(scope="module")
def measured(context) -> dict[tuple[str, ...], dict[str, float | None]]:
    found: dict[tuple[str, ...], dict[str, float | None]] = {}
    for files in SETS:
        paths = [GOLD / name for name in files]
        if not all(path.exists() for path in paths):
            continue
        gold = [
            Record.model_validate_json(line)
            for path in paths
            for line in path.read_text(encoding="utf-8").splitlines()
            if line
        ]
        predicted = [Record(doc=record.doc, events=extract_events(record.doc, context)) for record in gold]
        found[files] = score(gold, predicted).as_dict()["attributes"]  # type: ignore[assignment]
    return found


@pytest.mark.parametrize("files, measure", CASES)
def test_gold_dates_and_places_reach_floor(measured, files, measure):
    if files not in measured:
        pytest.skip(f"gold files {files} not present under {GOLD}")
    value = measured[files][measure]
    print(f"{'+'.join(files)} {measure}: {value:.4f}")
    assert value is not None and value >= floor(f"dates_places.{SETS[files]}_{measure}")


def test_eval_prints_when_and_where():
    gold = GOLD / "seeds.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    command = Path(sys.executable).parent / "undeleted"  # the installed entry point
    done = subprocess.run([str(command), "eval", str(gold)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("when and where:"))
    assert "exact start date 0." in line and "exact place" in line and "prefecture right" in line
