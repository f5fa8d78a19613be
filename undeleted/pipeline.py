"""The stage sequence: ingest → extract (which resolves places and dates) → store → link.

No logic of its own beyond joining the stages and counting what happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from undeleted.dates import infer_published
from undeleted.errors import BadInput
from undeleted.extract import ExtractContext, extract_events
from undeleted.ingest import read_all
from undeleted.models import Document, Event, Record
from undeleted.store import Store


@dataclass
class RunReport:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    bad: list[BadInput] = field(default_factory=list)
    events_by_type: Counter[str] = field(default_factory=Counter)

    @property
    def events(self) -> int:
        return sum(self.events_by_type.values())


def date_document(doc: Document) -> Document:
    """Mark a document without a publication date as inferred (when the text gives a clue) or unknown."""
    if doc.published is not None or doc.date_source == "inferred":
        return doc
    inferred = infer_published(doc.text, doc.language)
    return doc.model_copy(update={"date_source": "inferred" if inferred else "unknown"})


def extract_record(doc: Document, context: ExtractContext) -> Record:
    doc = date_document(doc)
    events = [Event.model_validate(event.model_dump()) for event in extract_events(doc, context)]
    return Record(doc=doc, events=events)


def extract_all(
    items: Iterable[Document | BadInput], context: ExtractContext, report: RunReport
) -> Iterator[Record]:
    for item in items:
        if isinstance(item, BadInput):
            report.bad.append(item)
            continue
        report.read += 1
        record = extract_record(item, context)
        report.events_by_type.update(event.type for event in record.events)
        yield record


def run(
    paths: Iterable[Path],
    store: Store,
    context: ExtractContext,
    on_document: Callable[[], None] = lambda: None,
) -> RunReport:
    """Read, extract and store every new document under `paths`, then link the new mentions."""
    report = RunReport()
    for item in read_all(paths):
        on_document()
        if isinstance(item, Document) and store.has_document(item.doc_id):
            report.read += 1
            report.already_stored += 1
            continue
        for record in extract_all([item], context, report):
            store.save(record.doc, record.events)
            report.stored += 1
    store.link()
    return report
