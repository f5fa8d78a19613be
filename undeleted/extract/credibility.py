"""How sure a report is of an event: confirmed, reported, alleged or unverified."""

from __future__ import annotations

from undeleted.extract.lexicon import Lexicon

ORDER = ("unverified", "alleged", "confirmed")


def find_credibility(event_type: str, text: str, lexicon: Lexicon) -> str:
    """The first level, in ORDER, whose hedge or confirmation cue occurs in the event's sentences."""
    found = set(lexicon.labels_in("credibility", text))
    for level in ORDER:
        if level in found:
            if level == "confirmed" and event_type not in (
                "official_response",
                "relaxation",
                "restriction",
                "death",
                "repression",
                "hardship",
            ):
                continue
            return level
    return "reported"
