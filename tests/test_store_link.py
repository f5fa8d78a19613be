"""Linking in the store: incremental, stable ids, tombstones, reviewed events, the gold pairs; both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from undeleted.models import Document, Event, Record
from undeleted.store import EventQuery
from undeleted.store.schema import events as events_table


def make_doc(name: str, outlet: str) -> Document:
    return Document(
        text=f"Report {name} about residents gathering at Wulumuqi Road.",
        outlet=outlet,
        published="2022-11-28",
        language="en",
    )


def make_event(**fields) -> Event:
    base = {
        "type": "protest",
        "date_start": "2022-11-26",
        "date_end": "2022-11-26",
        "time_precision": "day",
        "location": {
            "admin1": "Shanghai",
            "adcode": "310104",
            "geo_precision": "admin3",
            "place": "Wulumuqi Road",
        },
        "actors": [{"name": "residents", "kind": "residents", "role": "initiator"}],
        "tactics": ["gathering"],
        "summary": "Residents held a vigil on Wulumuqi Road.",
    }
    return Event.model_validate({**base, **fields})


def test_store_link_attaches_a_new_report_to_the_existing_event(store):
    store.save(make_doc("a", "Outlet A"), [make_event()])
    store.link()
    [first] = store.events()
    store.save(
        make_doc("b", "Outlet B"), [make_event(location={"adcode": "310104", "place": "乌鲁木齐中路"})]
    )
    report = store.link()
    [event] = store.events()
    assert (report.mentions_linked, report.events_created, report.events_updated) == (1, 0, 1)
    assert event["event_id"] == first["event_id"]
    assert (event["corroboration"], event["credibility"], len(event["sources"])) == (2, "confirmed", 2)


def test_store_link_rerun_changes_nothing(store):
    store.save(make_doc("a", "Outlet A"), [make_event()])
    store.save(make_doc("b", "Outlet B"), [make_event()])
    store.link()
    before = store.events()
    report = store.link()
    assert report.mentions_linked == 0 and store.events() == before


def test_store_link_merge_keeps_oldest_id_and_leaves_a_tombstone(store):
    store.save(make_doc("a", "Outlet A"), [make_event()])
    store.link()
    police = [{"name": "police", "kind": "police", "role": "responder"}]
    store.save(
        make_doc("b", "Outlet B"),
        [
            make_event(
                date_start="2022-11-27",
                date_end="2022-11-27",
                actors=police,
                tactics=["marching"],
                location={"adcode": "310104"},
            )
        ],
    )
    store.link()
    older, younger = sorted(store.events(), key=lambda e: e["created_at"] + e["event_id"])
    mark = datetime.now(UTC)
    # A third report spans both days and both descriptions: it bridges the two events, which become one.
    both = [*make_event().actors, *police]
    store.save(
        make_doc("c", "Outlet C"),
        [
            make_event(
                date_start="2022-11-26",
                date_end="2022-11-27",
                actors=both,
                tactics=["gathering", "marching"],
                location={"adcode": "310104"},
            )
        ],
    )
    report = store.link()
    assert report.events_merged == 1
    [survivor] = store.events()
    assert survivor["event_id"] == older["event_id"] and len(survivor["sources"]) == 3
    changes = {change["event_id"]: change for change in store.changes_since(mark)}
    assert changes[younger["event_id"]]["change"] == "tombstone"
    assert changes[younger["event_id"]]["merged_into"] == older["event_id"]
    assert changes[older["event_id"]]["change"] == "upsert"
    assert store.event(younger["event_id"])["status"] == "merged"


def test_store_link_leaves_reviewed_events_alone(store):
    store.save(make_doc("a", "Outlet A"), [make_event()])
    store.link()
    [reviewed] = store.events()
    with store.engine.begin() as connection:
        connection.execute(sa.update(events_table).values(reviewed=True))
    store.save(make_doc("b", "Outlet B"), [make_event()])
    store.link()
    assert len(store.event(reviewed["event_id"])["mentions"]) == 1
    assert store.count_events() == 2


def test_store_link_gold_pairs_end_as_one_event_with_both_reports(store, gold_dev_path: Path):
    records = [
        Record.model_validate_json(line) for line in gold_dev_path.read_text(encoding="utf-8").splitlines()
    ]
    store.save_many((record.doc, record.events) for record in records)
    store.link()
    assert (store.count_mentions(), store.count_events()) == (112, 97)
    foxconn = {r.doc.doc_id for r in (records[2], records[3])}
    clashes = store.events(EventQuery(types=["clash"], adcode="410100"))
    assert len(clashes) == 1 and {s["doc_id"] for s in clashes[0]["sources"]} == foxconn
