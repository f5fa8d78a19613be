"""A database made at the first schema revision upgrades in place when opened, keeping its data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from undeleted.store import Store
from undeleted.store.migrate import current_revision, head_revision, upgrade
from undeleted.store.store import make_engine


def test_store_opens_an_old_database_and_upgrades_it_without_losing_data(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO documents (doc_id, outlet, published, date_source, language, text, added_at) "
                "VALUES ('d1', 'Old Wire', :day, 'metadata', 'en', 'Workers at the Foxconn campus walked out.', :now)"
            ),
            {"day": date(2022, 10, 30), "now": now},
        )
        connection.execute(
            sa.text(
                "INSERT INTO events (event_id, type, date_start, date_end, adcode, summary, place, created_at, "
                "updated_at) VALUES ('ev_old', 'defiance', :day, :day, '410100', 'Workers walked out of the campus.',"
                " 'iPhone campus', :now, :now)"
            ),
            {"day": date(2022, 10, 30), "now": now},
        )
    assert current_revision(engine) == "0001"
    engine.dispose()
    with Store.open(database_url) as store:
        assert current_revision(store.engine) == head_revision() != "0001"
        assert store.document("d1")["text"] == "Workers at the Foxconn campus walked out."
        assert [doc["doc_id"] for doc in store.search("Foxconn")["documents"]] == ["d1"]
        assert [event["event_id"] for event in store.search("walked")["events"]] == ["ev_old"]


def test_store_open_twice_is_harmless(database_url):
    with Store.open(database_url) as store:
        head = current_revision(store.engine)
    with Store.open(database_url) as store:
        assert current_revision(store.engine) == head and store.count_documents() == 0
