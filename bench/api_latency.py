"""Latency of the events list (with filters) served by uvicorn on loopback, from a second process.

    .venv/bin/python bench/api_latency.py                     # 100k synthetic events, 2,000 requests
    .venv/bin/python bench/api_latency.py --events 1000000    # the issue's 1M-event database

Builds (or reuses) a SQLite database of synthetic events, starts `uvicorn` in a subprocess on 127.0.0.1,
sends a bounded number of requests (and stops after --seconds), and prints p50/p99 latency and errors.

Measured (2-core VM, SQLite, 1,800 requests): 1M events p50 4.0 ms, p99 10.5 ms, 0 errors; 100k events
p50 3.7 ms, p99 17.5 ms, 0 errors (before migration 0005 and the text-search plan: 100k p99 1.85 s).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

from undeleted.store import Store
from undeleted.store.schema import events
from undeleted.vocab import EVENT_TYPES

PROVINCES = ["11", "12", "13", "21", "31", "32", "33", "41", "42", "44", "50", "51", "61", "62", "65"]
CREDIBILITY = ["reported", "reported", "alleged", "confirmed", "unverified"]
QUERIES = [
    "",
    "type=protest",
    "type=protest,strike&adcode=21",
    "adcode=4101&date_from=2022-04-01&date_to=2022-06-30",
    "credibility=alleged&type=repression&sort=-updated",
    "date_from=2022-11-01&limit=100",
    "adcode=44&offset=200",
    "q=residents&type=protest",
    "q=4242",
]
BATCH = 20_000


def synthetic_row(index: int, rng: random.Random, now: datetime) -> dict[str, object]:
    province = rng.choice(PROVINCES)
    adcode = f"{province}{rng.randint(1, 9):02d}{rng.choice([0, 0, 2, 5]):02d}"
    start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1400))
    kind = rng.choice(EVENT_TYPES)
    summary = f"Synthetic {kind} by residents in {adcode} on {start.isoformat()} number {index}."
    payload = {
        "type": kind,
        "date_start": start.isoformat(),
        "date_end": start.isoformat(),
        "time_precision": "day",
        "location": {
            "country": "CN",
            "adcode": adcode,
            "lat": 30.0 + rng.random() * 10,
            "lon": 105.0 + rng.random() * 15,
            "geo_precision": "admin2",
        },
        "summary": summary,
    }
    return {
        "event_id": "ev_" + hashlib.sha256(str(index).encode()).hexdigest()[:24],
        "status": "active",
        "reviewed": False,
        "type": kind,
        "date_start": start,
        "date_end": start,
        "time_precision": "day",
        "country": "CN",
        "adcode": adcode,
        "province_key": province,
        "prefecture_key": adcode[:4],
        "lat": payload["location"]["lat"],
        "lon": payload["location"]["lon"],
        "geo_precision": "admin2",
        "credibility": rng.choice(CREDIBILITY),
        "corroboration": 1,
        "summary": summary,
        "payload": payload,
        "search_text": summary,
        "created_at": now,
        "updated_at": now - timedelta(seconds=index),
    }


def build_database(path: Path, count: int, seed: int = 7) -> None:
    """A store whose events table holds `count` synthetic active events (documents are not needed)."""
    rng, now = random.Random(seed), datetime.now(UTC)
    with Store.open(f"sqlite:///{path}") as store, store.engine.begin() as connection:
        for start in range(0, count, BATCH):
            rows = [synthetic_row(i, rng, now) for i in range(start, min(count, start + BATCH))]
            connection.execute(events.insert(), rows)
            connection.execute(
                sa.text("INSERT INTO events_fts (event_id, search_text) VALUES (:e, :t)"),
                [{"e": row["event_id"], "t": row["search_text"]} for row in rows],
            )
        connection.execute(sa.text("ANALYZE"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(database: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "from undeleted.cli import main; main()",
        "serve",
        "--db",
        f"sqlite:///{database}",
        "--port",
        str(port),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_up(client: httpx.Client, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            client.get("/api/events?limit=1")
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("server did not start within a minute")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(client: httpx.Client, requests: int, seconds: float) -> dict[str, list[float] | int]:
    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    errors, deadline = 0, time.monotonic() + seconds
    for index in range(requests):
        if time.monotonic() > deadline:
            break
        query = QUERIES[index % len(QUERIES)]
        began = time.perf_counter()
        try:
            response = client.get(f"/api/events?{query}")
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        timings[query].append((time.perf_counter() - began) * 1000)
        errors += 0 if ok else 1
    return {"errors": errors, **timings}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events in the database")
    parser.add_argument("--requests", type=int, default=2_000, help="requests to send (bounded)")
    parser.add_argument("--seconds", type=float, default=120, help="stop sending after this many seconds")
    parser.add_argument("--db", type=Path, default=None, help="database file (default bench/.api_<N>.db)")
    options = parser.parse_args()
    database = options.db or Path(__file__).resolve().parent / f".api_{options.events}.db"
    if not database.exists():
        began = time.perf_counter()
        build_database(database, options.events)
        print(f"built {options.events:,} events in {time.perf_counter() - began:.1f} s → {database}")
    port = free_port()
    server = start_server(database, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            wait_until_up(client, server)
            for query in QUERIES:  # one warm-up request per shape
                client.get(f"/api/events?{query}")
            result = measure(client, options.requests, options.seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    everything = [value for query in QUERIES for value in result[query]]  # type: ignore[union-attr]
    print(f"events list on {options.events:,} events, {len(everything)} requests, errors {result['errors']}")
    print(f"{'query':60} {'n':>5} {'p50 ms':>8} {'p99 ms':>8}")
    for query in QUERIES:
        values = result[query]
        print(
            f"{query or '(no filter)':60} {len(values):5} {statistics.median(values):8.1f} "  # type: ignore[arg-type]
            f"{percentile(values, 0.99):8.1f}"
        )  # type: ignore[arg-type]
    print(
        f"{'all':60} {len(everything):5} {statistics.median(everything):8.1f} {percentile(everything, 0.99):8.1f}"
    )


if __name__ == "__main__":
    main()
