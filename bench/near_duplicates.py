"""Cost of finding near-duplicates of stored reports: saving fingerprints, looking reports up, filling them in.

    python bench/near_duplicates.py --stored 20000 --lookups 2000

Stores `--stored` synthetic reports (bench/corpus.py, no events) into two SQLite files, one with fingerprints
and one without, and prints the time and file size of each; then looks up `--lookups` new reports against the
fingerprinted file, half of them stored reports of MIN_LINES lines or more with their last line changed (each
must be found) and half new ones (the synthetic corpus repeats itself: a few differ from a stored one by a line); then times `undeleted run`'s filling in of the fingerprints the other file lacks. No assertions.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from corpus import generate

from undeleted.ingest.near_duplicates import MIN_LINES, NearDuplicates, fingerprint_of, line_hashes
from undeleted.models import Document
from undeleted.pipeline import document_lines as lines_of
from undeleted.pipeline import fingerprint_stored, stored_reports
from undeleted.store import Store


def documents(size: int, seed: int) -> list[Document]:
    return [
        Document(text=item["text"], url=item["url"], language=item["language"], date_source="metadata")
        for item in generate(size, seed)
    ]


def save(path: Path, stored: list[Document], with_lines: bool) -> float:
    started = time.perf_counter()
    with Store.open(f"sqlite:///{path}") as store:
        store.save_reports(
            ((doc, [], lines_of(fingerprint_of(doc.text)) if with_lines else None) for doc in stored),
            batch_size=2000,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=20000)
    parser.add_argument("--lookups", type=int, default=2000)
    options = parser.parse_args()
    stored = documents(options.stored, seed=0)
    half = options.lookups // 2
    long_enough = [doc for doc in stored if len(line_hashes(doc.text)) >= MIN_LINES]
    copies = [
        Document(text=doc.text.rsplit("\n", 1)[0] + "\nRetrieved again.", language=doc.language)
        for doc in long_enough[:half]
    ]
    asked = copies + documents(options.lookups - half, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        plain, printed = Path(folder) / "plain.db", Path(folder) / "printed.db"
        plain_seconds, printed_seconds = save(plain, stored, False), save(printed, stored, True)
        print(
            f"save {options.stored:,} reports: {plain_seconds:.1f} s, {plain.stat().st_size / 1e6:.1f} MB without "
            f"fingerprints; {printed_seconds:.1f} s, {printed.stat().st_size / 1e6:.1f} MB with them"
        )
        with Store.open(f"sqlite:///{printed}") as store:
            tracker = NearDuplicates(stored_reports(store))
            started = time.perf_counter()
            found = [tracker.original_of(doc, "bench") for doc in asked]
            seconds = time.perf_counter() - started
        hits = sum(1 for item in found[: len(copies)] if item is not None)
        false = sum(1 for item in found[len(copies) :] if item is not None)
        print(
            f"look up {len(asked):,} reports: {seconds * 1000 / len(asked):.2f} ms each; "
            f"{hits} of {len(copies)} changed copies found; {false} of {len(asked) - len(copies)} new reports "
            "repeat a stored one but for a line"
        )
        with Store.open(f"sqlite:///{plain}") as store:
            started = time.perf_counter()
            filled = fingerprint_stored(store)
            print(f"fill in {filled:,} stored reports' fingerprints: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
