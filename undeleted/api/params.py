"""Query parameters shared by the events list, map, statistics, exports and feeds; parsed and checked once."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, TypeVar, get_args

from fastapi import Depends, Query, Request

from undeleted.errors import BadInput
from undeleted.geo import Gazetteer
from undeleted.store import Store
from undeleted.store.queries_web import SORTS, EventQuery
from undeleted.vocab import EVENT_TYPES, Credibility

CREDIBILITY: tuple[str, ...] = get_args(Credibility)
STATUSES = ("active", "deleted", "merged")
ADCODE = re.compile(r"^(\d{2}|\d{4}|\d{6})$")
MAX_PAGE = 500
T = TypeVar("T")


class BadParameter(BadInput):
    """A query parameter with a value the API does not accept (answered with 400 and this message)."""


def split_values(values: list[str] | None) -> list[str]:
    """Repeated (?type=a&type=b) or comma-separated (?type=a,b) values, blanks dropped."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def checked(name: str, values: list[str], allowed: tuple[str, ...]) -> list[str]:
    wrong = [value for value in values if value not in allowed]
    if wrong:
        raise BadParameter(f"{name}: unknown value(s) {wrong}; allowed: {list(allowed)}")
    return values


def parse_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


@cache
def shipped_gazetteer() -> Gazetteer:
    """The package's gazetteer, read once per process (it never changes while running)."""
    return Gazetteer.from_package()


def area_code(area: str | None) -> str | None:
    """An adcode from an area given as a code or as a place name in English or Chinese ('Dandong', '丹东',
    'Liaoning Province'); the best-known division of that name is taken."""
    text = (area or "").strip()
    if not text:
        return None
    if text.isdigit() or not text.strip("0123456789"):
        if not ADCODE.match(text):
            raise BadParameter(f"adcode: {text!r} is not a 2-, 4- or 6-digit division code")
        return text
    candidates = [division for division in shipped_gazetteer().lookup(text) if not division.obsolete]
    if not candidates:
        raise BadParameter(f"adcode: no province, prefecture or county named {text!r} in the gazetteer "
                           "(give its English or Chinese name, or its adcode)")
    return candidates[0].adcode


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int
    sort: str


def event_query(
    type: Annotated[list[str] | None, Query(description="Event type(s), repeated or comma-separated.")] = None,
    date_from: Annotated[str | None, Query(description="Events ending on or after this ISO date.")] = None,
    date_to: Annotated[str | None, Query(description="Events starting on or before this ISO date.")] = None,
    adcode: Annotated[str | None, Query(description="Province (2 or 6 digits, e.g. 21 or 210000), "
                                        "prefecture (4 or 6 digits, e.g. 2106) or county adcode, or the name of "
                                        "one in English or Chinese (Dandong, 丹东).", max_length=100)] = None,
    credibility: Annotated[list[str] | None, Query(description="Credibility value(s).")] = None,
    q: Annotated[str | None, Query(description="Words that the event (summary, place) or one of its reports "
                                   "(title, text and so the evidence) must contain.", max_length=200)] = None,
    status: Annotated[list[str] | None, Query(description="active (default), deleted (rejected by a reviewer), merged.")] = None,
) -> EventQuery:
    """The filter of an events query, from URL parameters; a bad value raises BadParameter."""
    start, end = parse_date("date_from", date_from), parse_date("date_to", date_to)
    if start and end and end < start:
        raise BadParameter(f"date_to {end} is before date_from {start}")
    adcode = area_code(adcode)
    return EventQuery(
        types=tuple(checked("type", split_values(type), EVENT_TYPES)),
        date_from=start,
        date_to=end,
        adcode=adcode.strip() if adcode else None,
        credibility=tuple(checked("credibility", split_values(credibility), CREDIBILITY)),
        query=(q or "").strip() or None,
        statuses=tuple(checked("status", split_values(status), STATUSES)) or ("active",),
    )


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (1-{MAX_PAGE}).")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")] = 0,
    sort: Annotated[str, Query(description=f"One of {list(SORTS)}.")] = "-date",
) -> Page:
    if sort not in SORTS:
        raise BadParameter(f"sort: {sort!r} is not one of {list(SORTS)}")
    return Page(limit=limit, offset=offset, sort=sort)


def store_of(request: Request) -> Store:
    """The Store the app was created with."""
    store: Store = request.app.state.store
    return store


def in_event_loop(function: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """The same dependency (same parameters), run in the event loop: FastAPI sends a plain `def` dependency to a
    worker thread, a hop per dependency per request that costs more than parsing a few parameters."""

    @functools.wraps(function)
    async def run(*args: Any, **kwargs: Any) -> T:
        return function(*args, **kwargs)

    return run


StoreDep = Annotated[Store, Depends(in_event_loop(store_of))]
EventQueryDep = Annotated[EventQuery, Depends(in_event_loop(event_query))]
PageDep = Annotated[Page, Depends(in_event_loop(page))]
