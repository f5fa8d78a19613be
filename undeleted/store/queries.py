"""Read queries: one EventQuery (the filter every reader uses), one sort vocabulary, and the selects behind
Store's reading methods: full events, list pages, map points, counts per period, export rows, documents,
changes, audit trails and hashtags."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, get_args

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from undeleted.errors import BadInput
from undeleted.store.schema import audit_log, documents, events, hashtag_status, hashtags, mentions
from undeleted.store.search import (
    TRIGRAM,
    document_condition,
    event_condition,
    fts_phrase,
    like_pattern,
    terms_of,
)
from undeleted.vocab import EVENT_TYPES, Credibility

CREDIBILITY: tuple[str, ...] = get_args(Credibility)
STATUSES = ("active", "deleted", "merged")
ADCODE = re.compile(r"^(\d{2}|\d{4}|\d{6})$")
COUNT_CAP = 1_000
FTS_PROBE = 2_000  # a word in more events than this is checked row by row while reading in order (see text_conditions)
PROVINCE = sa.func.substr(
    events.c.adcode, sa.literal_column("1"), sa.literal_column("2")
)  # as in migration 0005
PREFECTURE = sa.func.substr(events.c.adcode, sa.literal_column("1"), sa.literal_column("4"))
EXPORT_CHUNK = 500

# One sort vocabulary: KEY sorts by (KEY, event_id) ascending, -KEY by (KEY, event_id) descending, so pages never
# overlap, both databases give the same order, and migration 0005's (status, KEY, event_id) indexes are read in
# order (forwards or backwards) instead of sorting every match.
SORT_KEYS = {
    "date": events.c.date_start,
    "updated": events.c.updated_at,
    "corroboration": events.c.corroboration,
}
SORTS: dict[str, tuple[ColumnElement[Any], ...]] = {
    **{key: (column.asc(), events.c.event_id.asc()) for key, column in SORT_KEYS.items()},
    **{f"-{key}": (column.desc(), events.c.event_id.desc()) for key, column in SORT_KEYS.items()},
}
LIST_COLUMNS = [
    events.c.event_id,
    events.c.status,
    events.c.reviewed,
    events.c.type,
    events.c.date_start,
    events.c.date_end,
    events.c.time_precision,
    events.c.country,
    events.c.adcode,
    events.c.admin1,
    events.c.admin2,
    events.c.admin3,
    events.c.place,
    events.c.lat,
    events.c.lon,
    events.c.geo_precision,
    events.c.credibility,
    events.c.corroboration,
    events.c.summary,
    events.c.updated_at,
]


class BadParameter(BadInput):
    """A filter or sort value the store does not accept (the API answers 400 with this message)."""


@dataclass(frozen=True)
class EventQuery:
    """Which events a reader wants: the CLI, the API, the dashboard, the report and the exports all filter with
    this. Every field left empty does not filter; `statuses` defaults to active events only."""

    types: Sequence[str] = ()
    date_from: date | None = None
    date_to: date | None = None
    adcode: str | None = None
    credibility: Sequence[str] = ()
    text: str | None = None
    statuses: Sequence[str] = ("active",)
    reviewed: bool | None = None

    @classmethod
    def parse(
        cls,
        type: str | Sequence[str] | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        adcode: str | None = None,
        credibility: str | Sequence[str] | None = None,
        q: str | None = None,
        status: str | Sequence[str] | None = None,
    ) -> EventQuery:
        """A query from user-given values (repeated or comma-separated lists, ISO dates); a bad value raises
        BadParameter naming the parameter and the allowed values."""
        start, end = parse_date("date_from", date_from), parse_date("date_to", date_to)
        if start and end and end < start:
            raise BadParameter(f"date_to {end} is before date_from {start}")
        if adcode and not ADCODE.match(adcode.strip()):
            raise BadParameter(f"adcode: {adcode!r} is not a 2-, 4- or 6-digit division code")
        return cls(
            types=tuple(checked("type", split_values(type), EVENT_TYPES)),
            date_from=start,
            date_to=end,
            adcode=adcode.strip() if adcode else None,
            credibility=tuple(checked("credibility", split_values(credibility), CREDIBILITY)),
            text=(q or "").strip() or None,
            statuses=tuple(checked("status", split_values(status), STATUSES)) or ("active",),
        )


def split_values(values: str | Sequence[str] | None) -> list[str]:
    """Repeated (type=a&type=b) or comma-separated (type=a,b) values, blanks dropped."""
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def checked(name: str, values: list[str], allowed: tuple[str, ...]) -> list[str]:
    wrong = [value for value in values if value not in allowed]
    if wrong:
        raise BadParameter(f"{name}: unknown value(s) {wrong}; allowed: {list(allowed)}")
    return values


def parse_date(name: str, value: str | date | None) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def checked_sort(sort: str) -> str:
    if sort not in SORTS:
        raise BadParameter(f"sort: {sort!r} is not one of {list(SORTS)}")
    return sort


@dataclass
class EventPage:
    total: int
    total_is_lower_bound: bool
    items: list[dict[str, Any]] = field(default_factory=list)


# conditions


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


def text_conditions(connection: sa.Connection, text: str) -> list[ColumnElement[bool]]:
    """Text filter for SQLite: a word found in few events reads their ids from FTS (then filters, sorts and limits
    those few); a common word is checked with a substring test on each row while the other filters' index is read
    in order, so the LIMIT stops the scan early. Both are case-insensitive substring matches (ASCII case folding
    only for the row-by-row test). PostgreSQL's planner has tsvector statistics and chooses alone."""
    dialect = connection.dialect.name
    if dialect != "sqlite":
        return [event_condition(dialect, text)]
    conditions: list[ColumnElement[bool]] = []
    for term in terms_of(text):
        if len(term) >= TRIGRAM and fts_match_count(connection, term, FTS_PROBE) <= FTS_PROBE:
            conditions.append(event_condition(dialect, term))
        else:
            conditions.append(events.c.search_text.like(like_pattern(term), escape="\\"))  # ASCII case-blind
    return conditions


