"""How one document becomes a Record (dated, extracted, validated) and what a run counts; shared by the local
pipeline and the scale runners."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from undeleted.dates import infer_published
from undeleted.errors import BadInput
from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Document, Event, Record


@dataclass
class RunReport:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    bad: list[BadInput] = field(default_factory=list)
    events_by_type: Counter[str] = field(default_factory=Counter)
    unsupported_languages: Counter[str] = field(default_factory=Counter)

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


def try_extract(doc: Document, context: ExtractContext) -> Record | BadInput:
    """extract_record, with a document the extractor refuses returned as BadInput."""
    try:
        return extract_record(doc, context)
    except BadInput as problem:
        return problem
