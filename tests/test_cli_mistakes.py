"""Everyday mistakes end in one short line naming the thing and what to do, with a non-zero exit and no
traceback; nothing is created by a mistyped database path."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import SAMPLES, undeleted


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sample run into a database given as a plain file path (no sqlite:/// URL)."""
    here = Path(tmp_path_factory.mktemp("mistakes"))
    result = undeleted(
        "run", str(SAMPLES / "01-dandong-fences.txt"), "--db", "plain.db", "--workers", "1", cwd=here
    )
    assert result.returncode == 0, result.stderr
    assert (here / "plain.db").is_file()
    (here / "reports").mkdir()
    export = undeleted("export", "--format", "jsonl", "-o", "export.jsonl", "--db", "plain.db", cwd=here)
    assert export.returncode == 0, export.stderr
    return here


def assert_plain_failure(result, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Background on this error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


MISTAKES = {
    "export into a missing folder": (
        ["export", "--format", "csv", "-o", "missing/events.csv", "--db", "plain.db"],
        ["missing", "does not exist"],
    ),
    "export onto a folder": (
        ["export", "--format", "acled", "-o", "reports", "--db", "plain.db"],
        ["reports", "is a folder"],
    ),
    "report into a missing folder": (
        ["report", "-o", "missing/report.html", "--db", "plain.db"],
        ["missing", "does not exist"],
    ),
    "report onto a folder": (["report", "-o", "reports", "--db", "plain.db"], ["is a folder"]),
    "extract into a missing folder": (
        ["extract", str(SAMPLES / "01-dandong-fences.txt"), "--jsonl", "missing/out.jsonl"],
        ["missing", "does not exist"],
    ),
    "eval of a missing gold file": (["eval", "gold-typo.jsonl"], ["gold-typo.jsonl", "no such file"]),
    "eval of an export file": (["eval", "export.jsonl"], ["export.jsonl:1", "export"]),
    "export from a mistyped SQLite URL": (
        ["export", "--format", "csv", "-o", "e.csv", "--db", "sqlite:///plian.db"],
        ["plian.db", "does not exist"],
    ),
    "report from a mistyped SQLite path": (["report", "-o", "r.html", "--db", "plian.db"], ["plian.db"]),
    "serve a mistyped SQLite path": (
        ["serve", "--db", "plian.db", "--port", "1"],
        ["plian.db", "does not exist"],
    ),
    "export from a file that is not a database": (
        ["export", "--format", "csv", "-o", "e.csv", "--db", "export.jsonl"],
        ["export.jsonl", "not a database"],
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_ends_in_one_plain_line(folder, mistake):
    args, words = MISTAKES[mistake]
    result = undeleted(*args, cwd=folder)
    assert_plain_failure(result, *words)
    assert not (folder / "plian.db").exists() and not (folder / "missing").exists()


def test_plain_file_path_works_as_db(folder):
    result = undeleted("export", "--format", "csv", "-o", "plain.csv", "--db", "plain.db", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "plain.csv").read_text(encoding="utf-8").count("\n") > 1
