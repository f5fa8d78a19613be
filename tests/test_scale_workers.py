"""The streaming local engine: worker processes give the same events as one process; re-runs store nothing.

SQLite only, on purpose: the workers extract and only the parent process writes, through the same Store calls
that run on both databases in test_store_save.py, test_store_kill.py and test_hostile_inputs.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from undeleted.cli import app
from undeleted.extract import ExtractContext
from undeleted.ingest import read_all
from undeleted.models import Document
from undeleted.pipeline import run, try_extract
from undeleted.store import Store
from undeleted.store.schema import documents, mentions
from undeleted.workers import extract_parallel

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
FIELDS = ("text", "title", "url", "outlet", "published", "language")


def write_corpus(path: Path, start: int = 0, stop: int | None = None) -> Path:
    """Gold documents as plain report objects (one per line)."""
    if not GOLD.exists():
        pytest.skip("shared gold data not present")
    docs = [
        json.loads(line)["doc"]
        for name in ("dev.jsonl", "seeds.jsonl")
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines()
    ]
    rows = [{key: doc[key] for key in FIELDS if doc.get(key)} for doc in docs[start:stop]]
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def stored_mentions(store: Store) -> list[tuple[str, int, str]]:
    query = sa.select(mentions.c.doc_id, mentions.c.ordinal, mentions.c.payload).order_by(
        mentions.c.doc_id, mentions.c.ordinal
    )
    with store.engine.connect() as connection:
        return [
            (doc_id, ordinal, json.dumps(payload, sort_keys=True))
            for doc_id, ordinal, payload in connection.execute(query)
        ]


def stored_doc_ids(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        return set(connection.execute(sa.select(documents.c.doc_id)).scalars())


@pytest.mark.parametrize("workers", [2])
def test_scale_workers_store_the_same_events_as_one_process(tmp_path: Path, workers: int) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl")
    with (
        Store.open(f"sqlite:///{tmp_path / 'one.db'}") as one,
        Store.open(f"sqlite:///{tmp_path / 'many.db'}") as many,
    ):
        single = run([corpus], one, ExtractContext.load(), workers=1)
        parallel = run([corpus], many, None, workers=workers)
        assert (parallel.read, parallel.stored, parallel.events_by_type) == (
            single.read,
            single.stored,
            single.events_by_type,
        )
        assert stored_doc_ids(many) == stored_doc_ids(one)
        assert stored_mentions(many) == stored_mentions(one)
        assert single.events > 0


@pytest.mark.parametrize("chunk_size", [1, 5])
def test_scale_extract_parallel_keeps_input_order(tmp_path: Path, chunk_size: int) -> None:
    docs = [
        item
        for item in read_all([write_corpus(tmp_path / "corpus.jsonl", 0, 12)])
        if isinstance(item, Document)
    ]
    records = list(extract_parallel(docs, try_extract, workers=2, chunk_size=chunk_size))
    assert [record.doc.doc_id for record in records] == [doc.doc_id for doc in docs]


@pytest.mark.parametrize("workers", [1, 2])
def test_scale_rerun_stores_nothing_and_extension_stores_only_new(tmp_path: Path, workers: int) -> None:
    first = write_corpus(tmp_path / "first.jsonl", 0, 20)
    second = write_corpus(tmp_path / "second.jsonl", 0, None)
    with Store.open(f"sqlite:///{tmp_path / 'events.db'}") as store:
        initial = run([first], store, None, workers=workers)
        before = stored_mentions(store)
        again = run([first], store, None, workers=workers)
        assert (again.read, again.stored, again.already_stored, again.events) == (
            initial.read,
            0,
            initial.read,
            0,
        )
        assert stored_mentions(store) == before
        extended = run([second], store, None, workers=workers)
        assert extended.already_stored == initial.read
        assert extended.stored == extended.read - initial.read > 0


def test_scale_cli_run_with_workers_then_rerun(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 0, 10)
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["run", str(corpus), "--db", database, "--workers", "2"])
    assert first.exit_code == 0, first.output
    assert re.search(r"newly stored\W+10\b", first.output)
    second = runner.invoke(app, ["run", str(corpus), "--db", database, "--workers", "2"])
    assert second.exit_code == 0, second.output
    assert re.search(r"newly stored\W+0\b", second.output) and re.search(
        r"already stored\W+10\b", second.output
    )
