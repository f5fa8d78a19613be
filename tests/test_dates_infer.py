"""Publication dates inferred from the text of reports that carry none."""

import json
from datetime import date
from pathlib import Path

import pytest

from undeleted.dates import find_dates, infer_published

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev.jsonl"
LATEST = date(2026, 1, 1)


def gold_lines() -> list[dict]:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} not found")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("text, language, expected", [
    ("The watchdog said on Wednesday, June 22, that it had disciplined four officials.", "en", date(2022, 6, 22)),
    ("Over the weekend workers left. Then, at noon on Wednesday, November 2, the zone locked down. © 2022", "en",
     date(2022, 11, 2)),
    ("In the early hours of Sunday, September 18, a coach overturned. On Tuesday three officials were dismissed.",
     "en", date(2022, 9, 20)),
    ("7月23日（星期日）14时56分许，体育馆屋顶坍塌。24日，当地通报。©2023 北国时讯", "zh", date(2023, 7, 24)),
    ("1月6日（周四），主任道歉。自2021年12月23日零时起，全市封闭管理。", "zh", date(2022, 1, 6)),
    ("Published 1 December 2022. Students gathered on Saturday.", "en", date(2022, 12, 1)),
    ("2021年12月23日，西安全市封控。", "zh", date(2021, 12, 23)),
    ("Lockdowns spread in early 2022.", "en", date(2022, 4, 30)),
    ("Prices fell on June 14. Copyright © 2015-2022 Example Media", "en", date(2022, 6, 14)),
])  # fmt: skip
def test_dates_infer_published_from_text_clues(text, language, expected):
    assert infer_published(text, language, latest=LATEST) == expected


@pytest.mark.parametrize("text, language", [
    ("Residents are expressing discontent about the rules.", "en"),
    ("居民对防疫政策不满。", "zh"),
    ("", "en"),
])  # fmt: skip
def test_dates_infer_published_without_clues_is_none(text, language):
    assert infer_published(text, language) is None


@pytest.mark.parametrize("number, year", [(7, 2022), (9, 2022), (18, 2022), (21, 2023), (23, 2022)])
def test_dates_infer_published_gold_documents(number, year):
    line = gold_lines()[number - 1]
    doc = line["doc"]
    assert doc["published"] is None
    published = infer_published(doc["text"], doc["language"], latest=LATEST)
    assert published is not None and published.year == year
    last_event = max(date.fromisoformat(event["date_start"]) for event in line["events"])
    assert 0 <= (published - last_event).days <= 7


@pytest.mark.parametrize("number", [7, 9, 18, 21, 23])
def test_dates_inferred_reference_resolves_gold_event_starts(number):
    line = gold_lines()[number - 1]
    doc = line["doc"]
    published = infer_published(doc["text"], doc["language"], latest=LATEST)
    starts = {mention.span.start for mention in find_dates(doc["text"], published, doc["language"])}
    gold_starts = {date.fromisoformat(event["date_start"]) for event in line["events"]}
    assert len(gold_starts & starts) >= len(gold_starts) - 1


def test_a_story_told_over_months_is_published_after_its_last_weekday_date():
    """A feature with no publication date that runs from September to December: the December days keep the
    story's year (not the earlier year in which they fall on the same weekdays)."""
    text = (
        "Farmers marched to the county offices on Thursday, September 15, carrying banners.\n\n"
        "On Saturday, December 10, police took away three of their representatives.\n\n"
        "The county backed down on Tuesday, December 20.\n\n© 2016 Example Review"
    )
    published = infer_published(text, "en", latest=LATEST)
    assert published == date(2016, 12, 20)
    starts = {mention.span.start for mention in find_dates(text, published, "en")}
    assert {date(2016, 9, 15), date(2016, 12, 10), date(2016, 12, 20)} <= starts
