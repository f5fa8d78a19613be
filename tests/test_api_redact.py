"""`undeleted serve --redact`: no private person's name in any JSON, CSV, GeoJSON, Atom or HTML answer, the
official's name kept, evidence offsets still marking the same words, review writes refused; plain mode as before."""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app
from undeleted.export.redact import Redactor
from undeleted.store import Store

from redact_data import OFFICIAL, PLACEHOLDER, PRIVATE, names_as_placeholders, open_redaction_store

UNDELETED = shutil.which("undeleted", path=str(Path(sys.executable).parent)) or "undeleted"
LISTS = [
    "/api/events?status=active,deleted,merged&limit=500",
    "/api/events/points",
    "/api/documents",
    "/api/hashtags",
    "/api/stats",
    "/api/export.csv",
    "/api/export.geojson",
    "/api/export.jsonl",
    "/api/export.acled",
    "/feeds/events.atom",
    "/",
]
MARK = re.compile(r'<mark class="evidence">(.*?)</mark>', re.DOTALL)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """SQLite only, on purpose: one filled store shared by the module's many requests (redaction works on the
    answers, not in SQL; the queries behind them run on both databases in test_store_query.py and
    test_api_review.py)."""
    store = open_redaction_store(Path(tmp_path_factory.mktemp("api-redact")))
    yield store
    store.close()


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor.load()


@pytest.fixture(scope="module")
def clients(store: Store, redactor: Redactor) -> Iterator[dict[bool, TestClient]]:
    """Two apps over the same store: plain, and redacted (a reviewers' token is set in both)."""
    plain = create_app(store, ServeSettings(token="secret"))
    redacted = create_app(store, ServeSettings(token="secret", redact=True), redactor=redactor)
    with TestClient(plain) as plain_client, TestClient(redacted) as redacted_client:
        yield {False: plain_client, True: redacted_client}


def stored_ids(store: Store) -> tuple[list[str], list[str]]:
    events = [row["event_id"] for row in store_events(store)]
    documents = [row["doc_id"] for row in store.documents(text=None, limit=500, offset=0)]
    return events, documents


def store_events(store: Store) -> list[dict]:
    return list(store.export_events())


def every_answer(client: TestClient, store: Store) -> dict[str, str]:
    """The body of every read endpoint and page, for every event and document of the store."""
    events, documents = stored_ids(store)
    paths = [
        *LISTS,
        *(f"/api/events/{e}" for e in events),
        *(f"/api/events/{e}/censorship" for e in events),
        *(f"/events/{e}" for e in events),
        *(f"/api/documents/{d}" for d in documents),
    ]
    answers = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        answers[path] = response.text
    return answers


def seen(body: str) -> str:
    """A body as a reader sees it (HTML and XML entities decoded; JSON is written with ensure_ascii off)."""
    return html.unescape(body)


@pytest.mark.parametrize("name", PRIVATE)
def test_api_redact_no_private_name_in_any_answer(clients, store, name):
    answers = every_answer(clients[True], store)
    leaks = [path for path, body in answers.items() if name in seen(body)]
    assert leaks == []
    assert any(PLACEHOLDER.search(body) for body in answers.values())


@pytest.mark.parametrize(
    "path_of",
    [
        lambda event_id: f"/api/events/{event_id}",
        lambda event_id: f"/events/{event_id}",
        lambda _: "/feeds/events.atom",
        lambda _: "/api/export.csv",
    ],
)
def test_api_redact_keeps_the_officials_name(clients, store, path_of):
    official = next(row["event_id"] for row in store_events(store) if OFFICIAL in (row["summary"] or ""))
    assert OFFICIAL in clients[True].get(path_of(official)).text


@pytest.mark.parametrize("name", PRIVATE)
def test_api_plain_mode_still_shows_names(clients, store, name):
    answers = every_answer(clients[False], store)
    assert any(name in seen(body) for body in answers.values())
    assert not any(PLACEHOLDER.search(body) for body in answers.values())


def evidence_items(event: dict) -> Iterator[dict]:
    yield from event.get("evidence") or []
    for source in event.get("sources") or []:
        yield from source.get("evidence") or []
    for mention in event.get("mentions") or []:
        yield from (mention.get("event") or {}).get("evidence") or []


