"""Actors of an event: who acted, who was targeted, from the actor lexicon."""

from __future__ import annotations

from undeleted.extract.lexicon import Lexicon
from undeleted.models import Actor
from undeleted.vocab import STATE_TYPES

MAX_ACTORS = 4


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
