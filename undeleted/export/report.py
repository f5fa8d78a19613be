"""`undeleted report`: one self-contained HTML file (inline CSS and SVG, no scripts) with a map, a weekly timeline,
a table of events and each event's evidence sentences; opens offline and can be mailed or published."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from undeleted.export.evidence import sentence_bounds
from undeleted.export.report_svg import color_of, load_provinces, province_map_svg, timeline_svg
from undeleted.store import EventQuery

if TYPE_CHECKING:
    from undeleted.export.redact import Redactor
    from undeleted.store import Store


@dataclass(frozen=True)
class Snippet:
    """One evidence sentence: the passage the extractor used is `marked`, with the rest of its sentence around."""

    before: str
    marked: str
    after: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class ReportEvent:
    event: dict[str, Any]
    color: str
    snippets: list[Snippet] = field(default_factory=list)


def snippets_of(event: Mapping[str, Any]) -> list[Snippet]:
    """Evidence sentences of the event and of its reports, one per distinct passage, in document order."""
    documents = {doc["doc_id"]: doc for doc in event.get("documents") or []}
    evidence = list(event.get("evidence") or [])
    for mention in event.get("mentions") or []:
        evidence.extend((mention.get("event") or {}).get("evidence") or [])
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for item in evidence:
        if item.get("doc_id") in documents:
            spans[item["doc_id"]].add((int(item["start"]), int(item["end"])))
    snippets = []
    for doc_id, doc_spans in spans.items():
        doc = documents[doc_id]
        text = doc.get("text") or ""
        for start, end in sorted(doc_spans):
            start, end = max(0, start), min(len(text), end)
            if end <= start:
                continue
            begin, finish = sentence_bounds(text, start, end)
            snippets.append(
                Snippet(
                    text[begin:start],
                    text[start:end],
                    text[end:finish],
                    doc.get("title"),
                    doc.get("outlet"),
                    str(doc["published"]) if doc.get("published") else None,
                    web_link(doc.get("url")),
                )
            )
    return snippets


def web_link(url: str | None) -> str | None:
    """Only http(s) URLs become links."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def redact_snippet(snippet: Snippet, redactor: Redactor, placeholders: Any) -> Snippet:
    from undeleted.export.redact import replace_names

    names = redactor.find_names([snippet.before + snippet.marked + snippet.after]).to_replace()
    before, marked, after = (
        replace_names(part, names, placeholders) for part in (snippet.before, snippet.marked, snippet.after)
    )
    return Snippet(
        before,
        marked,
        after,
        snippet.title and replace_names(snippet.title, names, placeholders),
        snippet.outlet,
        snippet.published,
        snippet.url,
    )


def province_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.get("province"):
            counts[str(row["province"])] += int(row["count"])
    return dict(counts)


def type_counts(rows: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[str(row["type"])] += int(row["count"])
    return [
        (kind, count, color_of(kind)) for kind, count in sorted(counts.items(), key=lambda item: -item[1])
    ]


def describe(query: EventQuery) -> list[tuple[str, str]]:
    """The filters of the report, for its header."""
    parts = [
        ("type", ", ".join(query.types)),
        ("from", str(query.date_from or "")),
        ("to", str(query.date_to or "")),
        ("area (adcode)", query.adcode or ""),
        ("credibility", ", ".join(query.credibility)),
        ("text", query.text or ""),
    ]
    return [(name, value) for name, value in parts if value]


def environment() -> jinja2.Environment:
    folder = str(resources.files("undeleted.web").joinpath("templates"))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined
    )


def build_report(
    store: Store,
    query: EventQuery,
    limit: int = 1000,
    redactor: Redactor | None = None,
    title: str = "undeleted report",
) -> str:
    """The report's HTML for the events matching `query` (newest first, at most `limit` listed in full)."""
    monthly = store.count_by(query, "month")
    weekly = store.count_by(query, "week")
    points = store.map_points(query, limit=max(limit, 1))
    ids = [row["event_id"] for row in store.event_page(query, "-date", limit=max(limit, 1)).items][:limit]
    placeholders = None
    if redactor is not None:
        from undeleted.export.redact import Placeholders

        placeholders = Placeholders()
    listed = []
    for event_id in ids:
        event = store.event(event_id)
        if event is None:
            continue
        snippets = snippets_of(event)
        for key in ("documents", "mentions"):  # not shown: the snippets carry their report's text
            event.pop(key, None)
        if redactor is not None and placeholders is not None:
            from undeleted.export.redact import redact_event

            event = redact_event(event, redactor, placeholders)
            snippets = [redact_snippet(snippet, redactor, placeholders) for snippet in snippets]
        listed.append(ReportEvent(event, color_of(str(event.get("type"))), snippets))
    total = sum(int(row["count"]) for row in monthly)
    undated = sum(int(row["count"]) for row in weekly if not row.get("period"))
    return (
        environment()
        .get_template("report.html")
        .render(
            title=title,
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            filters=describe(query),
            total=total,
            undated=undated,
            listed=listed,
            types=type_counts(monthly),
            redacted=redactor is not None,
            map_svg=Markup(
                province_map_svg(load_provinces(), province_counts(monthly), points)
            ),  # escaped inside
            timeline_svg=Markup(timeline_svg(weekly)),
        )
    )
