"""Throughput under load: our API and Datasette serving the same SQLite file, side by side.

    .venv/bin/python bench/api_load.py                        # 100k synthetic events, 20 clients, 20 s each
    .venv/bin/python bench/api_load.py --clients 20 --seconds 30 --events 100000

Needs the bench extra (`pip install -e '.[bench]'`: Datasette). Builds (or reuses) the synthetic database of
bench/api_latency.py, then for each server in turn: starts it on 127.0.0.1, warms it up, and has `--clients`
concurrent keep-alive connections ask for JSON pages of 50 events (the same five list queries on both: no
filter, a type, a date range, a credibility, a province; newest first) for `--seconds`. Prints requests per
second, p50 and p99 latency and errors for each, and the ratios. Datasette runs twice: as it comes (each page
also counts every match) and with `_nocount=1` (no count; ours counts up to 1,000). Facet suggestions are off
(on, each table page tries a facet per column: seconds per page). The load comes from one asyncio process with a
minimal HTTP/1.1 client, so the client costs both servers the same.

The five queries repeat, so ours answers most of them from its response cache (kept until the database
changes); `--no-cache` measures every request going to the database. `--datasette PATH` names a datasette
installed elsewhere (its own virtualenv, say).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from api_latency import build_database, free_port, percentile

COLUMNS = [
    "event_id",
    "status",
    "reviewed",
    "type",
    "date_start",
    "date_end",
    "time_precision",
    "country",
    "adcode",
    "admin1",
    "admin2",
    "admin3",
    "place",
    "lat",
    "lon",
    "geo_precision",
    "credibility",
    "corroboration",
    "summary",
    "updated_at",
]
OURS = [
    "/api/events?limit=50",
    "/api/events?limit=50&type=protest",
    "/api/events?limit=50&date_from=2022-04-01&date_to=2022-06-30",
    "/api/events?limit=50&credibility=alleged",
    "/api/events?limit=50&adcode=44",
]
DATASETTE_COLUMNS = "".join(f"&_col={column}" for column in COLUMNS if column != "event_id")
DATASETTE = [
    f"/bench/events.json?_shape=objects&_size=50&_sort_desc=date_start&status=active{DATASETTE_COLUMNS}{extra}"
    for extra in (
        "",
        "&type=protest",
        "&date_end__gte=2022-04-01&date_start__lte=2022-06-30",
        "&credibility=alleged",
        "&province_key=44",
    )
]
DATASETTE_NOCOUNT = [
    path + "&_nocount=1" for path in DATASETTE
]  # Datasette counts every match; ours stops at 1,000


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


async def client(port: int, paths: list[str], deadline: float, load: Load, offset: int) -> None:
    """One keep-alive connection sending GETs in turn until `deadline`; reads each response whole."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    index = offset
    try:
        while time.perf_counter() < deadline:
            path = paths[index % len(paths)]
            index += 1
            began = time.perf_counter()
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode()
            )
            status = await read_response(reader)
            load.latencies.append((time.perf_counter() - began) * 1000)
            load.errors += status != 200
    except (OSError, asyncio.IncompleteReadError, ValueError):
        load.errors += 1
    finally:
        writer.close()


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {
        name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:] if line)
    }
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


async def run_load(port: int, paths: list[str], clients: int, seconds: float) -> tuple[Load, float]:
    load = Load()
    began = time.perf_counter()
    await asyncio.gather(*(client(port, paths, began + seconds, load, offset) for offset in range(clients)))
    return load, time.perf_counter() - began


def wait_until_up(port: int, path: str, server: subprocess.Popen[bytes], seconds: float = 90) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server on port {port} did not answer {path}")


def datasette_command(given: str | None) -> str:
    """The datasette executable: --datasette, else the one beside this Python, else the one on $PATH."""
    beside = Path(sys.executable).parent / "datasette"
    found = given or (str(beside) if beside.exists() else shutil.which("datasette"))
    if not found:
        raise SystemExit(
            "datasette not found: pip install -e '.[bench]', or --datasette PATH (or --only undeleted)"
        )
    return found


def start(kind: str, database: Path, port: int, options: argparse.Namespace) -> subprocess.Popen[bytes]:
    bin_dir = Path(sys.executable).parent
    workers = options.workers
    if kind == "undeleted":
        command = [str(bin_dir / "undeleted"), "serve", "--db", f"sqlite:///{database}", "--port", str(port)]
        if workers:
            command += ["--workers", str(workers)]
    else:
        command = [
            datasette_command(options.datasette),
            "serve",
            str(database),
            "--port",
            str(port),
            "--setting",
            "suggest_facets",
            "off",
        ]  # on, each table page tries facets per column: seconds
    environment = {**os.environ, "UNDELETED_TOKEN": "", "UNDELETED_CACHE": "0" if options.no_cache else "1"}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)


def measure(kind: str, database: Path, paths: list[str], options: argparse.Namespace) -> dict[str, float]:
    port = free_port()
    server = start(kind, database, port, options)
    try:
        wait_until_up(port, paths[0], server)
        asyncio.run(run_load(port, paths, options.clients, min(3.0, options.seconds)))  # warm-up
        load, elapsed = asyncio.run(run_load(port, paths, options.clients, options.seconds))
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {
        "requests": len(load.latencies),
        "rps": len(load.latencies) / elapsed,
        "p50": statistics.median(load.latencies),
        "p99": percentile(load.latencies, 0.99),
        "errors": load.errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events in the database")
    parser.add_argument("--clients", type=int, default=20, help="concurrent keep-alive connections")
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds per server")
    parser.add_argument("--workers", type=int, default=0, help="`undeleted serve --workers` (0: its default)")
    parser.add_argument(
        "--datasette", help="the datasette executable (default: beside this Python, or on $PATH)"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="ours without its response cache (every request queries)"
    )
    parser.add_argument("--only", choices=["undeleted", "datasette"], help="measure one server only")
    options = parser.parse_args()
    database = Path(__file__).resolve().parent / f".api_{options.events}.db"
    if not database.exists():
        build_database(database, options.events)
    link = database.with_name("bench.db")  # Datasette names the database after the file: /bench/events.json
    if not link.exists():
        link.symlink_to(database.name)
    results = {}
    for name, kind, paths in (
        ("undeleted", "undeleted", OURS),
        ("datasette", "datasette", DATASETTE),
        ("datasette (_nocount)", "datasette", DATASETTE_NOCOUNT),
    ):
        if options.only in (None, kind):
            results[name] = measure(kind, link, paths, options)
            r = results[name]
            print(
                f"{name:20} {r['requests']:6} requests  {r['rps']:7.1f} req/s  p50 {r['p50']:6.1f} ms  "
                f"p99 {r['p99']:6.1f} ms  errors {r['errors']}",
                flush=True,
            )
    if "undeleted" in results:
        for name in (name for name in results if name != "undeleted"):
            print(
                f"ratio undeleted / {name}: {results['undeleted']['rps'] / results[name]['rps']:.2f}x "
                f"({options.clients} clients, {options.events:,} events, page of 50, {os.cpu_count()} cores)"
            )


if __name__ == "__main__":
    main()
