"""Snapshot sequences in a real store (SQLite and PostgreSQL): status histories, one censorship event per
disappearance, stored once, and related to the event that carries the vanished hashtag or post."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from undeleted.censorship.provinces import ProvinceIndex
from undeleted.censorship.snapshots import HashtagSnapshot, gazetteer_locator, read_snapshot
from undeleted.censorship.takedowns import Observation, disappearances, observations
from undeleted.censorship_pipeline import import_snapshots, save_social
from undeleted.cli import app
from undeleted.geo.gazetteer import Gazetteer
from undeleted.ingest.social import SocialPost, post_document
from undeleted.models import Document, Event, Evidence, Hashtag, Location
from undeleted.store import EventQuery, Store
from undeleted.store.schema import mentions

DANDONG_TAG, ZHENGZHOU_TAG = "#丹东白血病男孩#", "#郑州村镇银行储户维权#"
STEADY = ("#高考志愿#", "#夏天的第一杯奶茶#")
T1, T2, T3 = date(2022, 7, 1), date(2022, 7, 4), date(2022, 7, 8)
NOTICE = "根据相关法律法规和政策，该话题暂无内容"
DANDONG = Location(country="CN", admin1="Liaoning", admin2="Dandong", adcode="210600", geo_precision="admin2")


def write_sequence(folder: Path) -> list[Path]:
    """T1: four hashtags active; T2: the Dandong and Zhengzhou ones gone; T3: the Zhengzhou one shows a notice."""
    first = folder / "t1.json"
    first.write_text(
        json.dumps(
            {
                "taken": T1.isoformat(),
                "source": "watch list",
                "hashtags": [DANDONG_TAG, ZHENGZHOU_TAG, *STEADY],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    second = folder / "t2.json"
    second.write_text(
        json.dumps(
            {"taken": T2.isoformat(), "source": "watch list", "hashtags": list(STEADY)}, ensure_ascii=False
        ),
        "utf-8",
    )
    third = folder / "t3.csv"
    third.write_text(
        "hashtag,taken,status,source\n"
        + "".join(f"{tag},{T3},,watch list\n" for tag in STEADY)
        + f"{ZHENGZHOU_TAG},{T3},{NOTICE},watch list\n",
        "utf-8",
    )
    return [first, second, third]


def save_protest(store: Store) -> str:
    """A protest report carrying the Dandong hashtag; returns the linked event's id."""
    doc = Document(
        title="丹东居民抗议",
        outlet="RFA",
        published=date(2022, 6, 30),
        date_source="metadata",
        language="zh",
        text=f"丹东居民在社区门口聚集抗议封控，网友转发话题{DANDONG_TAG}。",
    )
    event = Event(
        type="protest",
        date_start=date(2022, 6, 30),
        date_end=date(2022, 6, 30),
        time_precision="day",
        location=DANDONG,
        tactics=["gathering"],
        hashtags=[Hashtag(tag=DANDONG_TAG, status="active")],
        evidence=[Evidence(doc_id=doc.doc_id, start=0, end=len(doc.text))],
    )
    store.save(doc, [event])
    store.link()
    return next(item["event_id"] for item in store.events(EventQuery(types=["protest"])))


def censorship_mentions(store: Store) -> list[dict]:
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(mentions.c.payload).where(mentions.c.type == "censorship"))
        return sorted((row.payload for row in rows), key=lambda payload: payload["hashtags"][0]["tag"])


