"""Build a SCHEMA Event from an episode: place, date, arguments, summary and evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from undeleted.dates import DateSpan
from undeleted.extract import zh_numbers
from undeleted.extract.actors import find_actors
from undeleted.extract.anchors import Anchor
from undeleted.extract.credibility import find_credibility
from undeleted.extract.describe import describe_event
from undeleted.extract.events import Episode
from undeleted.extract.hashtags import find_hashtags, make_hashtag
from undeleted.extract.lexicon import Lexicon
from undeleted.extract.participants import find_casualties, find_participants
from undeleted.extract.sources import find_sources
from undeleted.extract.summary import summarize
from undeleted.extract.tactics import find_grievances, find_state_response, find_tactics
from undeleted.geo.gazetteer import IN_SCOPE
from undeleted.models import Event, Evidence, Location, Participants
from undeleted.text.sentences import Sentence

NO_CROWD = ("restriction", "relaxation", "censorship", "official_response")
CLAUSE_CROWD = ("repression", "hardship", "death")  # people counted in the act's own clause
ARTICLE_PARAGRAPHS = 3  # a report of this many paragraphs is an article, not a post
CLAUSE_END = re.compile(r"[,;:.，；：。！？!?\n]")
# Counting rules by language (English by default); summaries of non-English reports are built in English.
COUNTERS = {"zh": (zh_numbers.find_head_count, zh_numbers.find_casualties)}


@dataclass(frozen=True)
class DocumentView:
    """What assembling needs of one document, computed once."""

    doc_id: str
    text: str
    sentences: list[Sentence]
    anchors: list[Anchor]
    lexicon: Lexicon
    gazetteer: Any
    published: date | None = None  # the publication date, given or inferred: the date of last resort
    story: DateSpan | None = None  # the day the story's body first names, when an event names none before it


def assemble_event(episode: Episode, view: DocumentView) -> Event | None:
    """The Event of an episode, or None when it lies outside CN/HK/MO."""
    own = [view.sentences[index] for index in episode.sentences]
    told = " ".join(sentence.text for sentence in own)
    text = view.lexicon.masked(told)  # attributions and purposes name no tactic, crowd or response
    paragraph = " ".join(
        sentence.text for sentence in view.sentences if sentence.paragraph in {s.paragraph for s in own}
    )
    location = _location(episode.anchor, view.gazetteer)
    if location.country not in IN_SCOPE:
        return None
    span = episode.anchor.date or view.story  # the event's own date, else the story's
    if span is None and location.adcode is None and _paragraphs(view) >= ARTICLE_PARAGRAPHS:
        return None  # SCHEMA: in an article, a general trend without place or time is no event (a post's is)
    if span is None and view.published is not None:  # SCHEMA v1.1: else the publication date
        span = DateSpan(view.published, view.published, "day")
    count_people, count_casualties = COUNTERS.get(view.lexicon.language, (find_participants, find_casualties))
    fatalities, injuries = count_casualties(text)
    if episode.type != "death":
        fatalities = 0
    event = Event(
        type=episode.type,  # type: ignore[arg-type]
        date_start=span.start if span else None,
        date_end=span.end if span else None,
        time_precision=span.precision if span else None,
        location=location,
        actors=find_actors(episode.type, text, view.lexicon),
        participants=_participants(episode, text, view, count_people),
        grievances=find_grievances(episode.type, paragraph, view.lexicon),  # type: ignore[arg-type]
        tactics=find_tactics(episode.type, text, view.lexicon),  # type: ignore[arg-type]
        state_response=find_state_response(episode.type, text, view.lexicon),  # type: ignore[arg-type]
        fatalities=fatalities,
        injuries=injuries,
        hashtags=_hashtags(episode, own, view),
        credibility=find_credibility(episode.type, told, view.lexicon),  # type: ignore[arg-type]
        cited_sources=find_sources(told, view.lexicon),
        summary=summarize(view.sentences[episode.triggers[0].sentence].text),
        evidence=[Evidence(doc_id=view.doc_id, start=s.start, end=s.end) for s in own],
    )
    if view.lexicon.language != "en":
        event.summary = describe_event(event)
    return event


def _paragraphs(view: DocumentView) -> int:
    return len({sentence.paragraph for sentence in view.sentences})


def _participants(episode: Episode, text: str, view: DocumentView, count_people: Any) -> Participants:
    """Dissent events count the people in their sentences; state and harm events only those in the
    clause of their own trigger (not the crowd that freed a man, not the cars on a road), and a death
    counts as participants only one person (a toll is in fatalities)."""
    if episode.type in NO_CROWD:
        return Participants()
    if episode.type not in CLAUSE_CROWD:
        return count_people(text, view.lexicon)
    clauses = " ".join(
        dict.fromkeys(_clause(view.text, trigger.start, trigger.end) for trigger in episode.triggers)
    )
    found: Participants = count_people(view.lexicon.masked(clauses), view.lexicon)
    if episode.type == "death" and found.size != "individual":
        return Participants()
    return found


def _clause(text: str, start: int, end: int) -> str:
    """The stretch of text between the punctuation marks around a trigger."""
    before = max(
        (match.end() for match in CLAUSE_END.finditer(text, max(0, start - 300), start)),
        default=max(0, start - 300),
    )
    after = CLAUSE_END.search(text, end)
    return text[before : after.start() if after else len(text)]


def _location(anchor: Anchor, gazetteer: Any) -> Location:
    if anchor.division is None and anchor.country:
        return Location(country=anchor.country, geo_precision="country")
    if anchor.division is None:
        return Location(country="CN", place=anchor.site, geo_precision="country")
    division = anchor.division
    if division.country != "CN" and division.level != "admin1":
        # Hong Kong and Macau events are coded at the SAR, as every gold set does (SCHEMA is silent): the
        # district named stays in the event as its place.
        region = next(item for item in gazetteer.ancestors(division) if item.level == "admin1")
        return gazetteer.location(region, anchor.site or division.name_en)
    return gazetteer.location(division, anchor.site)


def _hashtags(episode: Episode, own: list[Sentence], view: DocumentView) -> list[Any]:
    tags = []
    seen: set[str] = set()
    for index, sentence in zip(episode.sentences, own):
        anchor = view.anchors[index]
        when = anchor.date.start if anchor.date is not None and anchor.date_explicit else None
        for _, _, tag in find_hashtags(sentence.text):
            if tag not in seen:
                seen.add(tag)
                tags.append(make_hashtag(tag, sentence.text, view.lexicon, when))
    return tags
