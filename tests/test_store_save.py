"""Saving documents: one transaction per document, idempotent, full text kept; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from undeleted.errors import StoreError
from undeleted.models import Document, Event

TEXT = "Residents of Tianyu Phoenix City in Lanzhou gathered on 1 October 2022 and shouted for the lockdown to end."


def make_doc(text: str = TEXT, **fields) -> Document:
    return Document(
        text=text,
        outlet="Test Wire",
        url="https://example-news.org/a",
        published="2022-10-02",
        language="en",
        **fields,
    )


def make_event(**fields) -> Event:
    base = {
        "type": "protest",
        "date_start": "2022-10-01",
        "date_end": "2022-10-01",
        "time_precision": "day",
        "location": {"admin1": "Gansu", "admin2": "Lanzhou", "adcode": "620100", "geo_precision": "admin2"},
        "tactics": ["gathering", "chanting"],
        "cited_sources": ["Sound of Hope"],
        "hashtags": [{"tag": "#兰州#", "status": "removed", "status_date": "2022-10-03"}],
        "summary": "Residents gathered and shouted for the lockdown to end.",
        "evidence": [{"doc_id": "x", "start": 0, "end": 20}],
    }
    return Event.model_validate({**base, **fields})


def test_store_save_keeps_full_text_and_every_event(store):
    doc = make_doc()
    ids = store.save(doc, [make_event(), make_event(type="repression", tactics=[])])
    stored = store.document(doc.doc_id)
    assert len(ids) == 2 and stored["text"] == TEXT
    assert [m["event"]["type"] for m in stored["mentions"]] == ["protest", "repression"]
    assert stored["mentions"][0]["event"]["hashtags"][0]["tag"] == "#兰州#"


def test_store_save_twice_stores_nothing_twice(store):
    doc = make_doc()
    store.save(doc, [make_event()])
    assert store.save(doc, [make_event()]) == []
    assert (store.count_documents(), store.count_mentions()) == (1, 1)


def test_store_failed_save_leaves_no_half_document(store):
    doc = make_doc()
    broken = Event.model_construct(
        **{**make_event().__dict__, "date_start": make_event().date_end.replace(day=5)}
    )
    with pytest.raises(StoreError, match=doc.doc_id):
        store.save(doc, [make_event(), broken])  # the second event breaks a constraint (end before start)
    assert (store.count_documents(), store.count_mentions(), store.has_document(doc.doc_id)) == (0, 0, False)
    assert store.save(doc, [make_event()]) != []


def test_store_save_many_batches_and_skips_known(store):
    docs = [make_doc(f"{TEXT} Report {n}.") for n in range(7)]
    assert store.save_many([(doc, [make_event()]) for doc in docs[:3]], batch_size=2) == 3
    assert store.save_many([(doc, [make_event()]) for doc in docs + docs], batch_size=2) == 4
    assert store.known_doc_ids([docs[0].doc_id, "unknown"]) == {docs[0].doc_id}
    assert (store.count_documents(), store.count_mentions()) == (7, 7)


def test_store_save_many_bad_document_fails_alone(store):
    good = [make_doc(f"{TEXT} Good {n}.") for n in range(3)]
    bad = make_doc(f"{TEXT} Bad.")
    broken = Event.model_construct(
        **{**make_event().__dict__, "date_start": make_event().date_end.replace(day=9)}
    )
    with pytest.raises(StoreError):
        store.save_many([(good[0], []), (bad, [broken]), (good[1], []), (good[2], [])], batch_size=10)
    assert store.known_doc_ids(doc.doc_id for doc in [*good, bad]) == {doc.doc_id for doc in good}
