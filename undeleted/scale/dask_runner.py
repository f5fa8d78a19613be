"""The Dask engine: shards are read and extracted on a dask.distributed cluster's workers, each
partition's documents and mentions are written as Parquet, then loaded into the store and linked.

It uses the local engine's extraction (`pipeline.try_extract`) and readers, so both give identical
events. The cluster's Python environment needs `undeleted` installed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from dask.delayed import Delayed, delayed
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from undeleted.errors import BadInput
from undeleted.ingest import READERS, iter_paths
from undeleted.ingest.files import parse_json_line
from undeleted.ingest.streams import describe, read_json_line_range, suffix_of
from undeleted.models import Document, Event
from undeleted.pipeline import ExtractionFailed, RunReport, try_extract
from undeleted.store import Store
from undeleted.workers import chunked, worker_context

JSON_LINES = (".jsonl", ".jsonl.gz", ".jsonl.zst")
FLUSH = 1000  # documents buffered before a Parquet row group is written or a batch is stored
GLOB = ("*", "?", "[")
DOCUMENT_SCHEMA = pa.schema([(name, pa.string()) for name in Document.model_fields])
MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("ordinal", pa.int32()),
        ("type", pa.string()),
        ("date_start", pa.string()),
        ("date_end", pa.string()),
        ("country", pa.string()),
        ("adcode", pa.string()),
        ("credibility", pa.string()),
        ("event", pa.string()),
    ]
)


@dataclass(frozen=True)
class DaskOptions:
    scheduler: str | None = None  # tcp://host:8786; None starts a LocalCluster
    workers: int = 2  # worker processes of the LocalCluster
    parquet: str = "undeleted-parquet"  # folder or fsspec URL that every worker and this process can reach
    blocksize: int = 4 << 20  # bytes of uncompressed JSON lines per partition
    files_per_partition: int = 200  # single-report files (txt, md, html) per partition


class LoadModels(WorkerPlugin):
    """Loads the extraction context once when a worker starts (it is then cached in that process)."""

    name = "undeleted-extract-context"

    def setup(self, worker: Any) -> None:
        worker_context()


@dataclass(frozen=True)
class Shards:
    plain_lines: list[str]  # uncompressed JSON lines: split into byte blocks
    archives: list[str]  # compressed JSON lines and Parquet: one partition per file, streamed
    files: list[str]  # single-report files (txt, md, html): grouped
    bad: list[BadInput]


def find_shards(inputs: Iterable[str]) -> Shards:
    """The readable files behind paths, folders, fsspec URLs and globs, sorted by how they are split."""
    shards = Shards([], [], [], [])
    for name in inputs:
        if "://" in name or any(mark in name for mark in GLOB):
            fs, _, found = fsspec.core.get_fs_token_paths(name)
            names = [fs.unstrip_protocol(path) if "://" in name else path for path in sorted(found)]
            if not names:
                shards.bad.append(BadInput(f"{name}: matches no file"))
        else:
            names = []
            for path in iter_paths([Path(name)]):
                if isinstance(path, BadInput):
                    shards.bad.append(path)
                else:
                    names.append(str(path))
        for found_name in names:
            suffix = suffix_of(found_name, READERS)
            if suffix == ".jsonl":
                shards.plain_lines.append(found_name)
            elif suffix in JSON_LINES or suffix == ".parquet":
                shards.archives.append(found_name)
            elif suffix in READERS and "://" not in found_name:
                shards.files.append(found_name)
            else:
                shards.bad.append(BadInput(f"{found_name}: unsupported file type for the Dask engine"))
    return shards


Sourced = tuple[str, Document | BadInput]  # (the file it came from, the item)


def line_ranges(names: Iterable[str], blocksize: int) -> list[tuple[str, int, int]]:
    """(file, start, end) byte blocks of uncompressed JSON-lines files; each block's lines are those that begin
    in it (ingest.streams.LineRange), so a line longer than a block is read once, within the line limit."""
    blocks: list[tuple[str, int, int]] = []
    for name in names:
        fs, path = fsspec.core.url_to_fs(name)
        size = int(fs.size(path) or 0)
        blocks.extend(
            (name, start, min(size, start + blocksize)) for start in range(0, max(size, 1), blocksize)
        )
    return blocks


def read_ranges(blocks: Iterable[tuple[str, int, int]]) -> Iterator[Sourced]:
    for name, start, end in blocks:
        for item in read_json_line_range(name, start, end, parse_json_line):
            yield name, item


def extract_ranges(blocks: Iterable[tuple[str, int, int]], parquet: str) -> list[dict[str, Any]]:
    return extract_partition(read_ranges(blocks), parquet)


def extract_files(names: Iterable[str], parquet: str) -> list[dict[str, Any]]:
    return extract_partition(read_files(names), parquet)


def read_files(names: Iterable[str]) -> Iterator[Sourced]:
    """Each file's documents, as `run` reads them: any failure while reading one file ends that file alone,
    as one BadInput naming it."""
    for name in names:
        reader = READERS[suffix_of(name, READERS)]
        try:
            for item in reader(Path(name) if "://" not in name else name):  # type: ignore[arg-type]
                yield name, item
        except BadInput as problem:
            yield name, problem
        except Exception as problem:  # (the batch goes on)
            yield name, BadInput(f"{name}: cannot read ({describe(problem)})")


class PartitionWriter:
    """Writes one partition's documents and mentions as two Parquet files, FLUSH documents at a time.

    Files get a temporary name, then one derived from their doc_ids, so a re-run overwrites them.
    """

    def __init__(self, parquet: str) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(parquet)
        self.fs.makedirs(self.root, exist_ok=True)
        self.temporary = uuid.uuid4().hex
        self.digest = hashlib.sha1()
        self.documents: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.count = 0
        self.streams = [
            self.fs.open(self.path("documents", self.temporary), "wb"),
            self.fs.open(self.path("mentions", self.temporary), "wb"),
        ]
        self.writers = [
            pq.ParquetWriter(self.streams[0], DOCUMENT_SCHEMA),
            pq.ParquetWriter(self.streams[1], MENTION_SCHEMA),
        ]

    def path(self, table: str, name: str) -> str:
        return f"{self.root}/{table}-{name}.parquet"

    def add(self, doc: Document, events: list[Event]) -> None:
        self.documents.append(doc.model_dump(mode="json"))
        self.mentions.extend(mention_row(doc.doc_id, ordinal, event) for ordinal, event in enumerate(events))
        self.digest.update(doc.doc_id.encode() + b"\n")
        self.count += 1
        if len(self.documents) >= FLUSH:
            self.flush()

    def flush(self) -> None:
        if not self.documents:
            return
        self.writers[0].write_table(pa.Table.from_pylist(self.documents, DOCUMENT_SCHEMA))
        self.writers[1].write_table(pa.Table.from_pylist(self.mentions, MENTION_SCHEMA))
        self.documents, self.mentions = [], []

    def close(self) -> str:
        """Finish both files; returns the partition's name (empty files are removed)."""
        self.flush()
        for writer, stream in zip(self.writers, self.streams):
            writer.close()
            stream.close()
        name = self.digest.hexdigest()[:20]
        for table in ("documents", "mentions"):
            if self.count:
                self.fs.mv(self.path(table, self.temporary), self.path(table, name))
            else:
                self.fs.rm(self.path(table, self.temporary))
        return name


