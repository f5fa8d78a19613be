"""Lazy readers for large archives: gzip- or zstd-compressed JSON lines and Parquet.

Each reader keeps one block of the file in memory at a time. They read local paths and
fsspec URLs alike (s3://, gs://, https://...), so the Dask engine can use them on shards.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

import zstandard

from undeleted.errors import BadInput
from undeleted.ingest.limits import LIMITS, GuardedReader, ReadLimits, bounded_lines, size_text
from undeleted.models import Document

Item = Document | BadInput
ParseLine = Callable[[bytes, str], Document]
ParseRow = Callable[[dict[str, Any], str], Document]
COMPRESSED = {".gz": "gzip", ".zst": "zstd"}
PARQUET_BATCH = 1024  # rows decoded at a time
BUFFER = 1 << 20  # decompressed bytes buffered for line reading
RAW_BLOCK = 64 * 1024  # compressed bytes read at a time
ZSTD_OUTPUT_STEP = 1 << 20  # about this much is decompressed per call, whatever the ratio


def suffix_of(path: Path | str, known: Iterable[str]) -> str:
    """The longest known suffix chain of a name ('.jsonl.gz' before '.gz'), else its last suffix."""
    name = Path(str(path)).name.lower()
    matches = [suffix for suffix in known if name.endswith(suffix) and len(name) > len(suffix)]
    return max(matches, key=len) if matches else Path(name).suffix


class ZstdReader(io.RawIOBase):
    """A zstd stream (one frame or several) decompressed with bounded memory, even for a bomb: compressed
    bytes are fed a little at a time, fewer when they expand a lot. A stream cut inside a frame raises
    BadInput naming it as truncated (zstandard's own reader ends silently there)."""

    def __init__(self, raw: IO[bytes], where: str) -> None:
        super().__init__()
        self.raw = raw
        self.where = where
        self.packed = 0  # compressed bytes consumed so far
        self.step = 1024  # compressed bytes fed per call: about ZSTD_OUTPUT_STEP of output
        self.frame = zstandard.ZstdDecompressor().decompressobj()
        self.fed = False  # the current frame has input
        self.pending = b""  # decompressed; read up to `offset`
        self.offset = 0
        self.unfed = b""  # read from raw, not yet fed

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self.offset >= len(self.pending):
            if not self.unfed:
                self.unfed = self.raw.read(RAW_BLOCK)
                if not self.unfed:
                    if self.fed and not self.frame.eof:
                        raise BadInput(
                            f"{self.where}: truncated zstd stream (the file ends inside a frame; "
                            "an interrupted download or copy?)"
                        )
                    return 0
            self.feed()
        count = min(len(buffer), len(self.pending) - self.offset)
        buffer[:count] = self.pending[self.offset : self.offset + count]
        self.offset += count
        return count

    def feed(self) -> None:
        if self.frame.eof:
            rest = self.frame.unused_data
            self.frame, self.fed = zstandard.ZstdDecompressor().decompressobj(), False
            self.unfed = rest + self.unfed
        piece, self.unfed = self.unfed[: self.step], self.unfed[self.step :]
        self.pending, self.offset = self.frame.decompress(piece), 0
        self.packed += len(piece)
        self.fed = self.fed or bool(piece)
        ratio = len(self.pending) / max(len(piece), 1)
        self.step = max(64, min(RAW_BLOCK, int(ZSTD_OUTPUT_STEP / max(ratio, 1))))


@contextmanager
def open_binary(path: Path | str, limits: ReadLimits = LIMITS) -> Iterator[IO[bytes]]:
    """A path or fsspec URL opened for reading bytes, decompressed by its last suffix, within `limits`."""
    name = str(path)
    compression = COMPRESSED.get(Path(name).suffix.lower())
    with open_raw(name) as raw:
        if compression == "gzip":
            with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                yield io.BufferedReader(
                    GuardedReader(cast(IO[bytes], stream), name, raw.tell, limits), BUFFER
                )
        elif compression == "zstd":
            zstd = ZstdReader(raw, name)
            yield io.BufferedReader(
                GuardedReader(cast(IO[bytes], zstd), name, lambda: zstd.packed, limits), BUFFER
            )
        else:
            yield raw


@contextmanager
def open_raw(name: str) -> Iterator[IO[bytes]]:
    if "://" in name:
        import fsspec

        with fsspec.open(name, "rb") as stream:
            yield stream
    else:
        with open(name, "rb") as stream:
            yield stream


def read_json_lines(path: Path | str, parse: ParseLine, limits: ReadLimits = LIMITS) -> Iterator[Item]:
    """One Document per non-empty line of a (possibly compressed) JSON-lines file; bad lines as BadInput.

    Lines over the limit are reported and skipped; a stream over its limits, truncated or corrupt ends
    with one BadInput naming the file (the documents before it are kept)."""
    name = str(path)
    try:
        with open_binary(path, limits) as stream:
            yield from json_items(stream, name, parse, limits)
    except (EOFError, OSError, ValueError, zlib.error, zstandard.ZstdError) as problem:
        yield stream_problem(name, problem)


def stream_problem(name: str, problem: Exception) -> BadInput:
    """What went wrong reading or decompressing a stream, as one line naming it."""
    if isinstance(problem, EOFError):
        return BadInput(
            f"{name}: truncated compressed stream (the file ends before the end-of-stream marker; "
            "an interrupted download or copy?)"
        )
    return BadInput(f"{name}: cannot decompress or read ({problem})")


def read_json_line_range(
    name: str, start: int, end: int, parse: ParseLine, limits: ReadLimits = LIMITS
) -> Iterator[Item]:
    """The lines of an uncompressed JSON-lines file (path or fsspec URL) that begin in bytes [start, end), as
    read_json_lines reads them: how the Dask engine splits one large file between workers. Problems name the
    file, the block's first byte when it is not 0, and the line within the block."""
    where = name if start == 0 else f"{name} (block from byte {start:,})"
    try:
        with open_raw(name) as raw:
            yield from json_items(io.BufferedReader(LineRange(raw, start, end), BUFFER), where, parse, limits)
    except (OSError, ValueError) as problem:
        yield BadInput(f"{where}: cannot read ({problem})")


def json_items(stream: IO[bytes], where: str, parse: ParseLine, limits: ReadLimits) -> Iterator[Item]:
    bad = 0
    for number, line in bounded_lines(stream, where, limits):
        item = line if isinstance(line, BadInput) else parse_or_report(parse, line, f"{where}:{number}")
        bad += isinstance(item, BadInput)
        if bad > limits.bad_lines:
            yield BadInput(
                f"{where}: over {limits.bad_lines:,} unreadable lines (the limit per file); "
                f"the rest after line {number:,} is skipped"
            )
            return
        yield item


class LineRange(io.RawIOBase):
    """The lines of a seekable byte stream that begin in [start, end): from the first line start at or after
    `start` (a line begun before belongs to the block before) to the end of the line holding byte end - 1.
    What is skipped or followed past either end is read a block at a time, never held whole."""

    def __init__(self, raw: IO[bytes], start: int, end: int) -> None:
        super().__init__()
        self.raw = raw
        self.position = start
        self.end = end
        self.done = False
        if start > 0:
            raw.seek(start - 1)
            if raw.read(1) != b"\n":
                self.skip_line()
        self.done = self.done or self.position >= end  # the first line here begins past the block

    def readable(self) -> bool:
        return True

    def skip_line(self) -> None:
        """Read past the rest of the current line (and its newline)."""
        while block := self.raw.read(RAW_BLOCK):
            newline = block.find(b"\n")
            if newline >= 0:
                self.position += newline + 1
                self.raw.seek(self.position)
                return
            self.position += len(block)
        self.done = True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.done:
            return 0
        data = self.raw.read(len(buffer))
        if not data:
            self.done = True
            return 0
        if self.position + len(data) > self.end:  # past the block: up to the end of the line holding end - 1
            newline = data.find(b"\n", max(self.end - 1 - self.position, 0))
            if newline >= 0:
                data, self.done = data[: newline + 1], True
        self.position += len(data)
        count = len(data)
        buffer[:count] = data
        return count


def read_parquet(path: Path | str, parse: ParseRow, limits: ReadLimits = LIMITS) -> Iterator[Item]:
    """One Document per row of a Parquet file (columns as in JSON lines: text, title, url, ...).

    Row groups are decoded one batch at a time; a file whose row groups would decode to more than the
    stream limit, or expand more than the ratio guard allows, is refused from its metadata before."""
    import pyarrow.parquet as pq

    try:
        with open_binary(path, limits) as stream:
            table = pq.ParquetFile(stream)
            check_parquet(table.metadata, str(path), limits)
            number = 0
            for batch in table.iter_batches(batch_size=PARQUET_BATCH):
                for row in batch.to_pylist():
                    number += 1
                    yield parse_or_report(parse, row, f"{path}:row {number}")
    except (OSError, ValueError) as problem:
        yield BadInput(f"{path}: not a readable Parquet file ({problem})")


def check_parquet(metadata: Any, where: str, limits: ReadLimits) -> None:
    sizes = [metadata.row_group(index).total_byte_size for index in range(metadata.num_row_groups)]
    if sizes and max(sizes) > limits.stream_bytes // 16:
        raise BadInput(
            f"{where}: a row group of {size_text(max(sizes))} decoded, over the "
            f"{size_text(limits.stream_bytes // 16)} limit per Parquet row group"
        )
    packed = sum(
        metadata.row_group(index).column(column).total_compressed_size
        for index in range(metadata.num_row_groups)
        for column in range(metadata.num_columns)
    )
    if sum(sizes) > limits.ratio_after and sum(sizes) > limits.ratio * max(packed, 1):
        raise BadInput(
            f"{where}: decodes to over {limits.ratio} times its stored size ({size_text(sum(sizes))} "
            f"from {size_text(packed)}), the limit for a compressed file (a decompression bomb?); refused"
        )


def parse_or_report(parse: Callable[[Any, str], Document], raw: Any, where: str) -> Item:
    """The parsed Document, or BadInput naming the line or row whatever went wrong (any exception type)."""
    try:
        return parse(raw, where)
    except BadInput as problem:
        return problem
    except Exception as problem:  # (one bad record never stops the file)
        return BadInput(f"{where}: {describe(problem)}")


def describe(problem: BaseException) -> str:
    """An exception as one short line: its kind, and its message cut at 200 characters."""
    if isinstance(problem, RecursionError):
        return "nested too deeply to read (RecursionError)"
    message = " ".join(str(problem).split())
    return f"{type(problem).__name__}: {message[:200]}{'…' if len(message) > 200 else ''}"


def count_documents(files: Iterable[Path | BadInput], readers: Iterable[str]) -> int | None:
    """How many documents the files hold, where that is cheap to know; None when any is compressed."""
    known = list(readers)
    total = 0
    for path in files:
        if isinstance(path, BadInput):
            continue
        try:
            count = count_file(path, suffix_of(path, known))
        except Exception:  # (the reader names the file's problem; counting only guesses)
            return None
        if count is None:
            return None
        total += count
    return total


def count_file(path: Path, suffix: str) -> int | None:
    """Documents in one file: lines, rows, or 1; None for a compressed file (unknown without reading it)."""
    if suffix == ".jsonl":
        with path.open("rb") as stream:
            return sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if suffix in COMPRESSED or Path(suffix).suffix in COMPRESSED:
        return None
    return 1
