"""Checks the commands make before any work, so that an everyday mistake ends in one plain line: the database
to open (a plain file path is a SQLite file; only `run` may create one) and the file to write."""

from __future__ import annotations

import os
from pathlib import Path

from undeleted.errors import SQLALCHEMY_BACKGROUND, ConfigError

DEFAULT_DB = "sqlite:///undeleted.db"


def database_url(db: str | None) -> str:
    """The URL to open: --db, else $UNDELETED_DB, else sqlite:///undeleted.db; a plain path means a SQLite file."""
    chosen = db or os.environ.get("UNDELETED_DB") or DEFAULT_DB
    if "://" not in chosen:
        return f"sqlite:///{chosen}"
    return chosen


def sqlite_file(url: str) -> Path | None:
    """The file a sqlite:/// URL names (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("://", 1)[1]
    path = path[1:] if path.startswith("/") else path
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def existing_database(db: str | None) -> str:
    """The database URL for commands that only read: a SQLite file that does not exist is refused (a typo must
    not silently create an empty database)."""
    url = database_url(db)
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        what = "is a folder, not a database file" if path.is_dir() else "does not exist"
        raise ConfigError(
            f"--db {url}: {path} {what}; check the path (`undeleted run --db {path} REPORTS` "
            "creates a database)"
        )
    return url


def output_file(path: Path, option: str = "-o") -> Path:
    """A file the command may write: its folder must exist and it must not be a folder itself."""
    if path.is_dir():
        raise ConfigError(
            f"{option} {path}: is a folder; give a file name inside it, e.g. {path / 'events.csv'}"
        )
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(
            f"{option} {path}: the folder {folder} does not exist; create it first (mkdir -p {folder})"
        )
    if not os.access(folder, os.W_OK):
        raise ConfigError(f"{option} {path}: cannot write in {folder}")
    return path


def plain_message(message: str) -> str:
    """An error message without SQLAlchemy's 'Background on this error at ...' pointer."""
    return SQLALCHEMY_BACKGROUND.sub("", message)
