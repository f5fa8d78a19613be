"""Writers take turns across processes: migrations, linking and saving begin with `begin_exclusive`.

SQLite: BEGIN IMMEDIATE (the database's one write lock, taken before anything is read, so what a linker
reads cannot change under it). PostgreSQL: a transaction-level advisory lock per job (migrate, link);
saving needs none there (rows lock themselves). A writer that finds the lock held says so once, then waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

log = logging.getLogger("undeleted.store")
ADVISORY_KEYS = {"migrate": 7_351_180, "link": 7_351_181}
NOTICE_AFTER_MS = 250  # a writer still locked out after this says it is waiting
WAIT_MS = 30 * 60 * 1000  # then it waits this long at most (linking a large window takes minutes)
BUSY_TIMEOUT_MS = 30_000  # SQLite's busy timeout outside `begin_exclusive` (as set when connecting)


def warn(message: str) -> None:
    log.warning(message)


def begin_exclusive(connection: sa.Connection, job: str, notice: Callable[[str], None] = warn) -> None:
    """Begin `connection`'s transaction holding the write lock for `job`; `connection` must have no writes
    pending. When another process holds the lock, `notice` gets one line saying so and the call waits."""
    if connection.dialect.name == "sqlite":
        begin_immediate(connection, job, notice)
    elif job in ADVISORY_KEYS:
        key = {"key": ADVISORY_KEYS[job]}
        if not connection.execute(sa.text("SELECT pg_try_advisory_xact_lock(:key)"), key).scalar():
            notice(waiting_line(connection, job))
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), key)
    elif not connection.in_transaction():
        connection.begin()


def begin_immediate(connection: sa.Connection, job: str, notice: Callable[[str], None]) -> None:
    try:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={NOTICE_AFTER_MS}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as error:
            if "locked" not in str(error.orig) and "busy" not in str(error.orig):
                raise
            notice(waiting_line(connection, job))
            connection.exec_driver_sql(f"PRAGMA busy_timeout={WAIT_MS}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def waiting_line(connection: sa.Connection, job: str) -> str:
    where = connection.engine.url.render_as_string(hide_password=True)
    return f"--db {where}: another process is writing to this database; waiting for it before {job}"
