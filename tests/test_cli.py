"""The `undeleted` command through its real entry point, on the bundled samples."""

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
UNDELETED = shutil.which("undeleted", path=str(Path(sys.executable).parent)) or "undeleted"


def undeleted(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "UNDELETED_DB"}
    return subprocess.run([UNDELETED, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    """The samples run once into a fresh SQLite database in the working directory (the default URL)."""
    folder = tmp_path_factory.mktemp("cli")
    result = undeleted("run", str(SAMPLES), cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder, result


def test_cli_run_prints_summary_and_creates_default_db(sample_db):
    folder, result = sample_db
    assert (folder / "undeleted.db").exists()
    assert "documents read" in result.stdout
    assert "events" in result.stdout
    assert "protest" in result.stdout


def test_cli_rerun_stores_nothing_twice(sample_db):
    folder, _ = sample_db
    again = undeleted("run", str(SAMPLES), cwd=folder)
    assert again.returncode == 0
    newly = next(line for line in again.stdout.splitlines() if "newly stored" in line)
    assert newly.split()[-2:] == ["stored", "0"] or newly.rstrip(" │|").split()[-1] == "0"


def test_cli_export_csv_and_jsonl(sample_db):
    folder, _ = sample_db
    assert undeleted("export", "--format", "csv", "-o", "events.csv", cwd=folder).returncode == 0
    assert undeleted("export", "--format", "jsonl", "-o", "events.jsonl", cwd=folder).returncode == 0
    rows = list(csv.DictReader((folder / "events.csv").open(encoding="utf-8")))
    lines = [json.loads(line) for line in (folder / "events.jsonl").open(encoding="utf-8")]
    assert rows and len(rows) == len(lines)
    assert {"type", "date_start", "adcode", "summary"} <= set(rows[0])
    assert all(line["evidence"] for line in lines)


def test_cli_extract_writes_gold_format(tmp_path):
    out = tmp_path / "pred.jsonl"
    result = undeleted("extract", str(SAMPLES / "01-dandong-fences.txt"), "--jsonl", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in out.open(encoding="utf-8")]
    assert set(record) == {"doc", "events"}
    assert record["doc"]["published"] == "2022-06-15"
    assert any(
        event["location"]["adcode"] and event["location"]["adcode"].startswith("2106")
        for event in record["events"]
    )


def test_cli_bad_input_reported_and_exit_code(tmp_path):
    (tmp_path / "broken.jsonl").write_text("{oops\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = undeleted("run", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert result.returncode != 0
    assert "broken.jsonl:1" in result.stderr and "empty.txt" in result.stderr
    (tmp_path / "good.txt").write_text("Residents of Dandong gathered on June 13, 2022.", encoding="utf-8")
    result = undeleted("run", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert result.returncode == 0


def test_cli_eval_json_on_predictions(tmp_path):
    gold = tmp_path / "gold.jsonl"
    shutil.copy(ROOT / "tests" / "resources" / "gold_small.jsonl", gold)
    result = undeleted("eval", str(gold), "--pred", str(gold), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["overall"]["f1"] == 1.0


def command_names() -> list[str]:
    from undeleted.cli import app

    return sorted(command.name or command.callback.__name__ for command in app.registered_commands)


def test_cli_geo_lists_homonyms_with_their_provinces(tmp_path):
    result = undeleted("geo", "朝阳", cwd=tmp_path)
    assert result.returncode == 0
    assert "110105" in result.stdout and "211300" in result.stdout and "Liaoning" in result.stdout
    assert undeleted("geo", "Atlantis", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("command", command_names())
def test_cli_every_command_has_help_and_is_in_readme(command):
    result = subprocess.run([UNDELETED, command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Usage" in result.stdout
    assert f"undeleted {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_run_says_which_languages_it_cannot_read(tmp_path):
    (tmp_path / "ru.txt").write_text(
        "Жители Даньдуна вышли на протест против карантина в понедельник вечером.", encoding="utf-8"
    )
    result = undeleted("run", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no extractor for language 'ru'" in result.stdout


def test_cli_extract_refuses_a_giant_text_and_goes_on(tmp_path):
    (tmp_path / "dump.txt").write_text("Residents gathered at the gate. " * 70_000, encoding="utf-8")
    (tmp_path / "report.txt").write_text(
        "Residents of Dandong, Liaoning gathered on June 13, 2022.", encoding="utf-8"
    )
    out = tmp_path / "pred.jsonl"
    result = undeleted("extract", str(tmp_path), "--jsonl", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "dump.txt" in result.stderr and "split it into reports" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
