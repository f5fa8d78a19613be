"""GET /feeds/events.atom?<filters>: an Atom feed of a saved query ("new protests in Liaoning")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from xml.etree import ElementTree

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from undeleted.dependencies import EventQueryDep, RedactionDep, StoreDep, redacted

router = APIRouter(prefix="/feeds", tags=["feeds"])
ATOM = "http://www.w3.org/2005/Atom"


def stamp(value: datetime | None) -> str:
    value = value or datetime(1970, 1, 1, tzinfo=UTC)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def entry_title(item: dict[str, Any]) -> str:
    location = item["location"]
    where = (
        location.get("place") or location.get("admin3") or location.get("admin2") or location.get("admin1")
    )
    when = item.get("date_start")
    return " ".join(
        part
        for part in (
            item["type"].replace("_", " "),
            f"in {where}" if where else "",
            f"on {when}" if when else "",
        )
        if part
    )


def atom_feed(items: list[dict[str, Any]], self_url: str, site_url: str, title: str) -> bytes:
    """Atom 1.0 XML (ElementTree escapes every text)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    ElementTree.SubElement(feed, f"{{{ATOM}}}title").text = title
    ElementTree.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ElementTree.SubElement(feed, f"{{{ATOM}}}updated").text = stamp(
        max((item["updated_at"] for item in items if item.get("updated_at")), default=None)
    )
    ElementTree.SubElement(
        ElementTree.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name"
    ).text = "undeleted"
    for item in items:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        ElementTree.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:undeleted:event:{item['event_id']}"
        ElementTree.SubElement(entry, f"{{{ATOM}}}title").text = entry_title(item)
        ElementTree.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="text/html",
            href=f"{site_url}events/{item['event_id']}",
        )
        ElementTree.SubElement(entry, f"{{{ATOM}}}updated").text = stamp(item.get("updated_at"))
        ElementTree.SubElement(entry, f"{{{ATOM}}}category", term=item["type"])
        ElementTree.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = item.get("summary") or ""
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="utf-8")


@router.get(
    "/events.atom",
    summary="Atom feed of a query",
    response_class=Response,
    description="The most recently changed events matching the filters of /api/events, as Atom; "
    "subscribe to a filtered URL such as /feeds/events.atom?type=protest&adcode=21.",
)
def events_feed(
    request: Request,
    store: StoreDep,
    query: EventQueryDep,
    redaction: RedactionDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Entries in the feed.")] = 50,
) -> Response:
    items = redacted(redaction, store.event_page(query, "-updated", limit, 0).items)
    title = "undeleted: " + (request.url.query or "all events")
    body = atom_feed(items, str(request.url), str(request.base_url), title)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
