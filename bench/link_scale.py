"""Linking time and peak memory for 10k, 100k and 1M synthetic mentions, and the growth ratio.

Synthetic events are spread over China's prefectures (hot spots weighted), three years and the 13
types; 30% of events are reported 2-4 times with slight variations (date and place precision,
actors, tactics, numbers). Each size runs in its own process so that peak RSS is its own.

    .venv/bin/python bench/link_scale.py                        # pure linker: 10k, 100k, 1M
    .venv/bin/python bench/link_scale.py --store 100000         # also save_many + link into SQLite
    .venv/bin/python bench/link_scale.py --sizes 10000 --store 10000 --store-only
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from undeleted.link import cluster_mentions
from undeleted.link.features import Mention, area_of, normalise_place
from undeleted.vocab import EVENT_TYPES

GAZETTEER = Path(__file__).resolve().parents[1] / "undeleted" / "data" / "gazetteer.tsv"
FIRST_DAY = date(2021, 1, 1)
DAYS = 3 * 365
TYPE_WEIGHTS = (30, 6, 8, 6, 5, 8, 10, 4, 8, 6, 4, 3, 2)
ACTORS = (
    "residents",
    "workers",
    "students",
    "homeowners",
    "retirees",
    "farmers",
    "patients",
    "netizens",
    "police",
)
TACTICS = (
    "gathering",
    "chanting",
    "banners",
    "marching",
    "blocking",
    "confrontation",
    "negotiation",
    "online_post",
)
GRIEVANCES = ("covid_policy", "lockdown", "wages", "housing", "land", "environment", "corruption", "fraud")
SIZES = ("small", "dozens", "hundreds", "thousands")
SITES = ("Road", "Hospital", "Factory", "Square", "Government Building", "Community", "Station", "Park")
OUTLETS = tuple(f"Outlet {i}" for i in range(40))


@dataclass(frozen=True)
class Spec:
    """One synthetic report of one event (what a mention carries)."""

    event: int
    doc_id: str
    type: str
    start: date
    end: date
    precision: str
    adcode: str
    geo_precision: str
    place: str | None
    actors: tuple[str, ...]
    tactics: tuple[str, ...]
    grievances: tuple[str, ...]
    participants: tuple[int | None, int | None, str]
    outlet: str


def prefectures() -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """(adcode, English name) of every current prefecture, and the counties under each."""
    rows = list(csv.DictReader(GAZETTEER.open(encoding="utf-8"), delimiter="\t"))
    current = [row for row in rows if row["obsolete"] == "0"]
    found = [(row["adcode"], row["name_en"]) for row in current if row["level"] == "admin2"]
    counties: dict[str, list[str]] = {}
    for row in current:
        if row["level"] == "admin3":
            counties.setdefault(row["adcode"][:4], []).append(row["adcode"])
    return found, counties


def reports_of_event(rng: random.Random) -> int:
    """70% of events reported once, 30% two to four times."""
    return 1 if rng.random() < 0.7 else rng.randint(2, 4)


def varied(rng: random.Random, items: tuple[str, ...], pool: tuple[str, ...]) -> tuple[str, ...]:
    """A report's slight variation of a list: sometimes one item dropped or one added."""
    chosen = list(items)
    if len(chosen) > 1 and rng.random() < 0.2:
        chosen.pop(rng.randrange(len(chosen)))
    if rng.random() < 0.15:
        chosen.append(rng.choice(pool))
    return tuple(dict.fromkeys(chosen))


def report_dates(rng: random.Random, day: date) -> tuple[date, date, str]:
    """Day precision mostly (a tenth a day off), else the week or the month around the day."""
    roll = rng.random()
    if roll < 0.8:
        shifted = day + timedelta(days=rng.choice((-1, 1))) if rng.random() < 0.1 else day
        return shifted, shifted, "day"
    if roll < 0.92:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last, "month"


