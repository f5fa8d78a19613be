"""Social imports and geography results in a real store (SQLite and PostgreSQL), through the CLI and the store
functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from undeleted.censorship.provinces import ProvinceIndex
from undeleted.censorship_pipeline import compute_geography, save_social
from undeleted.cli import app
from undeleted.ingest.social import SocialComment, post_document, read_social
from undeleted.models import Event, Location
from undeleted.store import Store
from undeleted.store.schema import social_comments

SOCIAL = Path(__file__).parent / "resources" / "social"
POST = "4800000000000001"


def write_comments(path: Path, distribution: dict[str, int], post_id: str = POST) -> Path:
    lines = ["comment_id,post_id,text,published,ip_location"]
    for province, count in distribution.items():
        lines += [f"{province}-{i},{post_id},评论,2022-10-20 08:00,IP属地：{province}" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "distribution, verdict",
    [
        ({"辽宁": 380, "北京": 10, "广东": 10}, "contained"),
        ({"辽宁": 10, "北京": 2}, "not_enough_data"),
    ],
)
def test_censorship_cli_import_then_geography_of_a_post(tmp_path, database_url, distribution, verdict):
    db = database_url
    comments = write_comments(tmp_path / "comments.csv", distribution)
    runner = CliRunner()
    imported = runner.invoke(
        app,
        [
            "import-social",
            str(SOCIAL / "nghuyong_tweets_comments.jsonl"),
            str(comments),
            "--db",
            db,
            "--post-id",
            POST,
        ],
    )
    assert imported.exit_code == 0, imported.output
    assert "unknown province label '来自火星'" in imported.output
    shown = runner.invoke(app, ["geography", "--post", POST, "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output[shown.output.index("{") :])
    assert data["verdict"] == verdict
    assert data["home_province"] == "Liaoning" and data["home_source"] == "post_author"
    with Store.open(db) as store:
        stored = store.geography(f"post:{POST}")
    assert stored is not None and stored["verdict"] == verdict and stored["posts"] == [POST]


def test_censorship_reimport_adds_nothing(database_url):
    db = database_url
    runner = CliRunner()
    args = [
        "import-social",
        str(SOCIAL / "generic_posts.csv"),
        str(SOCIAL / "generic_comments.csv"),
        "--db",
        db,
    ]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert "(0 new)" in again.output and "comments (0 new)" in again.output


def test_censorship_event_geography_uses_its_posts_and_place(store):
    index = ProvinceIndex.from_package()
    post = next(p for p in read_social([SOCIAL / "generic_posts.csv"]).posts)
    doc = post_document(post)
    event = Event(
        type="protest",
        location=Location(admin1="Liaoning", admin2="Dandong", adcode="210600", geo_precision="admin2"),
    )
    comments = [
        SocialComment(f"c{i}", post.post_id, "评论", "辽宁" if i < 95 else "北京") for i in range(100)
    ]
    store.save(doc, [event])
    store.link()
    assert save_social(store, [(post, doc.doc_id)], comments, index) == (1, 100)
    with store.engine.begin() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(social_comments)).scalar_one() == 100
        event_id = connection.execute(sa.text("SELECT event_id FROM events")).scalar_one()
    result, _ = compute_geography(store, event_id=event_id)
    stored = store.geography(f"event:{event_id}")
    assert (result.home_province, result.home_source, result.verdict) == ("Liaoning", "event", "contained")
    assert stored is not None and stored["comments"] == 100
