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
from undeleted.extract import ExtractContext, available_languages, extract_events
from undeleted.ingest import read_sourced
from undeleted.ingest.manifest import RunMetadata, unused_rows
from undeleted.ingest.near_duplicates import (
    Fingerprint,
    NearDuplicates,
    Seen,
    fingerprint_of,
    new_mentions,
    unpack_lines,
)
from undeleted.ingest.streams import describe
from undeleted.models import Document, Event, Record
from undeleted.store import Store
from undeleted.store.fingerprints import DocumentLines
from undeleted.store.linking import LinkReport
from undeleted.workers import chunked, extract_parallel

LOOKUP_BATCH = 1000  # doc_ids asked of the store at once


@dataclass(frozen=True)
class Undated:
    """A report read without a publication date: which file, and how many of its events stayed undated."""

    source: str
    undated_events: int
    events: int
    inferred: bool


@dataclass
class RunReport:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    bad: list[BadInput] = field(default_factory=list)
    events_by_type: Counter[str] = field(default_factory=Counter)
    unsupported_languages: Counter[str] = field(default_factory=Counter)
    undated_events: int = 0
    undated: list[Undated] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # doc_id -> file, while the document is in flight
    near_duplicates: list[str] = field(default_factory=list)  # 'B repeats A but for a line'
    near_duplicates_of_stored: int = 0  # of them, repeats of a report stored by an earlier run
    fingerprinted: int = 0  # stored reports given the fingerprint they lacked
    link: LinkReport | None = None
    linked_events: int | None = None  # active events in the database after the run

    @property
    def events(self) -> int:
        """Mentions: events as extracted from each report, before linking."""
        return sum(self.events_by_type.values())

    def count(self, doc: Document, events: list[Event]) -> None:
        self.read += 1
        if doc.published is None:
            self.undated.append(
                Undated(
                    self.source_of(doc),
                    sum(1 for event in events if event.date_start is None),
                    len(events),
                    doc.date_source == "inferred",
                )
            )
        self.events_by_type.update(event.type for event in events)
        self.undated_events += sum(1 for event in events if event.date_start is None)
        self.files.pop(doc.doc_id, None)

    def source_of(self, doc: Document) -> str:
        return self.files.get(doc.doc_id) or doc.url or doc.title or f"document {doc.doc_id[:12]}"


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
    """Records of every readable document; unreadable or refused ones are counted in the report, not raised."""
    results = (item if isinstance(item, BadInput) else try_extract(item, context) for item in items)
    for doc, events, _ in count_records(results, report, lambda: None):
        yield Record(doc=doc, events=events)


class ExtractionFailed(BadInput):
    """A document that extraction refused or failed on (a text it cannot handle, or a bug): that document alone
    is skipped and not stored, so that a later run tries it again; `doc_id` lets the run name its file."""

    def __init__(self, doc_id: str, message: str) -> None:
        super().__init__(message)
        self.doc_id = doc_id

    def __reduce__(self) -> tuple[type[ExtractionFailed], tuple[str, str]]:  # back from a worker process
        return type(self), (self.doc_id, str(self))


def try_extract(doc: Document, context: ExtractContext) -> Record | BadInput:
    """extract_record, with a document the extractor refuses or fails on returned as ExtractionFailed (any
    exception: one document never stops a batch)."""
    try:
        return extract_record(doc, context)
    except BadInput as problem:
        return ExtractionFailed(doc.doc_id, str(problem))
    except Exception as problem:
        return ExtractionFailed(
            doc.doc_id,
            f"document {doc.doc_id[:12]}: extraction failed ({describe(problem)}); "
            "not stored, so a later run tries it again",
        )


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
                report.files.pop(item.doc_id, None)
                report.read += 1
                report.already_stored += 1
                on_document()
            else:
                yield item


