"""Read queries the API and dashboard need beyond Store's own: multi-value filters, capped counts, map points,
weekly counts, hashtags with history, an event's audit trail, filtered export rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from undeleted.store.search import (
    TRIGRAM,
    document_condition,
    event_condition,
    fts_phrase,
    like_pattern,
    terms_of,
)
from undeleted.store.tables import audit_log, documents, events, hashtag_status, hashtags, mentions

COUNT_CAP = 1_000
FTS_PROBE = 2_000  # a word in more events than this is checked row by row while reading in order (see text_conditions)
PROVINCE = sa.func.substr(events.c.adcode, sa.literal_column("1"), sa.literal_column("2"))  # as in migration 0005
PREFECTURE = sa.func.substr(events.c.adcode, sa.literal_column("1"), sa.literal_column("4"))
EXPORT_CHUNK = 500
SORTS = {
    "date": (events.c.date_start.asc(), events.c.event_id.asc()),
    "-date": (events.c.date_start.desc(), events.c.event_id.desc()),
    "updated": (events.c.updated_at.asc(), events.c.event_id.asc()),
    "-updated": (events.c.updated_at.desc(), events.c.event_id.desc()),
    "corroboration": (events.c.corroboration.asc(), events.c.event_id.asc()),
    "-corroboration": (events.c.corroboration.desc(), events.c.event_id.desc()),
}
LIST_COLUMNS = [
    events.c.event_id, events.c.status, events.c.reviewed, events.c.type, events.c.date_start, events.c.date_end,
    events.c.time_precision, events.c.country, events.c.adcode, events.c.admin1, events.c.admin2, events.c.admin3,
    events.c.place, events.c.lat, events.c.lon, events.c.geo_precision, events.c.credibility,
    events.c.corroboration, events.c.summary, events.c.updated_at,
]


REPORT_COUNTS = (  # one statement whatever the page's length: compiled once, its ids bound as a list
    sa.select(mentions.c.event_id, sa.func.count(sa.distinct(mentions.c.doc_id)))
    .where(mentions.c.event_id.in_(sa.bindparam("ids", expanding=True))).group_by(mentions.c.event_id)
)


@dataclass(frozen=True)
class EventQuery:
    """What the events list, map, timeline, statistics, exports and feeds select."""

    types: Sequence[str] = ()
    date_from: date | None = None
    date_to: date | None = None
    adcode: str | None = None
    credibility: Sequence[str] = ()
    query: str | None = None
    statuses: Sequence[str] = ("active",)
    reviewed: bool | None = None


@dataclass
class EventPage:
    total: int
    total_is_lower_bound: bool
    items: list[dict[str, Any]] = field(default_factory=list)


def adcode_range(adcode: str) -> tuple[str, str] | None:
    """'21' or '210000' -> province; '2106' or '210600' -> prefecture; other 6 digits -> exactly that county."""
    prefix = adcode
    if len(adcode) == 6:
        prefix = adcode[:2] if adcode[2:] == "0000" else adcode[:4] if adcode[4:] == "00" else adcode
    if len(prefix) == 6:
        return None
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return prefix, upper


def adcode_condition(adcode: str) -> ColumnElement[bool]:
    """Province and prefecture filters compare the adcode prefix that migration 0005 indexes."""
    bounds = adcode_range(adcode)
    if bounds is None:
        return events.c.adcode == adcode
    prefix = bounds[0]
    if len(prefix) == 2:
        return sa.literal_column(f"'{int(prefix):02d}'") == PROVINCE
    if len(prefix) == 4:
        return sa.literal_column(f"'{int(prefix):04d}'") == PREFECTURE
    return sa.and_(events.c.adcode >= bounds[0], events.c.adcode < bounds[1])


def fts_match_count(connection: sa.Connection, term: str, cap: int) -> int:
    """How many events_fts rows match `term`, counting no further than `cap` + 1."""
    capped = sa.text("SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH :q LIMIT :n)")
    return int(connection.execute(capped, {"q": fts_phrase(term), "n": cap + 1}).scalar_one())


def text_conditions(connection: sa.Connection, query: str) -> list[ColumnElement[bool]]:
    """Text filter for SQLite: a word found in few events reads their ids from FTS (then filters, sorts and limits
    those few); a common word is checked with a substring test on each row while the other filters' index is read
    in order, so the LIMIT stops the scan early. Both are case-insensitive substring matches (ASCII case folding
    only for the row-by-row test). PostgreSQL's planner has tsvector statistics and chooses alone."""
    dialect = connection.dialect.name
    if dialect != "sqlite":
        return [event_condition(dialect, query)]
    conditions: list[ColumnElement[bool]] = []
    for term in terms_of(query):
        if len(term) >= TRIGRAM and fts_match_count(connection, term, FTS_PROBE) <= FTS_PROBE:
            conditions.append(event_condition(dialect, term))
        else:
            conditions.append(events.c.search_text.like(like_pattern(term), escape="\\"))  # ASCII case-blind
    return conditions


