"""Throughput and peak memory of `undeleted run` by corpus size and worker count.

    python bench/throughput.py --sizes 1000 10000 100000 --workers 1 2

Each run is a fresh `undeleted run CORPUS --db sqlite:///... --workers N` on a synthetic corpus
(bench/corpus.py, cached under --dir). Peak RSS is the largest of the measuring process and all its
children (the command and its worker processes), from getrusage. No assertions: read the growth.
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

UNDELETED = Path(sys.executable).with_name("undeleted")


def measure(command: list[str]) -> dict[str, float]:
    """Run `command`; its wall time and the peak RSS (MB) of this process and every child it waited for."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": seconds, "peak_rss_mb": peak_kb / 1024}


def run_once(corpus: Path, workers: int, folder: Path) -> dict[str, float]:
    """One measured run in a fresh process (so RUSAGE_CHILDREN covers this run only)."""
    database = folder / f"{corpus.name}-w{workers}.db"
    database.unlink(missing_ok=True)
    command = [str(UNDELETED), "run", str(corpus), "--db", f"sqlite:///{database}", "--workers", str(workers)]
    probe = subprocess.run([sys.executable, __file__, "--measure", json.dumps(command)],
                           check=True, capture_output=True, text=True)
    figures = json.loads(probe.stdout)
    with sqlite3.connect(database) as connection:
        figures["documents"] = connection.execute("select count(*) from documents").fetchone()[0]
        figures["events"] = connection.execute("select count(*) from mentions").fetchone()[0]
    database.unlink()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/undeleted-bench"), help="corpora and databases")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(json.loads(options.measure))))
        return
    options.dir.mkdir(parents=True, exist_ok=True)
    print(f"{'documents':>10} {'workers':>7} {'seconds':>8} {'docs/s':>8} {'events/s':>9} {'events':>8} "
          f"{'peak RSS MB':>11}", flush=True)
    for size in options.sizes:
        corpus = options.dir / f"corpus-{size}.jsonl.gz"
        if not corpus.exists():
            write_corpus(corpus, size)
        for workers in options.workers:
            figures = run_once(corpus, workers, options.dir)
            seconds = figures["seconds"]
            print(f"{figures['documents']:>10} {workers:>7} {seconds:>8.1f} {figures['documents'] / seconds:>8.1f} "
                  f"{figures['events'] / seconds:>9.1f} {figures['events']:>8} {figures['peak_rss_mb']:>11.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
