"""The store's side of linking: load the mentions to compare, run the pure linker, write the events."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from undeleted.link import Cluster, LinkOptions, MentionRecord, cluster_mentions, mention_from_event, merge_mentions
from undeleted.link.features import Mention
from undeleted.models import Event
from undeleted.store.tables import audit_log, documents, events, mentions
from undeleted.store.writing import location_columns

CHUNK = 500
LOOKAROUND = timedelta(days=8)


@dataclass
class LinkReport:
    """What one call of Store.link changed."""

    mentions_linked: int = 0
    events_created: int = 0
    events_updated: int = 0
    events_merged: int = 0


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def new_event_id(cluster: Cluster) -> str:
    """Derived from the cluster's first mention, so that the same input always gives the same ids."""
    return "ev_" + hashlib.sha256(cluster.mention_ids[0].encode("utf-8")).hexdigest()[:24]


def load_unlinked(connection: sa.Connection) -> list[tuple[str, str, Event]]:
    rows = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.doc_id, mentions.c.payload)
        .where(mentions.c.event_id.is_(None))
        .order_by(mentions.c.mention_id)
    )
    return [(row.mention_id, row.doc_id, Event.model_validate(row.payload)) for row in rows]


def load_neighbours(connection: sa.Connection, fresh: Sequence[Mention]) -> list[Mention]:
    """Linked mentions of active events in the blocks (type x country x province) and date range of `fresh`."""
    ranges: dict[tuple[str, str, str | None], tuple[int, int]] = {}
    for mention in fresh:
        if mention.start is None or mention.end is None:
            continue
        key = (mention.type, mention.country, mention.area[0])
        low, high = ranges.get(key, (mention.start, mention.end))
        ranges[key] = (min(low, mention.start), max(high, mention.end))
    found: list[Mention] = []
    for (kind, country, province), (low, high) in ranges.items():
        province_match = mentions.c.province_key.is_(None) if province is None else mentions.c.province_key == province
        query = (
            sa.select(mentions.c.mention_id, mentions.c.doc_id, mentions.c.payload, events.c.event_id,
                      events.c.reviewed, events.c.created_at)
            .join(events, events.c.event_id == mentions.c.event_id)
            .where(
                events.c.status == "active",
                mentions.c.type == kind,
                mentions.c.country == country,
                province_match,
                mentions.c.date_end >= datetime.fromordinal(low).date() - LOOKAROUND,
                mentions.c.date_start <= datetime.fromordinal(high).date() + LOOKAROUND,
            )
        )
        for row in connection.execute(query):
            event = Event.model_validate(row.payload)
            found.append(
                mention_from_event(row.mention_id, row.doc_id, event, row.event_id, bool(row.reviewed),
                                   f"{row.created_at.isoformat()}")
            )
    return found


def load_records(connection: sa.Connection, event_ids: Sequence[str]) -> dict[str, list[MentionRecord]]:
    """Every mention of these events, with its document's outlet, url and date."""
    grouped: dict[str, list[MentionRecord]] = defaultdict(list)
    for batch in chunks(list(event_ids)):
        query = (
            sa.select(mentions.c.event_id, mentions.c.mention_id, mentions.c.doc_id, mentions.c.payload,
                      documents.c.outlet, documents.c.url, documents.c.published)
            .join(documents, documents.c.doc_id == mentions.c.doc_id)
            .where(mentions.c.event_id.in_(batch))
            .order_by(mentions.c.mention_id)
        )
        for row in connection.execute(query):
            grouped[row.event_id].append(
                MentionRecord(row.mention_id, row.doc_id, Event.model_validate(row.payload), row.outlet, row.url,
                              row.published)
            )
    return grouped


def search_text(records: Sequence[MentionRecord]) -> str:
    """What full-text search sees of an event: every mention's summary and place."""
    parts = [part for r in records for part in (r.event.summary, r.event.location.place) if part]
    return " ".join(dict.fromkeys(parts))


