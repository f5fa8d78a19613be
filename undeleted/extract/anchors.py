"""Place and date context of each sentence, carried across sentences, paragraphs and bulletin entries."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from undeleted.dates import find_dates
from undeleted.dates.story import StoryYear
from undeleted.extract.hashtags import WEIBO_TAG
from undeleted.extract.lexicon import Lexicon
from undeleted.extract.roles import mask_datelines, names_body, place_role
from undeleted.geo import find_countries, find_places, resolve_mentions, resolve_places
from undeleted.geo.gazetteer import MUNICIPALITIES
from undeleted.geo.sites import find_sites
from undeleted.text.sentences import Sentence

SAME_STORY = timedelta(days=7)
CURRENT = timedelta(days=31)  # a story whose first date is this close to publication is current news
SAID_LAG = timedelta(days=3)  # a statement this soon after the story's day tells of that day's acts
# A flashback ("promised pay the day before") may still date this many characters before its date.
FLASHBACK_REACH = 40
# A notice signed at its foot by the body that issues it ("南充市高坪区江陵镇人民政府" over its date) speaks
# for that body: "我镇", "本县" and its unplaced acts are there.
SIGNATURE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}(?:人民政府|政府|公安局|公安分局|委员会|指挥部|办公室|管理局|办事处|法院|检察院)$"
)
SIGNATURE_LINES = 3  # the last lines of a report where a signature may stand
CLAUSE_BREAK = re.compile(r"[;；]")  # where a sentence's clauses part: each may tell an act on its own day
# Where reported words begin ("…posted an appeal, saying that on 19 February…"): their dates are of what is told
SPEECH_BREAK = re.compile(r"[，,:：]\s*(?:说|称|表示|指出|透露|写道|saying|said|says|writing|wrote)")
CASE_OPENING = re.compile(r"(?:因|就|涉及|涉嫌参与|参与)(?:[^，。；]{0,4})$")
CASE_CLOSING = re.compile(r"[^，。；]{0,30}?(?:一案|案件|事件|一事|案)")
CASE_REACH = 6  # characters between 因 and the date of the case it names
CLAUSE_MARKS = (",", ";", "，", "；", "、", ":", "：", "|", "｜")  # what ends a clause
LIST_ITEM = re.compile(r",?\s+(?:and\s+)?((?:[A-Z0-9][\w'’-]*)(?: [A-Z0-9][\w'’-]*){0,3})(?=,|\s+and\b|\.|$)")
# Between two sites, a second act at the second ("hurled bombs into A Station and set fires in B Station",
# "set fires at A University, they also vandalized B University", "在A小区……，另有B小区"): each site its own.
ANOTHER_ACT = re.compile(r"\b(?:and|also|while)\s+(?:\w+\s+){0,3}?(?:[a-z]+ed|set)\b|另有|同时")
ACT_WORDS = 8  # words between two sites that may tell a second act
COORDINATED = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?|,\s*")
STORY_PARAGRAPHS = 2  # a district first named after these is named in passing
PRECISIONS = ("day", "week", "month", "year")
POSSESSIVE = re.compile(r"['’]s\s+|,\s*|，|的?")  # owned or qualified by the name before: shares its role
# Names listed after one that people came from or go to ("来自奉贤、松江以及浙江平湖") share its role.
LISTED_AFTER = re.compile(r"\s*(?:、|，|,|和|及|以及|与|或|\band\b|\bor\b)\s*", re.IGNORECASE)
AWAY_ROLES = (
    "origin",
    "native",
    "affiliation",
    "destination",
    "named_event",
)  # where people came from, a person's home place or city of work, where something is to move, another event's name
CITY_HALL = re.compile(
    r"\b(?:city|municipal)\s+(?:government|hall|party\s+committee)\b|\bcity\s+hall\b|市政府|市委大院",
    re.IGNORECASE,
)
COORDINATOR = re.compile(r"\s*(?:[,，、]\s*(?:and\s+)?|(?:and\s+|和|及|与|以及))")  # between listed places


@dataclass(frozen=True)
class Anchor:
    """Where and when a sentence happens: a division (from the gazetteer), a site, a date span."""

    division: Any = None
    adcode: str | None = None
    site: str | None = None
    date: Any = None  # undeleted.dates.DateSpan
    date_explicit: bool = False
    place_explicit: bool = False
    country: str | None = None  # ISO code of a country outside China named without a Chinese place
    dates: tuple[tuple[int, int, Any], ...] = ()  # (start, end, span) of the sentence's own date groups
    lead: bool = False  # in the first paragraph of the body, which sums up the story told after it
    sites: tuple[str, ...] = ()  # the sites the sentence itself names, lists included
    place_local: bool = False  # the place was named in this sentence or earlier in its paragraph
    seat: tuple[Any, str | None] | None = None  # (division, adcode) of a government act told here
    seated: bool = False  # the place is the seat of the body that acts (a government act)
    places: tuple[tuple[Any, str | None], ...] = ()  # (division, adcode) of coordinated places ("A, B and C")
    heard: Any = None  # the story's date, when the sentence's own date is only when something was said
    flashbacks: tuple[int, ...] = ()  # which of `dates` are flashbacks, given as the clause that tells them
    # where its clauses part (";") or reported words begin: a date beyond one dates less
    breaks: tuple[int, ...] = ()

    def of_act(self) -> Anchor:
        """The anchor of an act (not a statement): a date that only tells when something was said
        ("44 were arrested, police said Monday") gives way to the story's date."""
        if self.heard is None:
            return self
        return replace(self, date=self.heard, date_explicit=False, dates=(), heard=None)

    def of_state(self) -> Anchor:
        """The anchor of a government act: at the seat of the body that acts."""
        if self.seat is None:
            return self
        division, adcode = self.seat
        return replace(self, division=division, adcode=adcode, place_explicit=True, seat=None, seated=True)

    @property
    def national_seat(self) -> bool:
        """A central body acts here (the State Council, 国家卫健委): its act holds for the whole country."""
        return self.seated and self.division is None

    @property
    def provincial_seat(self) -> bool:
        """A province-level body acts here ("Hebei public security department", 省政府): its act stays at
        the province, not at a prefecture the story names."""
        return self.seated and self.division is not None and self.division.level == "admin1"

    def at(self, start: int, end: int) -> Anchor:
        """The anchor of a trigger at start..end: of several far-apart dates, the nearest one; a flashback
        ("promised payment the previous day") dates only a trigger in its own clause."""
        if len(self.dates) < 2:
            return self

        def distance(index: int) -> tuple[bool, bool, int]:
            first, last, _ = self.dates[index]
            gap = max(first - end, start - last)  # negative: the date lies within the mention
            beyond = any(last <= cut <= start or end <= cut <= first for cut in self.breaks)
            # dates within a sentence-wide mention (the detector's) all lie at no distance: the first one wins
            return (index in self.flashbacks and gap >= 0, beyond, max(gap, 0))

        span = self.dates[min(range(len(self.dates)), key=distance)][2]
        return replace(self, date=span, dates=(), flashbacks=(), breaks=())

    def refined_by(self, other: Anchor) -> Anchor:
        """This anchor completed by another one describing the same episode."""
        result = self
        if self.country and other.adcode:
            result = replace(result, country=None)
        if (
            other.adcode
            and (not self.adcode or _deeper(other.adcode, self.adcode))
            and (other.place_explicit or other.place_local or not self.place_explicit)
            and not self.provincial_seat
            and not self.national_seat
        ):
            result = replace(
                result,
                division=other.division,
                adcode=other.adcode,
                place_explicit=other.place_explicit or self.place_explicit,
            )
        if other.site and not result.site:
            result = replace(result, site=other.site)
        if other.date is not None and other.date_explicit:
            if result.date is None or not result.date_explicit:
                result = replace(result, date=other.date, date_explicit=True)
            else:
                result = replace(result, date=_union(result.date, other.date))
        return result


