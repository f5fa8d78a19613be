"""For notebooks: `undeleted.open("events.db").events()` is a pandas DataFrame with the export's columns (lists as
Python lists, dates as datetimes), built by the same function as every export."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from undeleted.cli_checks import existing_database
from undeleted.store import EventQuery, Store

if TYPE_CHECKING:
    import pandas


def pandas_module() -> Any:
    try:
        import pandas
    except ImportError:
        from undeleted.errors import ConfigError

        raise ConfigError("pandas is not installed: pip install 'undeleted[notebook]'") from None
    return pandas


class Database:
    """A stored database opened for reading (a SQLite path or a database URL; a missing SQLite file is refused)."""

    def __init__(self, db: str) -> None:
        self.store = Store.open(existing_database(db))

    def events(
        self,
        type: list[str] | str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        adcode: str | None = None,
        credibility: list[str] | str | None = None,
        q: str | None = None,
    ) -> pandas.DataFrame:
        """One row per linked event matching the filters (the same filters and columns as `undeleted export`)."""
        from undeleted.export.rows import export_rows
        from undeleted.export.tables import COLUMNS, table_row
        from undeleted.geo import Gazetteer
        from undeleted.geo.areas import area_code

        pandas = pandas_module()
        query = EventQuery.parse(
            type=type,
            date_from=date_from,
            date_to=date_to,
            adcode=area_code(adcode, Gazetteer.from_package),
            credibility=credibility,
            q=q,
        )
        frame = pandas.DataFrame(
            [table_row(event) for event in export_rows(self.store, query)], columns=COLUMNS
        )
        for column in ("date_start", "date_end"):
            frame[column] = pandas.to_datetime(frame[column])
        return frame

    def documents(self, q: str | None = None, limit: int | None = None) -> pandas.DataFrame:
        """The stored reports (without their texts): doc_id, url, title, outlet, published, language."""
        return pandas_module().DataFrame(self.store.documents(text=q, limit=limit))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open(db: str = "undeleted.db") -> Database:  # noqa: A001 (undeleted.open, as in sqlite3.connect)
    """Open a database for reading in a notebook: `undeleted.open("events.db").events()`."""
    return Database(db)
