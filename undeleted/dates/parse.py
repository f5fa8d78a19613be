"""Shared machinery of the date grammars: rules, picking the longest matches, joining ranges."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from undeleted.dates.spans import Expression

Build = Callable[[re.Match[str]], Expression | None]

DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")  # one character for one: offsets hold

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
    "several": 3,
}  # fmt: skip
VAGUE_NUMBERS = frozenset({"a few", "few", "several", "a couple of", "couple of"})

CHINESE_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """A pattern and the function that turns its match into an expression."""

    pattern: re.Pattern[str]
    build: Build


def number_value(word: str) -> int | None:
    """'3', 'three', 'a few', '十五', '二十三', '两' -> int."""
    word = word.strip().lower()
    word = re.sub(r"\s+", " ", word)
    if word.isdigit():
        return int(word)
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    return chinese_number(word)


def chinese_number(text: str) -> int | None:
    """Chinese numerals up to 99 ('二十三', '廿一', '十'); digit by digit for years ('二〇二二')."""
    if not text:
        return None
    if len(text) == 4 and all(char in CHINESE_DIGITS for char in text):
        return int("".join(str(CHINESE_DIGITS[char]) for char in text))
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" in text:
        tens, _, units = text.partition("十")
        high = CHINESE_DIGITS.get(tens, -1) if tens else 1
        low = CHINESE_DIGITS.get(units, -1) if units else 0
        return high * 10 + low if high >= 0 and low >= 0 else None
    if len(text) == 1 and text in CHINESE_DIGITS:
        return CHINESE_DIGITS[text]
    return None


def int_or_none(value: str | None) -> int | None:
    return number_value(value) if value else None


def scan(text: str, rules: Sequence[Rule]) -> list[Expression]:
    """Every rule's matches, keeping the earliest and longest where they overlap."""
    found: list[tuple[int, int, int, Expression]] = []
    for index, rule in enumerate(rules):
        for match in rule.pattern.finditer(text):
            expr = rule.build(match)
            if expr is not None:
                found.append((expr.start, -(expr.end - expr.start), index, expr))
    found.sort(key=lambda item: item[:3])
    chosen: list[Expression] = []
    reached = -1
    for start, _, _, expr in found:
        if start >= reached:
            chosen.append(expr)
            reached = expr.end
    return chosen


def join_ranges(
    text: str, exprs: list[Expression], connector: re.Pattern[str], opener: re.Pattern[str] | None = None
) -> list[Expression]:
    """'26 November to 2 December', '4月22日至5月1日': two neighbouring dates joined by a connector become one range.

    `opener`, when given, must end the text before the first date for a connector it marks as weak
    (the group "weak", e.g. 'and' after 'between').
    """
    joined: list[Expression] = []
    for expr in exprs:
        previous = joined[-1] if joined else None
        if previous is not None and _joinable(previous) and _joinable(expr):
            between = connector.fullmatch(text, previous.end, expr.start)
            weak = between is not None and between.groupdict().get("weak")
            if between and (not weak or (opener and opener.search(text, 0, previous.start))):
                assert previous.first is not None and expr.first is not None
                joined[-1] = replace(
                    previous,
                    end=expr.end,
                    kind="range",
                    last=expr.first,
                    future=previous.future or expr.future,
                )
                continue
        joined.append(expr)
    return joined


WEEKDAY_GAP = re.compile(
    r"\s*[,，、(（]?\s*"
)  # between a day of the month and its weekday: "7月9日，星期六", "周六（7月9日"
WEEKDAY_CLOSE = re.compile(r"\s*[)）]")


def attach_weekdays(text: str, exprs: list[Expression]) -> list[Expression]:
    """A weekday written right beside a day of the month ("July 9 (Saturday)", "7月9日，星期六",
    "周六（7月9日）") is that day's weekday: one expression, whose weekday can fix the year."""
    merged: list[Expression] = []
    for expr in exprs:
        previous = merged[-1] if merged else None
        if previous is not None and WEEKDAY_GAP.fullmatch(text, previous.end, expr.start):
            day, weekday = (previous, expr) if _bare_weekday(expr) else (expr, previous)
            if _bare_weekday(weekday) and _month_day(day):
                assert day.first is not None and weekday.first is not None
                close = WEEKDAY_CLOSE.match(text, max(day.end, weekday.end))
                end = close.end() if close and day is expr else max(day.end, weekday.end)
                merged[-1] = replace(
                    day,
                    start=previous.start,
                    end=end,
                    first=replace(day.first, weekday=weekday.first.weekday),
                )
                continue
        merged.append(expr)
    return merged


def _bare_weekday(expr: Expression) -> bool:
    return expr.kind == "weekday" and expr.first is not None and expr.offset is None and not expr.name


def _month_day(expr: Expression) -> bool:
    point = expr.first
    return (
        expr.kind == "point"
        and point is not None
        and point.month is not None
        and point.day is not None
        and point.weekday is None
    )


def _joinable(expr: Expression) -> bool:
    if expr.kind not in ("point", "weekday") or expr.first is None or expr.length:
        return False
    return expr.kind == "point" or (expr.offset is None and not expr.name)
