"""Actors of an event: who acted, who was targeted, from the actor lexicon."""

from __future__ import annotations

import re

from undeleted.extract.lexicon import Lexicon
from undeleted.models import Actor
from undeleted.vocab import STATE_TYPES

MAX_ACTORS = 4
# Bodies that answer for the state, by the actor kinds that name them: police statements and a government's are
# two events, though on one day and about one incident (SCHEMA: one set of actors).
BODIES = {"police": "police", "officials": "government", "government": "government"}
# Bodies the actor kinds do not tell apart: prosecutors and courts, and central ministries, answer apart from a
# local government ("prosecutors approved the arrest", "the city suspended two officials", "the Ministry of
# Education ordered checks": three responses).
OTHER_BODIES = (
    (
        "judiciary",
        re.compile(r"\b(?:prosecutors?|procuratorates?|courts?|judges?)\b|检察院|检方|法院|法官", re.I),
    ),
    (
        "central",
        re.compile(
            r"\bMinistry\s+of\s+(?:[A-Z]\w+\s+)*[A-Z]\w+|\b(?:[A-Z]\w+\s+)?Ministry\b|\bState\s+Council\b"
            r"|\bLiaison\s+Office\b|\bHong\s+Kong\s+and\s+Macao?\s+Affairs\s+Office\b"
            r"|国务院(?:港澳办|台办)?|国台办|港澳办|中联办|(?:教育|公安|外交|民政|司法|财政|交通运输|应急管理|生态环境)部"
            r"|国家[\u4e00-\u9fff]{1,6}(?:委|局)"
        ),
    ),
)


def find_actors(event_type: str, text: str, lexicon: Lexicon) -> list[Actor]:
    """Actors named in an event's sentences, each kind once, with a role for the event's side."""
    actors: list[Actor] = []
    seen: set[str] = set()
    for rule in lexicon["actors"]:
        kind, role = rule.labels[0], rule.labels[1] if len(rule.labels) > 1 else "auto"
        match = rule.pattern.search(text)
        if match is None or kind in seen:
            continue
        seen.add(kind)
        actors.append(Actor(name=match.group().lower(), kind=kind, role=_role(event_type, role)))  # type: ignore[arg-type]
        if len(actors) == MAX_ACTORS:
            break
    return actors


def _role(event_type: str, role: str) -> str:
    if role != "auto":
        if event_type in STATE_TYPES and role == "responder":
            return "initiator"
        return role
    if event_type in STATE_TYPES:
        return "target"
    if event_type in ("death", "hardship"):
        return "victim"
    return "initiator"


def acting_body(text: str, lexicon: Lexicon) -> str | None:
    """The body a state act is told of: the first police, government, judicial or central body named in the text."""
    found = [  # each central body by its name: the Liaison Office and the Foreign Ministry answer apart
        (match.start(), f"{body}:{match.group().lower()}" if body == "central" else body)
        for body, pattern in OTHER_BODIES
        if (match := pattern.search(text))
    ]
    for rule in lexicon["actors"]:
        body = BODIES.get(rule.labels[0])
        match = rule.pattern.search(text) if body else None
        if match is not None:
            found.append((match.start(), body))  # type: ignore[arg-type]
    return min(found)[1] if found else None
