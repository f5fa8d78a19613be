"""Mixed-language documents: one masked copy per language, so each paragraph is read in its own language."""

from __future__ import annotations

import re

from undeleted.models import Document
from undeleted.text.lang import paragraph_languages

MIN_SHARE = 0.2  # a language must carry this share of the text's paragraphs (by length) to be read apart
MIN_CHARS = 40
NOT_SPACE = re.compile(r"[^\n]")


def split_languages(doc: Document, language: str, known: tuple[str, ...]) -> list[tuple[str, Document]]:
    """[(language, document)]: the document itself, or one copy per language with the other
    languages' paragraphs blanked out (same length, so every offset still points into `doc.text`)."""
    paragraphs = paragraph_languages(doc.text)
    sizes: dict[str, int] = {}
    for start, end, found in paragraphs:
        sizes[found] = sizes.get(found, 0) + end - start
    total = sum(sizes.values()) or 1
    parts = [
        found
        for found, size in sizes.items()
        if found in known and size >= MIN_CHARS and size / total >= MIN_SHARE
    ]
    if len(parts) < 2:
        return [(language, doc)]
    views = []
    for part in sorted(parts, key=lambda found: found != language):
        text = doc.text
        for start, end, found in paragraphs:
            if found != part:
                text = text[:start] + NOT_SPACE.sub(" ", text[start:end]) + text[end:]
        views.append((part, doc.model_copy(update={"text": text, "language": part})))
    return views
