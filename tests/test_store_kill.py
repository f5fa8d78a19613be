"""Crash safety of `undeleted run`: kill -9 mid-run, run again, and the database equals a clean run's.

Runs the real CLI in a subprocess on a generated corpus, on SQLite and on the real PostgreSQL server.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from undeleted.store import Store
from undeleted.store.schema import documents, events, mentions

CLI = [sys.executable, "-c", "from undeleted.cli import main; main()"]
PLACES = [
    ("Dandong", "Liaoning"),
    ("Shenzhen", "Guangdong"),
    ("Wuhan", "Hubei"),
    ("Chengdu", "Sichuan"),
    ("Zhengzhou", "Henan"),
    ("Harbin", "Heilongjiang"),
    ("Kunming", "Yunnan"),
    ("Nanjing", "Jiangsu"),
    ("Hangzhou", "Zhejiang"),
    ("Changsha", "Hunan"),
    ("Lanzhou", "Gansu"),
    ("Guiyang", "Guizhou"),
]
MONTHS = ["March", "April", "May", "June", "July", "August", "September", "October"]
STORIES = [
    "Residents of {city}, {province} gathered at the gate of their community on {month} {day}, 2022, "
    "chanting slogans against the lockdown.",
    "Workers at a garment factory in {city}, {province} went on strike on {month} {day}, 2022, over unpaid wages.",
    "Police in {city}, {province} detained {count} homeowners who protested outside the housing bureau "
    "on {month} {day}, 2022.",
]
DOCUMENTS = 480


def corpus_lines() -> list[dict[str, str]]:
    """Small reports; every other event is reported again by a second outlet in other words."""
    lines = []
    for number in range(DOCUMENTS // 2):
        city, province = PLACES[number % len(PLACES)]
        fields = {
            "city": city,
            "province": province,
            "month": MONTHS[number % len(MONTHS)],
            "day": 1 + number % 27,
            "count": 3 + number % 9,
        }
        story = STORIES[number % len(STORIES)].format(**fields)
        lines.append(
            {
                "text": f"{story} (Report {number}.)",
                "outlet": f"Outlet {number % 5}",
                "published": "2022-11-30",
                "url": f"https://example.org/a/{number}",
            }
        )
        again = f"According to witnesses, {story[0].lower()}{story[1:]} (Follow-up {number}.)"
        lines.append(
            {
                "text": again if number % 2 else f"{story} (Note {number}.)",
                "outlet": f"Outlet {5 + number % 3}",
                "published": "2022-12-01",
                "url": f"https://example.net/b/{number}",
            }
        )
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "reports.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in corpus_lines()), encoding="utf-8")
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, env=os.environ)


@pytest.fixture(scope="module")
def expected_mentions(corpus: Path) -> Counter[str]:
    """Events per doc_id, as `undeleted extract` finds them."""
    out = corpus.parent / "extracted.jsonl"
    result = cli("extract", str(corpus), "--jsonl", str(out))
    assert result.returncode == 0, result.stderr
    return Counter(
        {
            json.loads(line)["doc"]["doc_id"]: len(json.loads(line)["events"])
            for line in out.read_text(encoding="utf-8").splitlines()
        }
    )


def snapshot(url: str) -> dict[str, object]:
    """What a user sees in the database, without timestamps."""
    with Store.open(url) as store, store.engine.connect() as connection:
        docs = set(connection.execute(sa.select(documents.c.doc_id)).scalars())
        linked = set(connection.execute(sa.select(mentions.c.mention_id, mentions.c.event_id)).all())
        rows = connection.execute(
            sa.select(
                events.c.event_id,
                events.c.status,
                events.c.merged_into,
                events.c.type,
                events.c.date_start,
                events.c.adcode,
                events.c.corroboration,
                events.c.credibility,
            )
        ).all()
        return {"documents": docs, "mentions": linked, "events": set(rows)}


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The state an uninterrupted run leaves (SQLite): the reference each backend's killed run is compared to."""
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    result = cli("run", str(corpus), "--db", url, "--workers", "1")
    assert result.returncode == 0, result.stderr
    return snapshot(url)


def stored_documents(engine: sa.Engine) -> int:
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())
    except sa.exc.SQLAlchemyError:
        return 0  # tables not created yet


def run_and_kill(corpus: Path, url: str) -> int:
    """Start `undeleted run`, SIGKILL it once some (not all) documents are stored; returns how many were."""
    process = subprocess.Popen(
        [*CLI, "run", str(corpus), "--db", url, "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = sa.create_engine(url)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            count = stored_documents(engine)
            if 0 < count < DOCUMENTS:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return stored_documents(engine)
    finally:
        engine.dispose()
        if process.poll() is None:
            process.kill()


def test_store_kill_then_rerun_equals_a_clean_run(database_url, corpus, expected_mentions, clean_run):
    stored = run_and_kill(corpus, database_url)
    assert 0 < stored < DOCUMENTS

    with Store.open(database_url) as store, store.engine.connect() as connection:  # the database opens
        per_doc = Counter(
            dict(
                connection.execute(
                    sa.select(documents.c.doc_id, sa.func.count(mentions.c.mention_id))
                    .select_from(documents.outerjoin(mentions, mentions.c.doc_id == documents.c.doc_id))
                    .group_by(documents.c.doc_id)
                ).all()
            )
        )
    assert len(per_doc) == stored
    assert {doc_id: per_doc[doc_id] for doc_id in per_doc} == {
        doc_id: expected_mentions[doc_id] for doc_id in per_doc
    }

    result = cli("run", str(corpus), "--db", database_url, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert snapshot(database_url) == clean_run


def test_store_kill_rerunning_a_finished_batch_changes_nothing(database_url, corpus, clean_run):
    assert cli("run", str(corpus), "--db", database_url, "--workers", "1").returncode == 0
    before = snapshot(database_url)
    mark = datetime.now(UTC)
    result = cli("run", str(corpus), "--db", database_url, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert snapshot(database_url) == before == clean_run
    with Store.open(database_url) as store:
        assert store.changes_since(mark) == []
        assert store.count_mentions(linked=False) == 0
