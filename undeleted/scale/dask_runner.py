"""The Dask engine: shards are read and extracted on a dask.distributed cluster's workers, each
partition's documents and mentions are written as Parquet, then loaded into the store and linked.

It uses the local engine's extraction (`pipeline.try_extract`) and readers, so both give identical
events. The cluster's Python environment needs `undeleted` installed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.bag
import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from undeleted.errors import BadInput
from undeleted.ingest import READERS, iter_paths
from undeleted.ingest.files import parse_json_line
from undeleted.ingest.streams import suffix_of
from undeleted.models import Document, Event
from undeleted.pipeline import RunReport, try_extract
from undeleted.scale.workers import worker_context
from undeleted.store import Store

JSON_LINES = (".jsonl", ".jsonl.gz", ".jsonl.zst")
GLOB = ("*", "?", "[")
DOCUMENT_SCHEMA = pa.schema([(name, pa.string()) for name in Document.model_fields])
MENTION_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("ordinal", pa.int32()), ("type", pa.string()), ("date_start", pa.string()),
    ("date_end", pa.string()), ("country", pa.string()), ("adcode", pa.string()),
    ("credibility", pa.string()), ("event", pa.string()),
])


@dataclass(frozen=True)
class DaskOptions:
    scheduler: str | None = None  # tcp://host:8786; None starts a LocalCluster
    workers: int = 2  # worker processes of the LocalCluster
    parquet: str = "undeleted-parquet"  # folder or fsspec URL that every worker and this process can reach
    blocksize: int = 4 << 20  # bytes of uncompressed JSON lines per partition
    files_per_partition: int = 200  # single-report files (txt, html, Parquet) per partition


class LoadModels(WorkerPlugin):
    """Loads the extraction context once when a worker starts (it is then cached in that process)."""

    name = "undeleted-extract-context"

    def setup(self, worker: Any) -> None:
        worker_context()


@dataclass(frozen=True)
class Shards:
    plain_lines: list[str]  # uncompressed JSON lines: split into byte blocks
    packed_lines: list[str]  # compressed JSON lines: one partition per file
    files: list[str]  # everything else: grouped
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
            elif suffix in JSON_LINES:
                shards.packed_lines.append(found_name)
            elif suffix in READERS and ("://" not in found_name or suffix == ".parquet"):
                shards.files.append(found_name)
            else:
                shards.bad.append(BadInput(f"{found_name}: unsupported file type for the Dask engine"))
    return shards


def parse_lines(lines: Iterable[tuple[str, str]]) -> Iterator[Document | BadInput]:
    for line, path in lines:
        if line.strip():
            try:
                yield parse_json_line(line, path)
            except BadInput as problem:
                yield problem


def extract_lines(lines: Iterable[tuple[str, str]], parquet: str) -> list[dict[str, Any]]:
    return extract_partition(parse_lines(lines), parquet)


def extract_files(names: Iterable[str], parquet: str) -> list[dict[str, Any]]:
    return extract_partition(read_files(names), parquet)


def read_files(names: Iterable[str]) -> Iterator[Document | BadInput]:
    for name in names:
        reader = READERS[suffix_of(name, READERS)]
        try:
            yield from reader(Path(name) if "://" not in name else name)  # type: ignore[arg-type]
        except BadInput as problem:
            yield problem


def extract_partition(items: Iterable[Document | BadInput], parquet: str) -> list[dict[str, Any]]:
    """Extract one partition on a worker and write its documents and mentions as Parquet; returns a summary."""
    context = worker_context()
    documents: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    bad: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Document) and item.doc_id in seen:
            continue  # a repeat within the partition: stored once
        result = item if isinstance(item, BadInput) else try_extract(item, context)
        if isinstance(result, BadInput):
            bad.append(str(result))
            continue
        seen.add(result.doc.doc_id)
        documents.append(result.doc.model_dump(mode="json"))
        mentions.extend(mention_row(result.doc.doc_id, ordinal, event) for ordinal, event in enumerate(result.events))
    name = hashlib.sha1("\n".join(row["doc_id"] for row in documents).encode()).hexdigest()[:20]
    if documents:
        write_table(pa.Table.from_pylist(documents, DOCUMENT_SCHEMA), parquet, f"documents-{name}.parquet")
        write_table(pa.Table.from_pylist(mentions, MENTION_SCHEMA), parquet, f"mentions-{name}.parquet")
    return [{"name": name, "documents": len(documents), "bad": bad}]


def mention_row(doc_id: str, ordinal: int, event: Event) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "ordinal": ordinal, "type": event.type,
        "date_start": event.date_start and event.date_start.isoformat(),
        "date_end": event.date_end and event.date_end.isoformat(),
        "country": event.location.country if event.location else None,
        "adcode": event.location.adcode if event.location else None,
        "credibility": event.credibility, "event": event.model_dump_json(),
    }


def write_table(table: pa.Table, parquet: str, name: str) -> None:
    fs, root = fsspec.core.url_to_fs(parquet)
    fs.makedirs(root, exist_ok=True)
    with fs.open(f"{root}/{name}", "wb") as out:
        pq.write_table(table, out)


def read_partition(parquet: str, name: str) -> list[tuple[Document, list[Event]]]:
    """One partition's documents with their events, in the order they were read."""
    fs, root = fsspec.core.url_to_fs(parquet)
    with fs.open(f"{root}/documents-{name}.parquet", "rb") as stream:
        documents = pq.read_table(stream).to_pylist()
    with fs.open(f"{root}/mentions-{name}.parquet", "rb") as stream:
        mentions = pq.read_table(stream).to_pylist()
    events: dict[str, list[Event]] = {row["doc_id"]: [] for row in documents}
    for row in sorted(mentions, key=lambda row: (row["doc_id"], row["ordinal"])):
        events[row["doc_id"]].append(Event.model_validate_json(row["event"]))
    return [(Document.model_validate(row), events[row["doc_id"]]) for row in documents]


