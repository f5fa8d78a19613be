"""The database: documents, mentions and canonical events in SQLite or PostgreSQL."""

from undeleted.store.linking import LinkReport
from undeleted.store.reading import EventFilter
from undeleted.store.store import Store

__all__ = ["EventFilter", "LinkReport", "Store"]
