"""Server-rendered pages: report text is escaped, evidence is highlighted inside it, no inline script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app
from undeleted.web.pages import Segment, highlight_segments

from serve_data import XSS_MARKUP, open_filled_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_filled_store(Path(tmp_path_factory.mktemp("web-pages")))
    with TestClient(create_app(store, ServeSettings())) as test_client:
        yield test_client
    store.close()


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("abcdef", [(1, 3)], [Segment("a", False), Segment("bc", True), Segment("def", False)]),
        ("abcdef", [(0, 2), (1, 4)], [Segment("abcd", True), Segment("ef", False)]),
        ("abc", [(2, 99), (5, 1)], [Segment("ab", False), Segment("c", True)]),
        ("抗议封控", [(0, 2)], [Segment("抗议", True), Segment("封控", False)]),
    ],
)
def test_web_highlight_segments_cut_text_at_evidence(text, spans, expected):
    assert highlight_segments(text, spans) == expected


@pytest.mark.parametrize("path", ["/", "/events/{id}"])
def test_web_pages_have_no_inline_script_and_a_strict_csp(client, path):
    event_id = client.get("/api/events?q=onerror").json()["items"][0]["event_id"]
    response = client.get(path.format(id=event_id))
    assert response.status_code == 200
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text) == []
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("query", ["q=onerror"])
def test_web_event_page_escapes_report_markup(client, query):
    event_id = client.get(f"/api/events?{query}").json()["items"][0]["event_id"]
    page = client.get(f"/events/{event_id}").text
    assert XSS_MARKUP not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    "query, phrase", [("q=depositors", "depositors"), ("q=丹东白血病", "#丹东白血病男孩#")]
)
def test_web_event_page_marks_evidence_in_report_text(client, query, phrase):
    event_id = client.get(f"/api/events?{query}").json()["items"][0]["event_id"]
    page = client.get(f"/events/{event_id}").text
    marks = re.findall(r'<mark class="evidence">(.*?)</mark>', page, re.S)
    assert marks and any(phrase in mark for mark in marks)


def test_web_unknown_event_page_is_404(client):
    response = client.get("/events/ev_missing")
    assert response.status_code == 404 and "Event not found" in response.text
