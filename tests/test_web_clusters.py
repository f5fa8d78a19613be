"""The dashboard as a researcher uses it, in headless Chromium: 25 events in one city gather into one map
cluster labelled 25, the map has a key to its shading, "Reports" counts reports, the Area filter takes a
place name in English or Chinese, text search reaches the reports' text, undated events are announced, and
the API docs page works offline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from undeleted.app import ServeSettings, create_app
from undeleted.models import Document, Event, Evidence, Location
from undeleted.store import Store

from browser_pages import needs_chromium, open_page
from serve_data import ThreadedServer

pytestmark = needs_chromium

DANDONG = Location(
    country="CN",
    admin1="Liaoning",
    admin2="Dandong",
    adcode="210600",
    lat=40.12,
    lon=124.38,
    geo_precision="admin2",
)
ZHENGZHOU = Location(
    country="CN",
    admin1="Henan",
    admin2="Zhengzhou",
    adcode="410100",
    lat=34.75,
    lon=113.62,
    geo_precision="admin2",
)
CITY_EVENTS = 25


def one_report(
    text: str, kind: str, on: date | None, where: Location, summary: str
) -> tuple[Document, Event]:
    doc = Document(text=text, outlet="Test Wire", published=on, date_source="metadata" if on else "unknown")
    event = Event(
        type=kind,
        date_start=on,
        date_end=on,
        time_precision="day" if on else None,
        location=where,
        summary=summary,
        evidence=[Evidence(doc_id=doc.doc_id, start=0, end=len(text))],
    )
    return doc, event


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedServer]:
    """25 lockdown protests in Dandong on 25 different days (one report each), one in Zhengzhou whose report
    names a bank the summary does not, and one undated event. SQLite only, on purpose: one store behind the
    module's server and browser (the pages show what Store queries return; those run on both databases in
    test_store_query.py)."""
    store = Store.open(f"sqlite:///{Path(tmp_path_factory.mktemp('web-clusters')) / 'events.db'}")
    first = date(2022, 5, 1)
    for day in range(CITY_EVENTS):
        on = first + timedelta(days=3 * day)
        store.save(
            *wrap(
                one_report(
                    f"Residents in Dandong protested against the lockdown on day {day}.",
                    "protest",
                    on,
                    DANDONG,
                    f"Residents protested in Dandong ({day}).",
                )
            )
        )
    store.save(
        *wrap(
            one_report(
                "Depositors of the Yuzhou Xinminsheng village bank protested in Zhengzhou.",
                "protest",
                date(2022, 7, 10),
                ZHENGZHOU,
                "Depositors protested in Zhengzhou.",
            )
        )
    )
    store.save(
        *wrap(
            one_report(
                "Workers at a Zhengzhou factory went on strike at some point.",
                "strike",
                None,
                ZHENGZHOU,
                "Workers struck in Zhengzhou.",
            )
        )
    )
    store.link()
    with ThreadedServer(create_app(store, ServeSettings())) as running:
        yield running
    store.close()


def wrap(pair: tuple[Document, Event]) -> tuple[Document, list[Event]]:
    return pair[0], [pair[1]]


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    context, opened = open_page(browser, local_url=server.url)
    yield opened
    context.close()


def ready(page) -> None:
    page.wait_for_selector("body[data-state=ready]", timeout=15_000)


def test_one_city_is_one_cluster_labelled_with_its_count(page, server, shots):
    page.goto(server.url + "/")
    ready(page)
    cluster = page.locator("#map .marker-cluster", has_text=str(CITY_EVENTS))
    expect(cluster).to_have_count(1, timeout=10_000)
    assert cluster.inner_text().strip() == str(CITY_EVENTS)
    legend = page.locator("#map-legend")
    expect(legend).to_contain_text("Events per province")
    assert "(most)" in legend.inner_text()
    page.screenshot(path=str(shots / "clusters.png"), full_page=True)
    assert page.problems == []


def test_reports_column_counts_reports(page, server):
    page.goto(server.url + "/?q=depositors")
    ready(page)
    rows = page.locator("#events tbody tr[data-event-id]")
    expect(rows).to_have_count(1)
    header = [cell.strip() for cell in page.locator("#events thead th").all_inner_texts()]
    assert rows.first.locator("td").nth(header.index("Reports")).inner_text() == "1"


@pytest.mark.parametrize("area", ["Dandong", "丹东"])
def test_area_filter_takes_place_names(page, server, shots, area):
    page.goto(server.url + "/")
    ready(page)
    page.fill("#f-adcode", area)
    page.press("#f-adcode", "Enter")
    page.wait_for_url("**/?adcode=*", timeout=10_000)
    ready(page)
    rows = page.locator("#events tbody tr[data-event-id]")
    expect(rows).to_have_count(CITY_EVENTS, timeout=10_000)
    assert all(
        "Dandong" in text for text in page.locator("#events tbody tr td:nth-child(3)").all_inner_texts()
    )
    assert page.problems == []


def test_text_search_reaches_the_reports_text(page, server):
    page.goto(server.url + "/?q=Xinminsheng")  # in the report only, not in the summary or place
    ready(page)
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(1)


def test_undated_events_are_announced_and_listed(page, server):
    page.goto(server.url + "/?type=strike")
    ready(page)
    expect(page.locator("#undated")).to_have_text(
        '1 undated event(s) not shown in the timeline (listed in the table as "undated")'
    )
    assert page.locator("#events tbody tr[data-event-id] td").first.inner_text() == "undated"


def test_api_docs_page_works_offline(page, server, shots):
    page.goto(server.url + "/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=15_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/export.acled")
    page.screenshot(path=str(shots / "api-docs.png"), full_page=True)
    assert page.problems == []
