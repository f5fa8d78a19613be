"""Tactics, grievances and state responses of an event from the closed vocabularies' lexicons."""

from __future__ import annotations

from undeleted.extract.lexicon import Lexicon
from undeleted.vocab import DISSENT_TYPES, STATE_TYPES

STATE_RESPONSE_FOR_TYPE = {
    "censorship": ["censorship"],
}


def find_tactics(event_type: str, text: str, lexicon: Lexicon) -> list[str]:
    """Tactics named in an event's sentences; only dissent events and self-harm deaths have them."""
    tactics = lexicon.labels_in("tactics", text)
    if event_type in DISSENT_TYPES:
        return [tactic for tactic in tactics if tactic != "self_harm"]
    if event_type == "death":
        return [tactic for tactic in tactics if tactic == "self_harm"]
    return []


def find_grievances(event_type: str, text: str, lexicon: Lexicon) -> list[str]:
    """Grievances in an event's sentences (and context); state events other than relaxations have none."""
    if event_type in STATE_TYPES and event_type != "relaxation":
        return []
    return lexicon.labels_in("grievances", text)


def find_state_response(event_type: str, text: str, lexicon: Lexicon) -> list[str]:
    """State responses named in an event's sentences; censorship events always carry 'censorship'."""
    found = lexicon.labels_in("state_response", text)
    if event_type in ("restriction", "relaxation", "death", "hardship", "online_dissent"):
        found = []
    elif event_type == "official_response":
        found = [value for value in found if value in ("apology", "investigation", "concession")]
    elif event_type == "repression":
        found = [
            value for value in found if value not in ("apology", "investigation", "concession", "censorship")
        ]
    elif event_type == "censorship":
        found = []
    return list(dict.fromkeys(STATE_RESPONSE_FOR_TYPE.get(event_type, []) + found))