def compatible_places(first: Anchor, second: Anchor) -> bool:
    """Same or nested divisions (or one unknown), not two different named sites, and not one abroad
    ("rallies in London") with one in China."""
    if first.site and second.site and first.site != second.site:
        return False
    if bool(first.country) != bool(second.country):
        return False
    if not first.adcode or not second.adcode:
        return True
    a, b = _trim(first.adcode), _trim(second.adcode)
    return a.startswith(b) or b.startswith(a)


@dataclass
class StoryState:
    """What anchoring carries from one sentence to the next: the place the story is at, the bulletin
    entry a heading opened, the paragraph being read, the story's dates and year, and where its body
    began. Each method is one transition, named after what a sentence does."""

    place: Anchor = field(default_factory=Anchor)  # the last place named (at first the document's prior)
    entry: Anchor = field(default_factory=Anchor)  # the bulletin entry the last heading opened
    paragraph: int = -1  # the paragraph being read
    paragraph_site: str | None = None  # the site the paragraph is at
    paragraph_date: Any = None  # the date the paragraph's narrative goes on from
    place_paragraph: int = -1  # the paragraph the place was named in
    last_date: Any = None  # the date the narrative goes on from
    story_date: Any = None  # the story's first date (a heading's is not)
    story_year: StoryYear = field(default_factory=StoryYear)
    body_started: bool = False  # a sentence of the body (not a heading or boilerplate) has been read
    lead_paragraph: int = -1  # the body's first paragraph, which sums up the story
    incidental: bool = False  # the place is a district named in passing, late in the story
    body_paragraphs: set[int] = field(default_factory=set)
    named: dict[str, Any] = field(default_factory=dict)  # the divisions named as the story's place so far

    @classmethod
    def begin(cls, prior: Any, gazetteer: Any) -> StoryState:
        """Before the first sentence: at the division the document is mostly about."""
        return cls(place=Anchor(prior, _adcode(gazetteer, prior)))

    @property
    def carried(self) -> Any:
        """The date a sentence that names none takes: its paragraph's, else the narrative's."""
        return self.paragraph_date or self.last_date

    def new_paragraph(self, paragraph: int, gazetteer: Any) -> bool:
        """Enter a sentence's paragraph; True when it is a new one. A new paragraph starts at its entry's
        site, returns from a background date to the story's, and leaves a district named in passing for
        the division above it."""
        if paragraph == self.paragraph:
            return False
        self.paragraph, self.paragraph_site, self.paragraph_date = paragraph, self.entry.site, self.entry.date
        if _background(self.last_date, self.story_date):
            self.last_date = self.story_date
        if self.incidental and _is_district(self.place.division):
            parent = gazetteer.parent(self.place.division)
            self.place = Anchor(parent, _adcode(gazetteer, parent))
            self.incidental = False
        return True

    def read_dates(
        self, sentence: Sentence, published: date | None, lexicon: Lexicon, opening: bool
    ) -> tuple[list[tuple[int, int, Any]], Any, bool, tuple[int, ...]]:
        """A sentence's date groups, the date its narrative goes on from, whether its dates only tell
        when something was said (none for boilerplate), and which groups are flashbacks; the story's year
        moves with them."""
        if sentence.boilerplate:
            return [], None, False, ()
        groups, narrative, self.story_year, said, flashbacks = sentence_dates(
            sentence,
            published,
            lexicon,
            self.last_date,
            self.story_year,
            opening,
            self.story_date,
            self.paragraph_date,
        )
        return groups, narrative, said, flashbacks

    def name_place(self, division: Any, paragraph: int, heading: bool, gazetteer: Any) -> None:
        """A sentence names a division: the story is there now. Named after the story's first paragraphs,
        outside a heading and outside a bulletin entry, and not the story's place before, it is named in passing."""
        self.place = Anchor(division, _adcode(gazetteer, division), place_explicit=True)
        self.place_paragraph = paragraph
        self.incidental = (
            len(self.body_paragraphs) > STORY_PARAGRAPHS
            and not heading
            and self.entry.adcode is None
            and division.adcode not in self.named
        )
        if not self.incidental:
            self.named.pop(division.adcode, None)
            self.named[division.adcode] = division  # the most recent last

    def open_entry(self, site: str | None, named: bool) -> None:
        """A heading that names a place (`named`) or a site opens a bulletin entry there, once the body
        has begun (a title opens none)."""
        if not (self.body_started and (named or site)):
            return
        self.entry = Anchor(self.place.division, self.place.adcode, site, None, place_explicit=True)
        self.paragraph_site, self.paragraph_date = site, None

    def read_body(self, sentence: Sentence, heading: bool) -> None:
        """A sentence of the body (not a heading or boilerplate): the first one opens the lead paragraph."""
        if heading or sentence.boilerplate:
            return
        if not self.body_started:
            self.body_started, self.lead_paragraph = True, sentence.paragraph
        self.body_paragraphs.add(sentence.paragraph)

    def carry_site(self, site: str | None) -> str | None:
        """The site a sentence is at: its own, else its paragraph's; it is the paragraph's from then on."""
        self.paragraph_site = site or self.paragraph_site
        return self.paragraph_site

    def name_date(self, span: Any, narrative: Any, said: bool, heading: bool) -> None:
        """A sentence names a date. A year alone dates no story ("last year"); the first other date outside
        a heading is the story's date; the narrative goes on from the last one named, unless the dates
        only tell when something was said ("…, police said Monday": the acts told before keep their day)."""
        if span is None or span.precision == "year":
            return
        self.story_date = self.story_date or (None if heading else span)
        if not said:
            self.last_date = self.paragraph_date = narrative


