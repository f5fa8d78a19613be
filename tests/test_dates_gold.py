"""How well the time stage covers the dates of the gold events (figures printed with -s)."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from undeleted.dates import DateMention, find_dates, infer_published

from floors import floor

GOLD_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
SLACK = timedelta(days=2)


def document_mentions(doc: dict) -> list[DateMention]:
    """Paragraph by paragraph, each paragraph anchored on the last day-precise date of the one before."""
    published = doc["published"]
    reference = date.fromisoformat(published) if published else infer_published(doc["text"], doc["language"])
    mentions: list[DateMention] = []
    anchor = None
    for paragraph in doc["text"].split("\n"):
        found = find_dates(paragraph, reference, doc["language"], anchor)
        mentions += found
        days = [mention.span.end for mention in found if mention.span.precision == "day"]
        anchor = days[-1] if days else anchor
    return mentions


def coverage(name: str) -> tuple[float, float, int]:
    """Share of dated gold events overlapped (±2 days) by a mention no wider than the event (or a week),
    and share whose exact start is a mention's start."""
    path = GOLD_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    overlapped = exact = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        mentions = document_mentions(record["doc"])
        for event in record["events"]:
            if not event.get("date_start"):
                continue
            total += 1
            start = date.fromisoformat(event["date_start"])
            end = date.fromisoformat(event.get("date_end") or event["date_start"])
            width = max((end - start).days, 7)
            overlapped += any(
                m.span.start <= end + SLACK
                and m.span.end >= start - SLACK
                and (m.span.end - m.span.start).days <= width
                for m in mentions
            )
            exact += any(m.span.start == start for m in mentions)
    return overlapped / total, exact / total, total


@pytest.mark.parametrize("name", ["dev.jsonl", "seeds.jsonl"])  # floors: [date_mentions] in tests/floors.toml
def test_dates_gold_events_have_a_matching_mention(name):
    overlap, exact, total = coverage(name)
    print(f"\n{name}: {total} dated events; overlap ±2 days {overlap:.3f}; exact start {exact:.3f}")
    assert overlap >= floor(f"date_mentions.{name.removesuffix('.jsonl')}_overlap")
    assert exact >= floor(f"date_mentions.{name.removesuffix('.jsonl')}_exact")
