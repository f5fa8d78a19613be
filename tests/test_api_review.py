"""Reviewer writes: only with the token; confirm, reject, edit, merge, split; audited; kept across re-runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app
from undeleted.extract import ExtractContext
from undeleted.pipeline import run
from undeleted.store import Store

from serve_data import SAMPLES, TAG, fill_store

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Reviewer": "alice"}


@pytest.fixture
def store(store: Store, tmp_path: Path) -> Store:
    """conftest's store (SQLite and PostgreSQL), filled with the served test data."""
    fill_store(store, tmp_path)
    return store


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, ServeSettings(token=TOKEN))) as test_client:
        yield test_client


def hashtag_event_ids(client: TestClient) -> list[str]:
    """The two events of the hashtag observed twice (active, then removed), oldest first."""
    tags = {item["tag"]: item for item in client.get("/api/hashtags").json()["items"]}
    return [step["event_id"] for step in tags[TAG]["history"]]


def first_id(client: TestClient, query: str) -> str:
    return client.get(f"/api/events?{query}").json()["items"][0]["event_id"]


WRITES = [
    ("post", "/api/events/{id}/confirm", None),
    ("post", "/api/events/{id}/reject", None),
    ("patch", "/api/events/{id}", {"fields": {"type": "strike"}}),
    ("post", "/api/events/{id}/merge", {"absorb": ["ev_other"]}),
    ("post", "/api/events/{id}/split", {"mention_ids": ["m"]}),
]


@pytest.mark.parametrize("method, path, body", WRITES)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_api_writes_without_the_token_are_401_and_change_nothing(client, method, path, body, headers):
    event_id = first_id(client, "type=protest")
    before = client.get(f"/api/events/{event_id}").json()
    response = client.request(method, path.format(id=event_id), json=body, headers=headers)
    assert response.status_code == 401 and response.json()["error"]
    assert client.get(f"/api/events/{event_id}").json() == before


@pytest.mark.parametrize("method, path, body", WRITES[:1])
def test_api_writes_are_off_when_the_server_has_no_token(store, method, path, body):
    with TestClient(create_app(store, ServeSettings(token=None))) as plain:
        event_id = first_id(plain, "type=protest")
        response = plain.request(method, path.format(id=event_id), json=body, headers=AUTH)
    assert response.status_code == 403 and "UNDELETED_TOKEN" in response.json()["error"]


@pytest.mark.parametrize("action, status", [("reject", "deleted"), ("confirm", "active")])
def test_api_confirm_and_reject_are_audited(client, action, status):
    event_id = first_id(client, "type=protest")
    response = client.post(f"/api/events/{event_id}/{action}", json={"note": "checked video"}, headers=AUTH)
    assert response.status_code == 200 and response.json()["status"] == status
    event = client.get(f"/api/events/{event_id}").json()
    assert event["reviewed"] is True
    change = event["audit"][-1]
    assert (change["actor"], change["action"], change["note"]) == ("alice", action, "checked video")
    assert change["before"]["status"] == "active" and change["after"]["status"] == status
    listed = {item["event_id"] for item in client.get("/api/events?type=protest").json()["items"]}
    assert (event_id in listed) == (status == "active")


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "strike", "summary": "Workers struck."},
        {
            "location": {
                "country": "CN",
                "admin1": "Liaoning",
                "adcode": "210000",
                "lat": 41.8,
                "lon": 123.4,
                "geo_precision": "admin1",
            }
        },
    ],
)
def test_api_edit_changes_fields_and_logs_before_after(client, fields):
    event_id = first_id(client, "type=protest&adcode=21")
    before = client.get(f"/api/events/{event_id}").json()
    response = client.patch(f"/api/events/{event_id}", json={"fields": fields}, headers=AUTH)
    assert response.status_code == 200, response.text
    after = client.get(f"/api/events/{event_id}").json()
    for name, value in fields.items():
        assert after[name] == value if name != "location" else after[name]["adcode"] == value["adcode"]
        assert after["audit"][-1]["before"][name] == before[name]
    assert after["reviewed"] is True


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"type": "riot"}, "type"),
        ({"evidence": []}, "evidence"),
        ({"date_start": "2022-07-05", "date_end": "2022-07-01"}, "date_end"),
        ({}, "no fields"),
    ],
)
def test_api_bad_edits_are_400_and_change_nothing(client, fields, words):
    event_id = first_id(client, "type=protest")
    before = client.get(f"/api/events/{event_id}").json()
    response = client.patch(f"/api/events/{event_id}", json={"fields": fields}, headers=AUTH)
    assert response.status_code == 400 and words in response.json()["error"]
    assert client.get(f"/api/events/{event_id}").json() == before


