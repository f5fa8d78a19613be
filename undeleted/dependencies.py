"""What the API routers and the dashboard pages are given per request: the Store, the events filter and page
parsed from the URL (checked once), and redacted mode (`undeleted serve --redact`: each response's
report-derived text with private people's names replaced by placeholders numbered within that response)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Query, Request

from undeleted.geo import Gazetteer
from undeleted.geo.areas import area_code
from undeleted.store import SORTS, EventQuery, Store
from undeleted.store.queries import checked_sort

if TYPE_CHECKING:
    from undeleted.export.redact import Placeholders, Redactor

WRITES_OFF = (
    "review writes are off while the server runs in redacted mode (undeleted serve --redact), "
    "so that the edit form never shows the original names; start it without --redact to review"
)


def new_placeholders() -> Placeholders:
    from undeleted.export.redact import Placeholders

    return Placeholders()


@dataclass(frozen=True)
class Redaction:
    """The server's Redactor and this request's numbering of people."""

    redactor: Redactor
    placeholders: Placeholders = field(default_factory=new_placeholders)

    def value(self, payload: Any) -> Any:
        """A JSON-like payload with its private names replaced (document texts and evidence offsets kept in step)."""
        from undeleted.export.redact import redact_value

        return redact_value(payload, self.redactor, self.placeholders)

    def events(self, events: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
        """A stream of events (an export), numbered once for the whole response."""
        from undeleted.export.redact import redact_events

        return redact_events(events, self.redactor, self.placeholders)


def redaction_of(request: Request) -> Redaction | None:
    """This request's Redaction when the server runs in redacted mode, else None."""
    redactor: Redactor | None = getattr(request.app.state, "redactor", None)
    return None if redactor is None else Redaction(redactor)


def redacted(redaction: Redaction | None, payload: Any) -> Any:
    return payload if redaction is None else redaction.value(payload)


def gazetteer_of(request: Request) -> Gazetteer:
    """The gazetteer that place names in filters are looked up in, loaded on first use and kept by the app."""
    if request.app.state.gazetteer is None:
        request.app.state.gazetteer = Gazetteer.from_package()
    gazetteer: Gazetteer = request.app.state.gazetteer
    return gazetteer


MAX_PAGE = 500
T = TypeVar("T")


def in_event_loop(function: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """The same dependency (same parameters), run in the event loop: FastAPI sends a plain `def` dependency to a
    worker thread, a hop per dependency per request that costs more than parsing a few parameters."""

    @functools.wraps(function)
    async def run(*args: Any, **kwargs: Any) -> T:
        return function(*args, **kwargs)

    return run


def event_query(
    request: Request,
    type: Annotated[
        list[str] | None, Query(description="Event type(s), repeated or comma-separated.")
    ] = None,
    date_from: Annotated[str | None, Query(description="Events ending on or after this ISO date.")] = None,
    date_to: Annotated[str | None, Query(description="Events starting on or before this ISO date.")] = None,
    adcode: Annotated[
        str | None,
        Query(
            description="Province (2 or 6 digits, e.g. 21 or 210000), "
            "prefecture (4 or 6 digits, e.g. 2106) or county adcode, or the name of "
            "one in English or Chinese (Dandong, 丹东).",
            max_length=100,
        ),
    ] = None,
    credibility: Annotated[list[str] | None, Query(description="Credibility value(s).")] = None,
    q: Annotated[
        str | None,
        Query(
            description="Words that the event (summary, place) or one of its reports "
            "(title, text and so the evidence) must contain.",
            max_length=200,
        ),
    ] = None,
    status: Annotated[
        list[str] | None, Query(description="active (default), deleted (rejected by a reviewer), merged.")
    ] = None,
) -> EventQuery:
    """The filter of an events query, from URL parameters; a bad value raises BadInput (answered 400)."""
    return EventQuery.parse(
        type=type,
        date_from=date_from,
        date_to=date_to,
        adcode=area_code(adcode, lambda: gazetteer_of(request)),
        credibility=credibility,
        q=q,
        status=status,
    )


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int
    sort: str


def sort_order(
    sort: Annotated[
        str, Query(description=f"One of {list(SORTS)}: KEY ascending, -KEY descending; ties by event id.")
    ] = "-date",
) -> str:
    return checked_sort(sort)


SortDep = Annotated[str, Depends(in_event_loop(sort_order))]


def page(
    sort: SortDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (1-{MAX_PAGE}).")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset, sort=sort)


def store_of(request: Request) -> Store:
    """The Store the app was created with."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(in_event_loop(store_of))]
EventQueryDep = Annotated[EventQuery, Depends(in_event_loop(event_query))]
PageDep = Annotated[Page, Depends(in_event_loop(page))]
RedactionDep = Annotated[Redaction | None, Depends(in_event_loop(redaction_of))]
