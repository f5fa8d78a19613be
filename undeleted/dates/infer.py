"""Infer a publication date from the text of a report that has none.

The year comes from a weekday named with a day of the month ("Wednesday, June 22" -> 2022), else from
a full date or a copyright line; the day is the latest date the text speaks of as past, since a report
is published on or after the last event it tells.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from undeleted.dates.find import parse_expressions
from undeleted.dates.resolve import resolve_expression, resolve_weekday, safe_date
from undeleted.dates.spans import DateSpan, Expression, Point

COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright|版权所有)\s*(?:©\s*)?[^\d\n]{0,40}?(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
EARLIEST_YEAR = 1990
AFTER_BASE = timedelta(days=6)  # a bare weekday told after the latest date is within the week that follows
MONTH_DAYS_AHEAD = timedelta(
    days=60
)  # month-days without a year: at most this far after a weekday-dated day  # a bare weekday told after the latest date is within the week that follows


def copyright_years(text: str) -> list[int]:
    """Years of '© 2022', '©2023', 'Copyright © 2015-2022' lines (the last year of a range)."""
    return [int(match.group(1)) for match in COPYRIGHT.finditer(text)]


def weekday_years(point: Point, latest: int) -> list[int]:
    """Years in which month-day falls on the weekday written with it, latest first."""
    assert point.month is not None and point.day is not None and point.weekday is not None
    years = []
    for year in range(latest, EARLIEST_YEAR - 1, -1):
        day = safe_date(year, point.month, point.day)
        if day is not None and day.weekday() == point.weekday:
            years.append(year)
    return years


def _choose_year(candidates: list[int], hints: list[int]) -> int:
    """The weekday's year nearest to the other clues (a full date, a © line), else the latest one."""
    if not hints:
        return candidates[0]
    floor = max(hints)
    return min(candidates, key=lambda year: (abs(year - floor), year < min(hints)))


def _is_weekday_date(expr: Expression) -> bool:
    point = expr.first
    return (expr.kind == "point" and point is not None and point.weekday is not None
            and point.month is not None and point.day is not None and point.year is None)  # fmt: skip


def infer_published(text: str, language: str, latest: date | None = None) -> date | None:
    """The earliest publication date the text allows, or None if it gives no clue. Never today's date.

    `latest` bounds the years a weekday may point to (default: today, as no report is from the future).
    """
    latest = latest or date.today()
    exprs = parse_expressions(text, language)
    explicit = [span for expr in exprs if (span := _explicit_span(expr))]
    hints = copyright_years(text) + [span.end.year for span in explicit]
    year = None
    weekday_date = None
    for expr in exprs:
        if _is_weekday_date(expr):
            assert expr.first is not None and expr.first.month is not None and expr.first.day is not None
            candidates = weekday_years(expr.first, latest.year)
            if candidates:
                year = _choose_year(candidates, hints)
                weekday_date = safe_date(year, expr.first.month, expr.first.day)
                break
    if year is None and not hints:
        return None
    year = year or max(hints)
    days = _weekday_days(exprs, year, latest) if weekday_date else []
    horizon = max(days) + MONTH_DAYS_AHEAD if days else date(year, 12, 31)
    reference = _base(exprs, explicit, horizon)
    return min(_after_base(exprs, reference, weekdays_follow=reference == weekday_date), latest)


def _weekday_days(exprs: list[Expression], year: int, latest: date) -> list[date]:
    """The days of every weekday-dated mention ("Friday, December 9") that agree with their weekday in the
    story's year or the next (a story told across the new year): a report goes on to the last of them."""
    days = []
    for expr in exprs:
        if not _is_weekday_date(expr):
            continue
        point = expr.first
        assert point is not None and point.month is not None and point.day is not None
        for candidate in (year, year + 1):
            day = safe_date(candidate, point.month, point.day)
            if day is not None and day.weekday() == point.weekday and day <= latest:
                days.append(day)
                break
    return days


def _explicit_span(expr: Expression) -> DateSpan | None:
    """A date written with its year, in the past tense of the text."""
    if expr.future or expr.kind not in ("point", "range") or expr.first is None or expr.first.year is None:
        return None
    return resolve_expression(expr, None, None)


def _base(exprs: list[Expression], explicit: list[DateSpan], horizon: date) -> date:
    """The latest past date: explicit dates, and month-days read as on or before the horizon."""
    ends = [span.end for span in explicit]
    for expr in exprs:
        if (
            expr.future
            or expr.kind not in ("point", "range")
            or expr.first is None
            or expr.first.year is not None
        ):
            continue
        if expr.first.month is None:
            continue
        span = resolve_expression(expr, None, horizon)
        if span is not None:
            ends.append(span.end)
    return max(ends) if ends else horizon


def _after_base(exprs: list[Expression], base: date, weekdays_follow: bool) -> date:
    """Move past the base for days of the month ('24日') told after it, and for bare weekdays ('On Tuesday')
    when the base itself was dated by weekday ('Sunday, September 18')."""
    latest = base
    seen_base = False
    for expr in exprs:
        span = resolve_expression(replace(expr, future=True), None, base) if expr.kind == "point" else None
        if span is not None and span.end == base:
            seen_base = True
            continue
        if not seen_base or expr.future:
            continue
        point = expr.first
        if (
            weekdays_follow
            and expr.kind == "weekday"
            and point is not None
            and point.weekday is not None
            and expr.offset is None
        ):
            if expr.name in ("", "upcoming"):
                latest = max(latest, resolve_weekday(point.weekday, base, mode="upcoming"))
        elif span is not None and point is not None and point.month is None and span.end - base <= AFTER_BASE:
            latest = max(latest, span.end)
    return latest