@pytest.mark.parametrize("kind", ["event", "document"])
def test_api_redact_evidence_offsets_mark_the_same_words(clients, store, kind):
    events, documents = stored_ids(store)
    checked = 0
    for subject in events if kind == "event" else documents:
        plain = clients[False].get(f"/api/{kind}s/{subject}").json()
        redacted = clients[True].get(f"/api/{kind}s/{subject}").json()
        plain_texts = {d["doc_id"]: d["text"] for d in plain.get("documents") or [plain]}
        redacted_texts = {d["doc_id"]: d["text"] for d in redacted.get("documents") or [redacted]}
        for before, after in zip(evidence_items(plain), evidence_items(redacted), strict=True):
            passage = plain_texts[before["doc_id"]][before["start"] : before["end"]]
            moved = redacted_texts[after["doc_id"]][after["start"] : after["end"]]
            assert names_as_placeholders(passage).fullmatch(moved), (passage, moved)
            checked += passage != moved
    assert checked >= 3  # passages holding a name, whose offsets had to move


def test_api_redact_one_placeholder_per_person_within_a_response(clients):
    event_id = clients[False].get("/api/events?q=sit-in").json()["items"][0]["event_id"]
    event = clients[True].get(f"/api/events/{event_id}").json()
    label = event["actors"][0]["name"]
    assert PLACEHOLDER.fullmatch(label)
    assert f"A resident, {label}, led a sit-in" in event["summary"]
    assert f"A resident, {label}, led a sit-in" in event["documents"][0]["text"]
    assert event["actors"][1]["name"] == "Mayor Han Jianjun"
    assert event["sources"][0]["outlet"] == "Radio Free Asia"
    handles = [PLACEHOLDER.search(cited).group(0) for cited in event["cited_sources"]]
    assert len({label, *handles}) == 3


def test_api_redact_event_page_highlights_redacted_evidence(clients):
    event_id = clients[False].get("/api/events?q=sit-in").json()["items"][0]["event_id"]
    plain_marks = [
        html.unescape(mark) for mark in MARK.findall(clients[False].get(f"/events/{event_id}").text)
    ]
    page = clients[True].get(f"/events/{event_id}").text
    marks = [html.unescape(mark) for mark in MARK.findall(page)]
    assert len(marks) == len(plain_marks) == 2
    for before, after in zip(plain_marks, marks, strict=True):
        assert names_as_placeholders(before).fullmatch(after) and PLACEHOLDER.search(after)
    assert 'id="edit-form"' not in page and "review writes are off" in page.lower()
    assert 'id="redacted-note"' in page


@pytest.mark.parametrize(
    "method, suffix, body",
    [
        ("POST", "/confirm", {}),
        ("POST", "/reject", {"note": "x"}),
        ("PATCH", "", {"fields": {"summary": "x"}}),
    ],
)
def test_api_redact_review_writes_are_refused(clients, store, method, suffix, body):
    event_id = stored_ids(store)[0][0]
    response = clients[True].request(
        method, f"/api/events/{event_id}{suffix}", json=body, headers={"Authorization": "Bearer secret"}
    )
    assert response.status_code == 403 and "redacted mode" in response.json()["error"]
    assert clients[False].get(f"/api/events/{event_id}").json()["reviewed"] is False


@pytest.mark.parametrize("value, expected", [("1", True), ("true", True), ("0", False), ("", False)])
def test_api_redact_mode_from_environment(monkeypatch, value, expected):
    monkeypatch.setenv("UNDELETED_REDACT", value)
    assert ServeSettings.from_env().redact is expected
    assert ServeSettings.from_env(redact=True).redact is True


@pytest.mark.parametrize("flag", ["--redact"])
def test_api_redact_serve_command_answers_redacted(store, flag):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key not in ("UNDELETED_DB", "UNDELETED_REDACT")}
    server = subprocess.Popen(
        [UNDELETED, "serve", "--db", store.url, "--port", str(port), flag],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        body = wait_for(f"http://127.0.0.1:{port}/api/export.jsonl", server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert OFFICIAL in body and PLACEHOLDER.search(body)
    assert not [name for name in PRIVATE if name in body]


def wait_for(url: str, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            return httpx.get(url, timeout=30).text
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("serve did not answer within 120 s")
