"""Reading reports: each format, encodings, and bad input that never stops the batch."""

import json
from datetime import date
from pathlib import Path

import pytest

from undeleted.errors import BadInput
from undeleted.ingest import read_all
from undeleted.models import text_digest

ARTICLE = """<!doctype html><html><head><title>Workers strike in Dongguan</title>
<meta property="article:published_time" content="2023-07-04"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div id="cookie">We use cookies. Accept all cookies.</div>
<article><h1>Workers strike in Dongguan</h1>
<p>Hundreds of workers at an electronics factory in Dongguan walked out on Tuesday over unpaid wages.</p>
<p>Police arrived in the afternoon and detained two of the organisers, according to videos posted online.</p>
</article><footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"""


def read_one(path: Path):
    items = list(read_all([path]))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    "name, content, expected_title, expected_published",
    [
        (
            "a.txt",
            "---\ntitle: Fences torn down\npublished: 2022-06-15\n---\nResidents tore down fences.",
            "Fences torn down",
            date(2022, 6, 15),
        ),
        ("b.md", "Residents tore down fences in Dandong.", None, None),
    ],
)
def test_ingest_text_files_with_front_matter(tmp_path, name, content, expected_title, expected_published):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc = read_one(path)
    assert doc.title == expected_title
    assert doc.published == expected_published
    assert doc.date_source == ("metadata" if expected_published else "unknown")
    assert "---" not in doc.text
    assert doc.doc_id == text_digest(doc.text)


def test_ingest_html_keeps_article_and_drops_furniture(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = read_one(path)
    assert doc.title == "Workers strike in Dongguan"
    assert doc.published == date(2023, 7, 4)
    assert "walked out on Tuesday" in doc.text
    assert "cookies" not in doc.text and "Home" not in doc.text


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5", "utf-8-sig"])
def test_ingest_detects_chinese_encodings(tmp_path, encoding):
    text = (
        "丹東市振興區居民聚集抗議封控，要求解封。警察趕到現場後帶走三名居民。"
        if encoding == "big5"
        else "丹东市振兴区居民聚集抗议封控，要求解封。警察赶到现场后带走三名居民。"
    )
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_one(path)
    assert doc.text == text
    assert doc.language == "zh"


def test_ingest_gold_jsonl_keeps_doc_as_is(tmp_path):
    gold = {
        "doc": {
            "doc_id": "x" * 64,
            "url": None,
            "title": "T",
            "outlet": "O",
            "published": "2022-11-27",
            "date_source": "metadata",
            "language": "en",
            "text": "Residents gathered.",
        },
        "events": [],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    doc = read_one(path)
    assert doc.doc_id == "x" * 64
    assert doc.published == date(2022, 11, 27)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x00\x01\x02\x03PNG", "binary file"),
        ("photo.png", b"\x89PNG", "an image (.png) has no text"),
        ("broken.jsonl", b"{not json\n", "broken JSON line"),
        ("notext.jsonl", b'{"title": "no text"}\n', "has no 'text'"),
        ("baddate.txt", b"---\npublished: yesterday\n---\nResidents gathered.", "not an ISO date"),
    ],
)
def test_ingest_bad_input_names_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    item = read_one(path)
    assert isinstance(item, BadInput)
    assert str(path) in str(item) and reason in str(item)


def test_ingest_batch_goes_on_after_bad_lines_and_files(tmp_path):
    (tmp_path / "good.txt").write_text("Residents gathered in Dandong.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    (tmp_path / "mixed.jsonl").write_text('{"text": "one"}\n{oops\n{"text": "three"}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    items = list(read_all([tmp_path, tmp_path / "missing.txt"]))
    problems = [str(item) for item in items if isinstance(item, BadInput)]
    texts = [item.text for item in items if not isinstance(item, BadInput)]
    assert sorted(texts) == ["Residents gathered in Dandong.", "one", "three"]
    assert any("mixed.jsonl:2" in problem for problem in problems)
    assert any("missing.txt: no such file" in problem for problem in problems)
    assert len(problems) == 3
