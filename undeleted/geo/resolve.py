"""Find division names in text and resolve them, in context, to one division."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from undeleted.geo.gazetteer import MUNICIPALITIES, Division, Gazetteer, NameEntry

# A name followed by one of these is a street, park or community named after the place, not the place.
STREET_AFTER_EN = re.compile(
    r"(?:\s+(?:middle|east|west|north|south|central|upper|lower))?"
    r"\s+(?:road|rd\b|street|st\b|avenue|ave\b|lane|alley|lu\b|jie\b|dajie|park|boulevard|"
    r"community|compound|residential|subdistrict)\b",
    re.IGNORECASE,
)
STREET_AFTER_ZH = re.compile(
    r"(?:[东西南北中]{0,2}路(?![口边上旁面])|大街|街(?![道头上边])|大道|公园|巷|胡同|里弄|社区|小区|新村)"
)  # not 街头, 路口
# A name that starts an organisation's, a product's or a dish's name is not where anything happens:
# "the Kashgar Youth Union", "a Lanzhou noodle restaurant in Shenzhen", "兰州拉面馆", "湖北同乡会".
NAMED_AFTER_EN = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,3}?\s+(?:Youth|Union|Association|Federation|Front|Society|Club|Alliance|League"
    r"|Movement|Foundation|Brotherhood|Forum|Network|Organi[sz]ation|Collective|Team|FC|News|Daily|Times|Post|Herald"
    r"|Evening|Morning|Youth Daily|Radio|Television|TV|Weekly|Tribune|Observer)(?![\w-])(?!\s+[A-Z])"
    r"|\s+(?i:(?:beef\s+)?noodles?|lamian|ramen|roast\s+duck|duck|hot\s?pot|beer|brewery|cuisine|snacks?|dumplings|baijiu)\b"
)
NAMED_AFTER_ZH = re.compile(
    r"(?:同乡会|老乡会|商会|俱乐部|[足篮排]?球队|(?:牛肉)?拉面|小面|烤鸭|火锅|啤酒|小吃|米粉|热干面|酸辣粉|凉皮|肉夹馍|菜馆)"
)
# A name right after a surname and before what a person does is a person's given name: "Li Jilin, a lawyer",
# "王海南说".
SURNAMES = (
    "Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|Lin|Gao|Luo|Zheng|Liang|Xie|Song"
    "|Tang|Han|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Du|Ye|Cheng|Wei|Su|Lu|Ding|Ren|Shen"
    "|Yao|Jin|Fu|Zhong|Cui|Tan|Fan|Qin|Mao|Bai"
)
PERSON_BEFORE_EN = re.compile(rf"(?<![\w-])(?:{SURNAMES})\s$")
PERSON_BEFORE_ZH = re.compile(
    r"[王李张刘陈杨黄赵吴周徐孙朱胡郭林高罗郑梁谢宋唐韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢金傅钟崔谭范汪秦毛白]$"
)
PERSON_AFTER_ZH = re.compile(r"(?:先生|女士|老师|律师|医生|说|表示|称|告诉|透露)")
TITLE_BEFORE_ZH = re.compile(r"(?:教授|讲师|老师|律师|医生|院长|校长|主任)$")
# A bare county name is evidence of its county inside a hashtag (#宁乡一中#) or before a school or a
# county body (宁乡一中, 宁乡县委).
HASHTAG_ZH = re.compile(r"#[^#\s][^#\n]{0,60}#")
HASHTAG_EN = re.compile(r"#[A-Za-z][\w]*")
# A name inside a title in book marks (《南充市拆迁补偿办法》, 《北京青年报》) names a rule or a paper, not a place.
BOOK_TITLE = re.compile(r"《[^》\n]{1,60}》")
INSTITUTION_AFTER_ZH = re.compile(
    r"(?:[一二三四五六七八九]中|实验中学|中学|小学|高中|职校|职业|人民医院|中医院|县委|县政府|市委|市政府|公安局|法院)"
)
# A bare county name right after a word that says where (在昌平, 到金山, 前往昌平) or before the people or bodies
# of a place (金山居民, 昌平警方) names that county.
# The name must end a word there: not 在江陵坝村 (a village named after it), not 村民和居民.
LOCATIVE_BEFORE_ZH = re.compile(r"(?:在|于|赴|到|去|往|来自|前往|位于)$")
LOCATIVE_AFTER_ZH = re.compile(
    r"(?:[^\u4e00-\u9fff]|被|的|等|时|后|期间|一带|附近|街头|境内|城区|市区|打工|居住)"
)
PEOPLE_AFTER_ZH = re.compile(r"(?:居民|村民|市民|业主|警方|公安|一带|境内|城区)")
# What may stand between a name and the larger division that qualifies it: "Pucheng county, Shaanxi".
QUALIFIER_GAP = re.compile(
    r"[\s,，、()（）]*(?:(?:county|district|city|province|prefecture|region|in|of|县|区|市|省)[\s,，、()（）]*)?",
    re.IGNORECASE,
)
# A report that speaks of "the county" in its own words (全县, 我县, 县疫情防控指挥部) is a county's report: a
# bare name of a county (a 县 or 旗) opening a clause in it names that county.
HAN = re.compile(r"[\u4e00-\u9fff]")
COUNTY_SELF_ZH = re.compile(r"(?:全|我|本|该)(?:县|旗)|县(?:委|政府|疫情|防疫|城)")
DISTANCE_SCALE = 100  # characters over which a co-mention's support halves
LEVEL_WEIGHT = {"admin1": 0.4, "admin2": 0.3, "admin3": 0.1}


@dataclass(frozen=True)
class PlaceMention:
    """A division name found in text. `explicit` is False for bare county names (海淀, Putuo)."""

    start: int
    end: int
    surface: str
    candidates: tuple[Division, ...]
    explicit: bool = True


def _fold(text: str) -> str:
    """Lower-case without changing offsets; curly apostrophes become straight ones."""
    folded = text.lower().replace("\u2019", "'")
    if len(folded) == len(text):
        return folded
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text).replace("\u2019", "'")


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-'")


def _is_latin_key(key: str) -> bool:
    return key[:1].isascii()


def _accept(text: str, start: int, end: int, entry: NameEntry) -> bool:
    if not _is_latin_key(entry.key):
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if after == "'" and text[end : end + 2].lower() == "'s":
        after = " "
    if before == "#" and (after == " " or after.isupper() or after.isdigit() or not _is_word_char(after)):
        return text[start].isupper()  # #NingxiangNo1School: a name that starts a hashtag's words
    return not _is_word_char(before) and not _is_word_char(after) and text[start].isupper()


def _is_street(text: str, end: int, entry: NameEntry) -> bool:
    pattern = STREET_AFTER_EN if _is_latin_key(entry.key) else STREET_AFTER_ZH
    return pattern.match(text, end) is not None


def _in_a_name(text: str, start: int, end: int, entry: NameEntry) -> bool:
    """Whether the place name is part of an organisation's or product's name."""
    if _is_latin_key(entry.key):
        return NAMED_AFTER_EN.match(text, end) is not None
    return NAMED_AFTER_ZH.match(text, end) is not None


def _person(text: str, start: int, end: int, entry: NameEntry) -> bool:
    """Whether the place name is a person's name: after a surname ("Li Jilin", 王海南说) or a title (教授沈阳)."""
    if _is_latin_key(entry.key):
        return PERSON_BEFORE_EN.search(text, max(0, start - 12), start) is not None
    return TITLE_BEFORE_ZH.search(text, max(0, start - 3), start) is not None or (
        PERSON_BEFORE_ZH.search(text, max(0, start - 1), start) is not None
        and PERSON_AFTER_ZH.match(text, end) is not None
    )


