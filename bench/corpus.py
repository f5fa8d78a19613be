"""Synthetic corpus: reports rebuilt from the gold documents with other places and dates, any size.

    python bench/corpus.py --size 10000 --out /tmp/corpus-10k.jsonl.gz

Each report takes one gold document as its template, keeps a random run of its sentences, swaps every
prefecture and province it names for another one from the gazetteer (consistently within the report),
moves its dates to another month and year, and ends with a unique reference line so doc_ids differ.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
GAZETTEER = ROOT / "undeleted" / "data" / "gazetteer.tsv"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EN_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
ZH_MONTH = re.compile(r"(?<![0-9０-９])(1[0-2]|[1-9])月")
YEAR = re.compile(r"\b20(1[5-9]|2[0-5])\b")
SENTENCE = re.compile(r"[^\n.!?。！？]+[.!?。！？]*\s*|\n+")
FALLBACK_PLACES = {
    "admin1": [("Henan", "河南"), ("Gansu", "甘肃"), ("Guangdong", "广东")],
    "admin2": [("Zhengzhou", "郑州"), ("Lanzhou", "兰州"), ("Guangzhou", "广州")],
}


@dataclass(frozen=True)
class Template:
    language: str
    title: str
    outlet: str | None
    sentences: list[str]


def load_templates(gold: Path = GOLD) -> list[Template]:
    """Gold documents split into sentences (newlines kept as their own pieces)."""
    templates = []
    for path in sorted(gold.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)["doc"]
            pieces = [match.group(0) for match in SENTENCE.finditer(doc["text"])]
            templates.append(Template(doc["language"], doc.get("title") or "", doc.get("outlet"), pieces))
    if not templates:
        raise SystemExit(f"no gold documents under {gold}")
    return templates


def load_places(gazetteer: Path = GAZETTEER) -> dict[str, list[tuple[str, str]]]:
    """(English name, short Chinese name) of provinces and prefectures."""
    if not gazetteer.exists():
        return FALLBACK_PLACES
    places: dict[str, list[tuple[str, str]]] = {"admin1": [], "admin2": []}
    with gazetteer.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            if row["level"] in places and row["obsolete"] != "1" and row["name_en"] and row["short_zh"]:
                places[row["level"]].append((row["name_en"], row["short_zh"]))
    return places if all(places.values()) else FALLBACK_PLACES


def place_pattern(places: dict[str, list[tuple[str, str]]]) -> re.Pattern[str]:
    names = {name for level in places.values() for pair in level for name in pair if len(name) > 1}
    return re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))


def generate(size: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """`size` report objects ({"title", "text", "published", "language", "outlet", "url"})."""
    rng = random.Random(seed)
    templates = load_templates()
    places = load_places()
    level_of = {name: level for level, pairs in places.items() for pair in pairs for name in pair}
    pattern = place_pattern(places)
    for number in range(size):
        template = rng.choice(templates)
        swap: dict[str, tuple[str, str]] = {}

        def replace_place(match: re.Match[str], swap: dict[str, tuple[str, str]] = swap) -> str:
            name = match.group(0)
            level = level_of[name]
            new = swap.setdefault(name, rng.choice(places[level]))
            return new[1] if re.search(r"[\u4e00-\u9fff]", name) else new[0]

        month, year = rng.randrange(12), rng.randrange(2019, 2026)
        published = date(year, month + 1, 1) + timedelta(days=rng.randrange(28))
        keep = len(template.sentences)
        start = rng.randrange(max(1, keep // 4))
        body = "".join(template.sentences[start : start + max(3, keep - rng.randrange(max(1, keep // 3)))])
        body = pattern.sub(replace_place, body)
        body = YEAR.sub(str(year), EN_MONTH.sub(MONTHS[month], ZH_MONTH.sub(f"{month + 1}月", body)))
        title = pattern.sub(replace_place, template.title)
        footer = (
            f"\n\n编号 {seed}-{number}" if template.language == "zh" else f"\n\nReference {seed}-{number}."
        )
        yield {
            "title": title,
            "text": f"{title}\n\n{body.strip()}{footer}",
            "published": published.isoformat(),
            "language": template.language,
            "outlet": template.outlet or "",
            "url": f"synthetic://{seed}/{number}",
        }


def write_corpus(path: Path, size: int, seed: int = 0) -> Path:
    """Write `size` reports as JSON lines, gzip-compressed when the name ends in .gz."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        gzip.open(path, "wt", encoding="utf-8") if path.suffix == ".gz" else path.open("w", encoding="utf-8")
    ) as out:
        for report in generate(size, seed):
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="number of reports")
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl or .jsonl.gz file")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    print(write_corpus(options.out, options.size, options.seed))


if __name__ == "__main__":
    main()
