"""Gazetteer load time and place-resolution speed (mentions/s) on the gold texts, repeated.

.venv/bin/python bench/geo_speed.py [--repeat 20]
"""

import argparse
import json
import time
from pathlib import Path

from undeleted.geo import Gazetteer, find_places, resolve_mentions

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = Gazetteer.from_package()
    load = time.perf_counter() - started

    docs = [json.loads(line)["doc"] for name in ("dev.jsonl", "seeds.jsonl") for line in (GOLD / name).open()]
    mentions = resolved = characters = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        for doc in docs:
            found = find_places(doc["text"], gazetteer, doc["language"])
            resolved += sum(division is not None for division in resolve_mentions(found))
            mentions += len(found)
            characters += len(doc["text"])
    elapsed = time.perf_counter() - started
    print(f"gazetteer load: {load:.3f} s")
    print(
        f"documents: {len(docs) * args.repeat}, characters: {characters:,}, mentions: {mentions:,} "
        f"({resolved:,} resolved)"
    )
    print(
        f"find + resolve: {mentions / elapsed:,.0f} mentions/s, {len(docs) * args.repeat / elapsed:,.0f} docs/s, "
        f"{characters / elapsed:,.0f} chars/s"
    )


if __name__ == "__main__":
    main()