def test_censorship_snapshot_sequence_gives_histories_events_and_relations(store, tmp_path):
    protest_id = save_protest(store)
    locate = gazetteer_locator(Gazetteer.from_package())
    first, second, third = write_sequence(tmp_path)
    report = import_snapshots([second, first], store, locate)  # any order: read oldest first
    assert (report.snapshots, report.disappearances, report.new_events, report.relations) == (2, 2, 2, 1)
    later = import_snapshots([third], store, locate)
    assert (later.observations, later.new_events) == (4, 0)

    histories = {tag: store.status_history("hashtag", tag) for tag in (DANDONG_TAG, ZHENGZHOU_TAG, *STEADY)}
    assert all(len(history) == 3 for history in histories.values())
    assert [row["status"] for row in histories[DANDONG_TAG]] == ["active", "gone", "gone"]
    assert [row["status"] for row in histories[ZHENGZHOU_TAG]] == ["active", "gone", "blocked"]
    assert histories[ZHENGZHOU_TAG][2]["notice"] == NOTICE
    assert [row["status"] for row in histories[STEADY[0]]] == ["active"] * 3

    stored = censorship_mentions(store)
    assert [
        (m["hashtags"][0]["tag"], m["hashtags"][0]["status"], m["hashtags"][0]["status_date"]) for m in stored
    ] == [(DANDONG_TAG, "removed", T2.isoformat()), (ZHENGZHOU_TAG, "removed", T2.isoformat())]
    assert [m["location"]["admin2"] for m in stored] == ["Dandong", "Zhengzhou"]
    assert all(m["date_start"] == "2022-07-02" and m["date_end"] == T2.isoformat() for m in stored)

    events = {item["location"]["admin2"]: item for item in store.events(EventQuery(types=["censorship"]))}
    assert sorted(events) == ["Dandong", "Zhengzhou"]
    about_protest = store.related_censorship(protest_id)
    about_dandong = store.related_censorship(events["Dandong"]["event_id"])
    about_zhengzhou = store.related_censorship(events["Zhengzhou"]["event_id"])
    assert [(item["event_id"], item["relation"], item["via"]) for item in about_protest] == [
        (events["Dandong"]["event_id"], "censorship", [f"hashtag {DANDONG_TAG}"])
    ]
    assert [(item["event_id"], item["relation"], item["type"]) for item in about_dandong] == [
        (protest_id, "about", "protest")
    ]
    assert about_zhengzhou == []


def test_censorship_reimporting_snapshots_changes_nothing(store, tmp_path):
    locate = gazetteer_locator(Gazetteer.from_package())
    files = write_sequence(tmp_path)
    import_snapshots(files, store, locate)
    again = import_snapshots(files, store, locate)
    assert (again.observations, again.new_events, again.relations, again.disappearances) == (0, 0, 0, 2)
    assert len(censorship_mentions(store)) == 2


def test_censorship_vanished_post_is_related_to_the_posts_event(store, tmp_path):
    post = SocialPost(
        post_id="4800000000000009",
        text=f"丹东居民在小区门口聚集抗议。{DANDONG_TAG}",
        url="https://weibo.com/1/4800000000000009",
        hashtags=(DANDONG_TAG,),
    )
    doc = post_document(post)
    protest = Event(
        type="protest",
        date_start=date(2022, 6, 30),
        date_end=date(2022, 6, 30),
        location=DANDONG,
        evidence=[Evidence(doc_id=doc.doc_id, start=0, end=10)],
    )
    store.save(doc, [protest])
    store.link()
    save_social(store, [(post, doc.doc_id)], [], ProvinceIndex.from_package())
    before, after = tmp_path / "p1.csv", tmp_path / "p2.csv"
    before.write_text(f"post_id,taken,status,url\n{post.post_id},{T1},,{post.url}\n", "utf-8")
    after.write_text(
        f"post_id,taken,status,url\n{post.post_id},{T2},抱歉，此微博已被作者删除,{post.url}\n", "utf-8"
    )
    report = import_snapshots([before, after], store, gazetteer_locator(Gazetteer.from_package()))
    assert (report.disappearances, report.new_events) == (1, 1)
    censored = store.events(EventQuery(types=["censorship"]))[0]
    assert censored["location"]["admin2"] == "Dandong" and censored["date_end"] == T2.isoformat()
    assert censored["hashtags"] == [{"tag": DANDONG_TAG, "status": "unknown", "status_date": None}]
    protest_id = store.events(EventQuery(types=["protest"]))[0]["event_id"]
    related = store.related_censorship(censored["event_id"])
    assert [row["status"] for row in store.status_history("post", post.post_id)] == ["active", "blocked"]
    assert {(item["event_id"], tuple(item["via"])) for item in related} == {
        (protest_id, (f"post {post.post_id}",))
    }