def story_day(anchors: list[Anchor], headings: list[bool], published: date | None) -> Any:
    """The day the body first names, when it is current news (within CURRENT before publication): the date
    of a lead, a hashtag line or a post's first words told before that day ("#护士去世# … 周三（23号）…")."""
    for anchor, heading in zip(anchors, headings):
        if heading or not anchor.date_explicit or anchor.date is None:
            continue
        day = anchor.date
        if day.precision != "day" or (
            published is not None and not published - CURRENT <= day.start <= published
        ):
            return None
        return day
    return None


def anchor_sentences(
    text: str,
    sentences: list[Sentence],
    gazetteer: Any,
    lexicon: Lexicon,
    published: date | None,
    headings: list[bool],
) -> list[Anchor]:
    """An Anchor per sentence: its own place and date, else those carried from before it."""
    language = lexicon.language
    masked = mask_datelines(text, lexicon)
    places = find_places(masked, gazetteer, language)
    sites = find_sites(masked, language)
    countries = find_countries(text, gazetteer)
    state = StoryState.begin(signature_place(text, places) or document_prior(places, gazetteer), gazetteer)
    anchors: list[Anchor] = []
    for sentence, heading in zip(sentences, headings):
        opening = state.new_paragraph(sentence.paragraph, gazetteer) or heading
        own_places = [place for place in places if sentence.start <= place.start < sentence.end]
        roles = _roles(text, own_places, lexicon)
        authority = _authority(own_places, roles, state.place.division)
        filed = [role == "dateline" for role in roles]  # a wire dateline's city: the place only when alone
        own_places = [
            place
            for place, role, dateline in zip(own_places, roles, filed)
            if role not in AWAY_ROLES and not (dateline and not all(filed))
        ]
        division = _named_division(own_places, state.place, list(state.named.values()))
        own_sites = [site for site in sites if sentence.start <= site[0] < sentence.end]
        site = own_sites[0][2] if own_sites else None
        groups, narrative, said, flashbacks = state.read_dates(sentence, published, lexicon, opening)
        span = groups[0][2] if groups else None
        abroad = [code for start, _, code in countries if sentence.start <= start < sentence.end]
        if division is not None:
            state.name_place(division, sentence.paragraph, heading, gazetteer)
            abroad = []
        if heading:
            state.open_entry(site, division is not None)
        state.read_body(sentence, heading)
        site = state.carry_site(site)
        carried_before = state.carried
        state.name_date(span, narrative, said, heading)
        acting = _state_seat(authority, state.place, division is not None, sentence.text, lexicon, gazetteer)
        seat = (acting, _adcode(gazetteer, acting)) if acting is not None else None
        if _national(sentence.text, lexicon, division):
            seat = (None, None)
        here = _sentence_place(state.place, abroad, division, sentence.text, gazetteer)
        anchors.append(
            Anchor(
                here.division,
                here.adcode,
                site,
                span or state.carried,
                date_explicit=span is not None,
                place_explicit=division is not None,
                country=abroad[0] if abroad else None,
                dates=tuple(groups),
                flashbacks=flashbacks,
                breaks=tuple(
                    sorted(
                        sentence.start + cut.start()
                        for pattern in (CLAUSE_BREAK, SPEECH_BREAK)
                        for cut in pattern.finditer(sentence.text)
                    )
                ),
                lead=sentence.paragraph == state.lead_paragraph,
                sites=listed_sites(text, own_sites, sentence.end),
                place_local=state.place_paragraph == sentence.paragraph,
                seat=seat,
                heard=carried_before if said and _just_before(carried_before, span) else None,
                places=tuple(
                    (found, _adcode(gazetteer, found))
                    for found in coordinated_places(text, own_places, state.place.division)
                ),
            )
        )
    return anchors


