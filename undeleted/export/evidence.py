"""Evidence passages cut from report texts: the sentence around each span an event rests on."""

from __future__ import annotations

import re
from collections.abc import Iterable

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])|\n+")
MAX_SNIPPET = 600


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start of the sentence holding `start` and the end of the one holding `end` (capped in length)."""
    begin, finish = 0, len(text)
    for boundary in SENTENCE_END.finditer(text):
        if boundary.end() <= start:
            begin = boundary.end()
        elif boundary.start() >= end:
            finish = boundary.start()
            break
    begin = max(begin, start - MAX_SNIPPET // 2)
    return begin, min(finish, end + MAX_SNIPPET // 2)


def evidence_sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The distinct sentences holding the spans, in document order, whitespace collapsed."""
    sentences: list[str] = []
    for start, end in sorted(set(spans)):
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        begin, finish = sentence_bounds(text, start, end)
        sentence = " ".join(text[begin:finish].split())
        if sentence and sentence not in sentences:
            sentences.append(sentence)
    return sentences