@pytest.mark.parametrize(
    "days, expected",
    [
        ([("a", "active"), ("b", "active"), ("c", "gone")], [("b", "c")]),
        ([("a", "active"), ("b", "gone"), ("c", "blocked")], [("a", "b")]),
        ([("a", "active"), ("b", "gone"), ("c", "active"), ("d", "blocked")], [("a", "b"), ("c", "d")]),
        ([("a", "gone"), ("b", "blocked")], []),
    ],
)
def test_censorship_disappearance_is_each_step_from_active(days, expected):
    dates = {"a": T1, "b": T2, "c": T3, "d": date(2022, 7, 9)}
    history = [Observation("hashtag", "#x#", dates[day], "s", status) for day, status in days]  # type: ignore[arg-type]
    assert [(item.last_seen, item.gone_on) for item in disappearances(history)] == [
        (dates[a], dates[b]) for a, b in expected
    ]


def test_censorship_active_on_any_source_that_day_is_active():
    history = [
        Observation("hashtag", "#x#", T1, "one", "active"),
        Observation("hashtag", "#x#", T2, "one", "gone"),
        Observation("hashtag", "#x#", T2, "two", "active"),
    ]
    assert disappearances(history) == []


def test_censorship_snapshot_names_absent_tracked_subjects_gone():
    snapshot = HashtagSnapshot(T2, ("#a#",), ("#b#",), "s", notices=(("#b#", NOTICE),))
    found = {
        (item.subject, item.status, item.notice)
        for item in observations(snapshot, {"hashtag": {"#a#", "#c#"}})
    }
    assert found == {("#a#", "active", None), ("#b#", "blocked", NOTICE), ("#c#", "gone", None)}


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"taken": "2022-07-01"}', "needs 'taken'"),
        ('{"taken": "soon", "hashtags": []}', "needs 'taken'"),
        ("post,when\n1,2022-07-01\n", ":1: a snapshot needs columns"),
    ],
)
def test_censorship_bad_snapshot_is_reported_and_the_rest_imported(store, tmp_path, content, message):
    bad = tmp_path / ("bad.json" if content.startswith("{") else "bad.csv")
    bad.write_text(content, "utf-8")
    good = write_sequence(tmp_path)[:2]
    report = import_snapshots([bad, *good], store, gazetteer_locator(Gazetteer.from_package()))
    assert [str(problem) for problem in report.problems if message in str(problem) and "bad." in str(problem)]
    assert (report.snapshots, report.new_events) == (2, 2)
    assert read_snapshot(good[0]).taken == T1


def test_censorship_cli_import_snapshot_and_report(tmp_path, database_url):
    db = database_url
    runner = CliRunner()
    result = runner.invoke(
        app, ["censorship", "import-snapshot", *map(str, write_sequence(tmp_path)), "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert "3 snapshots" in result.output and "2 new censorship events" in result.output
    missing = runner.invoke(app, ["censorship", "import-snapshot", str(tmp_path / "none.json"), "--db", db])
    assert missing.exit_code == 1 and "none.json: no such file" in " ".join(missing.output.split())
    comments = tmp_path / "comments.csv"
    comments.write_text(
        "comment_id,post_id,text,published,ip_location\n"
        + "".join(
            f"c{i},p1,评论,2022-07-02 08:00,IP属地：{'辽宁' if i < 95 else '北京'}\n" for i in range(100)
        ),
        "utf-8",
    )
    assert runner.invoke(app, ["import-social", str(comments), "--db", db]).exit_code == 0
    shown = runner.invoke(app, ["censorship", "report", "--post", "p1", "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output[shown.output.index("{") :])
    assert (data["subject"], data["comments"], data["top_province"]) == ("post:p1", 100, "Liaoning")
    assert data["provinces"][0]["count"] == 95 and "computed_at" in data
