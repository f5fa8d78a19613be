"""Throughput and peak memory of `undeleted run` by corpus size and worker count.

    python bench/throughput.py --sizes 1000 10000 100000 --workers 1 2

Each run does what `undeleted run CORPUS --db sqlite:///... --workers N` does, in a fresh process, on a
synthetic corpus (bench/corpus.py, cached under --dir), and times the final link step apart. Peak RSS
is the largest of that process and its worker processes, from getrusage; CPU time adds the workers'. The
growth column is wall/CPU time against the previous size. No assertions: read the growth.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from corpus import write_corpus


def measure(corpus: Path, database: Path, workers: int) -> dict[str, float]:
    """One run as `undeleted run CORPUS --workers N` does it, timing the link step apart."""
    from undeleted.ingest import read_all
    from undeleted.ingest.near_duplicates import NearDuplicates
    from undeleted.pipeline import (
        RunReport,
        count_records,
        fingerprint_stored,
        skip_stored,
        stored_reports,
        try_extract,
    )
    from undeleted.store import Store
    from undeleted.workers import extract_parallel, worker_context

    started, cpu = time.perf_counter(), time.process_time()
    report = RunReport()
    with Store.open(f"sqlite:///{database}") as store:
        fingerprint_stored(store)
        fresh = skip_stored(read_all([corpus]), store, report, lambda: None)
        results = (
            extract_parallel(fresh, try_extract, workers)
            if workers > 1
            else (try_extract(doc, worker_context()) for doc in fresh)
        )
        near_duplicates = NearDuplicates(stored_reports(store), stored_mentions=store.near_duplicate_mentions)
        store.save_reports(count_records(results, report, lambda: None, near_duplicates))
        stored, link_cpu = time.perf_counter(), time.process_time()
        before_link = peak_rss_mb()
        store.link()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": time.perf_counter() - started,
        "link_seconds": time.perf_counter() - stored,
        "cpu_seconds": time.process_time() - cpu + children.ru_utime + children.ru_stime,
        "link_cpu_seconds": time.process_time() - link_cpu,
        "rss_before_link_mb": before_link,
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """The largest RSS of this process and of every child it waited for (worker processes), in MB."""
    return (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )


def run_once(corpus: Path, workers: int, folder: Path) -> dict[str, float]:
    """One measured run in a fresh process (so RUSAGE_CHILDREN covers this run only)."""
    database = folder / f"{corpus.name}-w{workers}.db"
    database.unlink(missing_ok=True)
    probe = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps([str(corpus), str(database), workers])],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(probe.stdout.splitlines()[-1])
    with sqlite3.connect(database) as connection:
        figures["documents"] = connection.execute("select count(*) from documents").fetchone()[0]
        figures["events"] = connection.execute("select count(*) from mentions").fetchone()[0]
    database.unlink()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--dir", type=Path, default=Path("/tmp/undeleted-bench"), help="corpora and databases"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        corpus, database, workers = json.loads(options.measure)
        print(json.dumps(measure(Path(corpus), Path(database), workers)))
        return
    options.dir.mkdir(parents=True, exist_ok=True)
    print(
        f"{'documents':>9} {'workers':>7} {'total s':>8} {'CPU s':>7} {'link s':>7} {'link CPU s':>10} {'docs/s':>7} "
        f"{'events/s':>8} {'events':>7} {'RSS MB before link':>18} {'peak RSS MB':>11} {'growth':>14}",
        flush=True,
    )
    previous: dict[int, tuple[int, float, float]] = {}
    for size in options.sizes:
        corpus = options.dir / f"corpus-{size}.jsonl.gz"
        if not corpus.exists():
            write_corpus(corpus, size)
        for workers in options.workers:
            figures = run_once(corpus, workers, options.dir)
            seconds, cpu = figures["seconds"], figures["cpu_seconds"]
            growth = ""
            if workers in previous:  # time ratio against the previous size, wall and CPU
                last_size, last_seconds, last_cpu = previous[workers]
                growth = f"x{seconds / last_seconds:.1f}/x{cpu / last_cpu:.1f} ({size // last_size}x)"
            previous[workers] = (size, seconds, cpu)
            print(
                f"{figures['documents']:>9} {workers:>7} {seconds:>8.1f} {cpu:>7.1f} {figures['link_seconds']:>7.1f} "
                f"{figures['link_cpu_seconds']:>10.1f} {figures['documents'] / seconds:>7.1f} "
                f"{figures['events'] / seconds:>8.1f} {figures['events']:>7} {figures['rss_before_link_mb']:>18.0f} "
                f"{figures['peak_rss_mb']:>11.0f} {growth:>14}",
                flush=True,
            )


if __name__ == "__main__":
    main()