def extract_partition(items: Iterable[Sourced], parquet: str) -> list[dict[str, Any]]:
    """Extract one partition on a worker and write its documents and mentions as Parquet; returns a summary.
    A document that extraction fails on is named with its file, and the partition goes on."""
    context = worker_context()
    writer = PartitionWriter(parquet)
    bad: list[str] = []
    seen: set[str] = set()
    for source, item in items:
        if isinstance(item, Document) and item.doc_id in seen:
            continue  # a repeat within the partition: stored once
        result = item if isinstance(item, BadInput) else try_extract(item, context)
        if isinstance(result, ExtractionFailed):
            bad.append(f"{source}: {result}")
            continue
        if isinstance(result, BadInput):
            bad.append(str(result))
            continue
        seen.add(result.doc.doc_id)
        writer.add(result.doc, result.events)
    return [{"name": writer.close(), "documents": writer.count, "bad": bad}]


def mention_row(doc_id: str, ordinal: int, event: Event) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "ordinal": ordinal,
        "type": event.type,
        "date_start": event.date_start and event.date_start.isoformat(),
        "date_end": event.date_end and event.date_end.isoformat(),
        "country": event.location.country if event.location else None,
        "adcode": event.location.adcode if event.location else None,
        "credibility": event.credibility,
        "event": event.model_dump_json(),
    }


