"""Publication dates for plain files: the three seed reports as plain text files, run with a manifest, give every
event a date; without one, `run` warns per file and counts the undated events; --published fills the rest."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from test_cli import undeleted

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

SEEDS = SHARED / "gold" / "seeds.jsonl"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seed0.txt .. seed2.txt (text only, as a researcher saves a page) and manifest.csv beside the folder."""
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is absent (the shared gold data sits next to the repository)")
    folder = Path(tmp_path_factory.mktemp("seeds"))
    (folder / "reports").mkdir()
    rows = []
    for number, line in enumerate(SEEDS.read_text(encoding="utf-8").splitlines()):
        doc = json.loads(line)["doc"]
        (folder / "reports" / f"seed{number}.txt").write_text(doc["text"], encoding="utf-8")
        rows.append(
            {
                "path": f"reports/seed{number}.txt",
                "published": doc["published"],
                "url": f"https://example.org/seed{number}",
                "outlet": doc["outlet"],
                "title": doc["title"],
                "language": doc["language"],
            }
        )
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def undated_events(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as connection:
        total = connection.execute("SELECT count(*) FROM events WHERE status = 'active'").fetchone()[0]
        undated = connection.execute(
            "SELECT count(*) FROM events WHERE status = 'active' AND date_start IS NULL"
        )
        return undated.fetchone()[0], total


def test_without_a_manifest_run_warns_per_file(seeds):
    result = undeleted("run", "reports", "--db", "plain.db", "--workers", "1", cwd=seeds)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("no date")]
    assert sorted(line.split()[2] for line in warnings) == [f"reports/seed{n}.txt:" for n in range(3)]
    undated, total = undated_events(seeds / "plain.db")
    assert undated > 0
    row = next(line for line in result.stdout.splitlines() if "undated" in line)
    assert row.replace("│", " ").split()[-1] == str(undated)
    assert f"events in the database │ {total}" in " ".join(result.stdout.split()).replace("│ │", "│")


def test_report_says_how_many_undated_events_the_timeline_omits(seeds):
    if not (seeds / "plain.db").exists():
        undeleted("run", "reports", "--db", "plain.db", "--workers", "1", cwd=seeds)
    result = undeleted("report", "-o", "report.html", "--db", "plain.db", cwd=seeds)
    assert result.returncode == 0, result.stderr
    html = (seeds / "report.html").read_text(encoding="utf-8")
    undated, _ = undated_events(seeds / "plain.db")
    assert f"{undated} undated event(s) not shown in the timeline" in html
    assert html.count('<td class="date">undated</td>') == undated  # listed in the table


def test_with_a_manifest_every_event_has_a_date(seeds):
    result = undeleted(
        "run", "reports", "--db", "manifest.db", "--workers", "1", "--manifest", "manifest.csv", cwd=seeds
    )
    assert result.returncode == 0, result.stderr
    assert "no date" not in result.stderr
    undated, total = undated_events(seeds / "manifest.db")
    assert total > 30 and undated == 0
    export = undeleted("export", "--format", "csv", "-o", "events.csv", "--db", "manifest.db", cwd=seeds)
    rows = list(csv.DictReader((seeds / "events.csv").open(encoding="utf-8")))
    assert export.returncode == 0 and len(rows) == total
    assert {row["outlets"] for row in rows} <= {"The BL", "What's on Weibo"}
    assert all(row["source_urls"].startswith("https://example.org/seed") and row["published"] for row in rows)


def test_published_date_for_a_whole_run(seeds):
    result = undeleted(
        "run",
        "reports/seed1.txt",
        "--db",
        "published.db",
        "--workers",
        "1",
        "--published",
        "2022-10-03",
        cwd=seeds,
    )
    assert result.returncode == 0 and "no date" not in result.stderr
    assert undated_events(seeds / "published.db")[0] == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["--published", "3 Oct 2022"], ["--published", "not an ISO date"]),
        (["--manifest", "nowhere.csv"], ["nowhere.csv", "no such file"]),
    ],
)
def test_bad_dates_and_manifests_end_in_one_line(seeds, args, words):
    result = undeleted("run", "reports", "--db", "bad.db", *args, cwd=seeds)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert all(word in result.stderr for word in words) and len(result.stderr.strip().splitlines()) == 1
