"""The Dask engine on a real local dask.distributed cluster gives the local engine's events.

SQLite only, on purpose: the cluster extracts and the client writes, through the same Store calls that run on
both databases in test_store_save.py and test_store_kill.py.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster

from undeleted.pipeline import run
from undeleted.scale.dask_runner import DaskOptions, run_dask
from undeleted.store import Store

from tests.test_scale_workers import stored_doc_ids, stored_mentions, write_corpus


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield str(cluster.scheduler_address)


def as_format(plain: Path, suffix: str) -> Path:
    """The same reports as .jsonl, .jsonl.gz or .parquet."""
    target = plain.with_name("shard" + suffix)
    if suffix == ".jsonl.gz":
        target.write_bytes(gzip.compress(plain.read_bytes()))
    elif suffix == ".parquet":
        rows = [json.loads(line) for line in plain.read_text(encoding="utf-8").splitlines()]
        columns = sorted({key for row in rows for key in row})
        pq.write_table(pa.Table.from_pylist([{key: row.get(key) for key in columns} for row in rows]), target)
    else:
        target.write_bytes(plain.read_bytes())
    return target


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".parquet"])
def test_scale_dask_engine_stores_the_local_engines_events(
    tmp_path: Path, scheduler: str, suffix: str
) -> None:
    shard = as_format(write_corpus(tmp_path / "corpus.jsonl"), suffix)
    options = DaskOptions(scheduler=scheduler, parquet=str(tmp_path / "parquet"), blocksize=16_000)
    with (
        Store.open(f"sqlite:///{tmp_path / 'local.db'}") as local,
        Store.open(f"sqlite:///{tmp_path / 'dask.db'}") as distributed,
    ):
        expected = run([shard], local, None, workers=1)
        report = run_dask([str(shard)], distributed, options)
        assert (report.read, report.stored, report.events_by_type) == (
            expected.read,
            expected.stored,
            expected.events_by_type,
        )
        assert stored_doc_ids(distributed) == stored_doc_ids(local)
        assert stored_mentions(distributed) == stored_mentions(local)
    written = sorted(path.name.split("-")[0] for path in (tmp_path / "parquet").glob("*.parquet"))
    assert written.count("mentions") == written.count("documents") >= 1
    if suffix == ".jsonl":
        assert written.count("mentions") > 1  # split into several partitions


def test_scale_dask_rerun_stores_nothing(tmp_path: Path, scheduler: str) -> None:
    shard = write_corpus(tmp_path / "corpus.jsonl", 0, 12)
    options = DaskOptions(scheduler=scheduler, parquet=f"file://{tmp_path / 'parquet'}")
    with Store.open(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        first = run_dask([f"file://{shard}"], store, options)
        again = run_dask([str(tmp_path / "corpus*.jsonl")], store, options)
    assert (first.read, first.stored) == (12, 12)
    assert (again.read, again.stored, again.already_stored, again.events) == (12, 0, 12, 0)
