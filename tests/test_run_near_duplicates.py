"""Near-duplicate reports (the same text but a line) are one report: `run` names them, stores them, and the
events come out once, each with one report."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from test_cli import SAMPLES, undeleted

from undeleted.ingest.near_duplicates import NearDuplicates, differ_by_a_line, line_hashes, new_mentions
from undeleted.models import Document, Event, Evidence, Location

BODY = (SAMPLES / "01-dandong-fences.txt").read_text(encoding="utf-8").split("---\n", 2)[2]


@pytest.mark.parametrize(
    "other, same",
    [
        (BODY + "\nUpdated 16 June 2022, 10:05.", True),  # a line added
        (
            BODY.replace("Sign up to receive our latest news!", "Subscribe to our newsletter."),
            True,
        ),  # a line changed
        ("Mirror copy of 15 June.\n" + BODY, True),  # a line added at the top
        (
            BODY.replace("Police arrived later", "Police came later").replace("Sign up", "Log in"),
            False,
        ),  # two lines
        ("Residents protested in Lanzhou.\nPolice came.\nSign up to receive our latest news!", False),
    ],
)
def test_near_duplicate_means_all_but_one_line(other, same):
    assert differ_by_a_line(line_hashes(BODY), line_hashes(other)) is same
    tracker = NearDuplicates()
    assert tracker.original_of(Document(text=BODY), "a.txt") is None
    found = tracker.original_of(Document(text=other), "b.txt")
    assert (found is not None and found.source == "a.txt") is same


def told(text: str, sentence: str, kind: str = "repression", day: int = 13) -> Event:
    """A mention of `kind` on 2022-06-`day` in Dandong, its evidence `sentence` in `text`."""
    start = text.index(sentence)
    return Event(
        type=kind,
        date_start=f"2022-06-{day}",
        date_end=f"2022-06-{day}",
        location=Location(adcode="210603"),
        evidence=[Evidence(doc_id=Document(text=text).doc_id, start=start, end=start + len(sentence))],
    )


def test_a_near_duplicate_drops_only_the_mentions_its_original_tells():
    police = "Police arrived later that evening and took away at least three people."
    added = "On Tuesday police detained two of the organisers in Dandong."
    copy = f"{BODY}\n{added}\n"
    tracker = NearDuplicates()
    assert tracker.original_of(Document(text=BODY), "a.txt", events=[told(BODY, police)]) is None
    original = tracker.original_of(Document(text=copy), "b.txt")
    assert original is not None
    same, new = told(copy, police), told(copy, added, day=14)
    same_day_new_line = told(copy, added)  # type, date and place of the original's, but told by the new line
    other_type = told(copy, police, kind="protest")
    events = [same, new, same_day_new_line, other_type]
    assert new_mentions(copy, events, line_hashes(copy), original) == [new, same_day_new_line, other_type]
    changed = BODY.replace(police, "Police arrived later and took away at least three people.")
    again = tracker.original_of(Document(text=changed), "c.txt")
    assert again is not None and again.doc_id == original.doc_id
    in_changed_line = told(changed, "Police arrived later and took away at least three people.")
    assert new_mentions(changed, [in_changed_line], line_hashes(changed), again) == [in_changed_line]


def test_run_links_near_duplicates_as_one_report(tmp_path: Path):
    reports = tmp_path / "reports"
    reports.mkdir()
    header = "---\npublished: 2022-06-15\noutlet: Northeast Watch\n---\n"
    for number in range(5):
        (reports / f"copy{number}.txt").write_text(
            f"{header}{BODY}\nRetrieved at 10:0{number}.\n", encoding="utf-8"
        )
    single = tmp_path / "single"
    single.mkdir()
    (single / "copy0.txt").write_text((reports / "copy0.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = undeleted("run", str(reports), "--db", "copies.db", "--workers", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    repeated = [line for line in result.stderr.splitlines() if line.startswith("near-duplicate")]
    assert len(repeated) == 4 and all("copy0.txt but for a line" in line for line in repeated)
    alone = undeleted("run", str(single), "--db", "single.db", "--workers", "1", cwd=tmp_path)
    assert alone.returncode == 0
    with sqlite3.connect(tmp_path / "copies.db") as copies, sqlite3.connect(tmp_path / "single.db") as one:
        assert copies.execute("SELECT count(*) FROM documents").fetchone()[0] == 5  # every report is kept
        count = "SELECT count(*) FROM events WHERE status = 'active'"
        assert copies.execute(count).fetchone()[0] == one.execute(count).fetchone()[0] > 0
    export = undeleted("export", "--format", "csv", "-o", "events.csv", "--db", "copies.db", cwd=tmp_path)
    assert export.returncode == 0
    rows = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert rows and all(" | " not in row["documents"] and row["corroboration"] == "1" for row in rows)


def test_run_names_near_duplicates_of_reports_stored_by_an_earlier_run(tmp_path: Path):
    header = "---\npublished: 2022-06-15\nurl: https://example.org/fences\n---\n"
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    (first / "a.txt").write_text(f"{header}{BODY}", encoding="utf-8")
    (later / "b.txt").write_text(f"{header}{BODY}\nUpdated 16 June.\n", encoding="utf-8")
    assert undeleted("run", str(first), "--db", "runs.db", cwd=tmp_path).returncode == 0
    result = undeleted("run", str(later), "--db", "runs.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "repeats the stored report https://example.org/fences but for a line" in " ".join(
        result.stderr.split()
    )
    rows = {" ".join(line.strip("│ ").split("│")[0].split()): line for line in result.stdout.splitlines()}
    assert rows["of reports stored by earlier runs"].split("│")[-2].strip() == "1"
    assert rows["mentions (events found in reports)"].split("│")[-2].strip() == "0"
