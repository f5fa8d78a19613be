"""When two mentions are one event, how clusters form, and how merged fields come out."""

from __future__ import annotations

from datetime import date

import pytest

from undeleted.link import MentionRecord, cluster_mentions, mention_from_event, merge_mentions, pair_score
from undeleted.link.merge import load_official_sources
from undeleted.models import Event


def make_event(**fields) -> Event:
    base = {
        "type": "protest",
        "date_start": "2022-11-26",
        "date_end": "2022-11-26",
        "time_precision": "day",
        "location": {
            "admin1": "Shanghai",
            "adcode": "310104",
            "geo_precision": "admin3",
            "place": "Wulumuqi Road",
        },
        "actors": [{"name": "residents", "kind": "residents", "role": "initiator"}],
        "tactics": ["gathering"],
    }
    location = {**base["location"], **fields.pop("location", {})}
    return Event.model_validate({**base, **fields, "location": location})


def mention(doc: str, **fields):
    return mention_from_event(f"{doc}:0", doc, make_event(**fields))


@pytest.mark.parametrize(
    "left, right, same",
    [
        ({}, {}, True),
        ({}, {"location": {"place": "乌鲁木齐中路"}}, True),  # cross-language place names
        ({}, {"location": {"adcode": "310100", "geo_precision": "admin2", "place": None}}, True),  # nested
        ({}, {"location": {"adcode": "310000", "geo_precision": "admin1", "place": None}}, True),
        ({}, {"location": {"adcode": "310105", "place": "Anfu Road"}}, False),  # sibling districts
        ({}, {"location": {"adcode": "110108", "admin1": "Beijing"}}, False),
        ({}, {"type": "clash"}, False),
        ({}, {"date_start": "2022-11-29", "date_end": "2022-11-29"}, False),
        ({}, {"date_start": "2022-11-01", "date_end": "2022-11-30", "time_precision": "month"}, True),
        (
            {"date_start": None, "date_end": None},
            {"date_start": None, "date_end": None},
            False,
        ),  # undated: never
    ],
)
def test_link_pair_decision(left, right, same):
    score = pair_score(mention("a", **left), mention("b", **right))
    assert (score is not None and score >= 0.6) is same


def test_link_exact_day_beats_neighbouring_day():
    exact = pair_score(mention("a"), mention("b"))
    next_day = pair_score(mention("a"), mention("b", date_start="2022-11-27", date_end="2022-11-27"))
    assert exact is not None and next_day is not None and exact > next_day


def test_link_never_joins_two_mentions_of_one_document():
    first = mention_from_event("d:0", "d", make_event())
    second = mention_from_event("d:1", "d", make_event())
    assert len(cluster_mentions([first, second])) == 2


def test_link_one_report_picks_the_best_of_two_neighbouring_events():
    report_a = [
        mention_from_event("a:0", "a", make_event()),
        mention_from_event("a:1", "a", make_event(date_start="2022-11-27", date_end="2022-11-27")),
    ]
    report_b = [mention_from_event("b:0", "b", make_event(date_start="2022-11-27", date_end="2022-11-27"))]
    joined = [c.mention_ids for c in cluster_mentions(report_a + report_b) if len(c.mention_ids) > 1]
    assert joined == [("a:1", "b:0")]


def test_link_chains_do_not_drift_across_days():
    days = [f"2022-11-{day}" for day in (25, 26, 27)]
    mentions = [
        mention_from_event(f"{i}:0", str(i), make_event(date_start=d, date_end=d)) for i, d in enumerate(days)
    ]
    assert max(len(cluster.mention_ids) for cluster in cluster_mentions(mentions)) == 2


def test_link_new_mention_joins_existing_event_and_merges_two_older_ones():
    old_a = mention_from_event("a:0", "a", make_event(), event_id="ev_a", age="2024-01-01")
    old_b = mention_from_event(
        "b:0", "b", make_event(location={"place": "乌鲁木齐中路"}), event_id="ev_b", age="2024-02-01"
    )
    new = mention_from_event("c:0", "c", make_event())
    [cluster] = cluster_mentions([old_b, old_a, new])
    assert (cluster.event_id, cluster.absorbed, cluster.new_mention_ids) == ("ev_a", ("ev_b",), ("c:0",))


def test_link_reviewed_event_is_left_alone():
    reviewed = mention_from_event("a:0", "a", make_event(), event_id="ev_a", locked=True)
    [cluster] = cluster_mentions([reviewed, mention_from_event("b:0", "b", make_event())])
    assert cluster.event_id is None and cluster.mention_ids == ("b:0",)


def record(doc: str, outlet: str, **fields) -> MentionRecord:
    return MentionRecord(f"{doc}:0", doc, make_event(**fields), outlet=outlet)


def test_link_merge_takes_most_precise_date_and_place_and_unions_the_rest():
    merged = merge_mentions(
        [
            record(
                "a",
                "Outlet A",
                date_start="2022-11-01",
                date_end="2022-11-30",
                time_precision="month",
                location={"adcode": "310100", "geo_precision": "admin2", "place": None},
                tactics=["chanting"],
                participants={"min": 200, "max": 300, "size": "hundreds"},
            ),
            record(
                "b",
                "Outlet B",
                tactics=["gathering", "banners"],
                participants={"min": 100, "max": 1000, "size": "hundreds"},
            ),
        ]
    )
    assert (merged["date_start"], merged["time_precision"]) == ("2022-11-26", "day")
    assert merged["location"]["adcode"] == "310104" and merged["location"]["place"] == "Wulumuqi Road"
    assert set(merged["tactics"]) == {"chanting", "gathering", "banners"}
    assert (merged["participants"]["min"], merged["participants"]["max"]) == (100, 1000)
    assert [source["doc_id"] for source in merged["sources"]] == ["a", "b"]


@pytest.mark.parametrize(
    "records, credibility, corroboration",
    [
        ([("a", "Outlet A", []), ("b", "Outlet B", [])], "confirmed", 2),
        ([("a", "Outlet A", ["Reuters"]), ("b", "Outlet B", ["Reuters"])], "reported", 1),  # one origin
        ([("a", "Outlet A", ["Xinhua"])], "confirmed", 1),
        ([("a", "Outlet A", [])], "reported", 1),
    ],
)
def test_link_merge_corroboration_and_credibility(records, credibility, corroboration):
    merged = merge_mentions(
        [record(doc, outlet, cited_sources=cited) for doc, outlet, cited in records], load_official_sources()
    )
    assert (merged["credibility"], merged["corroboration"]) == (credibility, corroboration)


def test_link_merge_keeps_every_evidence_span():
    spans = [{"doc_id": "a", "start": 0, "end": 10}, {"doc_id": "b", "start": 5, "end": 9}]
    merged = merge_mentions([record("a", "A", evidence=[spans[0]]), record("b", "B", evidence=[spans[1]])])
    assert merged["evidence"] == spans
    assert date.fromisoformat(merged["date_end"]) == date(2022, 11, 26)
