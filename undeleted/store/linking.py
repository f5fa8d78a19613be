"""The store's side of linking: load the mentions to compare, run the pure linker, write the events.

Unlinked mentions are linked one block (type x country x province) at a time, in date windows of at
most WINDOW mentions, each window in its own transaction: memory stays flat whatever the store's size,
and an interrupted run leaves the rest unlinked for the next one. Mentions are digested straight from
their stored JSON (no model validation).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from undeleted.link import Cluster, LinkOptions, MentionRecord, cluster_mentions, merge_mentions
from undeleted.link.features import Mention, area_of, mention_from_payload
from undeleted.store.locks import begin_exclusive, warn
from undeleted.store.schema import audit_log, documents, events, mentions

CHUNK = 500
WINDOW = 20_000  # unlinked mentions per transaction
Block = tuple[str, str | None, str | None]  # type, country, province_key
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


def unlinked_blocks(connection: sa.Connection) -> list[Block]:
    """The (type, country, province_key) blocks that hold unlinked mentions."""
    statement = (
        sa.select(mentions.c.type, mentions.c.country, mentions.c.province_key)
        .where(mentions.c.event_id.is_(None))
        .distinct()
    )
    return sorted(
        {(row.type, row.country, row.province_key) for row in connection.execute(statement)},
        key=lambda block: tuple(part or "" for part in block),
    )


def in_block(block: Block) -> list[sa.ColumnElement[bool]]:
    kind, country, province = block
    return [
        mentions.c.type == kind,
        mentions.c.country.is_(None) if country is None else mentions.c.country == country,
        mentions.c.province_key.is_(None) if province is None else mentions.c.province_key == province,
    ]


def unlinked_windows(connection: sa.Connection, block: Block, size: int = WINDOW) -> list[list[str]]:
    """Ids of the block's unlinked mentions in date order, cut into windows of at most `size`."""
    rows = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.date_start).where(
            mentions.c.event_id.is_(None), *in_block(block)
        )
    )
    ordered = [
        row.mention_id for row in sorted(rows, key=lambda row: (row.date_start or date.min, row.mention_id))
    ]
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]


def load_unlinked(connection: sa.Connection, mention_ids: Sequence[str]) -> list[Mention]:
    """Digests of these (unlinked) mentions, in id order."""
    found: list[Mention] = []
    for batch in chunks(list(mention_ids)):
        statement = sa.select(
            mentions.c.mention_id, mentions.c.doc_id, mentions.c.payload, mentions.c.event_id
        ).where(
            mentions.c.mention_id.in_(batch)
        )  # event_id tested here: in SQL, the planner may scan its index instead
        found.extend(
            mention_from_payload(row.mention_id, row.doc_id, row.payload)
            for row in connection.execute(statement)
            if row.event_id is None
        )
    return sorted(found, key=lambda mention: mention.mention_id)


def load_neighbours(connection: sa.Connection, block: Block, fresh: Sequence[Mention]) -> list[Mention]:
    """Linked mentions of active events in `block` whose dates come near those of `fresh`."""
    dated = [mention for mention in fresh if mention.start is not None and mention.end is not None]
    if not dated:
        return []
    low = date.fromordinal(min(m.start for m in dated if m.start is not None)) - LOOKAROUND
    high = date.fromordinal(max(m.end for m in dated if m.end is not None)) + LOOKAROUND
    statement = (
        sa.select(
            mentions.c.mention_id,
            mentions.c.doc_id,
            mentions.c.payload,
            events.c.event_id,
            events.c.reviewed,
            events.c.created_at,
        )
        .join(events, events.c.event_id == mentions.c.event_id)
        .where(
            events.c.status == "active",
            *in_block(block),
            mentions.c.date_end >= low,
            mentions.c.date_start <= high,
        )
    )
    return [
        mention_from_payload(
            row.mention_id,
            row.doc_id,
            row.payload,
            row.event_id,
            bool(row.reviewed),
            row.created_at.isoformat(),
        )
        for row in connection.execute(statement)
    ]


def load_records(connection: sa.Connection, event_ids: Sequence[str]) -> dict[str, list[MentionRecord]]:
    """Every mention of these events (as stored JSON), with its document's outlet, url and date."""
    grouped: dict[str, list[MentionRecord]] = defaultdict(list)
    for batch in chunks(list(event_ids)):
        statement = (
            sa.select(
                mentions.c.event_id,
                mentions.c.mention_id,
                mentions.c.doc_id,
                mentions.c.payload,
                documents.c.outlet,
                documents.c.url,
                documents.c.published,
            )
            .join(documents, documents.c.doc_id == mentions.c.doc_id)
            .where(mentions.c.event_id.in_(batch))
            .order_by(mentions.c.mention_id)
        )
        for row in connection.execute(statement):
            grouped[row.event_id].append(
                MentionRecord(row.mention_id, row.doc_id, row.payload, row.outlet, row.url, row.published)
            )
    return grouped


