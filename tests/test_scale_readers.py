"""Lazy readers for compressed JSON lines and Parquet, found by their double suffix."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from undeleted.errors import BadInput
from undeleted.ingest import READERS, iter_paths, read_all
from undeleted.ingest.streams import count_documents, suffix_of

REPORTS = [
    {
        "text": "Residents gathered at the gate of a Lanzhou compound on Tuesday, chanting for the lockdown to end.",
        "title": "Lanzhou residents protest",
        "published": "2022-10-04",
        "language": "en",
    },
    {
        "text": "昨天郑州富士康园区有上百名工人聚集抗议，要求兑现补贴。",
        "published": "2022-11-23",
        "language": "zh",
    },
    {"text": "Taxi drivers in Harbin went on strike over unpaid fees.", "url": "https://example.org/harbin"},
]


def lines(reports: list[dict[str, str]], broken: bool) -> bytes:
    body = b"".join(json.dumps(report, ensure_ascii=False).encode() + b"\n" for report in reports)
    return body + (b"{not json\n" if broken else b"")


def write(path: Path, reports: list[dict[str, str]], broken: bool = False) -> Path:
    if path.name.endswith(".parquet"):
        columns = sorted({key for report in reports for key in report})
        pq.write_table(
            pa.Table.from_pylist([{key: report.get(key) for key in columns} for report in reports]), path
        )
    elif path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(lines(reports, broken)))
    elif path.name.endswith(".zst"):
        path.write_bytes(zstandard.ZstdCompressor().compress(lines(reports, broken)))
    else:
        path.write_bytes(lines(reports, broken))
    return path


@pytest.mark.parametrize("name", ["reports.jsonl.gz", "reports.jsonl.zst", "reports.parquet"])
def test_scale_compressed_and_parquet_read_like_plain_jsonl(tmp_path: Path, name: str) -> None:
    plain = [item for item in read_all([write(tmp_path / "plain.jsonl", REPORTS)])]
    (tmp_path / "packed").mkdir()
    packed = [item for item in read_all([write(tmp_path / "packed" / name, REPORTS)])]
    assert [doc.model_dump() for doc in packed] == [doc.model_dump() for doc in plain]
    assert [doc.language for doc in packed] == ["en", "zh", "en"]


@pytest.mark.parametrize("name", ["reports.jsonl.gz", "reports.jsonl.zst"])
def test_scale_broken_line_in_compressed_file_is_reported_not_raised(tmp_path: Path, name: str) -> None:
    items = list(read_all([write(tmp_path / name, REPORTS, broken=True)]))
    assert sum(isinstance(item, BadInput) for item in items) == 1
    assert f"{name}:4" in str(items[-1])


@pytest.mark.parametrize(
    "name, content",
    [
        ("cut.jsonl.gz", gzip.compress(lines(REPORTS, False))[:40]),
        ("junk.jsonl.zst", b"this is not zstd at all"),
        ("junk.parquet", b"PAR1 not really"),
    ],
)
def test_scale_corrupt_archive_becomes_bad_input(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    items = list(read_all([tmp_path / name]))
    assert items and isinstance(items[-1], BadInput) and name in str(items[-1])


def test_scale_folder_finds_double_suffixes(tmp_path: Path) -> None:
    for name in ["a.jsonl.gz", "b.jsonl.zst", "c.parquet", "d.jsonl"]:
        write(tmp_path / name, REPORTS)
    (tmp_path / "e.gz").write_bytes(gzip.compress(b"not reports"))
    found = [path.name for path in iter_paths([tmp_path]) if isinstance(path, Path)]
    assert found == ["a.jsonl.gz", "b.jsonl.zst", "c.parquet", "d.jsonl"]
    assert sum(1 for item in read_all([tmp_path]) if not isinstance(item, BadInput)) == 12


@pytest.mark.parametrize(
    "name, expected",
    [
        ("x.jsonl.gz", ".jsonl.gz"),
        ("X.JSONL.ZST", ".jsonl.zst"),
        ("x.jsonl", ".jsonl"),
        ("report.2022.txt", ".txt"),
        ("x.parquet", ".parquet"),
        ("s3://bucket/part-1.jsonl.gz", ".jsonl.gz"),
        ("x.gz", ".gz"),
    ],
)
def test_scale_suffix_of_prefers_longest_known_chain(name: str, expected: str) -> None:
    assert suffix_of(name, READERS) == expected


@pytest.mark.parametrize(
    "names, expected",
    [
        (["a.jsonl", "c.parquet"], 6),
        (["a.jsonl", "b.jsonl.gz"], None),
    ],
)
def test_scale_count_documents_cheaply_or_unknown(
    tmp_path: Path, names: list[str], expected: int | None
) -> None:
    paths = [write(tmp_path / name, REPORTS) for name in names]
    assert count_documents(iter_paths(paths), READERS) == expected
