"""PDF and Word reports: text with page breaks kept as offsets, scans refused as 'no text layer', other
unreadable files inside folders listed as skipped with the reason, and their events extracted and stored."""

from __future__ import annotations

import json
from pathlib import Path

from office_files import write_docx, write_scanned_pdf, write_text_pdf
from test_cli import undeleted

from undeleted.errors import BadInput
from undeleted.ingest import read_all
from undeleted.ingest.office import page_of

PAGE_ONE = [
    "Monthly report of the Hong Kong rights group, October 2025.",
    "Contents: labour and hous-",
    "ing in the south.",
]
PAGE_TWO = [
    "On 9 October 2025, about 200 workers at a shoe factory in Dongguan, Guangdong,",
    "went on strike over unpaid wages and blocked the factory gate.",
]


def test_pdf_text_keeps_pages_as_offsets(tmp_path: Path):
    path = write_text_pdf(tmp_path / "report.pdf", [PAGE_ONE, PAGE_TWO], title="October report")
    [doc] = list(read_all([path]))
    assert doc.title == "October report" and doc.language == "en"
    strike = doc.text.index("went on strike")
    assert page_of(doc.text, strike) == 2 and page_of(doc.text, doc.text.index("Contents")) == 1
    assert "shoe factory in Dongguan, Guangdong, went on strike" in doc.text  # lines of a sentence joined
    assert "labour and housing in the south." in doc.text


def test_scanned_pdf_is_reported_as_having_no_text_layer(tmp_path: Path):
    [problem] = list(read_all([write_scanned_pdf(tmp_path / "scan.pdf")]))
    assert isinstance(problem, BadInput) and "scan.pdf: no text layer" in str(problem)


def test_broken_pdf_and_docx_are_bad_input_naming_the_file(tmp_path: Path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    problems = list(read_all([tmp_path]))
    assert all(isinstance(item, BadInput) for item in problems) and len(problems) == 2
    assert "broken.docx" in str(problems[0]) and "broken.pdf" in str(problems[1])


def test_docx_paragraphs_and_tables(tmp_path: Path):
    path = write_docx(
        tmp_path / "brief.docx",
        ["Court watch, 2025.", " ".join(PAGE_TWO)],
        title="Court watch",
        table=[["Date", "Place"], ["2025-10-09", "Dongguan"]],
    )
    [doc] = list(read_all([path]))
    assert doc.title == "Court watch" and "went on strike" in doc.text and "2025-10-09 | Dongguan" in doc.text


def test_folder_lists_unreadable_files_as_skipped_and_runs_the_rest(tmp_path: Path):
    reports = tmp_path / "reports"
    reports.mkdir()
    write_text_pdf(reports / "strike.pdf", [PAGE_ONE, PAGE_TWO])
    write_docx(reports / "strike.docx", [" ".join(PAGE_TWO).replace("Dongguan", "Shenzhen")])
    write_scanned_pdf(reports / "scan.pdf")
    (reports / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (reports / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    result = undeleted("run", str(reports), "--db", "office.db", "--workers", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3
    assert any("scan.pdf: no text layer" in line for line in skipped)
    assert any("photo.jpg: an image" in line for line in skipped)
    assert any("old.doc: old Office format" in line and ".docx" in line for line in skipped)
    export = undeleted("export", "--format", "csv", "-o", "events.csv", "--db", "office.db", cwd=tmp_path)
    assert export.returncode == 0
    text = (tmp_path / "events.csv").read_text(encoding="utf-8")
    assert "Dongguan" in text and "Shenzhen" in text and "strike" in text
    lines = undeleted("export", "--format", "jsonl", "-o", "events.jsonl", "--db", "office.db", cwd=tmp_path)
    assert lines.returncode == 0
    events = [
        json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    pdf_sources = [source for event in events for source in event["sources"] if "pages" in source]
    assert pdf_sources and all(
        source["pages"] == [2] for source in pdf_sources
    )  # the strike is told on page 2


def test_folder_with_nothing_readable_says_so(tmp_path: Path):
    reports = tmp_path / "scans"
    reports.mkdir()
    write_scanned_pdf(reports / "scan.pdf")
    (reports / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = undeleted("run", str(reports), "--db", "empty.db", "--workers", "1", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "nothing readable" in result.stderr and "2 file(s) skipped" in result.stderr
    assert "documents read" not in result.stdout  # no table of zeros
