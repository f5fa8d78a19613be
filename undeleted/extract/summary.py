"""A one-sentence plain summary of an event: its trigger sentence, trimmed."""

from __future__ import annotations

import re

MAX_LENGTH = 200
LEADING = re.compile(r"^(?:\d+[./)]\s*|[-–•*]\s*|(?:But|And|Meanwhile|However|Then|Moreover),?\s+)")


def summarize(sentence: str) -> str:
    """The sentence without list markers or leading connectives, cut at a word boundary to 200 chars."""
    text = " ".join(sentence.split())
    text = LEADING.sub("", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if len(text) <= MAX_LENGTH:
        return text
    cut = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
