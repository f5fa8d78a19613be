"""Two `undeleted run` at once into one new database end equal to the same two runs one after the other.

    .venv/bin/python bench/concurrent_runs.py                   # 10 trials, SQLite
    .venv/bin/python bench/concurrent_runs.py --trials 3 --db-url postgresql+psycopg://...   # fresh PG db

The shared gold reports (dev.jsonl) are split in two files (odd and even lines), so that reports of one
event sit in both. Sequential: run A, then run B. Concurrent: both started together on a new database.
Each trial compares the events (type, dates and the set of mentions of each) and both exit codes, and
counts the runs that said they were waiting for the other writer.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "dev.jsonl"


def split_reports(gold: Path, folder: Path) -> tuple[Path, Path]:
    lines = gold.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = folder / "a.jsonl", folder / "b.jsonl"
    first.write_text("".join(lines[0::2]), encoding="utf-8")
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    return first, second


def start_run(path: Path, url: str) -> subprocess.Popen[str]:
    command = [
        str(Path(sys.executable).parent / "undeleted"),
        "run",
        str(path),
        "--db",
        url,
        "--workers",
        "1",
    ]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _out, err = process.communicate(timeout=600)
    return process.returncode, err


def events_of(url: str) -> list[tuple[object, ...]]:
    """Each active event as (type, start, end, its mention ids), sorted: what a user would compare."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT e.type, e.date_start, e.date_end, m.mention_id FROM events e "
                "JOIN mentions m ON m.event_id = e.event_id WHERE e.status = 'active'"
            )
        ).all()
        unlinked = connection.execute(
            sa.text("SELECT count(*) FROM mentions WHERE event_id IS NULL")
        ).scalar()
    engine.dispose()
    grouped: dict[tuple[object, ...], list[str]] = {}
    for kind, start, end, mention in rows:
        grouped.setdefault((kind, str(start), str(end)), []).append(mention)
    assert unlinked == 0, f"{unlinked} mentions left unlinked"
    return sorted((*key, tuple(sorted(mentions))) for key, mentions in grouped.items())


def sqlite_urls(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / name}"


def one_trial(
    first: Path, second: Path, folder: Path, trial: int, expected: list[tuple[object, ...]]
) -> dict[str, object]:
    url = sqlite_urls(folder, f"parallel-{trial}.db")
    started = time.perf_counter()
    processes = [start_run(first, url), start_run(second, url)]
    results = [finish(process) for process in processes]
    seconds = time.perf_counter() - started
    codes = [code for code, _ in results]
    waited = sum("waiting" in err for _, err in results)
    errors = [
        line for code, err in results if code != 0 for line in err.splitlines() if "error" in line.lower()
    ][:2]
    same = all(code == 0 for code in codes) and events_of(url) == expected
    return {
        "trial": trial,
        "exit": codes,
        "same": same,
        "waited": waited,
        "seconds": round(seconds, 1),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--trials", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first, second = split_reports(GOLD, folder)
        sequential = sqlite_urls(folder, "sequential.db")
        for path in (first, second):
            code, err = finish(start_run(path, sequential))
            assert code == 0, err
        expected = events_of(sequential)
        print(f"sequential: {len(expected)} events")
        results = [one_trial(first, second, folder, trial, expected) for trial in range(1, args.trials + 1)]
        for result in results:
            print(result)
        print(
            f"{sum(bool(r['same']) for r in results)} of {len(results)} trials: exit 0 both and the same "
            f"{len(expected)} events as sequential; {sum(bool(r['waited']) for r in results)} trials said a "
            "writer was waiting"
        )


if __name__ == "__main__":
    main()