def search_text(records: Sequence[MentionRecord]) -> str:
    """What full-text search sees of an event: every mention's summary and place."""
    payloads = [record.payload() for record in records]
    parts = [
        part for p in payloads for part in (p.get("summary"), (p.get("location") or {}).get("place")) if part
    ]
    return " ".join(dict.fromkeys(parts))


def as_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def event_row(
    event_id: str, records: Sequence[MentionRecord], official: frozenset[str], now: datetime
) -> dict[str, Any]:
    merged = merge_mentions(records, official)
    location = merged["location"]
    area = area_of(
        location.get("adcode"), (location.get("admin1"), location.get("admin2"), location.get("admin3"))
    )
    return {
        "event_id": event_id,
        "type": merged["type"],
        "date_start": as_date(merged["date_start"]),
        "date_end": as_date(merged["date_end"]),
        "time_precision": merged["time_precision"],
        "country": (location.get("country") or "CN").upper(),
        "adcode": location.get("adcode"),
        "province_key": area[0],
        "prefecture_key": area[1],
        "admin1": location.get("admin1"),
        "admin2": location.get("admin2"),
        "admin3": location.get("admin3"),
        "place": location.get("place"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "geo_precision": location.get("geo_precision"),
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
            if (
                cluster.event_id is None
            ):  # a stub row so mentions can point at it; filled below, same transaction
                created.append(
                    {
                        "event_id": event_id,
                        "status": "active",
                        "reviewed": False,
                        "created_at": now,
                        "type": "",
                        "corroboration": 0,
                        "updated_at": now,
                    }
                )
            for absorbed in cluster.absorbed:
                connection.execute(
                    mentions.update().where(mentions.c.event_id == absorbed).values(event_id=event_id)
                )
                connection.execute(
                    events.update()
                    .where(events.c.event_id == absorbed)
                    .values(status="merged", merged_into=event_id, updated_at=now)
                )
                connection.execute(
                    audit_log.insert().values(
                        event_id=absorbed,
                        actor="linker",
                        at=now,
                        action="merge",
                        before={"status": "active"},
                        after={"status": "merged", "merged_into": event_id},
                    )
                )
                report.events_merged += 1
            report.mentions_linked += len(cluster.new_mention_ids)
        if created:
            connection.execute(events.insert(), created)
            report.events_created += len(created)
            created = []
        if assignments:
            connection.execute(
                mentions.update()
                .where(mentions.c.mention_id == sa.bindparam("m"))
                .values(event_id=sa.bindparam("e")),
                assignments,
            )
            assignments = []
        records = load_records(connection, list(ids.values()))
        updated = [event_row(event_id, records[event_id], official, now) for event_id in ids.values()]
        report.events_updated += sum(1 for cluster in batch if cluster.event_id is not None)
        write_events(
            connection, updated, [cluster.event_id for cluster in batch if cluster.event_id is not None]
        )
    return report


def write_events(
    connection: sa.Connection, rows: list[dict[str, Any]], indexed: Sequence[str] | None = None
) -> None:
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
            connection.execute(
                sa.text("DELETE FROM events_fts WHERE event_id IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"ids": list(indexed)},
            )
        connection.execute(
            sa.text("INSERT INTO events_fts (event_id, search_text) VALUES (:e, :t)"),
            [{"e": r["event_id"], "t": r["search_text"]} for r in rows],
        )


def link_window(
    connection: sa.Connection,
    block: Block,
    mention_ids: Sequence[str],
    official: frozenset[str],
    now: datetime,
    options: LinkOptions,
) -> LinkReport:
    """Link one window of a block's unlinked mentions to each other and to the block's linked ones."""
    fresh = load_unlinked(connection, mention_ids)
    if not fresh:
        return LinkReport()
    clusters = cluster_mentions(load_neighbours(connection, block, fresh) + fresh, options)
    return write_clusters(connection, clusters, official, now)


def link_unlinked(
    connection: sa.Connection,
    official: frozenset[str],
    now: datetime,
    options: LinkOptions = LinkOptions(),
    notice: Callable[[str], None] = warn,
) -> LinkReport:
    """Attach every unlinked mention to a canonical event (new, existing, or several merged into the oldest).

    `connection` must not be in a transaction: windows are committed as they go (a failure rolls back the
    current one only). Each transaction holds the write lock (`begin_exclusive`) from before it reads, so
    linkers in other processes take turns and each sees what the one before wrote (`notice` hears of a wait).
    """
    total = LinkReport()
    blocks = unlinked_blocks(connection)
    connection.commit()
    pending = 0
    for block in blocks:
        for window in unlinked_windows(connection, block):
            if pending == 0:
                begin_exclusive(connection, "link", notice)
            if connection.dialect.name == "postgresql" and pending == 0:  # reviewers' writes wait too
                connection.execute(sa.text("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE"))
            add(total, link_window(connection, block, window, official, now, options))
            pending += len(window)
            if pending >= WINDOW:  # small blocks share a transaction, up to WINDOW mentions
                connection.commit()
                pending = 0
    connection.commit()
    return total


def add(total: LinkReport, report: LinkReport) -> None:
    for name in vars(total):
        setattr(total, name, getattr(total, name) + getattr(report, name))
