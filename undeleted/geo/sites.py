"""Find named sites below county level (communities, streets, factories, parks) in text."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

LEADING_WORDS_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "by",
        "from",
        "to",
        "of",
        "and",
        "or",
        "but",
        "as",
        "when",
        "while",
        "after",
        "before",
        "residents",
        "police",
        "workers",
        "protesters",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# Characters after which a Chinese site name starts: particles, verbs of motion, division suffixes.
BREAKS_ZH = "的在和与及到从于是了向对把被为将由等往至赴位处省市区县"
CAP_EN = r"[A-Z0-9][\w'\u2019&.-]*"
# A break character that starts one of these words is inside the name (市政广场, 市场, 县城广场; not 市政府).
BOUND_BREAKS_ZH = ("市政广场", "市政大楼", "市场", "县城", "区域")
# Words of motion or position that open a clause and stand before a site's name (来自嘉积镇, 位于城南街道).
LEADING_ZH = re.compile(r"(?:来自|位于|前往|来到|途经|经过|回到|去往|赶到|赶往|聚集)")
# A kind word followed by these characters is part of another noun (村民 villagers, 村委 committee).
BOUND_AFTER_ZH = {"村": "民委", "乡": "亲民", "镇": "民", "厂": "方", "街": "坊头"}
# Names that start with a quantifier or demonstrative name no site (一个小区, 多家医院, 部分村).
NOT_NAME_ZH = re.compile(
    r"^(?:[一两几多数各每某该此这那本其]|部分|附近)|[一几多某这那][个家处所座栋]"
    r"|(?:返乡|家乡|下乡|城乡|故乡|老乡|回乡|同乡|道路|出路|一路|半路|思路|走路|上路|马路)$"
)  # words, not sites


@dataclass(frozen=True)
class SiteWords:
    """Nouns that end a site name, per language."""

    by_language: dict[str, tuple[str, ...]]

    @classmethod
    def from_package(cls) -> SiteWords:
        text = resources.files("undeleted").joinpath("data/geo_sites.tsv").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        words: dict[str, list[str]] = {}
        for row in csv.DictReader(lines, delimiter="\t"):
            words.setdefault(row["language"], []).append(row["word"])
        return cls(
            {language: tuple(sorted(found, key=len, reverse=True)) for language, found in words.items()}
        )


def _english_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    kinds = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
    name = rf"{CAP_EN}(?:\s+{CAP_EN}){{0,5}}"
    return re.compile(
        rf"\b(?:{name}\s+(?i:{kinds})\b|(?:University|College|Bank|Hospital) of (?:the )?{name})"
    )


def _chinese_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    kinds = "|".join(re.escape(word) for word in words)
    return re.compile(rf"[\u4e00-\u9fff0-9]{{1,12}}?(?:{kinds})(?:{kinds})?")


def _trim_english(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        match = re.match(r"([\w'\u2019]+)\s+", text[start:end])
        if match is None or match.group(1).lower() not in LEADING_WORDS_EN:
            return start, end
        start += match.end()


def _trim_chinese(text: str, start: int, end: int, words: tuple[str, ...]) -> tuple[int, int]:
    span = text[start:end]
    for index in range(len(span) - 1, -1, -1):
        if span[index] in BREAKS_ZH and not span.startswith(BOUND_BREAKS_ZH, index):
            rest = span[index + 1 :]
            if rest in words:  # "在小区", "进了园区": a bare kind names no site
                return end, end
            if len(rest) >= 2:
                start += index + 1
                break
    leading = LEADING_ZH.match(text, start, end)
    return (leading.end() if leading and end - leading.end() >= 2 else start), end


def find_sites(text: str, language: str, words: SiteWords | None = None) -> list[tuple[int, int, str]]:
    """(start, end, surface) of site names: "Tianyu Phoenix City community", "桃南社区", "Zhongshan Park".

    `words` defaults to the lists shipped in undeleted/data/geo_sites.tsv.
    """
    words = words or SiteWords.from_package()
    found: list[tuple[int, int, str]] = []
    if language == "zh":
        kinds = words.by_language.get("zh", ())
        pattern, position = _chinese_pattern(kinds), 0
        while (match := pattern.search(text, position)) is not None:
            position, match_end = match.end(), match.end()
            if text[match_end : match_end + 1] in BOUND_AFTER_ZH.get(text[match_end - 1], "") != "":
                match_end -= 1  # 村民, 村委: the last kind word belongs to another noun
                if not text[match.start() : match_end].endswith(kinds):
                    position += 1
                    continue
            start, end = _trim_chinese(text, match.start(), match_end, kinds)
            if end > start and text[start:end] not in kinds and not NOT_NAME_ZH.search(text[start:end]):
                found.append((start, end, text[start:end]))
        return found
    for match in _english_pattern(words.by_language.get("en", ())).finditer(text):
        start, end = _trim_english(text, match.start(), match.end())
        if end - start > 0 and text[start:end].split()[0][:1].isupper():
            found.append((start, end, text[start:end]))
    return found
