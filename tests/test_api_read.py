"""Read endpoints over a real SQLite store filled by the pipeline: filters, pages, one event, documents,
hashtags with history, statistics, and clear 4xx answers to bad parameters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app

from serve_data import TAG, open_filled_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_filled_store(Path(tmp_path_factory.mktemp("api-read")))
    with TestClient(create_app(store, ServeSettings())) as test_client:
        yield test_client
    store.close()


def events_of(client: TestClient, query: str) -> list[dict]:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.parametrize(
    "query, check",
    [
        ("type=protest", lambda e: e["type"] == "protest"),
        ("type=protest,repression", lambda e: e["type"] in ("protest", "repression")),
        ("type=protest&type=censorship", lambda e: e["type"] in ("protest", "censorship")),
        ("adcode=21", lambda e: e["location"]["adcode"].startswith("21")),
        ("adcode=410000", lambda e: e["location"]["adcode"].startswith("41")),
        ("adcode=2106", lambda e: e["location"]["adcode"].startswith("2106")),
        ("adcode=110105", lambda e: e["location"]["adcode"] == "110105"),
        ("date_from=2022-11-01", lambda e: e["date_start"] >= "2022-11-01"),
        ("date_to=2022-07-05", lambda e: e["date_start"] <= "2022-07-05"),
        ("credibility=alleged", lambda e: e["credibility"] == "alleged"),
    ],
)
def test_api_events_filter_keeps_only_matching_events(client, query, check):
    items = events_of(client, query)
    assert items, f"{query} matched nothing"
    assert all(check(item) for item in items)
    assert len(items) < len(events_of(client, ""))


@pytest.mark.parametrize("words", ["depositors", "丹东白血病"])
def test_api_text_search_covers_summaries_and_reports(client, words):
    items = events_of(client, f"q={words}")
    assert items and len(items) < len(events_of(client, ""))
    for item in items:
        event = client.get(f"/api/events/{item['event_id']}").json()
        assert words in event["summary"].lower() or any(
            words in doc["text"].lower() for doc in event["documents"]
        )


@pytest.mark.parametrize(
    "sort, key, descending", [("-date", "date_start", True), ("date", "date_start", False)]
)
def test_api_events_are_sorted(client, sort, key, descending):
    values = [item[key] for item in events_of(client, f"sort={sort}")]
    assert values == sorted(values, reverse=descending)


@pytest.mark.parametrize("limit", [2, 3])
def test_api_events_pages_cover_every_event_once(client, limit):
    everything = client.get("/api/events").json()
    seen = []
    for offset in range(0, everything["total"], limit):
        seen += [item["event_id"] for item in events_of(client, f"limit={limit}&offset={offset}")]
    assert sorted(seen) == sorted(item["event_id"] for item in everything["items"])
    assert len(seen) == everything["total"]


@pytest.mark.parametrize("query", ["adcode=21"])
def test_api_points_carry_coordinates_for_the_map(client, query):
    points = client.get(f"/api/events/points?{query}").json()["items"]
    assert points and all(
        point["lat"] and point["lon"] and point["adcode"].startswith("21") for point in points
    )


@pytest.mark.parametrize("query", ["q=depositors"])
def test_api_event_has_fields_reports_and_evidence(client, query):
    event_id = events_of(client, query)[0]["event_id"]
    event = client.get(f"/api/events/{event_id}").json()
    assert event["event_id"] == event_id and event["type"] and event["location"]["adcode"]
    document = event["documents"][0]
    evidence = event["evidence"][0]
    assert evidence["doc_id"] == document["doc_id"]
    assert "depositors" in document["text"][evidence["start"] : evidence["end"]]
    assert event["mentions"] and event["sources"] and event["audit"] == []


@pytest.mark.parametrize("query", ["q=lockdown", "q=话题", "q=演讲"])
def test_api_documents_search_and_show_text(client, query):
    listing = client.get(f"/api/documents?{query}").json()["items"]
    assert listing
    document = client.get(f"/api/documents/{listing[0]['doc_id']}").json()
    assert query.split("=")[1] in document["text"] and document["mentions"]


@pytest.mark.parametrize("status", [None, "removed"])
def test_api_hashtags_have_status_history(client, status):
    query = f"?status={status}" if status else ""
    tags = {item["tag"]: item for item in client.get(f"/api/hashtags{query}").json()["items"]}
    assert tags[TAG]["status"] == "removed"
    assert [step["status"] for step in tags[TAG]["history"]] == ["active", "removed"]
    assert all(step["event_id"] for step in tags[TAG]["history"])


@pytest.mark.parametrize("period, pattern_length", [("month", 7), ("week", 10)])
def test_api_stats_count_type_period_province(client, period, pattern_length):
    stats = client.get(f"/api/stats?period={period}").json()
    assert stats["total"] == client.get("/api/events").json()["total"]
    assert all(len(row["period"]) == pattern_length for row in stats["items"] if row["period"])
    liaoning = sum(row["count"] for row in stats["items"] if row["province"] == "21")
    assert liaoning == len(events_of(client, "adcode=21"))


@pytest.mark.parametrize(
    "url, words",
    [
        ("/api/events?type=riot", "type"),
        ("/api/events?credibility=certain", "credibility"),
        ("/api/events?adcode=Atlantis", "adcode"),
        ("/api/events?adcode=123", "adcode"),
        ("/api/events?date_from=2022-13-01", "date_from"),
        ("/api/events?date_from=2022-07-01&date_to=2022-06-01", "date_to"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?sort=random", "sort"),
        ("/api/events?status=gone", "status"),
        ("/api/stats?period=year", "period"),
        ("/api/hashtags?status=gone", "status"),
        ("/api/documents?limit=abc", "limit"),
        ("/api/export.csv?type=riot", "type"),
        ("/feeds/events.atom?adcode=x", "adcode"),
    ],
)
def test_api_bad_parameters_get_a_clear_4xx(client, url, words):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert words in response.json()["error"]


@pytest.mark.parametrize("url", ["/api/events/ev_missing", "/api/documents/nope"])
def test_api_unknown_ids_are_404_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "does not exist" in response.json()["error"]


def test_api_openapi_describes_every_route(client):
    spec = client.get("/api/openapi.json").json()
    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert len(operations) >= 14
    assert all(op.get("description") for op in operations)