def _evidence(
    text: str, start: int, end: int, entry: NameEntry, hashtags: list[tuple[int, int]], county_report: bool
) -> bool:
    """Whether a bare county name counts as naming its county: in a hashtag, before a school or body, or
    in a county's own report."""
    if any(first <= start and end <= last for first, last in hashtags):
        return True
    if _is_latin_key(entry.key):
        return False
    opens_clause = start == 0 or HAN.match(text[start - 1]) is None  # "！仙居全面…", not "居民和外地"
    if (
        county_report
        and opens_clause
        and all(division.name_zh.endswith(("县", "旗")) for division in entry.divisions)
    ):
        return True
    return (
        INSTITUTION_AFTER_ZH.match(text, end) is not None
        or (opens_clause and PEOPLE_AFTER_ZH.match(text, end) is not None)
        or (
            LOCATIVE_BEFORE_ZH.search(text, max(0, start - 2), start) is not None
            and LOCATIVE_AFTER_ZH.match(text + "。", end) is not None
        )
    )


def find_places(text: str, gazetteer: Gazetteer, language: str = "en") -> list[PlaceMention]:
    """Division names in `text`, longest first and not overlapping, streets and blocked words left out.

    Chinese and English names are both looked for whatever `language` says (reports mix scripts).
    """
    folded = _fold(text)
    found: list[tuple[int, int, NameEntry]] = []
    for last, entry in gazetteer.automaton.iter(folded):
        start, end = last - len(entry.key) + 1, last + 1
        if _accept(text, start, end, entry):
            found.append((start, end, entry))
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    mentions: list[PlaceMention] = []
    hashtags = [match.span() for pattern in (HASHTAG_ZH, HASHTAG_EN) for match in pattern.finditer(text)]
    county_report = COUNTY_SELF_ZH.search(text) is not None
    titles = [match.span() for match in BOOK_TITLE.finditer(text)]
    persons: set[str] = set()  # names the report gives a person: each of their uses is that person
    cursor = 0
    for start, end, entry in found:
        if start < cursor:
            continue
        cursor = end
        if entry.kind != "place" or _is_street(text, end, entry) or _in_a_name(text, start, end, entry):
            continue
        if any(first < start and end < last for first, last in titles):
            continue
        if _person(text, start, end, entry):
            persons.add(text[start:end])
            continue
        explicit = entry.explicit or _evidence(text, start, end, entry, hashtags, county_report)
        mentions.append(PlaceMention(start, end, text[start:end], entry.divisions, explicit))
    return qualify_mentions(text, [mention for mention in mentions if mention.surface not in persons])