def _named_division(mentions: list[Any], place: Anchor, earlier: list[Any]) -> Any:
    """The division a sentence's place names resolve to, given the place the story is at; a larger one
    that holds it ("Liaoning" after "Dandong") keeps the story's place, and a province that holds a place the
    story was at before ("in Gansu" after Jishishan county, then Qinghai's Minhe) goes back to that place."""
    if not any(resolve_mentions(mentions, place.division)):
        return None
    division = resolve_places(mentions, prior=place.division)
    if division is not None and _contains(division.adcode, place.adcode):
        return place.division
    if (
        division is not None
        and len(mentions) == 1
        and division.level == "admin1"
        and division.adcode[:2] not in MUNICIPALITIES
    ):
        inside = [other for other in earlier if _contains(division.adcode, other.adcode)]
        if inside:
            return inside[-1]
    return division


def _sentence_place(place: Anchor, abroad: list[str], division: Any, sentence: str, gazetteer: Any) -> Anchor:
    """Where a sentence is: the story's place; nowhere in China when it names only places abroad
    ("rallies were held in London"); the city, not a district, for people at the city government."""
    if abroad:
        return Anchor()
    if division is None and CITY_HALL.search(sentence) and _is_district(place.division):
        parent = gazetteer.parent(place.division)
        return Anchor(parent, _adcode(gazetteer, parent))
    return place


