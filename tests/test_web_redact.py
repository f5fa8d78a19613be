"""The dashboard and the event page of a server in redacted mode, in a real headless Chromium: placeholders
instead of private names, the evidence still highlighted, no review form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from undeleted.app import ServeSettings, create_app

from browser_pages import needs_chromium, open_page
from redact_data import OFFICIAL, PLACEHOLDER, PRIVATE, names_as_placeholders, open_redaction_store
from serve_data import ThreadedServer

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[bool, ThreadedServer]]:
    """The same store served twice: plain and redacted."""
    store = open_redaction_store(Path(tmp_path_factory.mktemp("web-redact")))
    with (
        ThreadedServer(create_app(store, ServeSettings())) as plain,
        ThreadedServer(create_app(store, ServeSettings(redact=True))) as redacted,
    ):
        yield {False: plain, True: redacted}
    store.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page that records JS errors (none may happen; 404s of the optional censorship panel aside)."""
    context, opened = open_page(browser, ignore=lambda message: "404" in message.text)
    yield opened
    context.close()


def sit_in_id(page, server: ThreadedServer) -> str:
    return page.request.get(f"{server.url}/api/events?q=sit-in").json()["items"][0]["event_id"]


@pytest.mark.parametrize("query", ["sit-in"])
def test_web_redact_event_page_shows_placeholders_and_highlighted_evidence(page, servers, shots, query):
    event_id = sit_in_id(page, servers[False])
    page.goto(f"{servers[False].url}/events/{event_id}")
    plain_marks = page.locator("mark.evidence").all_inner_texts()
    page.goto(f"{servers[True].url}/events/{event_id}")
    marks = page.locator("mark.evidence").all_inner_texts()
    assert len(marks) == len(plain_marks) == 2
    for before, after in zip(plain_marks, marks, strict=True):
        assert names_as_placeholders(before).fullmatch(after) and PLACEHOLDER.search(after)
    shown = page.inner_text("main")
    assert [name for name in PRIVATE if name in shown] == []
    assert OFFICIAL in shown and PLACEHOLDER.search(page.inner_text("#summary"))
    assert page.locator("#edit-form").count() == 0 and page.locator("#redacted-note").is_visible()
    assert "review writes are off" in page.inner_text("#review-off").lower()
    page.screenshot(path=str(shots / "event-redacted.png"), full_page=True)
    assert page.problems == []


@pytest.mark.parametrize("query", ["?q=Dandong"])
def test_web_redact_dashboard_table_shows_placeholders(page, servers, shots, query):
    page.goto(f"{servers[True].url}/{query}")
    page.wait_for_selector("body[data-state=ready]", timeout=15_000)
    table = page.inner_text("#events")
    assert page.locator("#events tbody tr[data-event-id]").count() >= 3
    assert PLACEHOLDER.search(table) and [name for name in PRIVATE if name in table] == []
    page.screenshot(path=str(shots / "dashboard-redacted.png"), full_page=True)
    assert page.problems == []