def report_place(rng: random.Random, prefecture: str, county: str | None) -> tuple[str, str]:
    """The county when known (60%), else the prefecture (30%) or only the province (10%)."""
    roll = rng.random()
    if county and roll < 0.6:
        return county, "admin3"
    if roll < 0.9:
        return prefecture, "admin2"
    return prefecture[:2] + "0000", "admin1"


def synthetic_specs(count: int, seed: int = 7) -> Iterator[Spec]:
    """`count` reports of synthetic events, deterministic for a seed."""
    rng = random.Random(seed)
    places, counties = prefectures()
    rng.shuffle(places)
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(places))]
    made = event = 0
    while made < count:
        event += 1
        kind = rng.choices(EVENT_TYPES, TYPE_WEIGHTS)[0]
        prefecture, name = rng.choices(places, weights)[0]
        county = (
            rng.choice(counties[prefecture[:4]])
            if counties.get(prefecture[:4]) and rng.random() < 0.7
            else None
        )
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        site = f"{name} {rng.randint(1, 400)} {rng.choice(SITES)}" if rng.random() < 0.5 else None
        actors = tuple(rng.sample(ACTORS, rng.randint(1, 2)))
        tactics = tuple(rng.sample(TACTICS, rng.randint(1, 3)))
        grievances = tuple(rng.sample(GRIEVANCES, rng.randint(1, 2)))
        size = rng.choice(SIZES)
        number = rng.choice((None, None, rng.randint(10, 3000)))
        for report in range(min(reports_of_event(rng), count - made)):
            start, end, precision = report_dates(rng, day)
            adcode, geo_precision = report_place(rng, prefecture, county)
            low = int(number * rng.uniform(0.7, 1.3)) if number and rng.random() < 0.7 else None
            made += 1
            yield Spec(
                event=event,
                doc_id=f"doc{event}_{report}",
                type=kind,
                start=start,
                end=end,
                precision=precision,
                adcode=adcode,
                geo_precision=geo_precision,
                place=site if rng.random() < 0.8 else None,
                actors=varied(rng, actors, ACTORS),
                tactics=varied(rng, tactics, TACTICS),
                grievances=varied(rng, grievances, GRIEVANCES),
                participants=(low, low, size),
                outlet=rng.choice(OUTLETS),
            )


def as_mention(spec: Spec) -> Mention:
    return Mention(
        mention_id=f"{spec.doc_id}:0",
        doc_id=spec.doc_id,
        type=spec.type,
        start=spec.start.toordinal(),
        end=spec.end.toordinal(),
        precision=spec.precision,
        country="CN",
        area=area_of(spec.adcode, (None, None, None)),
        place=normalise_place(spec.place),
        actor_kinds=frozenset(spec.actors),
        tactics=frozenset(spec.tactics),
        grievances=frozenset(spec.grievances),
        participants=spec.participants,
    )


def as_event(spec: Spec) -> dict[str, object]:
    return {
        "type": spec.type,
        "date_start": spec.start.isoformat(),
        "date_end": spec.end.isoformat(),
        "time_precision": spec.precision,
        "location": {
            "country": "CN",
            "adcode": spec.adcode,
            "geo_precision": spec.geo_precision,
            "place": spec.place,
        },
        "actors": [{"name": kind, "kind": kind, "role": "initiator"} for kind in spec.actors],
        "participants": {
            "min": spec.participants[0],
            "max": spec.participants[1],
            "size": spec.participants[2],
        },
        "tactics": list(spec.tactics),
        "grievances": list(spec.grievances),
        "summary": f"{spec.type} in {spec.adcode} on {spec.start.isoformat()}.",
    }