def _national(sentence: str, lexicon: Lexicon, division: Any) -> bool:
    """Whether a sentence tells of a central body's act (rules of <language>.national.tsv): a central body
    named with no place other than the capital, or "Beijing announced … nationwide"."""
    capital = division is None or str(division.adcode).startswith("11")
    return any(
        rule.pattern.search(sentence)
        for rule in lexicon["national"]
        if rule.label == "capital" or (rule.label == "body" and capital)
    )


def _state_seat(
    authority: Any, here: Anchor, named: bool, sentence: str, lexicon: Lexicon, gazetteer: Any
) -> Any:
    """Where a government act told in a sentence sits: the division whose body the sentence names
    ("Guiyang officials"); "city officials" (no district or village body named) act for the city, not
    for a district carried from before."""
    if authority is not None:
        return authority
    division = here.division
    if named or division is None or division.level != "admin3":
        return None
    if names_body(sentence, lexicon, "local_body") or not names_body(sentence, lexicon, "city_body"):
        return None
    return gazetteer.parent(division)


def _roles(text: str, mentions: list[Any], lexicon: Lexicon) -> list[str | None]:
    """Each mention's role; a name owned by the one before it ("left Kunming's Wuhua district")
    shares its role."""
    roles: list[str | None] = []
    for index, mention in enumerate(mentions):
        role = place_role(text, mention.start, mention.end, lexicon)
        gap = text[mentions[index - 1].end : mention.start] if index else ""
        shares = index > 0 and (
            POSSESSIVE.fullmatch(gap) or (roles[-1] in AWAY_ROLES and LISTED_AFTER.fullmatch(gap))
        )
        if role is None and shares:
            role = roles[-1]
        roles.append(role)
    # a province right before its city (江苏无锡人) shares the city's role
    for index in range(len(mentions) - 2, -1, -1):
        gap = text[mentions[index].end : mentions[index + 1].start]
        if roles[index] is None and roles[index + 1] in AWAY_ROLES and not gap.strip():
            roles[index] = roles[index + 1]
    if "checkpoint" in roles:  # people stopped at a checkpoint are where it is, not where they came from
        roles = [role or "origin" for role in roles]
    return roles


