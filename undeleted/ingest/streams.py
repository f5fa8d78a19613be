"""Lazy readers for large archives: gzip- or zstd-compressed JSON lines and Parquet.

Each reader keeps one block of the file in memory at a time. They read local paths and
fsspec URLs alike (s3://, gs://, https://...), so the Dask engine can use them on shards.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import zstandard

from undeleted.errors import BadInput
from undeleted.models import Document

Item = Document | BadInput
ParseLine = Callable[[bytes, str], Document]
ParseRow = Callable[[dict[str, Any], str], Document]
COMPRESSED = {".gz": "gzip", ".zst": "zstd"}
PARQUET_BATCH = 1024  # rows decoded at a time


def suffix_of(path: Path | str, known: Iterable[str]) -> str:
    """The longest known suffix chain of a name ('.jsonl.gz' before '.gz'), else its last suffix."""
    name = Path(str(path)).name.lower()
    matches = [suffix for suffix in known if name.endswith(suffix) and len(name) > len(suffix)]
    return max(matches, key=len) if matches else Path(name).suffix


@contextmanager
def open_binary(path: Path | str) -> Iterator[IO[bytes]]:
    """A path or fsspec URL opened for reading bytes, decompressed by its last suffix."""
    name = str(path)
    compression = COMPRESSED.get(Path(name).suffix.lower())
    if "://" in name:
        import fsspec

        with fsspec.open(name, "rb", compression=compression) as stream:
            yield stream
        return
    with open(name, "rb") as raw:
        if compression == "gzip":
            with gzip.open(raw, "rb") as stream:
                yield stream
        elif compression == "zstd":
            with zstandard.ZstdDecompressor().stream_reader(raw) as reader:
                yield io.BufferedReader(reader)  # type: ignore[arg-type]
        else:
            yield raw


def read_json_lines(path: Path | str, parse: ParseLine) -> Iterator[Item]:
    """One Document per non-empty line of a (possibly compressed) JSON-lines file; bad lines as BadInput."""
    try:
        with open_binary(path) as lines:
            for number, raw in enumerate(lines, start=1):
                if raw.strip():
                    yield parse_or_report(parse, raw, f"{path}:{number}")
    except (OSError, EOFError, ValueError, zstandard.ZstdError) as problem:
        yield BadInput(f"{path}: cannot decompress or read ({problem})")


def read_parquet(path: Path | str, parse: ParseRow) -> Iterator[Item]:
    """One Document per row of a Parquet file (columns as in JSON lines: text, title, url, ...)."""
    import pyarrow.parquet as pq

    try:
        with open_binary(path) as stream:
            table = pq.ParquetFile(stream)
            number = 0
            for batch in table.iter_batches(batch_size=PARQUET_BATCH):
                for row in batch.to_pylist():
                    number += 1
                    yield parse_or_report(parse, row, f"{path}:row {number}")
    except (OSError, ValueError) as problem:
        yield BadInput(f"{path}: not a readable Parquet file ({problem})")


def parse_or_report(parse: Callable[[Any, str], Document], raw: Any, where: str) -> Item:
    try:
        return parse(raw, where)
    except BadInput as problem:
        return problem


def count_documents(files: Iterable[Path | BadInput], readers: Iterable[str]) -> int | None:
    """How many documents the files hold, where that is cheap to know; None when any is compressed."""
    known = list(readers)
    total = 0
    for path in files:
        if isinstance(path, BadInput):
            continue
        suffix = suffix_of(path, known)
        if suffix == ".jsonl":
            with path.open("rb") as stream:
                total += sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        elif suffix in COMPRESSED or Path(suffix).suffix in COMPRESSED:
            return None
        else:
            total += 1
    return total
