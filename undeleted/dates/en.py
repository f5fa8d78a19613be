"""English date expressions: 'Sunday 27 November', 'Oct. 2', 'June 2022', 'on Tuesday', 'the following day'."""

from __future__ import annotations

import re
from collections.abc import Callable

from undeleted.dates.parse import (
    DIGITS,
    VAGUE_NUMBERS,
    Rule,
    attach_weekdays,
    int_or_none,
    join_ranges,
    number_value,
    scan,
)
from undeleted.dates.resolve import HOLIDAYS
from undeleted.dates.spans import Base, Expression, Part, Point, Precision

MONTH_NAMES: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAY_NAMES: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
PARTS: dict[str, Part] = {
    "early": "early", "beginning": "early", "start": "early", "first half": "early",
    "mid": "mid", "middle": "mid", "late": "late", "end": "late", "second half": "late",
}  # fmt: skip


def _names(words: list[str]) -> str:
    """Capitalised or upper-case forms only: 'May' is a month, 'may' is not."""
    forms = [form for word in sorted(words, key=len, reverse=True) for form in (word.title(), word.upper())]
    return "|".join(forms)


MONTH_FULL = rf"(?:{_names(list(MONTH_NAMES))})"
MONTH_ANY = rf"(?:{_names(list(MONTH_NAMES))}|(?:{_names(list(MONTH_ABBREVIATIONS))})\.?)(?![a-z])"
WEEKDAY = rf"(?:{_names(list(WEEKDAY_NAMES))})"
DAY = r"(?<![\d,.:/])(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?(?![\d:%])"
YEAR = r"(?<!\d)(?<!\d[-–])(?:19|20)\d{2}(?!\d)"
TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))"
NUMBER = r"(?:\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)"
PART_WORDS = (
    r"(?i:early|late|mid|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of|end\s+of)"
)
MORE_THAN_DAYS = 3  # "more than ten days earlier": taken as 11 to 13 days before
DASH = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)"