def _authority(mentions: list[Any], roles: list[str | None], prior: Any) -> Any:
    """The division whose government body a sentence names ("Guiyang officials"), if any."""
    owners = [mention for mention, role in zip(mentions, roles) if role == "authority"]
    if not owners:
        return None
    return next((division for division in resolve_mentions(owners, prior) if division is not None), None)


def coordinated_places(text: str, mentions: list[Any], prior: Any) -> list[Any]:
    """The divisions of the first list of places joined by commas or "and" ("Beijing and Shanghai",
    "广州、深圳和重庆"), none inside another; empty when the sentence names no such list."""
    run: list[tuple[Any, Any]] = []
    for mention, division in zip(mentions, resolve_mentions(mentions, prior)):
        if division is not None and run and COORDINATOR.fullmatch(text[run[-1][0].end : mention.start]):
            run.append((mention, division))
            continue
        if len(run) >= 2:
            break
        run = [(mention, division)] if division is not None else []
    codes = [division.adcode for _, division in run]
    if len(run) < 2 or any(_contains(a, b) for a in codes for b in codes):
        return []
    return list({division.adcode: division for _, division in run}.values())


def listed_sites(text: str, sites: list[tuple[int, int, str]], limit: int) -> tuple[str, ...]:
    """Sites named in a sentence, with the capitalised names listed after them ("at A Garden, B, C and D")."""
    if not sites:
        return ()
    names, position = [sites[0][2]], sites[0][1]
    for start, end, name in sites[1:]:
        between = text[position:start]
        if not COORDINATED.fullmatch(between) and not (
            ANOTHER_ACT.search(between) and len(between.split()) <= ACT_WORDS
        ):
            break  # "the mosque in Nagu town": one site inside another
        names.append(name)
        position = end
    while (match := LIST_ITEM.match(text, position, limit)) is not None:
        names.append(match.group(1))
        position = match.end()
    return tuple(dict.fromkeys(names))


def _background(span: Any, story: Any) -> bool:
    """A date coarser than the story's, or well before it, is background to the story."""
    if span is None or story is None or span == story:
        return False
    coarser = PRECISIONS.index(span.precision) > PRECISIONS.index(story.precision)
    return coarser or span.end < story.start - SAME_STORY


def sentence_dates(
    sentence: Sentence,
    published: date | None,
    lexicon: Lexicon,
    anchor: Any,
    story: StoryYear = StoryYear(),
    opening: bool = False,
    story_date: Any = None,
    paragraph_date: Any = None,
) -> tuple[list[tuple[int, int, Any]], Any, StoryYear, bool, tuple[int, ...]]:
    """A sentence's dates as (start, end, span) groups (dates within a week of a group widen it), the
    date the narrative goes on from (the last one named, not a flashback), and the story's year after it.
    A flashback ("said on 5 January … the night before") is a group of its own. Months and days without a year take the story's year; a year alone
    ("in 2016", "去年") sets that year and is the sentence's date only when it names no other."""
    language = lexicon.language
    # "当天", "the next day" count from a day; from a vague span ("近日", "in May") they count from no day
    anchor_day = anchor.start if anchor is not None and anchor.precision == "day" else None
    # Topic names are no dates: #四月之声# is "Voices of April", not April.
    prose = mask_datelines(WEIBO_TAG.sub(lambda tag: " " * len(tag.group()), sentence.text), lexicon)
    mentions = find_dates(
        prose,
        published,
        language,
        anchor=anchor_day,
        story_end=story.end(published, sentence.paragraph, _current(story_date, published)),
        story_day=story_date.start if story_date is not None else None,
        narrative_day=paragraph_date.end if paragraph_date is not None else None,
    )
    story = story.after(mentions, sentence.paragraph, opening, published)
    dating = [
        mention
        for mention in mentions
        if mention.span.precision != "year" and not mention.since and not mention.ahead
    ]
    mentions = (
        dating or mentions
    )  # a year alone, a span's start or a deadline dates a sentence only when nothing else does
    groups: list[tuple[int, int, Any]] = []
    flashbacks: list[int] = []
    narrative = None  # index of the last group the narrative goes on from
    for mention in mentions:
        start, end = sentence.start + mention.start, sentence.start + mention.end
        case = _case_named(sentence.text, mention.start, mention.end)
        if groups and (mention.back or case):  # a flashback widens no group; it dates its own clause
            clause_start, clause_end = case or _clause(sentence.text, mention.start, mention.end)
            flashbacks.append(len(groups))
            groups.append((sentence.start + clause_start, sentence.start + clause_end, mention.span))
            continue
        if mention.said:
            groups.append((start, end, mention.span))  # a time of saying widens no group
            continue
        if narrative is not None and abs(mention.span.start - groups[narrative][2].start) <= SAME_STORY:
            # "a few days prior, on June 30": the day named outweighs the vague span beside it
            first, _, span = groups[narrative]
            groups[narrative] = (first, end, _sharpest(span, mention.span) or _union(span, mention.span))
        else:
            groups.append((start, end, mention.span))
            narrative = len(groups) - 1
    said = bool(mentions) and all(mention.said for mention in mentions)
    last = groups[narrative][2] if narrative is not None else (groups[-1][2] if groups else None)
    return groups, last, story, said, tuple(flashbacks)