def qualify_mentions(text: str, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """A homonym next to a larger division that holds one of its meanings keeps only those meanings
    ("Pucheng county, Shaanxi", 陕西蒲城), and the document's other bare uses of that name follow it."""
    narrowed = list(mentions)
    settled: dict[frozenset[str], tuple[Division, ...]] = {}  # a homonym's meanings → the one settled
    for index, mention in enumerate(mentions):
        if len(mention.candidates) < 2:
            continue
        for other in _qualifiers(text, mentions, index):
            inside = tuple(
                item
                for item in mention.candidates
                if any(outer.adcode != item.adcode and contains(outer, item) for outer in other.candidates)
            )
            if inside:
                narrowed[index] = PlaceMention(mention.start, mention.end, mention.surface, inside, True)
                settled.setdefault(frozenset(item.adcode for item in mention.candidates), inside)
                break
    for index, mention in enumerate(narrowed):
        meaning = settled.get(frozenset(item.adcode for item in mention.candidates))
        if meaning and len(mention.candidates) > len(meaning):
            narrowed[index] = PlaceMention(
                mention.start, mention.end, mention.surface, meaning, mention.explicit
            )
    return narrowed


def _qualifiers(text: str, mentions: Sequence[PlaceMention], index: int) -> list[PlaceMention]:
    """The mentions right before or after mention `index`, with only a suffix or comma between."""
    found = []
    for neighbour in (index - 1, index + 1):
        if not 0 <= neighbour < len(mentions):
            continue
        first, second = sorted((mentions[index], mentions[neighbour]), key=lambda item: item.start)
        gap = text[first.end : second.start]
        if len(gap) <= 25 and QUALIFIER_GAP.fullmatch(gap):
            found.append(mentions[neighbour])
    return found


def contains(outer: Division, inner: Division) -> bool:
    """True when `inner` is `outer` or lies inside it (by code)."""
    if outer.level == "admin1":
        return inner.adcode[:2] == outer.adcode[:2]
    if outer.level == "admin2":
        return inner.adcode[:4] == outer.adcode[:4]
    return inner.adcode == outer.adcode


def _closeness(candidate: Division, other: Division) -> float:
    """How much a co-mentioned division supports a candidate."""
    if candidate.adcode == other.adcode:
        return 0.0
    if contains(other, candidate):
        return 2.0
    if contains(candidate, other):
        return 1.0
    if candidate.parent and candidate.parent == other.parent:
        return 0.5
    if candidate.adcode[:2] == other.adcode[:2]:
        return 0.25
    return 0.0


def _prior_closeness(candidate: Division, prior: Division | None) -> float:
    if prior is None:
        return 0.0
    if candidate.adcode == prior.adcode:
        return 2.0
    return _closeness(candidate, prior) * 0.75


def _base(candidate: Division) -> float:
    capital = candidate.adcode[2:4] == "01" or candidate.adcode[:2] in MUNICIPALITIES
    return LEVEL_WEIGHT[candidate.level] + (0.05 if capital else 0.0) - (0.5 if candidate.obsolete else 0.0)


def _support(candidate: Division, index: int, mentions: Sequence[PlaceMention]) -> float:
    """Support from the other mentions; ambiguous and distant ones count less."""
    mention = mentions[index]
    total = 0.0
    for other_index, other in enumerate(mentions):
        if other_index == index or not other.candidates:
            continue
        weight = 1.0 if len({item.adcode[:4] for item in other.candidates}) == 1 else 0.5
        gap = max(0, other.start - mention.end, mention.start - other.end)
        weight /= 1.0 + gap / DISTANCE_SCALE
        total += weight * max(_closeness(candidate, item) for item in other.candidates)
    return total


def resolve_mentions(
    mentions: Sequence[PlaceMention], prior: Division | None = None
) -> list[Division | None]:
    """The division each mention means, chosen by the other mentions, then the prior, then importance.

    A bare county name (not explicit) resolves only when something else supports it; else None.
    """
    resolved: list[Division | None] = []
    for index, mention in enumerate(mentions):
        best: Division | None = None
        best_score = float("-inf")
        best_context = 0.0
        for candidate in mention.candidates:
            context = _support(candidate, index, mentions) + _prior_closeness(candidate, prior)
            score = context + _base(candidate)
            if score > best_score:
                best, best_score, best_context = candidate, score, context
        by_code = {candidate.adcode: candidate for candidate in mention.candidates}
        if best is not None and best.parent in by_code:
            best = by_code[best.parent]  # 长沙 is the city of 长沙, not the 长沙县 inside it
        resolved.append(best if mention.explicit or best_context > 0 else None)
    return resolved


def resolve_places(mentions: Sequence[PlaceMention], prior: Division | None = None) -> Division | None:
    """The most precise division consistent with most mentions of a stretch of text.

    With no usable mention the prior is returned. Ties go to the division mentioned first.
    """
    resolved = [
        (mention.start, division)
        for mention, division in zip(mentions, resolve_mentions(mentions, prior), strict=True)
        if division is not None
    ]
    if not resolved:
        return prior

    def rank(item: tuple[int, Division]) -> tuple[int, int]:
        start, division = item
        group = sum(1 for _, other in resolved if contains(other, division))
        if prior is not None and contains(prior, division):
            group += 1
        return (group, -start)

    return max(resolved, key=rank)[1]


def find_countries(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of the countries and foreign cities named in `text` ("Nepal", "Kathmandu",
    伦敦), China, Hong Kong and Macau excluded, and none inside a division's name ("Inner Mongolia")."""
    taken = [(place.start, place.end) for place in find_places(text, gazetteer)]
    return [
        (start, end, iso)
        for start, end, iso in gazetteer.country_names.find(text, places_only=True)
        if iso not in {"CN", "HK", "MO"} and not any(first < end and start < last for first, last in taken)
    ]
