"""Chinese date expressions: 7月4日, 10月2日晚, 2022年6月, 上周一, 前两天, 次日, 国庆假期, 十月二日, 24日."""

from __future__ import annotations

import re
from collections.abc import Callable

from undeleted.dates.parse import (
    DIGITS,
    Rule,
    attach_weekdays,
    chinese_number,
    join_ranges,
    number_value,
    scan,
)
from undeleted.dates.resolve import HOLIDAYS
from undeleted.dates.spans import Base, Expression, Part, Point, Precision

MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
ARABIC_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:(?P<y>(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年|(?P<yrel>今年|去年|前年|明年))"
WEEKDAY = r"(?:星期|周|礼拜)(?P<wd>[一二三四五六日天])"
TIME_OF_DAY = r"(?:凌晨|清晨|早上|早晨|上午|中午|午间|下午|傍晚|晚上|晚间|夜间|深夜|夜里|零时|零点|晚|夜|早)?"
# 拘留10日, 隔离14日: a term served, not a day of the month.
NOT_A_TERM = "".join(
    f"(?<!{verb})"
    for verb in ("拘留", "拘役", "隔离", "关押", "监禁", "禁闭", "停业", "为期", "长达", "持续")
)
NOT_A_DAY = r"(?![楼线院门房机窗口床车位室栋单元内期版届次道条])"  # 3号楼, 1号线: numbers, not days
NUMBER = r"(?:\d{1,3}|[一二两三四五六七八九十几数]{1,3})"

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
YEAR_OFFSETS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
WEEK_OFFSETS = {"上上": -2, "上个": -1, "上": -1, "本": 0, "这个": 0, "这": 0, "下个": 1, "下": 1}
MONTH_PARTS: dict[str, Part] = {"上旬": "early", "初": "early", "中旬": "mid", "中": "mid", "下旬": "late",
                                "底": "late", "末": "late"}  # fmt: skip
YEAR_PARTS: dict[str, Part] = {"初": "early", "年初": "early", "上半年": "early", "年中": "mid", "底": "late",
                               "末": "late", "年底": "late", "年末": "late", "下半年": "late"}  # fmt: skip
RELATIVE_DAYS = {"大前天": -3, "前天": -2, "前日": -2, "前晚": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1,
                 "昨晨": -1, "今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "今夜": 0, "明天": 1, "明日": 1,
                 "明晚": 1, "明早": 1, "后天": 2}  # fmt: skip
ANCHOR_DAYS = {"当天": 0, "当日": 0, "当晚": 0, "当夜": 0, "同日": 0, "同一天": 0, "同天": 0, "同晚": 0, "次日": 1,
               "翌日": 1, "第二天": 1, "隔天": 1, "隔日": 1, "次晨": 1, "第三天": 2, "前一天": -1, "前一日": -1,
               "前一晚": -1, "头一天": -1, "前夜": -1}  # fmt: skip
RECENT: dict[str, tuple[int, int, Precision]] = {  # first day counted from the reference, length, precision
    "前两天": (-3, 3, "week"), "前几天": (-5, 4, "week"), "这两天": (-1, 2, "week"), "这几天": (-3, 4, "week"),
    "近两天": (-1, 2, "week"), "近几天": (-3, 4, "week"), "最近几天": (-3, 4, "week"), "最近两天": (-1, 2, "week"),
    "近日": (-6, 7, "week"), "日前": (-6, 6, "week"), "连日来": (-6, 7, "week"), "连日": (-6, 7, "week"),
    "这些天": (-6, 7, "week"), "过去一周": (-6, 7, "week"), "近一周": (-6, 7, "week"), "这一周": (-6, 7, "week"),
    "几天前": (-5, 4, "week"), "数日前": (-5, 4, "week"), "数天前": (-5, 4, "week"), "近期": (-29, 30, "month"),
}  # fmt: skip

FUTURE_BEFORE = re.compile(
    r"(?:将于|将在|将从|将自|将|定于|计划于|计划在|计划|预计于|预计|拟于|拟|最迟|最晚|从|自|须在|须于|需在|要求)\s*$"
)
FUTURE_AFTER = re.compile(r"^\s*(?:起|开始|前|以前|之前|为止)")
CONNECTOR = re.compile(r"\s*(?:至|到|—|－|-|~|～|–|——)\s*")
ONLY_IF_DATES = re.compile(r"[\d月日号年周星拜天晚夜早今昨明前后当次翌隔近连节元春除宵端午秋清五十国]")


def _day(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else chinese_number(word)


def _year(match: re.Match[str]) -> tuple[int | None, int | None]:
    groups = match.groupdict()
    year = groups.get("y")
    value = (int(year) if year.isdigit() else chinese_number(year)) if year else None
    relative = groups.get("yrel")
    return value, (YEAR_OFFSETS[relative] if relative else None)


def _point(match: re.Match[str]) -> Expression | None:
    groups = match.groupdict()
    year, year_offset = _year(match)
    month = _day(groups.get("m"))
    day = _day(groups.get("d"))
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    written = groups.get("wd") or groups.get("wd2")  # 7月9日（周六）, 7月9日(六)
    weekday = WEEKDAYS[written] if written else None
    part = MONTH_PARTS.get(groups.get("part") or "")
    first = Point(year=year, month=month, day=day, weekday=weekday, part=part, year_offset=year_offset)
    if groups.get("d2"):
        day2 = _day(groups["d2"])
        month2 = _day(groups.get("m2")) or month
        if day2 is None or day is None or (month2 == month and day2 <= day):
            return None
        last = Point(year=year, month=month2, day=day2, year_offset=year_offset)
        return Expression(match.start(), match.end(), "range", first=first, last=last)
    return Expression(match.start(), match.end(), "point", first=first)


def _day_only(match: re.Match[str]) -> Expression | None:
    groups = match.groupdict()
    day = _day(groups["d"])
    if day is None or not 1 <= day <= 31:
        return None
    weekday = WEEKDAYS[groups["wd"]] if groups.get("wd") else None
    relative = groups.get("rel")
    month_offset = None
    if relative:
        month_offset = -1 if relative.startswith("上") else 1 if relative.startswith("下") else 0
    first = Point(day=day, weekday=weekday, month_offset=month_offset)
    return Expression(match.start(), match.end(), "point", first=first, future=month_offset == 1)


def _year_only(match: re.Match[str]) -> Expression:
    year, year_offset = _year(match)
    part = YEAR_PARTS.get(match.group("part") or "")
    return Expression(
        match.start(), match.end(), "point", first=Point(year=year, year_offset=year_offset, part=part)
    )


def _weekday(match: re.Match[str]) -> Expression:
    modifier = match.group("mod")
    offset = WEEK_OFFSETS[modifier] if modifier else None
    first = Point(weekday=WEEKDAYS[match.group("wd")])
    return Expression(match.start(), match.end(), "weekday", first=first, offset=offset,
                      future=offset is not None and offset > 0)  # fmt: skip


def _week(match: re.Match[str]) -> Expression:
    modifier = match.group("mod") or "这"
    offset = WEEK_OFFSETS[modifier]
    kind = "weekend" if match.group("end") else "week"
    return Expression(match.start(), match.end(), kind, offset=offset, future=offset > 0)  # type: ignore[arg-type]


def _month_relative(match: re.Match[str]) -> Expression:
    word = match.group("mod")
    offset = -1 if word.startswith("上") else 1 if word.startswith("下") else 0
    part = MONTH_PARTS.get(match.group("part") or "")
    return Expression(match.start(), match.end(), "month", first=Point(part=part), offset=offset,
                      base="anchor" if word == "当月" else "reference", future=offset > 0)  # fmt: skip


def _relative_day(match: re.Match[str]) -> Expression:
    offset = RELATIVE_DAYS[match.group("w")]
    return Expression(match.start(), match.end(), "days", offset=offset, future=offset > 0)


def _anchor_day(match: re.Match[str]) -> Expression:
    word = match.group("w")
    base: Base = (
        "story" if word.startswith("事发") else "anchor"
    )  # 事发当晚: the night of the incident itself
    return Expression(
        match.start(), match.end(), "days", offset=ANCHOR_DAYS[word.removeprefix("事发")], base=base
    )


def _days_apart(match: re.Match[str]) -> Expression | None:
    count = number_value(match.group("n"))
    if match.group("n") in ("几", "数") or count is None:
        return None
    if match.group("dir") == "后":
        return Expression(match.start(), match.end(), "days", offset=count, base="anchor")
    return Expression(match.start(), match.end(), "days", offset=-count)


def _recent(match: re.Match[str]) -> Expression:
    if match.group("n"):
        count = number_value(match.group("n")) or 3
        return Expression(
            match.start(), match.end(), "days", offset=-(count - 1), length=count, precision="week"
        )
    first, length, precision = RECENT[match.group("w")]
    return Expression(match.start(), match.end(), "days", offset=first, length=length, precision=precision)


HOLIDAY_KEYS: dict[str, str] = HOLIDAYS["names"]["zh"]


def _holiday(match: re.Match[str]) -> Expression:
    year, year_offset = _year(match)
    return Expression(match.start(), match.end(), "holiday", first=Point(year=year, year_offset=year_offset),
                      name=HOLIDAY_KEYS[match.group("h")])  # fmt: skip


def _iso(match: re.Match[str]) -> Expression:
    point = Point(year=int(match.group("y")), month=int(match.group("m")), day=int(match.group("d")))
    return Expression(match.start(), match.end(), "point", first=point)


def _rule(pattern: str, build: Callable[[re.Match[str]], Expression | None]) -> Rule:
    return Rule(re.compile(pattern), build)


HOLIDAY_NAMES = "|".join(re.escape(name) for name in sorted(HOLIDAY_KEYS, key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    _rule(
        rf"(?:{YEAR}\s*)?(?<!\d)(?P<m>{MONTH})\s*月\s*(?P<d>{DAY})\s*[日号]{NOT_A_DAY}"
        rf"(?:\s*[（(]?\s*{WEEKDAY}\s*[）)]?|\s*[（(](?P<wd2>[一二三四五六日天])[）)])?{TIME_OF_DAY}",
        _point,
    ),  # fmt: skip
    _rule(
        rf"(?:{YEAR}\s*)?(?<!\d)(?P<m>{MONTH})\s*月\s*(?P<d>{DAY})\s*[日号]?\s*(?:至|到|—|－|-|~|～|–|、|和)\s*"
        rf"(?:(?P<m2>{MONTH})\s*月\s*)?(?P<d2>{DAY})\s*[日号]{NOT_A_DAY}{TIME_OF_DAY}",
        _point,
    ),  # fmt: skip
    _rule(
        rf"(?<![\d第每近前后连续个])(?P<d>{ARABIC_DAY})\s*[日号]?\s*(?:至|到|—|－|~|～|、|和)\s*"
        rf"(?P<d2>{ARABIC_DAY})\s*[日号]{NOT_A_DAY}{TIME_OF_DAY}",
        _point,
    ),  # fmt: skip
    _rule(rf"(?:{YEAR}\s*)?(?<![\d个])(?P<m>{MONTH})\s*月份?(?P<part>上旬|中旬|下旬|初|底|末|中)?", _point),
    _rule(
        r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年(?P<part>初|底|末|年初|年底|年末|年中|上半年|下半年)?", _year_only
    ),
    _rule(r"(?P<yrel>今年|去年|前年|明年)(?P<part>初|底|末|年初|年底|年末|年中|上半年|下半年)?", _year_only),
    _rule(
        rf"(?P<rel>本月|这个月|这月|当月|上个月|上月|下个月|下月)?(?<![\d第每近前后连续个]){NOT_A_TERM}(?P<d>{ARABIC_DAY})\s*[日号]"
        rf"{NOT_A_DAY}(?:\s*[（(]\s*{WEEKDAY}\s*[）)])?{TIME_OF_DAY}",
        _day_only,
    ),  # fmt: skip
    _rule(
        rf"(?P<rel>本月|这个月|这月|当月|上个月|上月|下个月|下月)(?P<d>{DAY})\s*[日号]{TIME_OF_DAY}",
        _day_only,
    ),
    _rule(
        rf"(?<![一两三四五六七八九十几每逢])(?P<mod>上上|上个|上|本|这个|这|下个|下)?{WEEKDAY}(?![年次遍回])"
        rf"{TIME_OF_DAY}",
        _weekday,
    ),  # fmt: skip
    _rule(
        r"(?P<mod>上上|上个|上|本|这个|这|下个|下)(?:周|星期|礼拜)(?P<end>末)?(?![一二三四五六日天])", _week
    ),
    _rule(r"(?<![上本这下个每])(?P<mod>)周(?P<end>末)", _week),
    _rule(
        r"(?P<mod>本月|这个月|这月|当月|上个月|上月|下个月|下月)(?P<part>初|底|末|中旬|上旬|下旬)?",
        _month_relative,
    ),
    _rule(
        rf"(?P<w>{'|'.join(sorted(RELATIVE_DAYS, key=len, reverse=True))})(?!头条){TIME_OF_DAY}",
        _relative_day,
    ),
    _rule(
        rf"(?P<w>(?:事发)?(?:{'|'.join(sorted(ANCHOR_DAYS, key=len, reverse=True))}))"
        rf"(?:晚上|上午|下午|中午|凌晨|早上|夜里|深夜)?",
        _anchor_day,
    ),  # fmt: skip
    _rule(rf"(?P<n>{NUMBER})\s*(?:个)?[天日](?P<dir>前|后|之后|以后)", _days_apart),
    _rule(
        rf"(?P<w>{'|'.join(sorted(RECENT, key=len, reverse=True))})|(?:过去|近|最近)(?P<n>{NUMBER})\s*天",
        _recent,
    ),  # fmt: skip
    _rule(rf"(?:{YEAR}\s*)?(?P<h>{HOLIDAY_NAMES})", _holiday),
    _rule(
        r"(?<![\d-])(?P<y>(?:19|20)\d{2})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)",
        _iso,
    ),
)


def _with_context(text: str, expr: Expression) -> Expression:
    """将于7月4日, 从明天起, 6月6日前: a date written as ahead of the reference."""
    if expr.kind not in ("point", "range", "holiday", "weekday") or expr.future:
        return expr
    before = text[max(0, expr.start - 12) : expr.start]
    after = text[expr.end : expr.end + 6]
    if FUTURE_BEFORE.search(before) or (expr.kind != "weekday" and FUTURE_AFTER.match(after)):
        return Expression(expr.start, expr.end, expr.kind, expr.first, expr.last, expr.offset, expr.length,
                          expr.base, expr.precision, expr.name, True)  # fmt: skip
    return expr


def parse_zh(text: str) -> list[Expression]:
    """Date expressions in Chinese text, in order, not overlapping."""
    if not ONLY_IF_DATES.search(text):
        return []
    text = text.translate(DIGITS)
    exprs = [_with_context(text, expr) for expr in scan(text, RULES)]
    return join_ranges(text, attach_weekdays(text, exprs), CONNECTOR)
