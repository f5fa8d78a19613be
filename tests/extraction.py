"""Short ways to run the extractor on a sentence or a small report in tests."""

from __future__ import annotations

import hashlib
from datetime import date

from undeleted.extract import ExtractContext, extract_events
from undeleted.extract.events import detect_mentions
from undeleted.models import Document, Event
from undeleted.text.sentences import split_sentences


def types_of(text: str, language: str, context: ExtractContext) -> set[str]:
    """The event types the triggers find in a text, before grouping into events."""
    sentences = split_sentences(text, language)
    return {mention.type for mention in detect_mentions(sentences, context.lexicons[language])}


def events_of(
    text: str, language: str, context: ExtractContext, published: date = date(2023, 3, 10)
) -> list[Event]:
    """The events of a one-off report published on `published`."""
    doc = Document(
        doc_id=hashlib.sha256(text.strip().encode()).hexdigest(),
        text=text,
        language=language,
        published=published,
        date_source="metadata",
    )
    return extract_events(doc, context)
