"""The dashboard and event page in a real headless Chromium (Debian package, driven by Playwright)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from undeleted.app import ServeSettings, create_app

from browser_pages import needs_chromium, open_page
from serve_data import XSS_MARKUP, ThreadedServer, open_filled_store

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedServer]:
    store = open_filled_store(Path(tmp_path_factory.mktemp("web-browser")))
    with ThreadedServer(create_app(store, ServeSettings())) as running:
        running.store_url = store.url
        yield running
    store.close()


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    """A fresh page that records JS errors, dialogs and requests that leave the server."""
    context, opened = open_page(browser, ignore=optional_panel_missing, local_url=server.url)
    yield opened
    context.close()


OPTIONAL_PANELS = re.compile(r"/api/events/[^/]+/(geography|censorship)$")


def optional_panel_missing(message) -> bool:
    """The censorship panel asks for an event's comment geography; most events have none (404, by design)."""
    return "404" in message.text and bool(OPTIONAL_PANELS.search(message.location.get("url", "")))


def wait_ready(page) -> None:
    page.wait_for_selector("body[data-state=ready]", timeout=15_000)


@pytest.mark.parametrize("query", [""])
def test_web_dashboard_draws_map_timeline_and_table(page, server, shots, query):
    page.goto(f"{server.url}/{query}")
    wait_ready(page)
    page.locator("#map path.province").nth(29).wait_for(timeout=15_000)
    assert page.locator("#map path.province").count() >= 30
    located = len(page.request.get(f"{server.url}/api/events/points").json()["items"])
    clustered = sum(int(label) for label in page.locator("#map .marker-cluster").all_inner_texts())
    assert located >= 5 and page.locator("#map path.event-point").count() + clustered == located
    assert page.locator("#timeline svg rect.bar").count() >= 5
    rows = page.locator("#events tbody tr[data-event-id]")
    total = client_total(page, server, "")
    assert rows.count() == total and rows.first.get_attribute("data-event-id").startswith("ev_")
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    assert page.problems == []


def client_total(page, server, query: str) -> int:
    return page.request.get(f"{server.url}/api/events?{query}").json()["total"]


@pytest.mark.parametrize(
    "field, value, param",
    [("#f-type", "protest", "type=protest"), ("#f-credibility", "alleged", "credibility=alleged")],
)
def test_web_filters_change_the_table_and_the_url(page, server, shots, field, value, param):
    page.goto(server.url + "/")
    wait_ready(page)
    before = page.locator("#events tbody tr[data-event-id]").count()
    page.select_option(field, value)
    page.wait_for_url(f"**/?{param}", timeout=10_000)
    wait_ready(page)
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(
        client_total(page, server, param), timeout=10_000
    )
    after = page.locator("#events tbody tr[data-event-id]").count()
    assert 0 < after < before
    assert param in page.get_attribute("#export-csv", "href") and param in page.get_attribute("#feed", "href")
    page.screenshot(path=str(shots / f"filtered-{value}.png"), full_page=True)
    page.goto(page.url)  # the URL alone restores the view (shareable)
    wait_ready(page)
    assert page.input_value(field) == value
    assert page.locator("#events tbody tr[data-event-id]").count() == after
    assert page.problems == []


@pytest.mark.parametrize("adcode", ["41"])
def test_web_clicking_a_province_zooms_and_filters(page, server, shots, adcode):
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator("#map path.province").nth(29).wait_for(timeout=15_000)
    province = page.locator(f"#map path.province[data-adcode='{adcode}0000']")
    before = province.bounding_box()
    province.click(position={"x": before["width"] / 2, "y": before["height"] / 2 + 15})
    page.wait_for_url(f"**/?adcode={adcode}", timeout=10_000)
    wait_ready(page)
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(
        client_total(page, server, f"adcode={adcode}"), timeout=10_000
    )
    page.wait_for_timeout(400)  # let the zoom animation end before measuring and the screenshot
    assert page.input_value("#f-adcode") == adcode
    assert province.bounding_box()["width"] > 2 * before["width"]
    page.screenshot(path=str(shots / f"province-{adcode}.png"), full_page=True)
    assert page.problems == []


def test_web_event_page_shows_highlighted_evidence(page, server, shots):
    event_id = page.request.get(f"{server.url}/api/events?q=depositors").json()["items"][0]["event_id"]
    page.goto(f"{server.url}/events/{event_id}")
    marks = page.locator("mark.evidence")
    assert marks.count() >= 1 and "depositors" in " ".join(marks.all_inner_texts())
    assert page.locator("#fields th").count() >= 15
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    assert page.problems == []


def test_web_xss_report_shows_as_text(page, server, shots):
    event_id = page.request.get(f"{server.url}/api/events?q=onerror").json()["items"][0]["event_id"]
    page.goto(f"{server.url}/?q=onerror")
    wait_ready(page)
    assert XSS_MARKUP in page.inner_text(f"#events tr[data-event-id='{event_id}']")
    page.goto(f"{server.url}/events/{event_id}")
    assert XSS_MARKUP in page.inner_text("#summary")
    assert "<script>alert('title')</script>" in page.inner_text("h3")
    assert page.locator(".report img").count() == 0 and page.locator("main script").count() == 0
    page.screenshot(path=str(shots / "xss.png"), full_page=True)
    assert page.problems == []


def test_web_static_report_opens_offline_without_scripts(browser, server, shots, tmp_path):
    from undeleted.export.report import build_report
    from undeleted.store import EventQuery, Store

    with Store.open(server.store_url) as store:
        (tmp_path / "report.html").write_text(build_report(store, EventQuery()), encoding="utf-8")
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, java_script_enabled=False, offline=True
    )
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: request.url.startswith("file://") or requests.append(request.url))
    opened.goto((tmp_path / "report.html").as_uri())
    assert opened.locator("svg.map path.province").count() >= 30
    assert opened.locator("svg.map").bounding_box()["height"] > 200
    assert opened.locator("svg.timeline rect.bar").count() >= 5
    assert (
        opened.locator("#events tr[data-event-id]").count() >= 5
        and opened.locator("blockquote mark").count() >= 5
    )
    assert XSS_MARKUP in opened.inner_text("#events")
    opened.screenshot(path=str(shots / "report.png"), full_page=False)
    assert requests == []
    context.close()
