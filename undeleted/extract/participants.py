"""Participant numbers of an event: stated numbers and crowd words to a size band."""

from __future__ import annotations

import re
from typing import cast

from undeleted.extract.lexicon import Lexicon
from undeleted.models import Participants
from undeleted.vocab import ParticipantSize

NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
PEOPLE = (
    r"(?:people|residents|workers|protesters|students|depositors|villagers|retirees|demonstrators|"
    r"homeowners|buyers|drivers|parents|savers|staff|employees|farmers|traders|participants)"
)
NUMBER = r"(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")"
RANGE = re.compile(
    rf"\b{NUMBER} (?:to|-|–) {NUMBER}\b(?! (?:yuan|days|km|kilometres|minutes|hours|years))", re.I
)
COUNT = re.compile(
    rf"\b(?P<qualifier>about |around |some |nearly |almost |more than |over |at least |roughly )?{NUMBER}"
    rf"(?P<plus>\+)? (?:\w+ ){{0,2}}?{PEOPLE}\b",
    re.I,
)
OPEN_ENDED = ("more than ", "over ", "at least ")


def find_participants(text: str, lexicon: Lexicon) -> Participants:
    """'186 residents' → 186; '200 to 300' → 200–300; 'hundreds' → size band only."""
    match = RANGE.search(text)
    if match and re.search(PEOPLE + r"|crowd|peak", text, re.I):
        low, high = _number(match.group(1)), _number(match.group(2))
        if low and high and low < high:
            return Participants(min=low, max=high, size=size_band(high))
    match = COUNT.search(text)
    if match:
        value = _number(match.group(2))
        if value:
            open_ended = (match.group("qualifier") or "").lower() in OPEN_ENDED or match.group("plus")
            return Participants(min=value, max=None if open_ended else value, size=size_band(value))
    for rule in lexicon["sizes"]:
        if rule.pattern.search(text):
            size, least, most = (rule.labels + ("-", "-", "-"))[:3]
            return Participants(min=_bound(least), max=_bound(most), size=cast(ParticipantSize, size))
    return Participants()


def size_band(count: int) -> ParticipantSize:
    if count <= 1:
        return "individual"
    if count < 10:
        return "small"
    if count < 100:
        return "dozens"
    if count < 1000:
        return "hundreds"
    return "thousands"


def _number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _bound(value: str) -> int | None:
    return int(value) if value.isdigit() else None


DEAD = re.compile(
    rf"\b(?:{NUMBER}|(?P<word>\w+(?:-\w+)?)) (?:people |of them |others )?(?:died|were killed|dead)\b"
    rf"|\bkill(?:ed|ing) {NUMBER} (?:people)?",
    re.I,
)
HURT = re.compile(rf"\b{NUMBER} (?:people |others )?(?:were )?(?:injured|hurt|wounded)\b", re.I)
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def find_casualties(text: str) -> tuple[int, int | None]:
    """(fatalities, injuries) stated in an event's sentences; injuries None when hurt but uncounted."""
    fatalities = 0
    match = DEAD.search(text)
    if match:
        words = [group for group in match.groups() if group]
        fatalities = _compound(words[0]) if words else 0
    injuries: int | None = 0
    match = HURT.search(text)
    if match:
        injuries = _number(match.group(1)) or 0
    elif re.search(r"\b(?:had been|were|was) (?:hurt|injured)\b", text, re.I):
        injuries = None
    return fatalities, injuries


def _compound(word: str) -> int:
    """'27', 'ten', 'twenty-seven' → numbers; anything else → 0."""
    value = _number(word)
    if value is not None:
        return value
    tens, _, unit = word.lower().partition("-")
    if tens in TENS and unit in NUMBER_WORDS:
        return TENS[tens] + NUMBER_WORDS[unit]
    return 0
