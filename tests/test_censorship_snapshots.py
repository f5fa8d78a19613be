"""Hashtag snapshots: a tag gone from the later snapshot becomes a censorship event with evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from undeleted.censorship.snapshots import (
    HashtagSnapshot,
    censorship_events,
    diff_snapshots,
    gazetteer_locator,
    make_snapshot,
    read_snapshot,
)
from undeleted.errors import BadInput
from undeleted.geo.gazetteer import Gazetteer
from undeleted.models import Record

SOCIAL = Path(__file__).parent / "resources" / "social"
TAGS = ("#丹东白血病男孩#", "#丹东疫情#", "#高考志愿#", "#夏天的第一杯奶茶#")


@pytest.mark.parametrize("before_date, after_date, gone", [
    (date(2022, 7, 1), date(2022, 7, 4), ("#丹东白血病男孩#", "#高考志愿#")),
    (date(2022, 7, 3), date(2022, 7, 4), ("#丹东疫情#", "#夏天的第一杯奶茶#")),
])
def test_censorship_two_missing_hashtags_give_two_events(before_date, after_date, gone):
    before = HashtagSnapshot(before_date, TAGS, source="hot search")
    after = HashtagSnapshot(after_date, tuple(tag for tag in TAGS if tag not in gone), source="hot search")
    doc, events = censorship_events(diff_snapshots(before, after))
    assert len(events) == 2
    assert [event.hashtags[0].tag for event in events] == list(gone)
    for event in events:
        assert event.type == "censorship" and event.state_response == ["censorship"] and event.tactics == []
        assert event.hashtags[0].status == "removed" and event.hashtags[0].status_date == after_date
        assert event.date_end == after_date and event.date_start is not None and event.date_start > before_date
        evidence = event.evidence[0]
        assert evidence.doc_id == doc.doc_id
        assert event.hashtags[0].tag in doc.text[evidence.start : evidence.end]
    Record(doc=doc, events=events)  # valid against the SCHEMA models


def test_censorship_snapshot_files_with_removal_notice():
    before = read_snapshot(SOCIAL / "snapshot_2022-07-01.json")
    after = read_snapshot(SOCIAL / "snapshot_2022-07-04.csv")
    assert after.emptied == ("#丹东疫情#",)
    diff = diff_snapshots(after, before)  # order does not matter
    assert diff.removed == ("#丹东白血病男孩#", "#丹东疫情#")
    assert diff.added == ("#新话题#",)
    doc, events = censorship_events(diff, gazetteer_locator(Gazetteer.from_package()))
    assert [event.location.admin2 for event in events] == ["Dandong", "Dandong"]
    assert all(event.hashtags[0].status_date == date(2022, 7, 4) for event in events)
    assert "emptied or blocked" in doc.text


@pytest.mark.parametrize("tags, kept", [
    ([("丹东白血病男孩", ""), ("#a", "")], ("#丹东白血病男孩#", "#a#")),
    ([("#b#", "根据相关法律法规和政策，该话题暂无内容")], ()),
])
def test_censorship_snapshot_tags_are_normalised(tags, kept):
    assert make_snapshot(date(2022, 7, 1), tags, "s").listed == kept


def test_censorship_unlocated_hashtag_is_country_level():
    before = HashtagSnapshot(date(2022, 7, 1), ("#某话题#",))
    _, events = censorship_events(diff_snapshots(before, HashtagSnapshot(date(2022, 7, 2), ())))
    assert events[0].location.country == "CN" and events[0].location.geo_precision == "country"
    assert events[0].time_precision == "day"


def test_censorship_bad_snapshot_file_is_named(tmp_path):
    path = tmp_path / "snap.csv"
    path.write_text("name,when\nx,2022-01-01\n", encoding="utf-8")
    with pytest.raises(BadInput, match="snap.csv:1: a snapshot needs columns"):
        read_snapshot(path)
