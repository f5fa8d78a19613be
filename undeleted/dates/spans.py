"""Types of the time stage: what a date expression says as written, and the dates it resolves to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "week", "month", "year"]
Part = Literal["early", "mid", "late", "first_week", "last_week"]
Base = Literal["reference", "anchor", "story"]  # story: the day of the incident the report tells (事发当晚)
Kind = Literal["point", "range", "weekday", "days", "week", "weekend", "month", "year", "holiday"]

PRECISION_ORDER: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date
    precision: Precision


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    span: DateSpan
    relative: bool
    year: int | None = (
        None  # the year the text gives ("in 2016", "3 July 2016", "去年"), which a story takes on
    )
    since: bool = (
        False  # the start of a span that runs to the report ("since August", "2015年以来"): background
    )
    back: bool = False  # counted back from the date before it ("the night before", "前一天"): a flashback
    said: bool = (
        False  # when something was said ("police said on Monday", "警方5日通报"), not when it happened
    )
    ahead: bool = (
        False  # after the publication date: a deadline or a plan ("在春节前结清", "from next Monday")
    )


@dataclass(frozen=True)
class Point:
    """A calendar date as written: any field may be missing ("June", "the 14th", "Tuesday")."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: Part | None = None
    year_offset: int | None = None  # "last year", "去年7月": a year counted from the reference
    month_offset: int | None = None  # "本月26日", "上月3日": a month counted from the reference


@dataclass(frozen=True)
class Expression:
    """One date expression found in a text, before it is resolved.

    kind "point": `first`; "range": `first` to `last`; "weekday": `first.weekday` in the week `offset`
    (None: the latest such day); "days": `length` days from `offset` days after the base;
    "week"/"weekend"/"month"/"year": the one `offset` units from the base; "holiday": `name`.
    `length` on a point or weekday stretches it: N days from it (N > 0) or N days ending on it (N < 0).
    `future`: the text allows a date after the reference ("from Friday", "by June 6", "tomorrow").
    """

    start: int
    end: int
    kind: Kind
    first: Point | None = None
    last: Point | None = None
    offset: int | None = 0
    length: int = 0
    base: Base = "reference"
    precision: Precision = "day"
    name: str = ""
    future: bool = False
