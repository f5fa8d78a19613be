"""The database engine of a URL: SQLite's pragmas and connection pool, and its data version."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import SQLAlchemyError

from undeleted.errors import StoreError

POOL_SIZE = 16  # SQLite connections kept open per process (a server's worker threads each hold one)
POOL_OVERFLOW = 32  # more are opened while busy (anyio's 40 worker threads), closed when given back
MMAP_BYTES = 256 * 1024 * 1024


def make_engine(url: str) -> sa.Engine:
    """An engine for `url`; SQLite gets foreign keys, WAL (synchronous=NORMAL), a 64 MiB cache and a busy timeout."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        engine = sa.create_engine(url, future=True, **pool_options(url))
    except (SQLAlchemyError, ImportError, ValueError) as error:
        raise StoreError(f"--db {url}: cannot open this database URL ({error})") from error
    if engine.dialect.name == "sqlite":
        sa_event.listen(engine, "connect", sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"--db {url}: only sqlite:/// and postgresql+psycopg:// URLs are supported")
    return engine


def pool_options(url: str) -> dict[str, int]:
    """A SQLite file keeps POOL_SIZE connections open (SQLAlchemy's default keeps 5 and opens and closes the
    others per use: under a server's concurrent requests most reads paid for a new connection and its pragmas)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return {}
    return {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}


def sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: two processes opening a new file both switch to WAL
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: each commit survives a crash of the process
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages, so batch lookups stay in memory
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # reads from the OS page cache, shared by connections
    cursor.close()


class DataVersion:
    """SQLite's `PRAGMA data_version` (it changes with every commit by any other connection or process), read
    on a connection of its own that never writes: microseconds, from any thread. `read()` is None for
    PostgreSQL and in-memory SQLite, which have no such cheap number, and after a failed probe."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.enabled = bool(pool_options(url))  # a SQLite file
        self.lock = threading.Lock()
        self.connection: Any = None

    def read(self) -> int | None:
        if not self.enabled:
            return None
        with self.lock:
            try:
                if self.connection is None:
                    connection = self.engine.raw_connection()
                    connection.detach()  # its own: out of the pool, closed by close()
                    self.connection = connection
                cursor = self.connection.cursor()
                version = cursor.execute("PRAGMA data_version").fetchone()[0]
                cursor.close()
                return int(version)
            except (SQLAlchemyError, sqlite3.Error):  # a broken probe means: keep nothing
                self.connection = None
                return None

    def close(self) -> None:
        with self.lock:
            if self.connection is not None:
                self.connection.close()
                self.connection = None
