"""Bounds on what one input may cost to read, so a hostile or broken file is refused, not obeyed.

Every reader goes through these: bytes per document file (.txt, .md, .html), bytes per JSON line, bytes
per decompressed stream, and a decompression-ratio guard (a 2 MB gzip of zeros is 2 GiB of nothing).
Each refusal is a BadInput naming the file and the bound, raised before the bytes are held in memory.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from undeleted.errors import BadInput

MiB = 1 << 20
BLOCK = 1 * MiB  # bytes split into lines at a time


@dataclass(frozen=True)
class ReadLimits:
    document_bytes: int = 16 * MiB  # one report file; MAX_CHARS (2M characters) is at most 8 MB of UTF-8
    line_bytes: int = 16 * MiB  # one JSON line (a report with escapes and metadata)
    stream_bytes: int = 16 * 1024 * MiB  # everything decompressed from one .gz or .zst file
    ratio: int = 100  # decompressed / compressed; text compresses 3-10 times, zeros or newlines 1,000 times
    ratio_after: int = 64 * MiB  # the ratio is judged once this much is decompressed (small files pass)
    bad_lines: int = 1000  # unreadable lines in one file before the rest of it is skipped


LIMITS = ReadLimits()


def size_text(count: int) -> str:
    return f"{count / MiB:,.0f} MiB" if count >= MiB else f"{count:,} bytes"


def read_document_bytes(path: Path, limits: ReadLimits = LIMITS) -> bytes:
    """The bytes of one report file, refused (before reading) when over `document_bytes`."""
    limit = limits.document_bytes
    if path.stat().st_size > limit:
        raise BadInput(
            f"{path}: {size_text(path.stat().st_size)}, over the {size_text(limit)} limit per "
            "document file; split it into reports first"
        )
    with path.open("rb") as stream:
        data = stream.read(limit + 1)  # a file that grew, or a pipe, is still cut at the limit
    if len(data) > limit:
        raise BadInput(
            f"{path}: over the {size_text(limit)} limit per document file; split it into reports first"
        )
    return data


def bounded_lines(
    stream: IO[bytes], where: str, limits: ReadLimits = LIMITS
) -> Iterator[tuple[int, bytes | BadInput]]:
    """(number, line) for the non-blank lines of a binary stream, each at most `line_bytes`; a longer line is
    skipped and reported as BadInput. Read a block at a time; blocks of blank lines are only counted."""
    limit = limits.line_bytes
    number = 0
    head: list[bytes] = []  # the start of the current line, from earlier blocks
    size = 0
    overlong = False
    read = getattr(stream, "read1", stream.read)  # read1: what is decompressed so far, even if a cut follows
    while block := read(BLOCK):
        if not block.strip() and (newlines := block.count(b"\n")):  # a flood of blank lines: only counted
            if head or overlong:
                line = b"".join([*head, block[: block.index(b"\n")]])
                if overlong or line.strip():
                    yield number + 1, finished_line(line, overlong, where, number + 1, limit)
            tail = block[block.rindex(b"\n") + 1 :]
            number, head, size, overlong = number + newlines, [tail] if tail else [], len(tail), False
            continue
        pieces = block.split(b"\n")
        for piece in pieces[:-1]:  # each ends a line
            number += 1
            line = b"".join([*head, piece]) if head else piece
            head, size = [], 0
            if overlong or len(line) > limit or line.strip():
                yield number, finished_line(line, overlong, where, number, limit)
            overlong = False
        tail = pieces[-1]
        if overlong or size + len(tail) > limit:
            head, size, overlong = [], 0, True  # past the limit: the rest of this line is dropped as it comes
        elif tail:
            head.append(tail)
            size += len(tail)
    if (head or overlong) and (overlong or b"".join(head).strip()):
        yield number + 1, finished_line(b"".join(head), overlong, where, number + 1, limit)


def finished_line(line: bytes, overlong: bool, where: str, number: int, limit: int) -> bytes | BadInput:
    if overlong or len(line) > limit:
        return BadInput(f"{where}:{number}: line longer than the {size_text(limit)} limit per line; skipped")
    return line


class GuardedReader(io.RawIOBase):
    """A decompressed stream that stops with BadInput past `stream_bytes` or past `ratio` times the
    compressed bytes read (`packed()` tells how many those are; None: no ratio guard)."""

    def __init__(
        self, stream: IO[bytes], where: str, packed: Callable[[], int] | None, limits: ReadLimits = LIMITS
    ) -> None:
        super().__init__()
        self.stream = stream
        self.where = where
        self.packed = packed
        self.limits = limits
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.stream.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self.total += count
        self.check()
        return count

    def check(self) -> None:
        limits = self.limits
        if self.total > limits.stream_bytes:
            raise BadInput(
                f"{self.where}: decompresses to over {size_text(limits.stream_bytes)}, the limit per "
                "compressed file; split it into smaller files"
            )
        if self.packed is not None and self.total > limits.ratio_after:
            packed = max(self.packed(), 1)
            if self.total > limits.ratio * packed:
                raise BadInput(
                    f"{self.where}: decompresses to over {limits.ratio} times its compressed size "
                    f"({size_text(self.total)} from {size_text(packed)}), the limit for a compressed "
                    "file (a decompression bomb?); refused"
                )


def check_zip(path: Path, limits: ReadLimits = LIMITS) -> None:
    """Refuse a zip container (.docx) whose members would inflate past the stream limit or the ratio guard,
    from its directory, before a member is read."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > limits.stream_bytes // 16:
        raise BadInput(
            f"{path}: unpacks to {size_text(unpacked)}, over the {size_text(limits.stream_bytes // 16)} "
            "limit for a document archive"
        )
    if unpacked > limits.ratio_after and unpacked > limits.ratio * max(packed, 1):
        raise BadInput(
            f"{path}: unpacks to over {limits.ratio} times its size ({size_text(unpacked)} from "
            f"{size_text(packed)}), the limit for a compressed file (a zip bomb?); refused"
        )