FUTURE_BEFORE = re.compile(
    r"\b(?:from|starting|beginning|effective|as\s+of|until|till|by|before|through|no\s+later\s+than|ahead\s+of"
    r"|next|this\s+coming|coming)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
WEEKDAY_FUTURE_BEFORE = re.compile(
    r"\b(?:from|starting|beginning|effective|as\s+of|until|till)\s+(?:on\s+)?$", re.IGNORECASE
)
FUTURE_VERB = re.compile(
    r"\b(?:will|would|shall|must|(?:been\s+|were\s+|was\s+)?(?:told|ordered|asked|set|due|expected|scheduled)\s+to"
    r"|plans?\s+to|going\s+to|are\s+to|is\s+to)\b|'ll\b",
    re.IGNORECASE,
)
STRETCH_FORWARD = re.compile(
    rf"\b(?:for\s+)?(?P<n>{NUMBER})[\s-]+days?\s+(?:from|starting(?:\s+on)?|beginning(?:\s+on)?|as\s+of)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
STRETCH_BACK = re.compile(
    rf"\b(?P<n>{NUMBER})[\s-]+days?\s+of\b[^.;!?]{{0,80}}?\b(?:ended|ending|concluded|culminated)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r".*[.!?\n]\s+", re.DOTALL)
CONNECTOR = re.compile(r"\s*(?:[-–—]|to|until|till|through|(?P<weak>and))\s*")
OPENER = re.compile(r"\bbetween\s+(?:on\s+)?$", re.IGNORECASE)
ONLY_IF_DATES = re.compile(
    rf"\d|{MONTH_FULL}|{WEEKDAY}|{MONTH_ANY}|(?i:yester|today|tonight|tomorrow|night|day|week|month|year"
    r"|ago|morning|noon|evening|later|earlier|prior|before|christmas|festival|qingming|new\s+year|national)"
)


def _month(word: str) -> int:
    key = word.rstrip(".").lower()
    return MONTH_NAMES.get(key) or MONTH_ABBREVIATIONS[key]


def _weekday(word: str | None) -> int | None:
    return WEEKDAY_NAMES[word.lower()] if word else None


def _day(word: str | None) -> int | None:
    return int(re.sub(r"\D", "", word)) if word else None


def _part(words: str | None) -> Part | None:
    if not words:
        return None
    words = re.sub(r"\s+", " ", words.lower()).removeprefix("the ").removesuffix(" of").strip(" -")
    return PARTS.get(words)


def _point(match: re.Match[str]) -> Expression | None:
    groups = match.groupdict()
    month = _month(groups["m"]) if groups.get("m") else None
    point = Point(year=int_or_none(groups.get("y")), month=month, day=_day(groups.get("d")),
                  weekday=_weekday(groups.get("wd")), part=_part(groups.get("part")))  # fmt: skip
    if groups.get("d2"):
        day2 = _day(groups["d2"])
        if point.day is None or day2 is None or day2 <= point.day:
            return None
        last = Point(year=point.year, month=month, day=day2)
        return Expression(match.start(), match.end(), "range", first=point, last=last)
    if groups.get("m2"):
        last = Point(year=int_or_none(groups.get("y2")), month=_month(groups["m2"]))
        return Expression(match.start(), match.end(), "range", first=point, last=last)
    if (groups.get("y") is None and groups.get("d") is None and groups.get("part") is None
            and groups.get("prep") is None):  # fmt: skip
        return None  # a bare 'May' or 'March' is not a date
    since = (groups.get("prep") or "").lower() == "since" and point.day is None and point.part is None
    return Expression(match.start(), match.end(), "point", first=point, name="since" if since else "")


def _year(match: re.Match[str]) -> Expression | None:
    if match.group("prep") is None and match.group("part") is None:
        return None
    point = Point(year=int(match.group("y")), part=_part(match.group("part")))
    return Expression(match.start(), match.end(), "point", first=point)


def _weekday_expr(match: re.Match[str]) -> Expression:
    modifier = re.sub(r"\s+", " ", (match.group("mod") or "").lower())
    name = {"last": "last", "this past": "last", "past": "last", "next": "next"}.get(modifier, "")
    future = modifier in ("next", "this coming", "coming")
    if future:
        name = "upcoming" if modifier != "next" else "next"
    return Expression(match.start(), match.end(), "weekday", first=Point(weekday=_weekday(match.group("wd"))),
                      offset=None, name=name, future=future)  # fmt: skip


RELATIVE_DAYS: dict[str, int] = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0, "tonight": 0,
    "tomorrow": 1, "last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0,
}  # fmt: skip


def _relative_day(match: re.Match[str]) -> Expression:
    offset = RELATIVE_DAYS[re.sub(r"\s+", " ", match.group(0).lower())]
    return Expression(match.start(), match.end(), "days", offset=offset, future=offset > 0)


def _anchor_day(match: re.Match[str]) -> Expression:
    groups = match.groupdict()
    start, end = match.start(), match.end()
    if groups.get("n"):
        words = re.sub(r"\s+", " ", groups["n"].lower())
        count = number_value(words) or 1
        days = count * (7 if groups["unit"].lower().startswith("week") else 1)
        sign = 1 if groups["dir"].lower().startswith(("later", "after")) else -1
        if words in VAGUE_NUMBERS:
            first = sign * (count - 1) if sign > 0 else -(count + 1)
            return Expression(start, end, "days", offset=first, length=3, base="anchor", precision="week")
        return Expression(start, end, "days", offset=sign * days, base="anchor")
    if groups.get("week"):
        offset = (
            1 if groups["week"].lower() == "following" else -1 if groups["week"].lower() == "previous" else 0
        )
        return Expression(start, end, "week", offset=offset, base="anchor")
    after = groups.get("after") or groups.get("after2")
    offset = 1 if after else -1 if groups.get("before") or groups.get("before2") else 0
    return Expression(start, end, "days", offset=offset, base="anchor")


def _nights_before(match: re.Match[str]) -> Expression:
    """'after two nights of clashes': the N nights before the anchor (the day the sentence tells of)."""
    count = number_value(re.sub(r"\s+", " ", match.group("n").lower())) or 1
    return Expression(match.start(), match.end(), "days", offset=-count, length=count, base="anchor")


def _more_than_before(match: re.Match[str]) -> Expression:
    """'more than ten days earlier': a few days further back than the count, at week precision."""
    count = number_value(re.sub(r"\s+", " ", match.group("n").lower())) or 1
    days = count * (7 if match.group("unit").lower() == "weeks" else 1)
    base = "reference" if match.group("dir").lower() == "ago" else "anchor"
    return Expression(
        match.start(),
        match.end(),
        "days",
        offset=-(days + MORE_THAN_DAYS),
        length=MORE_THAN_DAYS,
        base=base,  # type: ignore[arg-type]
        precision="week",
    )


def _ago(match: re.Match[str]) -> Expression:
    words = re.sub(r"\s+", " ", match.group("n").lower())
    count = number_value(words) or 1
    unit = match.group("unit").lower().rstrip("s")
    start, end = match.start(), match.end()
    if unit == "fortnight":
        return Expression(start, end, "week", offset=-2)
    if unit == "day":
        if words in VAGUE_NUMBERS:
            return Expression(start, end, "days", offset=-(count + 2), length=4, precision="week")
        return Expression(start, end, "days", offset=-count)
    return Expression(start, end, unit, offset=-count)  # type: ignore[arg-type]


def _week(match: re.Match[str]) -> Expression:
    modifier = re.sub(r"\s+", " ", match.group("mod").lower())
    start, end = match.start(), match.end()
    if modifier in ("the past", "the last"):
        return Expression(start, end, "days", offset=-6, length=7, precision="week")
    if modifier in ("the following", "the previous", "the same", "that"):
        offset = {"the following": 1, "the previous": -1}.get(modifier, 0)
        return Expression(start, end, "week", offset=offset, base="anchor", future=offset > 0)
    offset = {"last": -1, "next": 1}.get(modifier, 0)
    return Expression(start, end, "week", offset=offset, future=offset > 0)


def _weekend(match: re.Match[str]) -> Expression:
    modifier = (match.group("mod") or "").lower()
    offset = {"last": -1, "next": 1}.get(modifier, 0)
    base: Base = "anchor" if modifier == "that" else "reference"
    return Expression(match.start(), match.end(), "weekend", offset=offset, base=base, future=offset > 0)


def _recent(match: re.Match[str]) -> Expression:
    words = re.sub(r"\s+", " ", (match.group("n") or "few").lower())
    count = 2 if words == "few" else number_value(words) or 2  # "the past few days": as far back as 3 days
    unit = match.group("unit").lower()
    days = count * {"days": 1, "weeks": 7, "months": 30}[unit]
    precision: Precision = "month" if unit == "months" else "week"
    # Counted back from the moment of writing: the N whole days before the reference day, and that day.
    return Expression(match.start(), match.end(), "days", offset=-days, length=days + 1, precision=precision)


def _recent_vague(match: re.Match[str]) -> Expression:
    days = 4 if match.group("unit").lower() == "days" else 14
    return Expression(match.start(), match.end(), "days", offset=-(days - 1), length=days, precision="week")


def _month_or_year(match: re.Match[str]) -> Expression:
    modifier = re.sub(r"\s+", " ", match.group("mod").lower())
    unit = match.group("unit").lower()
    offset = {"last": -1, "next": 1, "the previous": -1, "the following": 1}.get(modifier, 0)
    base = "anchor" if modifier in ("the previous", "the following", "the same") else "reference"
    kind = "month" if unit == "month" else "year"
    return Expression(match.start(), match.end(), kind, offset=offset, base=base, future=offset > 0)  # type: ignore[arg-type]


def _week_of_month(match: re.Match[str]) -> Expression:
    part: Part = "first_week" if match.group("which").lower() == "first" else "last_week"
    point = Point(year=int_or_none(match.group("y")), month=_month(match.group("m")), part=part)
    return Expression(match.start(), match.end(), "point", first=point)


HOLIDAY_KEYS: dict[str, str] = HOLIDAYS["names"]["en"]


def _holiday(match: re.Match[str]) -> Expression:
    year = int_or_none(match.group("y") or match.group("y2"))
    return Expression(match.start(), match.end(), "holiday", first=Point(year=year),
                      name=HOLIDAY_KEYS[match.group("h")])  # fmt: skip


def _iso(match: re.Match[str]) -> Expression:
    point = Point(year=int(match.group("y")), month=int(match.group("m")), day=int(match.group("d")))
    return Expression(match.start(), match.end(), "point", first=point)


def _rule(pattern: str, build: Callable[[re.Match[str]], Expression | None], flags: int = 0) -> Rule:
    return Rule(re.compile(pattern, flags), build)


ANCHOR_PATTERN = (
    r"\b(?i:the\s+(?:following|next)\s+(?P<after>day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(?P<after2>after)(?=\s*[,.;:!?)]|\s*$)"
    r"|(?:on\s+)?the\s+same\s+(?:day|night|evening|morning|afternoon|date)|later\s+that\s+(?:day|night|evening)"
    r"|that\s+(?:same\s+)?(?:day|night|evening|morning|afternoon)"
    r"|the\s+(?:previous|preceding)\s+(?P<before>day|night|evening)"
    r"|the\s+(?P<before2>day|night|evening)\s+before(?=\s*[,.;:!?)]|\s*$)"
    rf"|(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|afterwards|after(?=\s*[,.;:!?)])|earlier|prior"
    r"|before(?=\s*[,.;:!?)]))"
    r"|the\s+(?P<week>following|previous|same)\s+week(?!end))\b"
)

RULES: tuple[Rule, ...] = (
    _rule(
        rf"(?:(?P<wd>{WEEKDAY}){TIME_OF_DAY}?,?\s+(?:the\s+)?)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH_ANY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        _point,
    ),  # fmt: skip
    _rule(
        rf"(?:(?P<wd>{WEEKDAY}){TIME_OF_DAY}?,?\s+)?(?P<m>{MONTH_ANY})\s+(?:the\s+)?(?P<d>{DAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        _point,
    ),  # fmt: skip
    _rule(rf"(?P<d>{DAY}){DASH}(?P<d2>{DAY})(?:\s+of)?\s+(?P<m>{MONTH_ANY})(?:,?\s+(?P<y>{YEAR}))?", _point),
    _rule(rf"(?P<m>{MONTH_ANY})\s+(?P<d>{DAY}){DASH}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?", _point),
    _rule(
        rf"\b(?:from|between)\s+(?P<m>{MONTH_FULL})(?:\s+(?P<y>{YEAR}))?{DASH}(?P<m2>{MONTH_FULL})"
        rf"(?:,?\s+(?P<y2>{YEAR}))?\b",
        _point,
    ),  # fmt: skip
    _rule(
        rf"\b(?:(?P<prep>(?i:since))\s+)?(?:(?P<part>{PART_WORDS})[\s-]+)?(?P<m>{MONTH_ANY})(?:\s+of)?,?\s+"
        rf"(?P<y>{YEAR})",
        _point,
    ),  # fmt: skip
    _rule(
        rf"\b(?:(?P<prep>(?i:in|since|from|until|till|by|through|during|throughout|before|after|last|this|next))\s+)?"
        rf"(?:(?P<part>{PART_WORDS})[\s-]+)?(?P<m>{MONTH_FULL})\b(?!\s*[-–]?\s*\d)",
        _point,
    ),  # fmt: skip
    _rule(
        rf"\b(?:(?P<prep>(?i:in|since|from|until|till|by|during|throughout|before|after))\s+)?"
        rf"(?:(?P<part>{PART_WORDS})[\s-]+)?(?P<y>{YEAR})\b(?![-/.]\d)",
        _year,
    ),  # fmt: skip
    _rule(
        rf"\b(?:on|by|since|from|until|till|before)\s+the\s+(?P<d>{DAY})\b(?!\s+(?:of\s+)?{MONTH_ANY})"
        r"(?!\s+(?:floor|anniversary|century|day|time|row|round|place|largest|biggest|year))",
        _point,
    ),  # fmt: skip
    _rule(
        rf"\b(?:(?P<mod>this\s+past|this\s+coming|last|this|next|coming|past)\s+)?(?P<wd>{WEEKDAY})(?:'s|’s)?\b"
        rf"{TIME_OF_DAY}?",
        _weekday_expr,
    ),  # fmt: skip
    _rule(
        r"\b(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow"
        r"|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today)\b",
        _relative_day,
    ),  # fmt: skip
    _rule(rf"\b(?i:after\s+(?P<n>{NUMBER})\s+(?P<unit>nights)\s+of)\b", _nights_before),
    _rule(
        rf"\b(?i:more\s+than\s+(?P<n>{NUMBER})\s+(?P<unit>days|weeks)\s+(?P<dir>earlier|before|prior|ago))\b",
        _more_than_before,
    ),  # fmt: skip
    _rule(ANCHOR_PATTERN, _anchor_day),
    _rule(
        rf"\b(?i:(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|months?|years?)|an?\s+(?P<unit2>fortnight))\s+ago\b",
        lambda m: _ago(m) if m.group("n") else Expression(m.start(), m.end(), "week", offset=-2),
    ),  # fmt: skip
    _rule(
        r"\b(?i:(?P<mod>this|last|next|the\s+past|the\s+last|earlier\s+this|later\s+this)\s+week)\b(?!end)",
        _week,
    ),
    _rule(
        r"\b(?i:(?:over|at|during|on|since)\s+the\s+weekend|(?P<mod>this|last|next|that)\s+weekend)\b",
        _weekend,
    ),
    _rule(
        rf"\b(?i:(?:in|over|during|for)\s+)?the\s+(?i:last|past|previous)\s+(?P<n>{NUMBER})\s+(?P<unit>days|weeks|months)\b",
        _recent,
        re.IGNORECASE,
    ),  # fmt: skip
    _rule(r"\b(?i:in\s+recent\s+(?P<unit>days|weeks))\b", _recent_vague),
    _rule(
        r"\b(?i:(?P<mod>this|last|next|earlier\s+this|later\s+this|the\s+previous|the\s+following|the\s+same)"
        r"\s+(?P<unit>month|year))\b",
        _month_or_year,
    ),  # fmt: skip
    _rule(
        rf"\b(?i:the\s+(?P<which>first|last|final)\s+week\s+of)\s+(?P<m>{MONTH_FULL})(?:,?\s+(?P<y>{YEAR}))?",
        _week_of_month,
    ),  # fmt: skip
    _rule(
        rf"(?:(?P<y>{YEAR})\s+)?(?P<h>{'|'.join(re.escape(n) for n in sorted(HOLIDAY_KEYS, key=len, reverse=True))})"
        rf"(?:,?\s+(?P<y2>{YEAR}))?\b",
        _holiday,
    ),  # fmt: skip
    _rule(
        r"(?<![\d-])(?P<y>(?:19|20)\d{2})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)",
        _iso,
    ),
)


def _with_context(text: str, expr: Expression) -> Expression:
    """Words just before a date: 'from Friday' may be ahead, 'five days from Friday' is a span."""
    before = text[max(0, expr.start - 120) : expr.start]
    sentence = SENTENCE_BREAK.match(before)
    before = before[sentence.end() :] if sentence else before
    forward = STRETCH_FORWARD.search(before)
    if forward and expr.kind in ("point", "weekday"):
        count = number_value(forward.group("n")) or 0
        return _replace(expr, length=count, future=True, mode="upcoming")
    back = STRETCH_BACK.search(before)
    if back and expr.kind in ("point", "weekday"):
        return _replace(expr, length=-(number_value(back.group("n")) or 0))
    if expr.kind == "weekday":
        if not expr.name and WEEKDAY_FUTURE_BEFORE.search(before) and FUTURE_VERB.search(before):
            return _replace(expr, future=True, mode="upcoming")
        return expr
    if expr.kind in ("point", "range", "holiday") and FUTURE_BEFORE.search(before):
        return _replace(expr, future=True)
    if expr.kind in ("point", "holiday") and FUTURE_VERB.search(before):
        return _replace(expr, future=True)
    return expr


def _replace(expr: Expression, length: int | None = None, future: bool = False, mode: str = "") -> Expression:
    name = mode if expr.kind == "weekday" and mode else expr.name
    return Expression(expr.start, expr.end, expr.kind, expr.first, expr.last, expr.offset,
                      expr.length if length is None else length, expr.base, expr.precision, name,
                      expr.future or future)  # fmt: skip


def parse_en(text: str) -> list[Expression]:
    """Date expressions in English text, in order, not overlapping."""
    if not ONLY_IF_DATES.search(text):
        return []
    text = text.translate(DIGITS)
    exprs = [_with_context(text, expr) for expr in scan(text, RULES)]
    return join_ranges(text, attach_weekdays(text, exprs), CONNECTOR, OPENER)
