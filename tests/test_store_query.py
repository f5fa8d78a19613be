"""Reading the linked store: filters, full-text search in English and Chinese, stats, export rows, changes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from undeleted.models import Event, Record
from undeleted.store import EventQuery


@pytest.fixture
def gold_store(store, gold_dev_path: Path):
    records = [
        Record.model_validate_json(line) for line in gold_dev_path.read_text(encoding="utf-8").splitlines()
    ]
    store.save_many((record.doc, record.events) for record in records)
    store.link()
    return store


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"type": "clash"}, 6),  # 8 clash mentions, 2 cross-language pairs
        ({"adcode": "410000"}, 17),  # 23 Henan mentions, 6 linked pairs
        ({"adcode": "410100", "type": "protest"}, 2),
        ({"date_from": "2022-11-26", "date_to": "2022-11-26"}, 4),
        ({"credibility": "unverified"}, 4),
    ],
)
def test_store_events_filters(gold_store, filters, expected):
    where = EventQuery.parse(**filters)
    assert gold_store.count_events(where) == expected
    assert len(gold_store.events(where, limit=None)) == expected


@pytest.mark.parametrize(
    "query, documents, events",
    [
        ("Foxconn", 2, 0),
        ("富士康", 1, 3),
        ("中山公园", 1, 2),
        ("Zhongshan Park", 1, 3),
        ("退休", 1, 0),
    ],
)
def test_store_search_english_and_chinese(gold_store, query, documents, events):
    found = gold_store.search(query)
    assert len(found["documents"]) >= documents and len(found["events"]) >= events


def test_store_event_carries_mentions_documents_and_sources(gold_store):
    [clash] = gold_store.events(EventQuery(types=["clash"], adcode="410100"))
    event = gold_store.event(clash["event_id"])
    assert len(event["mentions"]) == 2 and len(event["documents"]) == 2
    assert {source["outlet"] for source in event["sources"]} == {"微博", "Twitter"}
    assert all(document["text"] for document in event["documents"])


def test_store_export_rows_are_schema_events(gold_store):
    rows = list(gold_store.export_events())
    assert len(rows) == gold_store.count_events() == 97
    schema_fields = set(Event.model_fields)
    for row in rows:
        Event.model_validate({key: value for key, value in row.items() if key in schema_fields})
        assert row["event_id"] and row["sources"] and row["corroboration"] >= 1


def test_store_stats_count_every_event_once(gold_store):
    stats = gold_store.count_by()
    assert sum(item["count"] for item in stats) == 97
    assert {"type": "protest", "period": "2023-02", "province": "42", "count": 2} in stats


def test_store_changes_since_lists_new_events(gold_store):
    assert len(gold_store.changes_since("2000-01-01")) == 97
    assert gold_store.changes_since(datetime.now(UTC)) == []
    assert gold_store.events(sort="-date", limit=1)[0]["date_start"] == "2025-10-10"
