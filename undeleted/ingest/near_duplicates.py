"""Near-duplicate reports: the same text but for one line (a changed byline, timestamp or footer, an added
line). They are one report told twice, and must not become two sets of events or two sources."""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from dataclasses import dataclass

from undeleted.models import Document

EDGE_LINES = 3  # a report is found again by its first or its last lines
MIN_LINES = 4  # shorter texts differing by a line are different reports
REMEMBERED = 20_000  # reports kept for comparison (the most recent), so memory stays bounded on big runs


def line_hashes(text: str) -> tuple[bytes, ...]:
    return tuple(
        hashlib.blake2b(" ".join(line.split()).encode("utf-8"), digest_size=8).digest()
        for line in text.splitlines()
        if line.strip()
    )


def differ_by_a_line(first: tuple[bytes, ...], second: tuple[bytes, ...]) -> bool:
    """At most one line of each is missing from the other (one line changed, added or removed)."""
    if abs(len(first) - len(second)) > 1:
        return False
    a, b = Counter(first), Counter(second)
    return sum((a - b).values()) <= 1 and sum((b - a).values()) <= 1


@dataclass(frozen=True)
class Seen:
    doc_id: str
    source: str
    lines: tuple[bytes, ...]


class NearDuplicates:
    """Remembers recent reports; `original_of` tells which earlier one a report repeats but for a line."""

    def __init__(self, remembered: int = REMEMBERED) -> None:
        self.remembered = remembered
        self.by_edge: OrderedDict[tuple[str, bytes], Seen] = OrderedDict()

    def original_of(self, doc: Document, source: str) -> Seen | None:
        lines = line_hashes(doc.text)
        if len(lines) < MIN_LINES:
            return None
        keys = [("head", b"".join(lines[:EDGE_LINES])), ("tail", b"".join(lines[-EDGE_LINES:]))]
        for key in keys:
            seen = self.by_edge.get(key)
            if seen is not None and seen.doc_id != doc.doc_id and differ_by_a_line(seen.lines, lines):
                return seen
        current = Seen(doc.doc_id, source, lines)
        for key in keys:
            self.by_edge[key] = current
            self.by_edge.move_to_end(key)
        while len(self.by_edge) > 2 * self.remembered:
            self.by_edge.popitem(last=False)
        return None