def reports_contain(dialect: str, text: str) -> ColumnElement[bool]:
    """Events one of whose reports (title or text, so the evidence too) contains every term of `text`."""
    matching = sa.select(documents.c.doc_id).where(document_condition(dialect, text))
    return events.c.event_id.in_(
        sa.select(mentions.c.event_id).where(
            mentions.c.doc_id.in_(matching), mentions.c.event_id.is_not(None)
        )
    )


def event_conditions(connection: sa.Connection, query: EventQuery) -> list[ColumnElement[bool]]:
    conditions = filter_conditions(query)
    if query.text:  # the event's own words (summary, place) or one of its reports' (title, text)
        conditions.append(
            sa.or_(
                sa.and_(sa.true(), *text_conditions(connection, query.text)),
                reports_contain(connection.dialect.name, query.text),
            )
        )
    return conditions


def filter_conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    """The conditions of `query` but its text (which reads the database to choose a plan)."""
    conditions: list[ColumnElement[bool]] = []
    if query.statuses:
        conditions.append(events.c.status.in_(list(query.statuses)))
    if query.types:
        conditions.append(events.c.type.in_(list(query.types)))
    if query.date_from:
        conditions.append(sa.func.coalesce(events.c.date_end, events.c.date_start) >= query.date_from)
    if query.date_to:
        conditions.append(events.c.date_start <= query.date_to)
    if query.adcode:
        conditions.append(adcode_condition(query.adcode))
    if query.credibility:
        conditions.append(events.c.credibility.in_(list(query.credibility)))
    if query.reviewed is not None:
        conditions.append(events.c.reviewed.is_(query.reviewed))
    return conditions


# rows


def utc(stamp: datetime | None) -> datetime | None:
    """Timestamps come back naive from SQLite; they are all UTC."""
    if stamp is None or stamp.tzinfo is not None:
        return stamp
    return stamp.replace(tzinfo=UTC)


def iso_utc(stamp: datetime | None) -> str | None:
    stamp = utc(stamp)
    return stamp.isoformat() if stamp else None


def event_dict(row: sa.Row[Any]) -> dict[str, Any]:
    """A canonical event: its merged SCHEMA fields, sources and corroboration, and its id and status."""
    return {
        "event_id": row.event_id,
        **(row.payload or {}),
        "status": row.status,
        "merged_into": row.merged_into,
        "reviewed": bool(row.reviewed),
        "created_at": iso_utc(row.created_at),
        "updated_at": iso_utc(row.updated_at),
    }


