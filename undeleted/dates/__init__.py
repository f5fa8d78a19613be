"""The time stage: date expressions in report text, resolved to spans of days."""

from undeleted.dates.find import find_dates
from undeleted.dates.infer import infer_published
from undeleted.dates.spans import DateMention, DateSpan

__all__ = ["DateMention", "DateSpan", "find_dates", "infer_published"]
