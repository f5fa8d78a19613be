"""Comment geography and censorship relations over HTTP (TestClient over a real SQLite store), and on the event
page in a headless Chromium (skipped without one)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app
from undeleted.censorship.provinces import ProvinceIndex
from undeleted.censorship.snapshots import gazetteer_locator
from undeleted.censorship_pipeline import compute_geography, import_snapshots, save_social
from undeleted.geo.gazetteer import Gazetteer
from undeleted.ingest.social import SocialComment, SocialPost, post_document
from undeleted.models import Event, Evidence, Location
from undeleted.store import EventQuery, Store

from serve_data import TAG, ThreadedServer, open_filled_store

POST = "4800000000000042"
CHROMIUM = Path("/usr/bin/chromium")
ZHENGZHOU = Location(
    country="CN", admin1="Henan", admin2="Zhengzhou", adcode="410100", geo_precision="admin2"
)


def add_censorship_data(store: Store, workdir: Path) -> dict[str, str]:
    """A Zhengzhou protest post with 400 comments (95% from Henan), and TAG vanishing between two snapshots."""
    post = SocialPost(post_id=POST, text="郑州储户在银行门口聚集维权。", url=f"https://weibo.com/1/{POST}")
    doc = post_document(post)
    store.save(
        doc,
        [
            Event(
                type="protest",
                date_start=date(2022, 7, 10),
                date_end=date(2022, 7, 10),
                time_precision="day",
                location=ZHENGZHOU,
                evidence=[Evidence(doc_id=doc.doc_id, start=0, end=len(doc.text))],
            )
        ],
    )
    store.link()
    comments = [SocialComment(f"c{i}", POST, "评论", "河南" if i < 380 else "广东") for i in range(400)]
    save_social(store, [(post, doc.doc_id)], comments, ProvinceIndex.from_package())
    protest = next(
        e for e in store.events(EventQuery(types=["protest"])) if e["location"].get("admin2") == "Zhengzhou"
    )
    compute_geography(store, event_id=protest["event_id"])
    compute_geography(store, post_id=POST)
    for name, day, tags in (
        ("s1.json", "2022-07-03", [TAG, "#高考#"]),
        ("s2.json", "2022-07-05", ["#高考#"]),
    ):
        (workdir / name).write_text(
            json.dumps({"taken": day, "source": "watch list", "hashtags": tags}), "utf-8"
        )
    import_snapshots(
        [workdir / "s1.json", workdir / "s2.json"], store, gazetteer_locator(Gazetteer.from_package())
    )
    censorship = next(
        e for e in store.events(EventQuery(types=["censorship"])) if e["summary"].startswith("The hashtag")
    )
    dissent = sorted(
        e["event_id"] for e in store.events(EventQuery(types=["online_dissent"]))
    )  # TAG seen active, then removed
    return {
        "protest": protest["event_id"],
        "censorship": censorship["event_id"],
        "dissent": dissent[0],
        "dissent_all": ",".join(dissent),
    }


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, str]]]:
    workdir = Path(tmp_path_factory.mktemp("censorship-api"))
    store = open_filled_store(workdir)
    ids = add_censorship_data(store, workdir)
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def client(filled) -> Iterator[TestClient]:
    with TestClient(create_app(filled[0], ServeSettings())) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/api/events/{protest}/geography", f"/api/posts/{POST}/geography"])
def test_censorship_api_geography_of_event_and_post(client, filled, path):
    response = client.get(path.format(**filled[1]))
    assert response.status_code == 200, response.text
    data = response.json()
    assert (data["verdict"], data["comments"], data["home_province"]) == ("contained", 400, "Henan")
    assert data["provinces"][0] == {**data["provinces"][0], "province": "Henan", "count": 380}
    assert data["p_value"] < 0.001 and data["baseline"] and 0 < data["herfindahl"] <= 1
    assert data["posts"] == [POST]


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/ev_nothing/geography",
        "/api/posts/nothing/geography",
        "/api/events/{dissent}/geography",
        "/api/events/ev_nothing/censorship",
    ],
)
def test_censorship_api_missing_geography_is_a_json_404(client, filled, path):
    response = client.get(path.format(**filled[1]))
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json") and response.json()["error"]


def test_censorship_api_relates_censorship_and_the_content_event(client, filled):
    ids = filled[1]
    censorship = client.get(f"/api/events/{ids['censorship']}/censorship").json()["items"]
    assert sorted((item["event_id"], item["relation"], tuple(item["via"])) for item in censorship) == [
        (dissent, "about", (f"hashtag {TAG}",)) for dissent in ids["dissent_all"].split(",")
    ]
    content = client.get(f"/api/events/{ids['dissent']}/censorship").json()["items"]
    assert [(item["event_id"], item["relation"]) for item in content] == [(ids["censorship"], "censorship")]
    protest = client.get(f"/api/events/{ids['protest']}/censorship").json()
    assert protest["items"] == [] and protest["geography"]["verdict"] == "contained"
    assert client.get(f"/api/events/{ids['dissent']}/censorship").json()["geography"] is None
    assert "/api/events/{event_id}/geography" in client.get("/api/openapi.json").json()["paths"]


def test_censorship_event_page_has_the_panel_and_its_script(client, filled):
    page = client.get(f"/events/{filled[1]['protest']}")
    assert page.status_code == 200
    assert 'id="censorship-panel"' in page.text and "/static/js/censorship.js" in page.text
    script = client.get("/static/js/censorship.js")
    assert script.status_code == 200 and "innerHTML" not in script.text and "textContent" in script.text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")
def test_censorship_event_page_shows_geography_and_related_links(filled):
    playwright_api = pytest.importorskip("playwright.sync_api")
    store, ids = filled
    with (
        ThreadedServer(create_app(store, ServeSettings())) as server,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.goto(f"{server.url}/events/{ids['protest']}")
        page.wait_for_selector("#comment-geography")
        text = page.inner_text("#censorship-panel")
        assert "Comment geography" in text and "contained" in text and "Henan" in text and "p = " in text
        assert page.locator("#comment-geography tr").count() == 3  # header, Henan, Guangdong
        page.goto(f"{server.url}/events/{ids['dissent']}")
        page.wait_for_selector("#related-censorship a")
        assert page.get_attribute("#related-censorship a", "href") == f"/events/{ids['censorship']}"
        assert page.locator("#comment-geography").count() == 0
        browser.close()
        assert problems == []