def partitions(shards: Shards, options: DaskOptions) -> list[dask.bag.Bag]:
    """Bags whose partitions each end in one extract_partition summary."""
    bags = []
    if shards.plain_lines:
        lines = dask.bag.read_text(shards.plain_lines, blocksize=options.blocksize, include_path=True)
        bags.append(lines.map_partitions(extract_lines, options.parquet))
    if shards.packed_lines:
        lines = dask.bag.read_text(shards.packed_lines, compression="infer", include_path=True)
        bags.append(lines.map_partitions(extract_lines, options.parquet))
    if shards.files:
        files = dask.bag.from_sequence(shards.files, partition_size=options.files_per_partition)
        bags.append(files.map_partitions(extract_files, options.parquet))
    return bags


@contextmanager
def connect(options: DaskOptions) -> Iterator[Client]:
    """A client of the cluster at options.scheduler, or of a LocalCluster of worker processes."""
    if options.scheduler:
        with Client(options.scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
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
        futures = client.compute([part for bag in partitions(shards, options) for part in bag.to_delayed()])
        for future in futures:  # in input order, while later partitions still run
            for summary in future.result():
                load_partition(summary, store, options.parquet, report)
                for _ in range(summary["documents"] + len(summary["bad"])):
                    on_document()
            future.release()
    store.link()
    return report


def load_partition(summary: dict[str, Any], store: Store, parquet: str, report: RunReport) -> None:
    """Store a partition's new documents in batched transactions and count what happened."""
    report.bad.extend(BadInput(problem) for problem in summary["bad"])
    if not summary["documents"]:
        return
    records = read_partition(parquet, summary["name"])
    known = store.known_doc_ids(doc.doc_id for doc, _ in records)
    fresh = [(doc, events) for doc, events in records if doc.doc_id not in known]
    stored = store.save_many(fresh)
    report.read += len(records)
    report.stored += stored
    report.already_stored += len(records) - len(fresh)
    report.events_by_type.update(event.type for _, events in fresh for event in events)
