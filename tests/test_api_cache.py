"""The API's response cache: a repeated list query is answered from memory, and any write (a reviewer's, or
another process's on the same SQLite file) shows in the very next answer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app
from undeleted.store import Store

from serve_data import open_filled_store

TOKEN = "cache-token"
LIST = "/api/events?limit=50&type=protest"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = open_filled_store(tmp_path)
    yield store
    store.close()


def count_pages(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the store's list queries (one entry per call)."""
    calls: list[int] = []
    original = store.event_page

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(store, "event_page", counted)
    return calls


def test_a_repeated_list_query_is_answered_from_memory(store, monkeypatch):
    calls = count_pages(store, monkeypatch)
    with TestClient(create_app(store, ServeSettings())) as client:
        first, second = client.get(LIST), client.get(LIST)
        other = client.get("/api/events?limit=50&type=repression")
    assert other.status_code == 200 and other.content != first.content
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.json()["items"]
    assert "content-security-policy" in second.headers  # a cached answer keeps the security headers
    assert second.headers["content-type"] == "application/json"
    assert len(calls) == 2  # the protest list once, the repression list once


def test_a_write_by_another_process_shows_in_the_next_answer(store, monkeypatch):
    database = store.engine.url.database
    with TestClient(create_app(store, ServeSettings())) as client:
        event = client.get(LIST).json()["items"][0]
        client.get(LIST)  # cached now
        change = (
            "import sqlite3, sys; connection = sqlite3.connect(sys.argv[1]); "
            "connection.execute('UPDATE events SET summary = ? WHERE event_id = ?', "
            "('changed by another process', sys.argv[2])); connection.commit()"
        )
        subprocess.run([sys.executable, "-c", change, database, event["event_id"]], check=True)
        after = {item["event_id"]: item for item in client.get(LIST).json()["items"]}
    assert after[event["event_id"]]["summary"] == "changed by another process"


def test_a_reviewer_write_shows_in_the_next_answer(store):
    with TestClient(create_app(store, ServeSettings(token=TOKEN))) as client:
        event = client.get(LIST).json()["items"][0]
        assert not event["reviewed"]
        client.get(LIST)
        confirmed = client.post(
            f"/api/events/{event['event_id']}/confirm",
            headers={"Authorization": f"Bearer {TOKEN}", "X-Reviewer": "alice"},
        )
        assert confirmed.status_code == 200, confirmed.text
        after = {item["event_id"]: item for item in client.get(LIST).json()["items"]}
    assert after[event["event_id"]]["reviewed"] is True


def test_without_the_cache_every_request_reads_the_store(store, monkeypatch):
    calls = count_pages(store, monkeypatch)
    with TestClient(create_app(store, ServeSettings(cache=False))) as client:
        assert client.get(LIST).content == client.get(LIST).content
    assert len(calls) == 2


def test_bad_requests_and_other_pages_are_not_kept(store, monkeypatch):
    calls = count_pages(store, monkeypatch)
    with TestClient(create_app(store, ServeSettings())) as client:
        for _ in range(2):
            assert client.get("/api/events?type=bogus").status_code == 400
            assert client.get("/api/events?limit=5&offset=1").status_code == 200
            dashboard = client.get("/")
            assert dashboard.status_code == 200 and "text/html" in dashboard.headers["content-type"]
    assert len(calls) == 1  # the good list query once, then from memory; the 400 never reached the store
