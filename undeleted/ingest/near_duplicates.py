"""Near-duplicate reports: the same text but for one line (a changed byline, timestamp or footer, an added
line). They are one report told twice, and must not become two sets of events or two sources.

A report's fingerprint is the hash of each of its lines and a few keys to find it again. A short report (up
to EXACT_LINES lines) has a key for its lines (their multiset) and one for each way to leave one line out: a
report and its near-duplicate always share one (the changed line left out of both, or the added one left
out). A long report's lines are dealt into BUCKETS by their hash, one key per bucket that holds a line (the
hash of its sorted lines): a line changed, added or removed touches at most two buckets, so the two share the
key of every other bucket. `differ_by_a_line` then decides. The keys are what the store keeps to find
near-duplicates of reports stored by earlier runs; the decision stays here.

A near-duplicate's own events are extracted as any report's: `new_mentions` drops only those identical to a
mention of the report it repeats (same type, date span and place, evidence in lines the two share), so the
events its differing line tells are kept, and the shared ones still count one report.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from undeleted.models import Document, Event

EXACT_LINES = 16  # up to this many lines, a report is found by its lines but one (exact); from it, by buckets
BUCKETS = 8  # keys of a long report; it is missed only when its lines fill 2 buckets or fewer (under 1e-8 at 16 lines)
MIN_LINES = 4  # shorter texts differing by a line are different reports
REMEMBERED = 20_000  # the run's latest reports kept in memory (older ones are found in the store)
HASH_SIZE = 8  # bytes per line hash


def hash_line(line: str) -> bytes:
    return hashlib.blake2b(" ".join(line.split()).encode("utf-8"), digest_size=HASH_SIZE).digest()


def line_hashes(text: str) -> tuple[bytes, ...]:
    return tuple(hash_line(line) for line in text.splitlines() if line.strip())


def line_spans(text: str) -> list[tuple[int, int, bytes]]:
    """(start, end, hash) of each non-blank line of `text`: where its hash from `line_hashes` lies."""
    spans = []
    start = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            spans.append((start, start + len(line), hash_line(line)))
        start += len(line)
    return spans


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
class MentionPrint:
    """What makes two reports' mentions one: the event's type, date span and place, and the hashes of the lines
    its evidence lies in."""

    key: tuple[str | None, ...]
    lines: frozenset[bytes]

    def repeats(self, other: MentionPrint, shared: frozenset[bytes]) -> bool:
        """The same event, told in lines both reports have (a mention without evidence repeats nothing)."""
        return (
            self.key == other.key
            and bool(self.lines)
            and self.lines <= shared
            and bool(self.lines & other.lines)
        )


def print_of(payload: Mapping[str, Any], spans: Sequence[tuple[int, int, bytes]]) -> MentionPrint:
    """The print of a mention given as its stored payload (an Event dumped as JSON), in a text of `spans`."""
    location = payload.get("location") or {}
    key = tuple(
        None if value is None else str(value)
        for value in (
            payload.get("type"),
            payload.get("date_start"),
            payload.get("date_end"),
            location.get("country"),
            location.get("adcode"),
            location.get("place"),
        )
    )
    lines: set[bytes] = set()
    for evidence in payload.get("evidence") or []:
        low = int(evidence.get("start", 0))
        high = max(int(evidence.get("end", 0)), low + 1)  # an empty span still points at its line
        lines.update(digest for start, end, digest in spans if start < high and low < end)
    return MentionPrint(key, frozenset(lines))


def mention_prints(text: str, payloads: Iterable[Mapping[str, Any]]) -> tuple[MentionPrint, ...]:
    spans = line_spans(text)
    return tuple(print_of(payload, spans) for payload in payloads)


def prints_of_events(text: str, events: Iterable[Event]) -> tuple[MentionPrint, ...]:
    return mention_prints(text, (event.model_dump(mode="json") for event in events))


@dataclass(frozen=True)
class Seen:
    doc_id: str
    source: str
    lines: tuple[bytes, ...]
    keys: tuple[int, ...] = ()
    stored: bool = False  # stored by an earlier run (else: read earlier in this one)
    mentions: tuple[MentionPrint, ...] = ()  # its events' prints (a stored report's: read once found)


StoredLookup = Callable[[Fingerprint], Iterable[Seen]]  # the stored reports sharing a key, of a like length
# a stored report's text and its mentions' payloads (None: not stored)
StoredMentions = Callable[[str], tuple[str, list[dict[str, Any]]] | None]


def new_mentions(text: str, events: list[Event], lines: tuple[bytes, ...], original: Seen) -> list[Event]:
    """The events of a near-duplicate (text `text`, line hashes `lines`) that no mention of `original` already
    tells: an event is dropped only when one of the original's has its type, date span and place, and its
    evidence lies in lines the two reports share (one of them in that mention's evidence too)."""
    shared = frozenset(lines) & frozenset(original.lines)
    return [
        event
        for event, mine in zip(events, prints_of_events(text, events), strict=True)
        if not any(mine.repeats(theirs, shared) for theirs in original.mentions)
    ]


class NearDuplicates:
    """Remembers the run's reports and asks `stored` (when given) for earlier runs' reports; `original_of`
    tells which earlier report one repeats but for a line, the stored ones first (they came earlier), with the
    prints of that report's mentions (read through `stored_mentions` for a stored one)."""

    def __init__(
        self,
        stored: StoredLookup | None = None,
        remembered: int = REMEMBERED,
        stored_mentions: StoredMentions | None = None,
    ) -> None:
        self.stored = stored
        self.stored_mentions = stored_mentions
        self.remembered = remembered
        self.recent: OrderedDict[str, Seen] = OrderedDict()
        self.by_key: dict[int, dict[str, Seen]] = {}

    def original_of(
        self,
        doc: Document,
        source: str,
        fingerprint: Fingerprint | None = None,
        events: Sequence[Event] = (),
    ) -> Seen | None:
        """The earlier report `doc` repeats but for a line; None (and `doc` is remembered, with the prints of its
        `events`) when there is none."""
        fingerprint = fingerprint or fingerprint_of(doc.text)
        if not fingerprint.keys:
            return None
        found = self.find(doc.doc_id, fingerprint)
        if found is None:
            prints = prints_of_events(doc.text, events)
            self.remember(Seen(doc.doc_id, source, fingerprint.lines, fingerprint.keys, mentions=prints))
        elif found.stored and self.stored_mentions is not None:
            stored = self.stored_mentions(found.doc_id)
            found = replace(found, mentions=mention_prints(*stored)) if stored else found
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