def pairwise_quality(
    clusters: list[tuple[str, ...]], truth: dict[str, int], total: Counter[int]
) -> tuple[float, float]:
    """Pairwise precision and recall of linked mention pairs against the synthetic events."""
    linked = correct = 0
    for members in clusters:
        linked += len(members) * (len(members) - 1) // 2
        for size in Counter(truth[member] for member in members).values():
            correct += size * (size - 1) // 2
    gold = sum(size * (size - 1) // 2 for size in total.values())
    return (correct / linked if linked else 1.0), (correct / gold if gold else 1.0)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_linker(count: int) -> dict[str, float]:
    specs = list(synthetic_specs(count))
    mentions = [as_mention(spec) for spec in specs]
    truth = {f"{spec.doc_id}:0": spec.event for spec in specs}
    events = Counter(spec.event for spec in specs)
    del specs
    started, cpu = time.perf_counter(), time.process_time()
    clusters = cluster_mentions(mentions)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    precision, recall = pairwise_quality([c.mention_ids for c in clusters], truth, events)
    return {
        "mentions": count,
        "events_true": len(events),
        "events_linked": len(clusters),
        "seconds": elapsed,
        "cpu": cpu,
        "precision": precision,
        "recall": recall,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_store(count: int, directory: str) -> dict[str, float]:
    """save_many then link() into a fresh SQLite file, then a 1% batch linked incrementally."""
    from undeleted.models import Document, Event
    from undeleted.store import Store

    url = f"sqlite:///{Path(directory) / f'link_{count}.db'}"
    fresh = max(count // 100, 1)

    def items(specs: list[Spec]) -> Iterator[tuple[Document, list[Event]]]:
        for spec in specs:
            doc = Document(
                doc_id=spec.doc_id,
                text=f"Report {spec.doc_id}.",
                outlet=spec.outlet,
                published=spec.end + timedelta(days=1),
                language="en",
            )
            yield doc, [Event.model_validate(as_event(spec))]

    specs = list(synthetic_specs(count + fresh))
    base, later = specs[:count], specs[count:]
    with Store.open(url) as store:
        started = time.perf_counter()
        store.save_many(items(base), batch_size=2000)
        saved = time.perf_counter() - started
        started = time.perf_counter()
        first = store.link()
        linked = time.perf_counter() - started
        store.save_many(items(later), batch_size=2000)
        started = time.perf_counter()
        second = store.link()
        incremental = time.perf_counter() - started
        events = store.count_events()
    return {
        "mentions": count,
        "save_seconds": saved,
        "link_seconds": linked,
        "events": events,
        "events_created": first.events_created,
        "incremental_mentions": len(later),
        "incremental_seconds": incremental,
        "incremental_updated": second.events_updated,
        "peak_rss_mb": peak_rss_mb(),
    }


def in_subprocess(kind: str, count: int, directory: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--one", kind, str(count), "--dir", directory]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--store", type=int, nargs="*", default=[], help="sizes for the SQLite store run")
    parser.add_argument("--store-only", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--dir", default=None, help="where SQLite files go (default: a temporary folder)")
    args = parser.parse_args()
    if args.one:
        kind, count = args.one[0], int(args.one[1])
        result = measure_linker(count) if kind == "linker" else measure_store(count, args.dir)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        previous: dict[str, float] | None = None
        for count in [] if args.store_only else args.sizes:
            row = in_subprocess("linker", count, directory)
            growth = (
                f", growth x{row['cpu'] / previous['cpu']:.1f} (CPU time) for x{count / previous['mentions']:.0f} "
                "mentions"
                if previous
                else ""
            )
            print(
                f"linker {count:>9,} mentions: {row['seconds']:7.1f} s wall, {row['cpu']:7.1f} s CPU, peak RSS {row['peak_rss_mb']:6.0f} MB, "
                f"{row['events_linked']:,} events ({row['events_true']:,} true), pairwise precision "
                f"{row['precision']:.3f} recall {row['recall']:.3f}{growth}",
                flush=True,
            )
            previous = row
        for count in args.store:
            row = in_subprocess("store", count, directory)
            print(
                f"store  {count:>9,} mentions (SQLite): save_many {row['save_seconds']:.1f} s, link "
                f"{row['link_seconds']:.1f} s ({row['events']:,} events), then {row['incremental_mentions']:,} "
                f"new mentions linked in {row['incremental_seconds']:.1f} s ({row['incremental_updated']:,} events "
                f"updated); peak RSS {row['peak_rss_mb']:.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
