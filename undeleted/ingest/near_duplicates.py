"""Near-duplicate reports: the same text but for one line (a changed byline, timestamp or footer, an added
line). They are one report told twice, and must not become two sets of events or two sources.

A report's fingerprint is the hash of each of its lines and a few keys to find it again. A short report (up
to EXACT_LINES lines) has a key for its lines (their multiset) and one for each way to leave one line out: a
report and its near-duplicate always share one (the changed line left out of both, or the added one left
out). A long report's lines are dealt into BUCKETS by their hash, one key per bucket that holds a line (the
hash of its sorted lines): a line changed, added or removed touches at most two buckets, so the two share the
key of every other bucket. `differ_by_a_line` then decides. The keys are what the store keeps to find
near-duplicates of reports stored by earlier runs; the decision stays here.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from undeleted.models import Document

EXACT_LINES = 16  # up to this many lines, a report is found by its lines but one (exact); from it, by buckets
BUCKETS = 8  # keys of a long report; it is missed only when its lines fill 2 buckets or fewer (under 1e-8 at 16 lines)
MIN_LINES = 4  # shorter texts differing by a line are different reports
REMEMBERED = 20_000  # the run's latest reports kept in memory (older ones are found in the store)
HASH_SIZE = 8  # bytes per line hash


def line_hashes(text: str) -> tuple[bytes, ...]:
    return tuple(
        hashlib.blake2b(" ".join(line.split()).encode("utf-8"), digest_size=HASH_SIZE).digest()
        for line in text.splitlines()
        if line.strip()
    )


def differ_by_a_line(first: tuple[bytes, ...], second: tuple[bytes, ...]) -> bool:
    """At most one line of each is missing from the other (one line changed, added or removed)."""
    if abs(len(first) - len(second)) > 1:
        return False
    a, b = Counter(first), Counter(second)
    return sum((a - b).values()) <= 1 and sum((b - a).values()) <= 1


def find_keys(lines: tuple[bytes, ...]) -> tuple[int, ...]:
    """The signed 64-bit keys a report is found by (none for a text shorter than MIN_LINES): a short one's
    line multiset with each line left out in turn and whole, a long one's buckets, both at EXACT_LINES lines, so
    two reports whose line counts differ by one always have one kind of key in common."""
    if len(lines) < MIN_LINES:
        return ()
    keys: set[int] = set()
    if len(lines) <= EXACT_LINES:
        ordered = sorted(lines)
        keys.add(key_of(b"all", ordered))
        keys.update(key_of(b"all", ordered[:left] + ordered[left + 1 :]) for left in range(len(ordered)))
    if len(lines) >= EXACT_LINES:
        buckets: list[list[bytes]] = [[] for _ in range(BUCKETS)]
        for line in lines:
            buckets[line[0] % BUCKETS].append(line)
        keys.update(
            key_of(bytes([number]), sorted(bucket)) for number, bucket in enumerate(buckets) if bucket
        )
    return tuple(sorted(keys))


def key_of(kind: bytes, lines: list[bytes]) -> int:
    return int.from_bytes(hashlib.blake2b(kind + b"".join(lines), digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class Fingerprint:
    lines: tuple[bytes, ...]
    keys: tuple[int, ...]

    @property
    def packed(self) -> bytes:
        """The line hashes as one byte string, as the store keeps them."""
        return b"".join(self.lines)


def fingerprint_of(text: str) -> Fingerprint:
    lines = line_hashes(text)
    return Fingerprint(lines, find_keys(lines))


def unpack_lines(packed: bytes) -> tuple[bytes, ...]:
    return tuple(packed[start : start + HASH_SIZE] for start in range(0, len(packed), HASH_SIZE))


@dataclass(frozen=True)
class Seen:
    doc_id: str
    source: str
    lines: tuple[bytes, ...]
    keys: tuple[int, ...] = ()
    stored: bool = False  # stored by an earlier run (else: read earlier in this one)


StoredLookup = Callable[[Fingerprint], Iterable[Seen]]  # the stored reports sharing a key, of a like length


class NearDuplicates:
    """Remembers the run's reports and asks `stored` (when given) for earlier runs' reports; `original_of`
    tells which earlier report one repeats but for a line, the stored ones first (they came earlier)."""

    def __init__(self, stored: StoredLookup | None = None, remembered: int = REMEMBERED) -> None:
        self.stored = stored
        self.remembered = remembered
        self.recent: OrderedDict[str, Seen] = OrderedDict()
        self.by_key: dict[int, dict[str, Seen]] = {}

    def original_of(self, doc: Document, source: str, fingerprint: Fingerprint | None = None) -> Seen | None:
        """The earlier report `doc` repeats but for a line; None (and `doc` is remembered) when there is none."""
        fingerprint = fingerprint or fingerprint_of(doc.text)
        if not fingerprint.keys:
            return None
        found = self.find(doc.doc_id, fingerprint)
        if found is None:
            self.remember(Seen(doc.doc_id, source, fingerprint.lines, fingerprint.keys))
        return found

    def find(self, doc_id: str, fingerprint: Fingerprint) -> Seen | None:
        stored = list(self.stored(fingerprint)) if self.stored is not None else []
        recent = [seen for key in fingerprint.keys for seen in self.by_key.get(key, {}).values()]
        for seen in stored + recent:
            if seen.doc_id != doc_id and differ_by_a_line(seen.lines, fingerprint.lines):
                return seen
        return None

    def remember(self, seen: Seen) -> None:
        self.recent[seen.doc_id] = seen
        for key in seen.keys:
            self.by_key.setdefault(key, {})[seen.doc_id] = seen
        while len(self.recent) > self.remembered:
            _, oldest = self.recent.popitem(last=False)
            for key in oldest.keys:
                holders = self.by_key.get(key, {})
                holders.pop(oldest.doc_id, None)
                if not holders:
                    self.by_key.pop(key, None)
