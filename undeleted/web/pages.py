"""HTML pages: the dashboard (map, timeline, filters, table) and one event with its highlighted evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from undeleted.dependencies import WRITES_OFF, RedactionDep, StoreDep, redacted
from undeleted.vocab import EVENT_TYPES, Credibility

router = APIRouter(include_in_schema=False)
TEMPLATES = Jinja2Templates(directory=str(resources.files("undeleted.web").joinpath("templates")))
LEAFLET = "vendor/leaflet-1.9.4"
MARKER_CLUSTER = "vendor/leaflet.markercluster-1.5.3"
PROVINCES = "geo/china-provinces.echarts-4.9.0.geojson"
FIELD_ORDER = (
    "type",
    "date_start",
    "date_end",
    "time_precision",
    "location",
    "actors",
    "participants",
    "grievances",
    "tactics",
    "state_response",
    "fatalities",
    "injuries",
    "hashtags",
    "credibility",
    "corroboration",
    "cited_sources",
)


@dataclass(frozen=True)
class Segment:
    text: str
    highlighted: bool


def highlight_segments(text: str, spans: Iterable[tuple[int, int]]) -> list[Segment]:
    """Cut `text` into plain and highlighted runs; overlapping or touching spans join, bad ones are clamped."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, cursor = [], 0
    for start, end in merged:
        if start > cursor:
            segments.append(Segment(text[cursor:start], False))
        segments.append(Segment(text[start:end], True))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:], False))
    return segments


def evidence_by_document(event: Mapping[str, Any]) -> dict[str, set[tuple[int, int]]]:
    """Evidence spans per doc_id, from the canonical event and from each of its mentions."""
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    items = list(event.get("evidence") or [])
    for mention in event.get("mentions") or []:
        items.extend((mention.get("event") or {}).get("evidence") or [])
    for item in items:
        spans[item["doc_id"]].add((int(item["start"]), int(item["end"])))
    return spans


def web_link(url: str | None) -> str | None:
    """Only http(s) URLs become links (a javascript: URL in a report must not)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def reports_of(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    spans = evidence_by_document(event)
    return [
        {
            **doc,
            "segments": highlight_segments(doc.get("text") or "", spans.get(doc["doc_id"], set())),
            "evidence_count": len(spans.get(doc["doc_id"], set())),
        }
        for doc in event.get("documents") or []
    ]


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, redaction: RedactionDep) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request,
        "dashboard.html",
        {
            "event_types": EVENT_TYPES,
            "credibility": get_args(Credibility),
            "leaflet": LEAFLET,
            "cluster": MARKER_CLUSTER,
            "provinces": PROVINCES,
            "redacted": redaction is not None,
        },
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's documentation, offline: Swagger UI's files come from the swagger-ui-bundle package."""
    return TEMPLATES.TemplateResponse(request, "api_docs.html", {})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, store: StoreDep, redaction: RedactionDep, event_id: Annotated[str, Path(max_length=200)]
) -> HTMLResponse:
    """In redacted mode the event (documents, evidence offsets and review history included) is redacted
    first, so the highlights are cut from the redacted texts, and the review form is replaced by a notice."""
    event = store.event(event_id)
    if event is None:
        return TEMPLATES.TemplateResponse(request, "missing.html", {"event_id": event_id}, status_code=404)
    event["audit"] = store.audit(event_id)
    event = redacted(redaction, event)
    event["sources"] = [
        {**source, "href": web_link(source.get("url"))} for source in event.get("sources") or []
    ]
    fields = [(name, event.get(name)) for name in FIELD_ORDER]
    return TEMPLATES.TemplateResponse(
        request,
        "event.html",
        {
            "event": event,
            "fields": fields,
            "reports": reports_of(event),
            "event_types": EVENT_TYPES,
            "credibility": get_args(Credibility),
            "redacted": redaction is not None,
            "writes_off": WRITES_OFF,
        },
    )
