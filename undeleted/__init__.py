"""undeleted: reports about China in, a lasting geocoded record of events out.

In a notebook: `import undeleted; undeleted.open("events.db").events()` (a pandas DataFrame)."""

from typing import Any

__version__ = "0.1.0"


def open(db: str = "undeleted.db") -> Any:  # noqa: A001
    """Open a database for reading: `undeleted.open("events.db").events()` is a pandas DataFrame of its events."""
    from undeleted.notebook import open as open_database

    return open_database(db)
