"""Shared fixtures. PostgreSQL: a throwaway server per test session, or $UNDELETED_TEST_PG_URL when set."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PG_URL_VARIABLE = "UNDELETED_TEST_PG_URL"
# Test files marked `slow` (deselect with -m "not slow"): worker processes, Dask, headless Chromium, servers
# killed mid-write, HTTP servers, and whole gold sets extracted and scored.
SLOW_FILES = {
    "test_web_browser.py",
    "test_scale_dask.py",
    "test_scale_workers.py",
    "test_store_kill.py",
    "test_fetch_server.py",
    "test_api_server.py",
    "test_extract_eval.py",
    "test_extract_heldout.py",
    "test_extract_zh_eval.py",
    "test_dates_gold.py",
    "test_geo_gold.py",
    "test_geo_events_gold.py",
    "test_link_gold.py",
    "test_evaluation.py",
    "test_web_clusters.py",
    "test_export_formats.py",
    "test_cli_mistakes.py",
    "test_ingest_office.py",
    "test_run_dates.py",
    "test_run_near_duplicates.py",
    "test_hostile_inputs.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


def postgresql_bin() -> Path | None:
    """The directory of initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin, or the PATH."""
    for candidate in sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    ):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """URL of a PostgreSQL server (database `postgres`) for this session; fails loudly without binaries."""
    given = os.environ.get(PG_URL_VARIABLE)
    if given:
        yield given
        return
    binaries = postgresql_bin()
    if binaries is None:
        pytest.fail(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: `apt-get install -y postgresql`, "
            f"or set {PG_URL_VARIABLE}=postgresql+psycopg://user@host:port/db to use a running server"
        )
    directory = Path(tempfile.mkdtemp(prefix="undeleted-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    data, port = directory / "data", free_port()
    subprocess.run(
        as_postgres_user(
            [str(binaries / "initdb"), "-D", str(data), "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off"
    subprocess.run(
        as_postgres_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(directory / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            as_postgres_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def fresh_postgresql_url(postgresql_url: str) -> Iterator[str]:
    """URL of a new empty database on the session's server, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(postgresql_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: SQLite in tmp_path, and a fresh database on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return str(request.getfixturevalue("fresh_postgresql_url"))


@pytest.fixture
def store(database_url: str) -> Iterator[object]:
    """An open Store on `database_url` (both backends)."""
    from undeleted.store import Store

    with Store.open(database_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def gold_dev_path() -> Path:
    path = SHARED / "gold" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared gold data sits next to the repository)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the session's browser tests (Playwright drives it; nothing downloaded)."""
    from browser_pages import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    """Screenshots land here ($UNDELETED_SCREENSHOTS or a new temp folder), kept for a person to look at."""
    folder = Path(os.environ.get("UNDELETED_SCREENSHOTS") or tempfile.mkdtemp(prefix="undeleted-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def context() -> object:
    """The extraction context (gazetteer and every language's lexicons), loaded once for the session."""
    from undeleted.extract import ExtractContext

    return ExtractContext.load()
