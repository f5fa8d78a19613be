"""A near-duplicate of a report stored by an earlier run (the same text but a line) is one report with it, as if
both had come in one run: its events are not stored again, and every event still counts one report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from undeleted.ingest.near_duplicates import fingerprint_of
from undeleted.models import Document
from undeleted.pipeline import document_lines, extract_record, run
from undeleted.store import Store
from undeleted.store.fingerprints import DocumentLines
from undeleted.store.migrate import upgrade
from undeleted.store.store import make_engine
from undeleted.store.writing import insert_documents

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ORIGINAL = (SAMPLES / "01-dandong-fences.txt").read_text(encoding="utf-8")
BODY = ORIGINAL.split("---\n", 2)[2]
OTHER = (SAMPLES / "02-lanzhou-police.txt").read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def summary(store: Store) -> dict[str, object]:
    """What a user sees: documents, mentions, linked events, and how many reports each event counts."""
    page = store.event_page(limit=500)
    return {
        "documents": store.count_documents(),
        "mentions": store.count_mentions(),
        "events": store.count_events(),
        "reports": sorted((item["type"], str(item["date_start"]), item["reports"]) for item in page.items),
    }


@pytest.mark.parametrize(
    "copy",
    [
        ORIGINAL.rstrip("\n") + "\nUpdated 16 June 2022, 10:05.\n",  # a line added at the end
        ORIGINAL.replace("Sign up to receive our latest news!", "Follow us for more."),  # the footer changed
        ORIGINAL.replace("---\nResidents", "---\nMirror, 15 June.\nResidents"),  # a line on top
    ],
)
def test_run_links_a_near_duplicate_of_a_stored_report(store, context, tmp_path, copy):
    first = write(tmp_path / "first", "a.txt", ORIGINAL)
    second = write(tmp_path / "second", "b.txt", copy)
    run([first], store, context)
    alone = summary(store)
    assert alone["events"] > 0 and all(reports == 1 for *_, reports in alone["reports"])

    report = run([second], store, context)

    assert report.stored == 1 and report.near_duplicates_of_stored == 1 and report.events == 0
    assert report.near_duplicates == [
        f"{second} repeats the stored report https://example-northeast.org/dandong-fences but for a line"
    ]
    assert summary(store) == {**alone, "documents": 2}  # stored, but no mention, event or report of its own
    copy_id = Document(text=copy.split("---\n", 2)[2]).doc_id
    assert store.copies_of([copy_id]) == {copy_id: Document(text=BODY).doc_id}
    with Store.open(f"sqlite:///{tmp_path / 'one-run.db'}") as both:  # both files in one run
        run([first, second], both, context)
        assert summary(both) == summary(store)


NEW_LINE = "On Tuesday police detained two of the organisers in Dandong."
WITH_NEW_EVENT = ORIGINAL.rstrip("\n") + f"\n\n{NEW_LINE}\n"


@pytest.mark.parametrize("runs", ["one run", "two runs"])
def test_a_near_duplicate_keeps_the_event_its_added_line_tells(store, context, tmp_path, runs):
    """The copy's added line tells a new event: it is stored with the copy as its source, while the events the
    two share are told once and still count one report."""
    first = write(tmp_path / "first", "a.txt", ORIGINAL)
    second = write(tmp_path / "second", "b.txt", WITH_NEW_EVENT)
    with Store.open(f"sqlite:///{tmp_path / 'alone.db'}") as alone_store:
        run([first], alone_store, context)
        alone = summary(alone_store)
    if runs == "one run":
        report = run([first, second], store, context)
    else:
        run([first], store, context)
        report = run([second], store, context)
        assert report.near_duplicates_of_stored == 1 and report.events == 1

    assert len(report.near_duplicates) == 1 and str(second) in report.near_duplicates[0]
    after = summary(store)
    assert after["documents"] == 2 and after["mentions"] == alone["mentions"] + 1
    new_event = ("repression", "2022-06-14", 1)
    assert after["reports"] == sorted([*alone["reports"], new_event])  # the shared ones: still 1 report
    copy_id = Document(text=WITH_NEW_EVENT.split("---\n", 2)[2]).doc_id
    new = [row for row in store.export_events() if str(row["date_start"]) == "2022-06-14"]
    assert len(new) == 1 and new[0]["type"] == "repression" and new[0]["documents"] == [copy_id]
    evidence = new[0]["evidence"][0]
    copy_text = store.documents_by_id([copy_id])[copy_id]["text"]
    assert copy_text[evidence["start"] : evidence["end"]] == NEW_LINE
    others = [row for row in store.export_events() if str(row["date_start"]) != "2022-06-14"]
    assert others and all(row["documents"] == [Document(text=BODY).doc_id] for row in others)


def test_run_keeps_a_really_different_report(store, context, tmp_path):
    run([write(tmp_path / "first", "a.txt", ORIGINAL)], store, context)
    before = summary(store)
    two_lines = ORIGINAL.replace("Police arrived later", "Police came later").replace("Sign up", "Log in")
    report = run(
        [write(tmp_path / "second", "b.txt", two_lines), write(tmp_path / "second", "c.txt", OTHER)],
        store,
        context,
    )
    assert report.stored == 2 and report.near_duplicates == [] and report.events > 0
    assert store.count_mentions() > before["mentions"]  # each keeps its events


def test_run_twice_over_the_same_files_changes_nothing(store, context, tmp_path):
    first = write(tmp_path / "first", "a.txt", ORIGINAL)
    second = write(tmp_path / "second", "b.txt", ORIGINAL + "Updated 16 June 2022.\n")
    run([first], store, context)
    run([second], store, context)
    before = summary(store)
    again = run([first, second], store, context)
    assert (again.already_stored, again.stored, again.near_duplicates) == (2, 0, [])
    assert summary(store) == before


def test_run_finds_a_report_stored_before_the_fingerprints(database_url, context, tmp_path):
    """A database of the previous schema: its reports get their fingerprints at the next run's start."""
    engine = make_engine(database_url)
    upgrade(engine, "0006")
    old = Document(
        text=BODY, url="https://example.org/old", published=date(2022, 6, 15), date_source="metadata"
    )
    stored = extract_record(old, context)
    assert stored.events
    with engine.begin() as connection:  # as `run` stored it then: the report and its mentions
        insert_documents(connection, [(stored.doc, stored.events, None)], datetime.now(UTC))
    engine.dispose()
    with Store.open(database_url) as store:
        copy = write(tmp_path, "b.txt", ORIGINAL.replace("Sign up", "Log in"))
        report = run([copy], store, context)
        assert report.fingerprinted == 1 and report.near_duplicates_of_stored == 1
        assert report.near_duplicates == [
            f"{copy} repeats the stored report https://example.org/old but for a line"
        ]
        assert report.events == 0 and store.count_mentions() == len(stored.events)  # nothing told twice
        assert run([copy], store, context).fingerprinted == 0  # once is enough


def test_store_returns_stored_reports_by_key_and_length(store):
    def save(text: str, copy_of: str | None = None) -> tuple[str, DocumentLines]:
        doc = Document(text=text, language="en", date_source="unknown")
        lines = document_lines(fingerprint_of(text))
        if copy_of:
            lines = DocumentLines(lines.lines, lines.line_count, (), copy_of)
        store.save_reports([(doc, [], lines)])
        return doc.doc_id, lines

    original, lines = save(BODY)
    copy, _ = save(BODY + "\nOne more line.", copy_of=original)
    found = store.near_duplicate_candidates(lines.keys, lines.line_count + 1)
    assert [(item.doc_id, item.lines) for item in found] == [(original, lines.lines)]  # the copy is not found
    assert store.near_duplicate_candidates(lines.keys, lines.line_count + 2) == []  # two lines more: too long
    assert store.copies_of([original, copy, "unknown"]) == {original: None, copy: original}
    assert list(store.documents_without_lines()) == []
