"""The stage sequence: ingest → extract (which resolves places and dates) → store → link.

No logic of its own beyond joining the stages and counting what happened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from undeleted.errors import BadInput
from undeleted.extract import ExtractContext, available_languages
from undeleted.ingest import read_all
from undeleted.models import Document, Event, Record
from undeleted.records import RunReport, try_extract
from undeleted.scale.workers import chunked, extract_parallel
from undeleted.store import Store

LOOKUP_BATCH = 1000  # doc_ids asked of the store at once


def extract_all(
    items: Iterable[Document | BadInput], context: ExtractContext, report: RunReport
) -> Iterator[Record]:
    """Records of every readable document; unreadable or refused ones are counted in the report, not raised."""
    results = (item if isinstance(item, BadInput) else try_extract(item, context) for item in items)
    for doc, events in count_records(results, report, lambda: None):
        yield Record(doc=doc, events=events)


def skip_stored(
    items: Iterable[Document | BadInput], store: Store, report: RunReport, on_document: Callable[[], None]
) -> Iterator[Document]:
    """The documents not stored yet, asking the store about a batch of doc_ids at a time."""
    for batch in chunked(items, LOOKUP_BATCH):
        known = store.known_doc_ids(item.doc_id for item in batch if isinstance(item, Document))
        for item in batch:
            if isinstance(item, BadInput):
                report.bad.append(item)
                on_document()
            elif item.doc_id in known:
                report.read += 1
                report.already_stored += 1
                on_document()
            else:
                yield item


def count_records(
    results: Iterable[Record | BadInput], report: RunReport, on_document: Callable[[], None]
) -> Iterator[tuple[Document, list[Event]]]:
    supported = available_languages()
    for result in results:
        on_document()
        if isinstance(result, BadInput):
            report.bad.append(result)
            continue
        report.read += 1
        report.events_by_type.update(event.type for event in result.events)
        if result.doc.language not in supported:
            report.unsupported_languages[result.doc.language] += 1
        yield result.doc, result.events


def run(
    paths: Iterable[Path],
    store: Store,
    context: ExtractContext | None = None,
    on_document: Callable[[], None] = lambda: None,
    workers: int = 1,
) -> RunReport:
    """Read, extract and store every new document under `paths`, then link the new mentions.

    Streams: inputs are read lazily, known doc_ids are skipped a batch at a time, documents are
    stored in batched transactions, and with workers > 1 extraction runs in that many processes
    (each loads its own context; `context` is then unused).
    """
    report = RunReport()
    fresh = skip_stored(read_all(paths), store, report, on_document)
    if workers > 1:
        results: Iterable[Record | BadInput] = extract_parallel(fresh, try_extract, workers)
    else:
        loaded = context or ExtractContext.load()
        results = (try_extract(doc, loaded) for doc in fresh)
    report.stored = store.save_many(count_records(results, report, on_document))
    store.link()
    return report