def event_row(event_id: str, records: Sequence[MentionRecord], official: frozenset[str], now: datetime) -> dict[str, Any]:
    merged = merge_mentions(records, official)
    location = merged["location"]
    event = Event.model_validate({k: v for k, v in merged.items() if k not in ("corroboration", "sources")})
    return {
        "event_id": event_id,
        "type": merged["type"],
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": merged["time_precision"],
        **location_columns(event),
        "admin1": location["admin1"],
        "admin2": location["admin2"],
        "admin3": location["admin3"],
        "place": location["place"],
        "lat": location["lat"],
        "lon": location["lon"],
        "geo_precision": location["geo_precision"],
        "credibility": merged["credibility"],
        "corroboration": merged["corroboration"],
        "summary": merged["summary"],
        "payload": merged,
        "updated_at": now,
        "search_text": search_text(records),
    }


def write_clusters(
    connection: sa.Connection, clusters: Iterable[Cluster], official: frozenset[str], now: datetime
) -> LinkReport:
    report = LinkReport()
    created: list[dict[str, Any]] = []
    updated: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    for batch in chunks(list(clusters)):
        ids = {cluster: cluster.event_id or new_event_id(cluster) for cluster in batch}
        for cluster, event_id in ids.items():
            assignments.extend({"m": mention_id, "e": event_id} for mention_id in cluster.new_mention_ids)
            if cluster.event_id is None:  # a stub row so mentions can point at it; filled below, same transaction
                created.append({"event_id": event_id, "status": "active", "reviewed": False, "created_at": now,
                                "type": "", "corroboration": 0, "updated_at": now})
            for absorbed in cluster.absorbed:
                connection.execute(mentions.update().where(mentions.c.event_id == absorbed).values(event_id=event_id))
                connection.execute(events.update().where(events.c.event_id == absorbed)
                                   .values(status="merged", merged_into=event_id, updated_at=now))
                connection.execute(audit_log.insert().values(event_id=absorbed, actor="linker", at=now, action="merge",
                                                             before={"status": "active"},
                                                             after={"status": "merged", "merged_into": event_id}))
                report.events_merged += 1
            report.mentions_linked += len(cluster.new_mention_ids)
        if created:
            connection.execute(events.insert(), created)
            report.events_created += len(created)
            created = []
        if assignments:
            connection.execute(mentions.update().where(mentions.c.mention_id == sa.bindparam("m"))
                               .values(event_id=sa.bindparam("e")), assignments)
            assignments = []
        records = load_records(connection, list(ids.values()))
        updated = [event_row(event_id, records[event_id], official, now) for event_id in ids.values()]
        report.events_updated += sum(1 for cluster in batch if cluster.event_id is not None)
        write_events(connection, updated, [cluster.event_id for cluster in batch if cluster.event_id is not None])
    return report


def write_events(connection: sa.Connection, rows: list[dict[str, Any]], indexed: Sequence[str] | None = None) -> None:
    """Update event rows; on SQLite also their search rows (`indexed`: those that have one; default all)."""
    if not rows:
        return
    keyed = [{**row, "key": row["event_id"]} for row in rows]
    for row in keyed:
        del row["event_id"]
    connection.execute(events.update().where(events.c.event_id == sa.bindparam("key")), keyed)
    if connection.dialect.name == "sqlite":
        indexed = [row["event_id"] for row in rows] if indexed is None else indexed
        if indexed:  # one scan of the FTS table per batch: its event_id column is not indexed
            connection.execute(sa.text("DELETE FROM events_fts WHERE event_id IN :ids")
                               .bindparams(sa.bindparam("ids", expanding=True)), {"ids": list(indexed)})
        connection.execute(
            sa.text("INSERT INTO events_fts (event_id, search_text) VALUES (:e, :t)"),
            [{"e": r["event_id"], "t": r["search_text"]} for r in rows],
        )


def link_unlinked(
    connection: sa.Connection, official: frozenset[str], now: datetime, options: LinkOptions = LinkOptions()
) -> LinkReport:
    """Attach every unlinked mention to a canonical event (new, existing, or several merged into the oldest)."""
    unlinked = load_unlinked(connection)
    if not unlinked:
        return LinkReport()
    fresh = [mention_from_event(mention_id, doc_id, event) for mention_id, doc_id, event in unlinked]
    clusters = cluster_mentions(load_neighbours(connection, fresh) + fresh, options)
    return write_clusters(connection, clusters, official, now)