LOCATION_KEYS = ("country", "admin1", "admin2", "admin3", "place", "adcode", "lat", "lon", "geo_precision")
LIST_KEYS = [column.name for column in LIST_COLUMNS]
ROW_KEYS = [key for key in LIST_KEYS if key not in LOCATION_KEYS]


def list_row(row: sa.Row[Any]) -> dict[str, Any]:
    """A list row (LIST_COLUMNS, then `reports`) with its place fields under `location`."""
    values = dict(zip(LIST_KEYS, row))
    data = {key: values[key] for key in ROW_KEYS}
    data["location"] = {key: values[key] for key in LOCATION_KEYS}
    data["reviewed"] = bool(data["reviewed"])
    data["reports"] = int(row[-1] or 0)
    return data


def document_dict(row: sa.Row[Any], with_text: bool) -> dict[str, Any]:
    item = {
        "doc_id": row.doc_id,
        "url": row.url,
        "title": row.title,
        "outlet": row.outlet,
        "published": row.published.isoformat() if row.published else None,
        "date_source": row.date_source,
        "language": row.language,
        "added_at": iso_utc(row.added_at),
    }
    if with_text:
        item["text"] = row.text
    return item


# events


def select_events(
    connection: sa.Connection, query: EventQuery, sort: str = "date", limit: int | None = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Full events (every stored field) of one page."""
    statement = (
        sa.select(events)
        .where(*event_conditions(connection, query))
        .order_by(*SORTS[checked_sort(sort)])
        .limit(limit)
        .offset(offset)
    )
    return [event_dict(row) for row in connection.execute(statement)]


def list_events(
    connection: sa.Connection, query: EventQuery, sort: str = "-date", limit: int = 50, offset: int = 0
) -> EventPage:
    """One page of light rows for lists, each with its count of reports; `total` counts at most COUNT_CAP
    matches so that big databases stay fast (and is not counted at all on a last page)."""
    page, capped_count = list_statements(connection, query, checked_sort(sort))
    items = [list_row(row) for row in connection.execute(page, {"limit": limit, "offset": offset})]
    if len(items) < limit and (items or not offset) and offset + len(items) <= COUNT_CAP:
        return EventPage(total=offset + len(items), total_is_lower_bound=False, items=items)
    total = connection.execute(capped_count, {"cap": COUNT_CAP + 1}).scalar_one()
    return EventPage(total=min(total, COUNT_CAP), total_is_lower_bound=total > COUNT_CAP, items=items)


def list_statements(connection: sa.Connection, query: EventQuery, sort: str) -> tuple[sa.Select[Any], ...]:
    """The page and capped-count statements of `list_events`, built once per filter and sort (building them
    cost more than running them); a text filter's depend on how common its words are, so are built anew."""
    if query.text:
        return build_list_statements(event_conditions(connection, query), sort)
    try:
        return cached_list_statements(query, sort)
    except TypeError:  # an EventQuery built with lists: not hashable
        return build_list_statements(event_conditions(connection, query), sort)


@functools.lru_cache(maxsize=512)
def cached_list_statements(query: EventQuery, sort: str) -> tuple[sa.Select[Any], ...]:
    return build_list_statements(filter_conditions(query), sort)


def build_list_statements(conditions: list[ColumnElement[bool]], sort: str) -> tuple[sa.Select[Any], ...]:
    """The page (LIST_COLUMNS and `reports`, the distinct documents reporting each row, counted for the page's
    rows only) and the count of at most :cap matches, with :limit, :offset and :cap bound when run."""
    page = (
        sa.select(*LIST_COLUMNS)
        .where(*conditions)
        .order_by(*SORTS[sort])
        .limit(sa.bindparam("limit", type_=sa.Integer))
        .offset(sa.bindparam("offset", type_=sa.Integer))
        .subquery("page")
    )
    reports = (
        sa.select(sa.func.count(sa.distinct(mentions.c.doc_id)))
        .where(mentions.c.event_id == page.c.event_id)
        .scalar_subquery()
    )
    key = (page.c[SORT_KEYS[sort.lstrip("-")].name], page.c.event_id)
    order = [column.desc() if sort.startswith("-") else column.asc() for column in key]
    # counted in the page's order: its index finds the first matches at once (in date order from the oldest, a
    # date range scanned most of the index before reaching its first match)
    capped = (
        sa.select(sa.literal(1))
        .select_from(events)
        .where(*conditions)
        .order_by(*SORTS[sort])
        .limit(sa.bindparam("cap", type_=sa.Integer))
        .subquery()
    )
    return (
        sa.select(page, reports.label("reports")).order_by(*order),
        sa.select(sa.func.count()).select_from(capped),
    )


def map_points(connection: sa.Connection, query: EventQuery, limit: int = 5000) -> list[dict[str, Any]]:
    """Light rows for the map: id, type, date, coordinates, province (newest first)."""
    statement = (
        sa.select(
            events.c.event_id,
            events.c.type,
            events.c.date_start,
            events.c.lat,
            events.c.lon,
            events.c.adcode,
            events.c.admin1,
            events.c.admin2,
            events.c.place,
        )
        .where(*event_conditions(connection, query), events.c.lat.is_not(None))
        .order_by(*SORTS["-date"])
        .limit(limit)
    )
    return [dict(row._mapping) for row in connection.execute(statement)]


def iter_export_events(
    connection: sa.Connection, query: EventQuery, sort: str = "-date"
) -> Iterator[dict[str, Any]]:
    """Every matching event for an export, in chunks: its SCHEMA fields, event_id, status, reviewed,
    corroboration, sources and the ids of the documents reporting it. The CLI and the API export these rows."""
    conditions = event_conditions(connection, query)
    order = SORTS[checked_sort(sort)]
    offset = 0
    while True:
        rows = connection.execute(
            sa.select(
                events.c.event_id,
                events.c.status,
                events.c.corroboration,
                events.c.reviewed,
                events.c.payload,
            )
            .where(*conditions)
            .order_by(*order)
            .limit(EXPORT_CHUNK)
            .offset(offset)
        ).all()
        if not rows:
            return
        doc_ids: dict[str, list[str]] = defaultdict(list)
        for mention in connection.execute(
            sa.select(mentions.c.event_id, mentions.c.doc_id)
            .where(mentions.c.event_id.in_([row.event_id for row in rows]))
            .order_by(mentions.c.mention_id)
        ):
            doc_ids[mention.event_id].append(mention.doc_id)
        for row in rows:
            yield {
                "event_id": row.event_id,
                **(row.payload or {}),
                "corroboration": row.corroboration,
                "status": row.status,
                "reviewed": bool(row.reviewed),
                "documents": list(dict.fromkeys(doc_ids[row.event_id])),
            }
        offset += EXPORT_CHUNK


def select_event(connection: sa.Connection, event_id: str) -> dict[str, Any] | None:
    """One event (active or a tombstone) with its mentions and their documents."""
    row = connection.execute(sa.select(events).where(events.c.event_id == event_id)).first()
    if row is None:
        return None
    item = event_dict(row)
    mention_rows = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.doc_id, mentions.c.payload)
        .where(mentions.c.event_id == event_id)
        .order_by(mentions.c.mention_id)
    ).all()
    item["mentions"] = [
        {"mention_id": m.mention_id, "doc_id": m.doc_id, "event": m.payload} for m in mention_rows
    ]
    doc_ids = sorted({m.doc_id for m in mention_rows})
    doc_rows = connection.execute(sa.select(documents).where(documents.c.doc_id.in_(doc_ids))).all()
    item["documents"] = [document_dict(doc, with_text=True) for doc in doc_rows]
    return item