def reports_contain(dialect: str, query: str) -> ColumnElement[bool]:
    """Events one of whose reports (title or text, so the evidence too) contains every term of `query`."""
    matching = sa.select(documents.c.doc_id).where(document_condition(dialect, query))
    return events.c.event_id.in_(
        sa.select(mentions.c.event_id).where(mentions.c.doc_id.in_(matching), mentions.c.event_id.is_not(None)))


def report_counts(connection: sa.Connection, event_ids: Sequence[str]) -> dict[str, int]:
    """How many reports (distinct documents) each event rests on."""
    if not event_ids:
        return {}
    return {event_id: int(count) for event_id, count in connection.execute(REPORT_COUNTS, {"ids": list(event_ids)})}


def filter_conditions(connection: sa.Connection, spec: EventQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if spec.statuses:
        conditions.append(events.c.status.in_(list(spec.statuses)))
    if spec.types:
        conditions.append(events.c.type.in_(list(spec.types)))
    if spec.date_from:
        conditions.append(sa.func.coalesce(events.c.date_end, events.c.date_start) >= spec.date_from)
    if spec.date_to:
        conditions.append(events.c.date_start <= spec.date_to)
    if spec.adcode:
        conditions.append(adcode_condition(spec.adcode))
    if spec.credibility:
        conditions.append(events.c.credibility.in_(list(spec.credibility)))
    if spec.query:
        conditions.append(sa.or_(sa.and_(sa.true(), *text_conditions(connection, spec.query)),
                                 reports_contain(connection.dialect.name, spec.query)))
    if spec.reviewed is not None:
        conditions.append(events.c.reviewed.is_(spec.reviewed))
    return conditions


LOCATION_KEYS = ("country", "admin1", "admin2", "admin3", "place", "adcode", "lat", "lon", "geo_precision")
LIST_KEYS = [column.name for column in LIST_COLUMNS]
ROW_KEYS = [key for key in LIST_KEYS if key not in LOCATION_KEYS]


def list_row(row: sa.Row[Any]) -> dict[str, Any]:
    values = dict(zip(LIST_KEYS, row))
    data = {key: values[key] for key in ROW_KEYS}
    data["location"] = {key: values[key] for key in LOCATION_KEYS}
    data["reviewed"] = bool(data["reviewed"])
    return data


def list_events(
    connection: sa.Connection, spec: EventQuery, sort: str = "-date", limit: int = 50, offset: int = 0
) -> EventPage:
    """One page of events; `total` counts at most COUNT_CAP matches so that big databases stay fast."""
    conditions = filter_conditions(connection, spec)
    query = sa.select(*LIST_COLUMNS).where(*conditions).order_by(*SORTS[sort]).limit(limit).offset(offset)
    items = [list_row(row) for row in connection.execute(query)]
    reports = report_counts(connection, [item["event_id"] for item in items])
    for item in items:
        item["reports"] = reports.get(item["event_id"], 0)
    # counted in the page's order: its index finds the first matches at once (in date order from the oldest, a
    # date range scanned most of the index before reaching its first match)
    capped = (sa.select(sa.literal(1)).select_from(events).where(*conditions).order_by(*SORTS[sort])
              .limit(COUNT_CAP + 1).subquery())
    total = connection.execute(sa.select(sa.func.count()).select_from(capped)).scalar_one()
    return EventPage(total=min(total, COUNT_CAP), total_is_lower_bound=total > COUNT_CAP, items=items)


def map_points(connection: sa.Connection, spec: EventQuery, limit: int = 5000) -> list[dict[str, Any]]:
    """Light rows for the map: id, type, date, coordinates, province (newest first)."""
    query = (
        sa.select(events.c.event_id, events.c.type, events.c.date_start, events.c.lat, events.c.lon,
                  events.c.adcode, events.c.admin1, events.c.admin2, events.c.place)
        .where(*filter_conditions(connection, spec), events.c.lat.is_not(None))
        .order_by(*SORTS["-date"]).limit(limit)
    )
    return [dict(row._mapping) for row in connection.execute(query)]


def audit_of(connection: sa.Connection, event_id: str) -> list[dict[str, Any]]:
    query = sa.select(audit_log).where(audit_log.c.event_id == event_id).order_by(audit_log.c.id)
    return [dict(row._mapping) for row in connection.execute(query)]


def list_hashtags(
    connection: sa.Connection, status: str | None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Hashtags with their current status and every recorded observation (oldest first)."""
    conditions = [hashtags.c.status == status] if status else []
    tags = [dict(row._mapping) for row in connection.execute(
        sa.select(hashtags).where(*conditions).order_by(hashtags.c.tag).limit(limit).offset(offset))]
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if tags:
        rows = connection.execute(
            sa.select(hashtag_status.c.tag, hashtag_status.c.status, hashtag_status.c.status_date,
                      hashtag_status.c.recorded_at, hashtag_status.c.mention_id, mentions.c.event_id)
            .join(mentions, mentions.c.mention_id == hashtag_status.c.mention_id)
            .where(hashtag_status.c.tag.in_([tag["tag"] for tag in tags]))
            .order_by(hashtag_status.c.status_date.asc().nulls_first(), hashtag_status.c.id)
        )
        for row in rows:
            item = dict(row._mapping)
            history[item.pop("tag")].append(item)
    return [{**tag, "history": history[tag["tag"]]} for tag in tags]


def month_of(dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return sa.func.to_char(events.c.date_start, "YYYY-MM")
    return sa.func.substr(sa.cast(events.c.date_start, sa.String), 1, 7)


def week_of(dialect: str) -> ColumnElement[Any]:
    """The Monday starting the week of date_start, as YYYY-MM-DD."""
    if dialect == "postgresql":
        return sa.func.to_char(sa.func.date_trunc("week", events.c.date_start), "YYYY-MM-DD")
    return sa.func.date(events.c.date_start, "-6 days", "weekday 1")


def count_by(connection: sa.Connection, spec: EventQuery, period: str = "month") -> list[dict[str, Any]]:
    """Counts per type x period (month or week) x province (2-digit adcode prefix, null when unknown)."""
    dialect = connection.dialect.name
    bucket = (month_of(dialect) if period == "month" else week_of(dialect)).label("period")
    province = sa.func.substr(events.c.adcode, 1, 2).label("province")
    query = (
        sa.select(events.c.type, bucket, province, sa.func.count().label("count"))
        .where(*filter_conditions(connection, spec))
        .group_by(events.c.type, bucket, province)
        .order_by(bucket, events.c.type, province)
    )
    return [dict(row._mapping) for row in connection.execute(query)]


def iter_export_events(connection: sa.Connection, spec: EventQuery, sort: str = "-date") -> Iterator[dict[str, Any]]:
    """Full events (SCHEMA fields + event_id, corroboration, documents) of a filtered query, in chunks."""
    conditions = filter_conditions(connection, spec)
    offset = 0
    while True:
        rows = connection.execute(
            sa.select(events.c.event_id, events.c.corroboration, events.c.reviewed, events.c.payload)
            .where(*conditions).order_by(*SORTS[sort]).limit(EXPORT_CHUNK).offset(offset)
        ).all()
        if not rows:
            return
        doc_ids: dict[str, list[str]] = defaultdict(list)
        for mention in connection.execute(
            sa.select(mentions.c.event_id, mentions.c.doc_id)
            .where(mentions.c.event_id.in_([row.event_id for row in rows])).order_by(mentions.c.mention_id)
        ):
            doc_ids[mention.event_id].append(mention.doc_id)
        for row in rows:
            payload = dict(row.payload or {})
            payload.pop("sources", None)
            yield {"event_id": row.event_id, **payload, "corroboration": row.corroboration,
                   "reviewed": bool(row.reviewed), "documents": list(dict.fromkeys(doc_ids[row.event_id]))}
        offset += EXPORT_CHUNK
