"""The rows every export writes, built once for the CLI and the API: each event of a filtered query with its
reports (URL, outlet, title, publication date) and the evidence sentences cut from their stored texts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

from undeleted.export.evidence import evidence_sentences
from undeleted.ingest.office import PAGE_BREAK, page_of
from undeleted.store import EventQuery

if TYPE_CHECKING:
    from undeleted.store import Store

CHUNK = 200  # events whose documents are read at once


def export_rows(
    store: Store, query: EventQuery | None = None, sort: str = "-date"
) -> Iterator[dict[str, Any]]:
    """Every event matching `query` in `sort` order (newest first by default): SCHEMA fields, event_id, status,
    corroboration, reviewed, `documents` (doc_ids) and `sources` (one per report: doc_id, url, outlet, title,
    published, evidence sentences)."""
    stream = store.export_events(query or EventQuery(), sort)
    while chunk := list(islice(stream, CHUNK)):
        documents = store.documents_by_id(
            doc_id for event in chunk for doc_id in event.get("documents") or ()
        )
        for event in chunk:
            yield with_sources(event, documents)


def with_sources(event: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for item in event.get("evidence") or ():
        spans[item["doc_id"]].add((int(item["start"]), int(item["end"])))
    sources = []
    for doc_id in event.get("documents") or ():
        doc = documents.get(doc_id, {})
        text = doc.get("text") or ""
        source: dict[str, Any] = {
            "doc_id": doc_id,
            "url": doc.get("url"),
            "outlet": doc.get("outlet"),
            "title": doc.get("title"),
            "published": doc.get("published"),
            "evidence": evidence_sentences(text, spans.get(doc_id, ())),
        }
        if PAGE_BREAK in text:  # a PDF: the pages the evidence is on
            source["pages"] = sorted({page_of(text, start) for start, _ in spans.get(doc_id, ())})
        sources.append(source)
    return {**event, "sources": sources}
