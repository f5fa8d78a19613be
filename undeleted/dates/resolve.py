"""Resolve date expressions against a report's publication date (the reference) and the last date in view (the anchor)."""

from __future__ import annotations

import calendar
import json
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources
from typing import Any

from undeleted.dates.spans import PRECISION_ORDER, DateSpan, Expression, Point, Precision

FUTURE_HORIZON = timedelta(days=300)  # how far past the reference a date written as ahead may go
WEEKDAY_YEARS = 12  # years searched back for the one in which a day of the month falls on the weekday written
HOLIDAYS: dict[str, Any] = json.loads(
    resources.files("undeleted.dates").joinpath("holidays.json").read_text(encoding="utf-8")
)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None where it does not exist (31 June, 29 February 2023)."""
    if not (1 <= month <= 12) or day < 1 or day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def month_span(year: int, month: int, part: str | None = None) -> DateSpan:
    """A whole month, or its early (1-10), mid (11-20), late (21-end), first or last week."""
    last = month_end(year, month)
    if part == "early":
        return DateSpan(date(year, month, 1), date(year, month, 10), "week")
    if part == "mid":
        return DateSpan(date(year, month, 11), date(year, month, 20), "week")
    if part == "late":
        return DateSpan(date(year, month, 21), last, "week")
    if part == "first_week":
        return DateSpan(date(year, month, 1), date(year, month, 7), "week")
    if part == "last_week":
        sunday = last - timedelta(days=(last.weekday() - 6) % 7)
        return DateSpan(sunday - timedelta(days=6), sunday, "week")
    return DateSpan(date(year, month, 1), last, "month")


def year_span(year: int, part: str | None = None) -> DateSpan:
    """A whole year, or its early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) third."""
    if part == "early":
        return DateSpan(date(year, 1, 1), date(year, 4, 30), "month")
    if part == "mid":
        return DateSpan(date(year, 5, 1), date(year, 8, 31), "month")
    if part == "late":
        return DateSpan(date(year, 9, 1), date(year, 12, 31), "month")
    return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")


def resolve_weekday(weekday: int, base: date, week: int | None = None, mode: str = "") -> date:
    """'周二' in a report published on Thu 2022-10-06 means Tue 2022-10-04.

    week: a calendar week counted from the base's (上周一: -1); mode "last": strictly before the base,
    "upcoming": on or after it, "next": strictly after it.
    """
    if week is not None:
        return base - timedelta(days=base.weekday()) + timedelta(days=7 * week + weekday)
    if mode == "upcoming":
        return base + timedelta(days=(weekday - base.weekday()) % 7)
    if mode == "next":
        return base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
    back = (base.weekday() - weekday) % 7
    if mode == "last" and back == 0:
        back = 7
    return base - timedelta(days=back)


def choose_year(month: int, day: int, base: date, future: bool) -> int:
    """The year that puts month-day on or before the base (or shortly after it, when written as ahead)."""
    candidate = safe_date(base.year, month, day) or date(base.year, month, 28)
    if candidate <= base or (future and candidate - base <= FUTURE_HORIZON):
        return base.year
    return base.year - 1


def holiday_span(name: str, year: int) -> DateSpan | None:
    """The days of a named holiday in a year, from holidays.json."""
    fixed = HOLIDAYS["fixed"].get(name)
    if fixed is not None:
        first = date(year, fixed[0], fixed[1])
        return DateSpan(first, first + timedelta(days=fixed[2] - 1), "day")
    lunar = HOLIDAYS["lunar_spans"].get(name)
    if lunar is None:
        return None
    festival = HOLIDAYS["lunar"][lunar[0]].get(str(year))
    if festival is None:
        return None
    first = date.fromisoformat(festival) - timedelta(days=lunar[1])
    return DateSpan(first, first + timedelta(days=lunar[2] - 1), "day")


def _coarsest(a: Precision, b: Precision) -> Precision:
    return a if PRECISION_ORDER[a] >= PRECISION_ORDER[b] else b


def _stretch(span: DateSpan, length: int) -> DateSpan:
    """N days from a day (N > 0) or N days ending on it (N < 0)."""
    if length > 1:
        return DateSpan(span.start, span.start + timedelta(days=length - 1), span.precision)
    if length < -1:
        return DateSpan(span.end - timedelta(days=-length - 1), span.end, span.precision)
    return span


def resolve_point(point: Point, base: date | None, anchor: date | None, future: bool) -> DateSpan | None:
    """A calendar date as written, completed from the base (reference, else anchor) where parts are missing."""
    year = point.year
    if point.year_offset is not None:
        if base is None:
            return None
        year = base.year + point.year_offset
    if point.month is None and point.day is None:
        return year_span(year, point.part) if year is not None else None
    if point.day is None:
        assert point.month is not None
        if year is None:
            if base is None:
                return None
            ahead = point.month > base.month
            year = base.year if not ahead or future else base.year - 1
        return month_span(year, point.month, point.part)
    if point.month is None and point.month_offset is not None:
        if base is None:
            return None
        shifted = safe_date(*_month_shift(base, point.month_offset), point.day)
        return DateSpan(shifted, shifted, "day") if shifted else None
    if point.month is None:
        return _day_of_month(point.day, point.weekday, base, anchor, future)
    if year is None:
        if base is None:
            return None
        year = choose_year(point.month, point.day, base, future)
        if point.weekday is not None and _weekday_of(year, point) not in (None, point.weekday):
            year = next(
                (
                    earlier
                    for earlier in range(year - 1, year - WEEKDAY_YEARS, -1)
                    if _weekday_of(earlier, point) == point.weekday
                ),
                year,
            )
    day = safe_date(year, point.month, point.day)
    return DateSpan(day, day, "day") if day else None


def _weekday_of(year: int, point: Point) -> int | None:
    assert point.month is not None and point.day is not None
    day = safe_date(year, point.month, point.day)
    return day.weekday() if day else None


def _day_of_month(
    day: int, weekday: int | None, base: date | None, anchor: date | None, future: bool
) -> DateSpan | None:
    """'24日', 'on the 14th': in the anchor's month when it follows the anchor, else the base's latest such day."""
    if anchor is not None and anchor.day <= day:
        candidate = safe_date(anchor.year, anchor.month, day)
        if candidate and (base is None or candidate <= base or future):
            return DateSpan(candidate, candidate, "day")
    if base is None:
        return None
    year, month = base.year, base.month
    for _ in range(3):
        candidate = safe_date(year, month, day)
        fits = candidate is not None and (candidate <= base or future)
        if candidate is not None and fits and (weekday is None or candidate.weekday() == weekday):
            return DateSpan(candidate, candidate, "day")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _month_shift(base: date, months: int) -> tuple[int, int]:
    index = base.year * 12 + base.month - 1 + months
    return index // 12, index % 12 + 1


def _resolve_endpoint(point: Point, base: date | None, anchor: date | None, future: bool) -> DateSpan | None:
    if point.weekday is not None and point.month is None and point.day is None:
        if base is None:
            return None
        day = resolve_weekday(point.weekday, base, mode="upcoming" if future else "")
        return DateSpan(day, day, "day")
    return resolve_point(point, base, anchor, future)


def _resolve_range(expr: Expression, base: date | None, anchor: date | None) -> DateSpan | None:
    assert expr.first is not None and expr.last is not None
    first, last = expr.first, expr.last
    first = replace(
        first,
        year=first.year if first.year is not None or first.year_offset is not None else last.year,
        year_offset=first.year_offset if first.year is not None else last.year_offset,
        month=first.month if first.month is not None or first.day is None else last.month,
    )
    begin = _resolve_endpoint(first, base, anchor, expr.future)
    if begin is None:
        return None
    if last.weekday is not None and last.month is None and last.day is None:
        day = begin.start + timedelta(days=(last.weekday - begin.start.weekday()) % 7)
        return DateSpan(begin.start, day, begin.precision)
    month = last.month if last.month is not None or last.day is None else begin.start.month
    year = last.year if last.year is not None else begin.start.year
    finish = resolve_point(replace(last, year=year, month=month, year_offset=None), base, anchor, True)
    if finish is not None and finish.end < begin.start and last.year is None:
        finish = resolve_point(
            replace(last, year=year + 1, month=month, year_offset=None), base, anchor, True
        )
    if finish is None or finish.end < begin.start:
        return None
    return DateSpan(begin.start, finish.end, _coarsest(begin.precision, finish.precision))


def _resolve_span(
    expr: Expression,
    reference: date | None,
    anchor: date | None,
    story_end: date | None = None,
    story_day: date | None = None,
) -> DateSpan | None:
    base = reference if reference is not None else anchor
    if expr.base in ("anchor", "story") and anchor is not None:
        base = anchor
    if expr.base == "story" and story_day is not None:
        base = story_day
    elif story_end is not None and _takes_story_year(expr):
        assert expr.first is not None
        weekday = expr.first.weekday
        if weekday is None or expr.first.day is None or _weekday_of(story_end.year, expr.first) == weekday:
            base = story_end  # else the weekday picks its year, counting back from the reference
    if expr.kind == "point":
        assert expr.first is not None
        span = resolve_point(expr.first, base, anchor, expr.future)
        if span is not None and expr.name == "since" and reference is not None and reference > span.end:
            return DateSpan(span.start, reference, span.precision)  # "since August": from its start to now
        return _stretch(span, expr.length) if span else None
    if expr.kind == "range":
        return _resolve_range(expr, base, anchor)
    if base is None:
        return None
    if expr.kind == "weekday":
        assert expr.first is not None and expr.first.weekday is not None
        mode = expr.name or ("upcoming" if expr.future else "")
        day = resolve_weekday(expr.first.weekday, base, expr.offset, mode)
        return _stretch(DateSpan(day, day, "day"), expr.length)
    offset = expr.offset or 0
    if expr.kind == "days":
        start = base + timedelta(days=offset)
        return DateSpan(start, start + timedelta(days=max(expr.length, 1) - 1), expr.precision)
    if expr.kind == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(days=7 * offset)
        return DateSpan(monday, monday + timedelta(days=6), "week")
    if expr.kind == "weekend":
        saturday = resolve_weekday(5, base - timedelta(days=1) if base.weekday() == 6 else base)
        if offset < 0 and base.weekday() >= 5:
            saturday -= timedelta(days=7)
        if offset > 0:
            saturday = resolve_weekday(5, base, mode="next")
        return DateSpan(saturday, saturday + timedelta(days=1), "day")
    if expr.kind == "month":
        year, month = _month_shift(base, offset)
        part = expr.first.part if expr.first else None
        return month_span(year, month, part)
    if expr.kind == "year":
        part = expr.first.part if expr.first else None
        return year_span(base.year + offset, part)
    if expr.kind == "holiday":
        return _resolve_holiday(expr, base)
    return None


def _resolve_holiday(expr: Expression, base: date) -> DateSpan | None:
    point = expr.first or Point()
    if point.year is not None or point.year_offset is not None:
        year = point.year if point.year is not None else base.year + (point.year_offset or 0)
        return holiday_span(expr.name, year)
    span = holiday_span(expr.name, base.year)
    if span is not None and span.start > base and not (expr.future and span.start - base <= FUTURE_HORIZON):
        span = holiday_span(expr.name, base.year - 1)
    return span


def _takes_story_year(expr: Expression) -> bool:
    """A month or a day of a month written without a year ("In May", "3 July", "7月9日"): its year is
    the story's, not the publication's."""
    point = expr.first
    return (
        expr.kind in ("point", "range")
        and point is not None
        and point.month is not None
        and point.year is None
        and point.year_offset is None
    )


def is_relative(expr: Expression) -> bool:
    """False only when the expression writes its year out (and needs neither reference nor anchor)."""
    if expr.kind == "holiday":
        return expr.first is None or expr.first.year is None
    if expr.kind not in ("point", "range") or expr.first is None:
        return True
    last_year = expr.last.year if expr.last is not None else expr.first.year
    return (expr.first.year is None and last_year is None) or expr.first.year_offset is not None


def resolve_expression(
    expr: Expression,
    reference: date | None,
    anchor: date | None,
    story_end: date | None = None,
    story_day: date | None = None,
) -> DateSpan | None:
    """The days an expression means; None if it cannot be placed, or would fall after the reference
    when the text does not speak of the future. `story_end`: the last day of the year the story is told
    of, when that is before the reference's; months and days written without a year fall on or before it.
    `story_day`: the day of the incident the report tells, which 事发当晚 counts from."""
    span = _resolve_span(expr, reference, anchor, story_end, story_day)
    if span is None or reference is None or expr.future:
        return span
    if span.start > reference:
        return None
    if span.end > reference:
        return DateSpan(span.start, reference, span.precision)
    return span