def parquet_rows(fs: Any, path: str) -> Iterator[dict[str, Any]]:
    with fs.open(path, "rb") as stream:
        for batch in pq.ParquetFile(stream).iter_batches(batch_size=FLUSH):
            yield from batch.to_pylist()


def read_partition(parquet: str, name: str) -> Iterator[tuple[Document, list[Event]]]:
    """One partition's documents with their events, in the order they were written, streamed."""
    fs, root = fsspec.core.url_to_fs(parquet)
    mentions = parquet_rows(fs, f"{root}/mentions-{name}.parquet")
    pending = next(mentions, None)
    for row in parquet_rows(fs, f"{root}/documents-{name}.parquet"):
        events: list[Event] = []
        while (
            pending is not None and pending["doc_id"] == row["doc_id"]
        ):  # written right after their document
            events.append(Event.model_validate_json(pending["event"]))
            pending = next(mentions, None)
        yield Document.model_validate(row), events


def partitions(shards: Shards, options: DaskOptions) -> list[tuple[str, Delayed]]:
    """(what it reads, task) for each partition; each task ends in one extract_partition summary."""
    tasks = []
    if shards.plain_lines:  # byte blocks of each file, read on the workers
        blocks = line_ranges(shards.plain_lines, options.blocksize)
        for name, start, end in blocks:
            block = [(name, start, end)]
            tasks.append(
                (f"{name} (bytes {start:,}-{end:,})", delayed(extract_ranges)(block, options.parquet))
            )
    for name in shards.archives:  # streamed on the worker: compressed files cannot be split into blocks
        tasks.append((name, delayed(extract_files)([name], options.parquet)))
    for start in range(0, len(shards.files), options.files_per_partition):
        group = shards.files[start : start + options.files_per_partition]
        label = group[0] if len(group) == 1 else f"{group[0]} and {len(group) - 1} more file(s)"
        tasks.append((label, delayed(extract_files)(group, options.parquet)))
    return tasks


@contextmanager
def connect(options: DaskOptions) -> Iterator[Client]:
    """A client of the cluster at options.scheduler, or of a LocalCluster of worker processes."""
    if options.scheduler:
        with Client(options.scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_dask(
    inputs: Iterable[str], store: Store, options: DaskOptions, on_document: Callable[[], None] = lambda: None
) -> RunReport:
    """Extract `inputs` on a Dask cluster, load the new documents into `store`, then link."""
    report = RunReport()
    shards = find_shards(inputs)
    report.bad.extend(shards.bad)
    with connect(options) as client:
        client.register_plugin(LoadModels())
        tasks = partitions(shards, options)
        futures = client.compute([task for _, task in tasks])
        for (label, _), future in zip(tasks, futures):  # in input order, while later partitions still run
            try:
                summaries = future.result()
            except Exception as problem:  # a worker lost or a partition failed: named, the others go on
                report.bad.append(BadInput(f"{label}: not read ({describe(problem)})"))
                on_document()
                continue
            finally:
                future.release()
            for summary in summaries:
                load_partition(summary, store, options.parquet, report)
                for _ in range(summary["documents"] + len(summary["bad"])):
                    on_document()
    store.link()
    return report


def load_partition(summary: dict[str, Any], store: Store, parquet: str, report: RunReport) -> None:
    """Store a partition's new documents in batched transactions and count what happened."""
    report.bad.extend(BadInput(problem) for problem in summary["bad"])
    if not summary["documents"]:
        return
    for batch in chunked(read_partition(parquet, summary["name"]), FLUSH):
        known = store.known_doc_ids(doc.doc_id for doc, _ in batch)
        fresh = [(doc, events) for doc, events in batch if doc.doc_id not in known]
        report.read += len(batch)
        report.stored += store.save_many(fresh)
        report.already_stored += len(batch) - len(fresh)
        report.events_by_type.update(event.type for _, events in fresh for event in events)
