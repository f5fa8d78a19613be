"""Review from the event page in a real headless Chromium: the token form (sessionStorage), confirm, reject and
edit buttons calling the API, and the audit entry that appears afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_web_browser import optional_panel_missing

from undeleted.app import ServeSettings, create_app

from browser_pages import needs_chromium, open_page
from serve_data import ThreadedServer, open_filled_store

TOKEN = "review-s3cret"
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedServer]:
    store = open_filled_store(Path(tmp_path_factory.mktemp("web-review")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNDELETED_TOKEN", TOKEN)
        settings = ServeSettings.from_env()
    with ThreadedServer(create_app(store, settings)) as running:
        yield running
    store.close()


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    """A fresh page recording JS errors; the refused-token test's 401 is expected."""
    context, opened = open_page(
        browser, ignore=lambda message: "401" in message.text or optional_panel_missing(message)
    )
    yield opened
    context.close()


def event_id_of(page, server, query: str) -> str:
    return page.request.get(f"{server.url}/api/events?{query}").json()["items"][0]["event_id"]


def use_token(page, token: str, name: str = "Ada") -> None:
    page.fill("#review-token", token)
    page.fill("#review-name", name)
    page.click("#token-form button[type=submit]")


def test_web_review_confirm_adds_an_audit_entry(page, server, shots):
    event_id = event_id_of(page, server, "q=depositors")
    page.goto(f"{server.url}/events/{event_id}")
    assert page.locator("#review-actions").is_hidden() and page.locator("#audit").count() == 0
    use_token(page, TOKEN)
    page.wait_for_selector("#review-actions", state="visible")
    assert page.evaluate("sessionStorage.getItem('undeleted.token')") == TOKEN
    page.fill("#review-note", "checked against two outlets")
    with page.expect_navigation():
        page.click("#confirm")
    row = page.locator("#audit tr", has_text="confirm")
    assert (
        row.count() == 1 and "Ada" in row.inner_text() and "checked against two outlets" in row.inner_text()
    )
    assert "reviewed" in page.inner_text(".meta")
    assert page.locator("#review-actions").is_visible()  # the token survives the reload (same tab)
    page.screenshot(path=str(shots / "event-reviewed.png"), full_page=True)
    assert page.problems == []


def test_web_review_edit_changes_fields_and_is_audited(page, server):
    event_id = event_id_of(page, server, "adcode=110105&type=repression")
    page.goto(f"{server.url}/events/{event_id}")
    use_token(page, TOKEN, "Bo")
    page.select_option("#edit-credibility", "confirmed")
    page.fill("#edit-summary", "Police detained two residents <b>that night</b>.")
    with page.expect_navigation():
        page.click("#edit-form button[type=submit]")
    assert page.inner_text("#summary") == "Police detained two residents <b>that night</b>."
    row = page.locator("#audit tr", has_text="edit")
    assert row.count() == 1 and "confirmed" in row.inner_text() and "Bo" in row.inner_text()
    assert page.problems == []


def test_web_review_wrong_token_is_refused_and_nothing_changes(page, server):
    event_id = event_id_of(page, server, "adcode=110105&type=protest")
    page.goto(f"{server.url}/events/{event_id}")
    use_token(page, "not-the-token")
    page.click("#reject")
    expect(page.locator("#review-status")).to_contain_text("401")
    assert page.locator("#review-actions").is_hidden()  # a refused token is forgotten
    assert page.request.get(f"{server.url}/api/events/{event_id}").json()["status"] == "active"