def test_api_merge_moves_reports_and_leaves_a_tombstone(client):
    survivor, absorbed = hashtag_event_ids(client)
    response = client.post(f"/api/events/{survivor}/merge", json={"absorb": [absorbed]}, headers=AUTH)
    assert response.status_code == 200, response.text
    merged = client.get(f"/api/events/{survivor}").json()
    assert len(merged["documents"]) == 2 and merged["audit"][-1]["after"] == {"absorbed": [absorbed]}
    tombstone = client.get(f"/api/events/{absorbed}").json()
    assert (tombstone["status"], tombstone["merged_into"]) == ("merged", survivor)
    listed = [item["event_id"] for item in client.get("/api/events?limit=500").json()["items"]]
    assert survivor in listed and absorbed not in listed


def test_api_split_makes_a_new_reviewed_event(client):
    survivor, absorbed = hashtag_event_ids(client)
    client.post(f"/api/events/{survivor}/merge", json={"absorb": [absorbed]}, headers=AUTH)
    mention = client.get(f"/api/events/{survivor}").json()["mentions"][-1]["mention_id"]
    response = client.post(f"/api/events/{survivor}/split", json={"mention_ids": [mention]}, headers=AUTH)
    assert response.status_code == 200, response.text
    new = client.get(f"/api/events/{response.json()['new_event_id']}").json()
    assert [m["mention_id"] for m in new["mentions"]] == [mention] and new["reviewed"] is True
    assert new["audit"][-1]["after"]["split_from"] == survivor
    assert mention not in [m["mention_id"] for m in client.get(f"/api/events/{survivor}").json()["mentions"]]


@pytest.mark.parametrize(
    "path, body, status",
    [
        ("/api/events/ev_missing/confirm", None, 404),
        ("/api/events/{id}/merge", {"absorb": ["{id}"]}, 409),
        ("/api/events/{id}/merge", {"absorb": ["ev_missing"]}, 404),
        ("/api/events/{id}/merge", {"absorb": []}, 422),
        ("/api/events/{id}/split", {"mention_ids": ["not-a-mention"]}, 404),
        ("/api/events/{id}/split", {"mention_ids": ["{mention}"]}, 409),
    ],
)
def test_api_impossible_reviews_are_4xx(client, path, body, status):
    event_id = first_id(client, "type=protest")
    mention = client.get(f"/api/events/{event_id}").json()["mentions"][0]["mention_id"]
    if body:
        body = {key: [v.format(id=event_id, mention=mention) for v in value] for key, value in body.items()}
    response = client.post(path.format(id=event_id), json=body, headers=AUTH)
    assert response.status_code == status and response.json()["error"]


def test_api_machine_rerun_keeps_the_reviewers_edit(client, store, tmp_path):
    event_id = first_id(client, "type=protest&adcode=21")
    client.patch(f"/api/events/{event_id}", json={"fields": {"summary": "Reviewed by hand."}}, headers=AUTH)
    copies = tmp_path / "again"
    copies.mkdir()
    for sample in SAMPLES[:1]:
        text = sample.read_text(encoding="utf-8").replace(
            "Residents of a community", "Residents of one community"
        )
        (copies / sample.name).write_text(text, encoding="utf-8")
    run([copies], store, ExtractContext.load())
    event = client.get(f"/api/events/{event_id}").json()
    assert event["summary"] == "Reviewed by hand." and len(event["documents"]) == 1
