"""The database: documents, mentions and canonical events in SQLite or PostgreSQL; the only door to it."""

from undeleted.store.linking import LinkReport
from undeleted.store.queries import SORTS, BadParameter, EventPage, EventQuery
from undeleted.store.review import Conflict, NotFound
from undeleted.store.store import Store

__all__ = ["SORTS", "BadParameter", "Conflict", "EventPage", "EventQuery", "LinkReport", "NotFound", "Store"]
