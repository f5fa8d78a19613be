"""Chinese numerals and head counts: 186名居民, 一百八十六人, 二三百人, 上百人, 数千名 → min/max/size."""

from __future__ import annotations

import re
from typing import cast

from undeleted.extract.lexicon import Lexicon
from undeleted.extract.participants import size_band
from undeleted.models import Participants
from undeleted.vocab import ParticipantSize

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000}
NUMERAL = r"(?:\d[\d,，]*(?:\.\d+)?[万千]?|[零〇一二两三四五六七八九十百千万]+)"
PEOPLE = (
    r"(?:人|居民|村民|市民|民众|群众|工人|员工|职工|农民工|学生|大学生|业主|储户|退休人员|退休职工|老人|"
    r"家长|乘客|司机|商户|摊贩|农民|网民|网友|示威者|抗议者|教师|老师|护士|医生|骑手)"
)
NOT_AFTER = r"(?<![数几上成好\d零〇一二两三四五六七八九十百千万])"  # not inside another numeral
# 二三百人, 两三千名, 200至300人, 二百到三百名
RANGE = re.compile(
    rf"{NOT_AFTER}(?P<pair>[一二两三四五六七八九]{{2}})(?P<unit>十|百|千|万)(?:多|余)?(?:名|位|个)?{PEOPLE}"
    rf"|(?P<low>{NUMERAL})(?:至|到|-|–|—|~|～)(?P<high>{NUMERAL})(?:名|位|个)?{PEOPLE}"
)
# 186名居民, 约140人, 一百多名工人, 十来个人, 2000余人
COUNT = re.compile(
    rf"(?P<qualifier>约|大约|近|将近|接近|超过|逾|至少|少说有|起码|共有|共)?{NOT_AFTER}(?P<number>{NUMERAL})"
    rf"(?P<approx>多|余|来)?(?:(?:名|位)[^，。,；、\d]{{0,6}}?{PEOPLE}|人(?!民)|个{PEOPLE})"
)
OPEN_QUALIFIERS = ("超过", "逾", "至少", "少说有", "起码")


def chinese_number(word: str) -> int | None:
    """'186' → 186, '一百八十六' → 186, '两千' → 2000, '1.2万' → 12000, '十' → 10; else None."""
    word = word.replace(",", "").replace("，", "")
    if not word:
        return None
    if word[0].isdigit():
        multiplier = UNITS.get(word[-1], 1)
        digits = word.rstrip("万千")
        try:
            return int(round(float(digits) * multiplier))
        except ValueError:
            return None
    return _chinese_numeral(word)


def _chinese_numeral(word: str) -> int | None:
    total, section, digit = 0, 0, None
    for char in word:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            unit = UNITS[char]
            if unit == 10_000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return total + section + (digit or 0)


def find_head_count(text: str, lexicon: Lexicon | None = None) -> Participants:
    """Participants stated in Chinese text: a range, a count, else a crowd word from zh.sizes.tsv."""
    match = RANGE.search(text)
    if match:
        low, high = _range(match)
        if low and high and low < high:
            return Participants(min=low, max=high, size=size_band(high))
    for match in COUNT.finditer(text):
        value = chinese_number(match.group("number"))
        if not value:
            continue
        open_ended = match.group("approx") in ("多", "余") or match.group("qualifier") in OPEN_QUALIFIERS
        return Participants(min=value, max=None if open_ended else value, size=size_band(value))
    if lexicon is not None:
        for rule in lexicon["sizes"]:
            if rule.pattern.search(text):
                size, least, most = (rule.labels + ("-", "-", "-"))[:3]
                return Participants(min=_bound(least), max=_bound(most), size=cast(ParticipantSize, size))
    return Participants()


def _range(match: re.Match[str]) -> tuple[int | None, int | None]:
    if match.group("pair"):
        unit = UNITS[match.group("unit")]
        pair = match.group("pair")  # two digit characters: 三四百 is 300 to 400
        return DIGITS[pair[0]] * unit, DIGITS[pair[1]] * unit
    return chinese_number(match.group("low")), chinese_number(match.group("high"))


def _bound(value: str) -> int | None:
    return int(value) if value.isdigit() else None


DEAD = re.compile(
    rf"(?P<number>{NUMERAL})(?:名|位|个)?(?:人|学生|工人|居民|村民|乘客)?(?:死亡|遇难|身亡|丧生|罹难|不幸离世)"
)
HURT = re.compile(rf"(?P<number>{NUMERAL})(?:名|位|个)?(?:人|学生|工人|居民|村民|乘客)?(?:受伤|轻伤|重伤|伤)")
HURT_UNCOUNTED = re.compile(r"受伤|打伤|伤者|头破血流|全是血")


def find_casualties(text: str) -> tuple[int, int | None]:
    """(fatalities, injuries) stated in Chinese text; injuries None when people were hurt but not counted."""
    fatalities = 0
    match = DEAD.search(text)
    if match:
        fatalities = chinese_number(match.group("number")) or 0
    injuries: int | None = 0
    match = HURT.search(text)
    if match and chinese_number(match.group("number")):
        injuries = chinese_number(match.group("number"))
    elif HURT_UNCOUNTED.search(text):
        injuries = None
    return fatalities, injuries
