"""Hashtag snapshots: a tag gone from the later snapshot becomes a censorship event with evidence (through the
status history the importer keeps: censorship.takedowns)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from undeleted.censorship.snapshots import (
    HashtagSnapshot,
    Locate,
    gazetteer_locator,
    make_snapshot,
    read_snapshot,
)
from undeleted.censorship.takedowns import disappearance_record, disappearances, observations
from undeleted.errors import BadInput
from undeleted.geo.gazetteer import Gazetteer
from undeleted.models import Document, Event, Record

SOCIAL = Path(__file__).parent / "resources" / "social"
TAGS = ("#丹东白血病男孩#", "#丹东疫情#", "#高考志愿#", "#夏天的第一杯奶茶#")


def censorship_events(
    before: HashtagSnapshot, after: HashtagSnapshot, locate: Locate | None = None
) -> list[tuple[Document, Event]]:
    """The censorship records two snapshots give, as `undeleted censorship import-snapshot` makes them."""
    first, second = sorted((before, after), key=lambda snapshot: snapshot.taken)
    history = observations(first, {}) + observations(second, {"hashtag": set(first.listed), "post": set()})
    return [
        disappearance_record(item, locate(item.subject) if locate else None)
        for item in disappearances(history)
    ]


@pytest.mark.parametrize(
    "before_date, after_date, gone",
    [
        (date(2022, 7, 1), date(2022, 7, 4), ("#丹东白血病男孩#", "#高考志愿#")),
        (date(2022, 7, 3), date(2022, 7, 4), ("#丹东疫情#", "#夏天的第一杯奶茶#")),
    ],
)
def test_censorship_two_missing_hashtags_give_two_events(before_date, after_date, gone):
    before = HashtagSnapshot(before_date, TAGS, source="hot search")
    after = HashtagSnapshot(after_date, tuple(tag for tag in TAGS if tag not in gone), source="hot search")
    records = censorship_events(before, after)
    assert len(records) == 2
    assert sorted(event.hashtags[0].tag for _, event in records) == sorted(gone)
    for doc, event in records:
        assert event.type == "censorship" and event.state_response == ["censorship"] and event.tactics == []
        assert event.hashtags[0].status == "removed" and event.hashtags[0].status_date == after_date
        assert (
            event.date_end == after_date and event.date_start is not None and event.date_start > before_date
        )
        evidence = event.evidence[0]
        assert evidence.doc_id == doc.doc_id
        assert event.hashtags[0].tag in doc.text[evidence.start : evidence.end]
        Record(doc=doc, events=[event])  # valid against the SCHEMA models


def test_censorship_snapshot_files_with_removal_notice():
    before = read_snapshot(SOCIAL / "snapshot_2022-07-01.json")
    after = read_snapshot(SOCIAL / "snapshot_2022-07-04.csv")
    assert after.emptied == ("#丹东疫情#",)
    records = censorship_events(after, before, gazetteer_locator(Gazetteer.from_package()))  # any order
    assert sorted(event.hashtags[0].tag for _, event in records) == ["#丹东疫情#", "#丹东白血病男孩#"]
    assert [event.location.admin2 for _, event in records] == ["Dandong", "Dandong"]
    assert all(event.hashtags[0].status_date == date(2022, 7, 4) for _, event in records)
    assert any("notice" in doc.text for doc, _ in records)  # the emptied one is told with its removal notice


@pytest.mark.parametrize(
    "tags, kept",
    [
        ([("丹东白血病男孩", ""), ("#a", "")], ("#丹东白血病男孩#", "#a#")),
        ([("#b#", "根据相关法律法规和政策，该话题暂无内容")], ()),
    ],
)
def test_censorship_snapshot_tags_are_normalised(tags, kept):
    assert make_snapshot(date(2022, 7, 1), tags, "s").listed == kept


def test_censorship_unlocated_hashtag_is_country_level():
    before = HashtagSnapshot(date(2022, 7, 1), ("#某话题#",))
    [(_, event)] = censorship_events(before, HashtagSnapshot(date(2022, 7, 2), ()))
    assert event.location.country == "CN" and event.location.geo_precision == "country"
    assert event.time_precision == "day"


def test_censorship_bad_snapshot_file_is_named(tmp_path):
    path = tmp_path / "snap.csv"
    path.write_text("name,when\nx,2022-01-01\n", encoding="utf-8")
    with pytest.raises(BadInput, match="snap.csv:1: a snapshot needs columns"):
        read_snapshot(path)
