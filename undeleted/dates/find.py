"""find_dates: every date expression in a text, resolved against the publication date and the running anchor."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from undeleted.dates.en import parse_en
from undeleted.dates.resolve import is_relative, resolve_expression, resolve_weekday
from undeleted.dates.spans import DateMention, DateSpan, Expression
from undeleted.dates.zh import parse_zh

SINCE_BEFORE = re.compile(
    r"(?:\bsince\s+(?:(?:early|late|mid)[\s-]*)?|继)$", re.IGNORECASE
)  # 继上周三之后: after last Wednesday
SINCE_AFTER = re.compile(r"\s*以来")
SAID_BEFORE = re.compile(  # "they said Monday", "police said in a statement on Monday morning"
    r"\b(?:said|says|told\s+[\w\s]{1,30}?|announced|stated|added|confirmed|wrote)"
    r"(?:\s+in\s+(?:(?:a|an|its|their)\s+)?(?:statement|post|notice|news\s+conference|briefing|interview))?\s*(?:on\s+)?$"
    r"|\bas\s+of\s*$",  # a count "as of Tuesday" tells when it was counted, not when the people died
    re.IGNORECASE,
)
SAID_AFTER = re.compile(
    r"\s*(?:[，,]\s*)?(?:[^，。；\s]{1,12}?)?(?:通报|发布通报|表示|称|回应|发文|发布消息|告诉|透露|表达|致哀|哀悼|慰问|谴责)"
)
# A bare weekday in a paragraph that tells of days more than a week before the report ("On Monday, May 23,
# students marched … On Wednesday, hundreds gathered", published 1 June) is the one in the days after them.
NARRATIVE_GAP = timedelta(days=7)
NARRATIVE_WEEK = timedelta(days=6)
COUNTED_BEFORE = re.compile(r"(?:截至|截止|截止到)$")  # a toll "as of" a day: when it was counted
PARSERS: dict[str, Callable[[str], list[Expression]]] = {"en": parse_en, "zh": parse_zh}


def parse_expressions(text: str, language: str) -> list[Expression]:
    """The grammar for the language ('zh-Hant' reads as 'zh'; unknown languages read as English)."""
    return PARSERS.get(language.lower()[:2], parse_en)(text)


def find_dates(
    text: str,
    reference: date | None,
    language: str,
    anchor: date | None = None,
    story_end: date | None = None,
    story_day: date | None = None,
    narrative_day: date | None = None,
) -> list[DateMention]:
    """All date expressions in `text`, resolved.

    reference: the report's publication date; anchor: the date of the previous event or mention in the
    document ("the following day", "次日", "当晚" count from it). Each day-precise date found becomes the
    anchor of the expressions after it. story_end: the last day of the year the story is told of, when
    it is earlier than the reference's (see dates.story); story_day: the day of the incident the report
    tells ("事发当晚" counts from it); narrative_day: the day the paragraph's narrative has reached, which a bare
    weekday follows when that day is more than a week before the reference.
    """
    mentions: list[DateMention] = []
    for expr in parse_expressions(text, language):
        said = _said(text, expr, language)
        span = (None if said else _narrative_weekday(expr, reference, narrative_day)) or resolve_expression(
            expr, reference, anchor, story_end, story_day
        )
        if span is None:
            continue
        since = _opens_span(text, expr)
        mention = DateMention(
            expr.start,
            expr.end,
            text[expr.start : expr.end],
            span,
            is_relative(expr),
            None if since else _year_given(expr, span),
            since,
            expr.base == "anchor" and anchor is not None and span.end < anchor,
            said,
            expr.future and reference is not None and span.start > reference,
        )
        mentions.append(mention)
        if mention.year is not None and reference is not None and mention.year < reference.year:
            story_end = date(mention.year, 12, 31)  # "2019年6月21日…6月12日": the year stated goes on
        if span.precision == "day" and not expr.future:
            anchor = span.end
            narrative_day = narrative_day if mention.said else span.end
    return mentions


def _narrative_weekday(
    expr: Expression, reference: date | None, narrative_day: date | None
) -> DateSpan | None:
    """A bare weekday ("on Wednesday", 周三) told after a day well before the report: the first such
    weekday after that day, when it falls within the week; None otherwise (it is read as usual)."""
    if (
        expr.kind != "weekday"
        or expr.first is None
        or expr.first.weekday is None
        or expr.name
        or expr.offset is not None
        or expr.future
        or expr.length
        or narrative_day is None
        or reference is None
        or reference - narrative_day <= NARRATIVE_GAP
    ):
        return None
    day = resolve_weekday(expr.first.weekday, narrative_day, mode="next")
    return DateSpan(day, day, "day") if day - narrative_day <= NARRATIVE_WEEK else None


def _said(text: str, expr: Expression, language: str) -> bool:
    """Whether the expression tells when something was said or counted ("they said Monday", "as of Monday",
    "警方5日通报称", "截至6月14日")."""
    if not language.lower().startswith("zh"):
        return SAID_BEFORE.search(text, max(0, expr.start - 80), expr.start) is not None
    if expr.kind not in ("point", "days", "weekday"):
        return False
    counted = COUNTED_BEFORE.search(text, max(0, expr.start - 4), expr.start) is not None
    return counted or SAID_AFTER.match(text, expr.end) is not None


def _opens_span(text: str, expr: Expression) -> bool:
    """Whether the expression starts a span that runs up to the report ("since 2015", "2015年以来")."""
    return (
        expr.name == "since"
        or text[expr.start : expr.end].lower().startswith("since")
        or SINCE_BEFORE.search(text, 0, expr.start) is not None
        or SINCE_AFTER.match(text, expr.end) is not None
    )


def _year_given(expr: Expression, span: DateSpan) -> int | None:
    """The year a date expression states (written, or counted: "last year", "去年"), which the story
    around it takes on; None for dates ahead and for expressions that state no year."""
    if expr.future or span.start.year != span.end.year:
        return None
    point = expr.first
    counted = expr.kind == "year" and expr.base == "reference"
    if not counted and (point is None or (point.year is None and point.year_offset is None)):
        return None
    return span.start.year
