"""Actors of an event: who acted, who was targeted, from the actor lexicon."""

from __future__ import annotations

from undeleted.extract.lexicon import Lexicon
from undeleted.models import Actor
from undeleted.vocab import STATE_TYPES

MAX_ACTORS = 4
# Bodies that answer for the state, by the actor kinds that name them: police statements and a government's are
# two events, though on one day and about one incident (SCHEMA: one set of actors).
BODIES = {"police": "police", "officials": "government", "government": "government"}


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
    """The body a state act is told of: the kind of the first police or government actor named in the text."""
    first: tuple[int, str] | None = None
    for rule in lexicon["actors"]:
        body = BODIES.get(rule.labels[0])
        match = rule.pattern.search(text) if body else None
        if match is not None and (first is None or match.start() < first[0]):
            first = (match.start(), body)  # type: ignore[assignment]
    return first[1] if first else None
