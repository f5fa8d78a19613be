"""Chinese extraction speed on one core: Han characters per second over the Chinese gold documents.

Run: .venv/bin/python bench/zh_speed.py [--repeat N]. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Document, Record
from undeleted.text.convert import load_converter

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev.jsonl"
HAN = re.compile(r"[\u4e00-\u9fff]")


def chinese_documents(repeat: int) -> list[Document]:
    """The Chinese gold documents, plus their traditional versions, each repeated with a fresh doc_id."""
    records = [
        Record.model_validate_json(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line
    ]
    originals = [record.doc for record in records if record.doc.language == "zh"]
    to_traditional = load_converter("s2t.json")
    variants = originals + [
        doc.model_copy(update={"text": to_traditional.convert(doc.text)}) for doc in originals
    ]
    return [
        Document(text=f"{doc.text}\n（第{round_}轮）", language="zh", published=doc.published)
        for round_ in range(repeat)
        for doc in variants
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    context = ExtractContext.load(("zh",))
    loaded = time.perf_counter() - started
    documents = chinese_documents(args.repeat)
    characters = sum(len(doc.text) for doc in documents)
    han = sum(len(HAN.findall(doc.text)) for doc in documents)
    events = 0
    started = time.perf_counter()
    for doc in documents:
        events += len(extract_events(doc, context))
    elapsed = time.perf_counter() - started
    print(f"context load: {loaded:.2f} s")
    print(
        f"{len(documents)} documents, {characters:,} characters ({han:,} Han), {events} events in {elapsed:.2f} s"
    )
    print(
        f"{characters / elapsed:,.0f} characters/s, {han / elapsed:,.0f} Han characters/s, "
        f"{len(documents) / elapsed:,.1f} documents/s (one core)"
    )


if __name__ == "__main__":
    main()