def select_changes(connection: sa.Connection, since: datetime) -> list[dict[str, Any]]:
    """Events changed after `since`, oldest change first; merged or deleted ones come as tombstones."""
    statement = (
        sa.select(events).where(events.c.updated_at > since).order_by(events.c.updated_at, events.c.event_id)
    )
    changes = []
    for row in connection.execute(statement):
        if row.status == "active":
            changes.append({"change": "upsert", **event_dict(row)})
        else:
            changes.append(
                {
                    "change": "tombstone",
                    "event_id": row.event_id,
                    "status": row.status,
                    "merged_into": row.merged_into,
                    "updated_at": iso_utc(row.updated_at),
                }
            )
    return changes


def month_of(dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return sa.func.to_char(events.c.date_start, "YYYY-MM")
    return sa.func.substr(sa.cast(events.c.date_start, sa.String), 1, 7)


def week_of(dialect: str) -> ColumnElement[Any]:
    """The Monday starting the week of date_start, as YYYY-MM-DD."""
    if dialect == "postgresql":
        return sa.func.to_char(sa.func.date_trunc("week", events.c.date_start), "YYYY-MM-DD")
    return sa.func.date(events.c.date_start, "-6 days", "weekday 1")


PERIODS = {"month": month_of, "week": week_of}


def count_by(connection: sa.Connection, query: EventQuery, period: str = "month") -> list[dict[str, Any]]:
    """Counts per type x period (month or week) x province (2-digit adcode prefix, null when unknown)."""
    bucket = PERIODS[period](connection.dialect.name).label("period")
    province = sa.func.substr(events.c.adcode, 1, 2).label("province")
    statement = (
        sa.select(events.c.type, bucket, province, sa.func.count().label("count"))
        .where(*event_conditions(connection, query))
        .group_by(events.c.type, bucket, province)
        .order_by(bucket, events.c.type, province)
    )
    return [dict(row._mapping) for row in connection.execute(statement)]


def count_events(connection: sa.Connection, query: EventQuery) -> int:
    return count(connection, events, *event_conditions(connection, query))


def audit_of(connection: sa.Connection, event_id: str) -> list[dict[str, Any]]:
    statement = sa.select(audit_log).where(audit_log.c.event_id == event_id).order_by(audit_log.c.id)
    return [dict(row._mapping) for row in connection.execute(statement)]


# documents


def select_documents(
    connection: sa.Connection, text: str | None = None, limit: int | None = 100, offset: int = 0
) -> list[dict[str, Any]]:
    statement = sa.select(documents).order_by(documents.c.published.desc().nulls_last(), documents.c.doc_id)
    if text:
        statement = statement.where(document_condition(connection.dialect.name, text))
    return [
        document_dict(row, with_text=False)
        for row in connection.execute(statement.limit(limit).offset(offset))
    ]


def select_document(connection: sa.Connection, doc_id: str) -> dict[str, Any] | None:
    row = connection.execute(sa.select(documents).where(documents.c.doc_id == doc_id)).first()
    if row is None:
        return None
    item = document_dict(row, with_text=True)
    linked = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.event_id, mentions.c.payload)
        .where(mentions.c.doc_id == doc_id)
        .order_by(mentions.c.ordinal)
    )
    item["mentions"] = [
        {"mention_id": m.mention_id, "event_id": m.event_id, "event": m.payload} for m in linked
    ]
    return item