def count_records(
    results: Iterable[Record | BadInput],
    report: RunReport,
    on_document: Callable[[], None],
    near_duplicates: NearDuplicates | None = None,
) -> Iterator[tuple[Document, list[Event], DocumentLines | None]]:
    """Count each record in the report; a near-duplicate of a report earlier in the run or stored by an earlier
    one is stored (the record is kept) with only the events its original does not tell (those of its differing
    line), so that one report told twice gives one set of events and one source, and loses nothing. With
    `near_duplicates`, each document comes with the fingerprint to store."""
    supported = available_languages()
    for result in results:
        on_document()
        if isinstance(result, ExtractionFailed) and result.doc_id in report.files:
            report.bad.append(BadInput(f"{report.files.pop(result.doc_id)}: {result}"))
            continue
        if isinstance(result, BadInput):
            report.bad.append(result)
            continue
        events, lines = result.events, None
        if near_duplicates is not None:
            fingerprint = fingerprint_of(result.doc.text)
            original = near_duplicates.original_of(
                result.doc, report.source_of(result.doc), fingerprint, result.events
            )
            lines = document_lines(fingerprint, original)
            if original is not None:
                report.near_duplicates.append(
                    f"{report.source_of(result.doc)} repeats {original.source} but for a line"
                )
                report.near_duplicates_of_stored += original.stored
                events = new_mentions(result.doc.text, result.events, fingerprint.lines, original)
        report.count(result.doc, events)
        if result.doc.language not in supported:
            report.unsupported_languages[result.doc.language] += 1
        yield result.doc, events, lines


def document_lines(fingerprint: Fingerprint, original: Seen | None = None) -> DocumentLines:
    """What the store keeps of a report's fingerprint: a copy of another report is not found by key."""
    if original is not None:
        return DocumentLines(fingerprint.packed, len(fingerprint.lines), (), original.doc_id)
    return DocumentLines(fingerprint.packed, len(fingerprint.lines), fingerprint.keys)


def stored_reports(store: Store) -> Callable[[Fingerprint], list[Seen]]:
    """The lookup NearDuplicates asks for reports stored by earlier runs."""

    def lookup(fingerprint: Fingerprint) -> list[Seen]:
        return [
            Seen(
                found.doc_id,
                f"the stored report {found.url or found.title or 'document ' + found.doc_id[:12]}",
                unpack_lines(found.lines),
                stored=True,
            )
            for found in store.near_duplicate_candidates(fingerprint.keys, len(fingerprint.lines))
        ]

    return lookup


def fingerprint_stored(store: Store) -> int:
    """Give every stored report without a fingerprint its own (stored before fingerprints were kept, or by
    fetch, watch, import-social or the Dask engine), so that later reports can be found to repeat it."""
    done = 0
    for batch in store.documents_without_lines():
        done += store.save_lines((doc_id, document_lines(fingerprint_of(text))) for doc_id, text in batch)
    return done


def read_with_metadata(
    paths: Iterable[Path], metadata: RunMetadata, report: RunReport
) -> Iterator[Document | BadInput]:
    """The documents under `paths` with the run's manifest and date applied; the files of those still without a
    date are noted in the report, for its warnings."""
    seen: set[Path] = set()
    for source, item in read_sourced(paths):
        if source is not None and isinstance(item, Document):
            seen.add(Path(source).resolve())
            item = metadata.apply(item, source)
            report.files[item.doc_id] = source
        yield item
    yield from unused_rows(metadata, seen)


def run(
    paths: Iterable[Path],
    store: Store,
    context: ExtractContext | None = None,
    on_document: Callable[[], None] = lambda: None,
    workers: int = 1,
    metadata: RunMetadata | None = None,
) -> RunReport:
    """Read, extract and store every new document under `paths`, then link the new mentions.

    Streams: inputs are read lazily, known doc_ids are skipped a batch at a time, documents are
    stored in batched transactions, and with workers > 1 extraction runs in that many processes
    (each loads its own context; `context` is then unused).
    """
    report = RunReport()
    report.fingerprinted = fingerprint_stored(store)
    fresh = skip_stored(
        read_with_metadata(paths, metadata or RunMetadata(), report), store, report, on_document
    )
    if workers > 1:
        results: Iterable[Record | BadInput] = extract_parallel(fresh, try_extract, workers)
    else:
        loaded = context or ExtractContext.load()
        results = (try_extract(doc, loaded) for doc in fresh)
    near_duplicates = NearDuplicates(stored_reports(store), stored_mentions=store.near_duplicate_mentions)
    report.stored = store.save_reports(count_records(results, report, on_document, near_duplicates))
    report.link = store.link()
    report.linked_events = store.count_events()
    return report