def _case_named(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of a past case a date is named in ("因去年6月21日包围警察总部一案被判"): the date dates that
    case, not the act the sentence tells of it."""
    opening = CASE_OPENING.search(text, max(0, start - CASE_REACH), start)
    closing = CASE_CLOSING.match(text, end)
    if opening is None or closing is None:
        return None
    return opening.start(), closing.end()


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from the punctuation before it (at most FLASHBACK_REACH characters
    back) to the punctuation after it."""
    before = max(max(text.rfind(mark, 0, start) for mark in CLAUSE_MARKS) + 1, start - FLASHBACK_REACH)
    after = [index for index in (text.find(mark, end) for mark in CLAUSE_MARKS) if index >= 0]
    return before, min(after, default=len(text))


def signature_place(text: str, places: list[Any]) -> Any:
    """The division of the body that signs a notice at its foot, if the report has such a signature."""
    offset, lines = 0, []
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((offset + len(line) - len(line.lstrip()), line.strip()))
        offset += len(line)
    for start, line in lines[-SIGNATURE_LINES:]:
        if SIGNATURE.match(line):
            own = [place for place in places if start <= place.start < start + len(line)]
            return resolve_places(own) if own else None
    return None


def document_prior(places: list[Any], gazetteer: Any) -> Any:
    """The division a document is mostly about: the most often named one (first on ties)."""
    counts: Counter[str] = Counter()
    divisions: dict[str, Any] = {}
    for place in places:
        division = resolve_places([place])
        code = _adcode(gazetteer, division)
        if division is None or code is None:
            continue
        counts[code] += 1
        divisions.setdefault(code, division)
    if not counts:
        return None
    return divisions[counts.most_common(1)[0][0]]


def _is_district(division: Any) -> bool:
    return division is not None and division.level == "admin3"


def _adcode(gazetteer: Any, division: Any) -> str | None:
    if division is None:
        return None
    return gazetteer.location(division, None).adcode


def _contains(outer: str, inner: str | None) -> bool:
    """Whether adcode `inner` lies strictly inside `outer`."""
    if inner is None or outer == inner:
        return False
    return inner.startswith(_trim(outer))


def _trim(adcode: str) -> str:
    return adcode.rstrip("0") or adcode


def _deeper(first: str, second: str) -> bool:
    return len(_trim(first)) > len(_trim(second))


def _current(story_date: Any, published: date | None) -> bool:
    """Whether the report tells of its own days: its first date is within a month of publication."""
    return story_date is not None and published is not None and published - story_date.end <= CURRENT


def _just_before(story: Any, said: Any) -> bool:
    """Whether the story's day falls in the few days before a statement about it ("arrested on Sunday
    night, police said Monday"), so that the acts keep the story's day."""
    return story is not None and said is not None and timedelta(0) <= said.start - story.end <= SAID_LAG


def _sharpest(first: Any, second: Any) -> Any:
    """Of a day-precise date and a vaguer one, the day-precise one; None when neither or both are."""
    if (first.precision == "day") == (second.precision == "day"):
        return None
    return first if first.precision == "day" else second


def _union(first: Any, second: Any) -> Any:
    start = min(first.start, second.start)
    end = max(first.end, second.end)
    precision = max(first.precision, second.precision, key=PRECISIONS.index)
    return replace(first, start=start, end=end, precision=precision)