def documents_by_id(
    connection: sa.Connection, doc_ids: Iterable[str], with_text: bool = True
) -> dict[str, dict[str, Any]]:
    """The stored documents among `doc_ids` (one query per 500 ids), keyed by doc_id."""
    wanted = list(dict.fromkeys(doc_ids))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        rows = connection.execute(
            sa.select(documents).where(documents.c.doc_id.in_(wanted[start : start + 500]))
        )
        found.update((row.doc_id, document_dict(row, with_text)) for row in rows)
    return found


# hashtags


def list_hashtags(
    connection: sa.Connection, status: str | None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Hashtags with their current status and every recorded observation (oldest first)."""
    conditions = [hashtags.c.status == status] if status else []
    tags = [
        dict(row._mapping)
        for row in connection.execute(
            sa.select(hashtags).where(*conditions).order_by(hashtags.c.tag).limit(limit).offset(offset)
        )
    ]
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if tags:
        rows = connection.execute(
            sa.select(
                hashtag_status.c.tag,
                hashtag_status.c.status,
                hashtag_status.c.status_date,
                hashtag_status.c.recorded_at,
                hashtag_status.c.mention_id,
                mentions.c.event_id,
            )
            .join(mentions, mentions.c.mention_id == hashtag_status.c.mention_id)
            .where(hashtag_status.c.tag.in_([tag["tag"] for tag in tags]))
            .order_by(hashtag_status.c.status_date.asc().nulls_first(), hashtag_status.c.id)
        )
        for row in rows:
            item = dict(row._mapping)
            history[item.pop("tag")].append(item)
    return [{**tag, "history": history[tag["tag"]]} for tag in tags]


def count(connection: sa.Connection, table: sa.Table, *conditions: sa.ColumnElement[bool]) -> int:
    return int(
        connection.execute(sa.select(sa.func.count()).select_from(table).where(*conditions)).scalar_one()
    )
