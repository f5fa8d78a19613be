"""Outlets and accounts a report cites for an event."""

from __future__ import annotations

from undeleted.extract.lexicon import Lexicon

NOT_SOURCES = {"The", "It", "He", "She", "They", "We", "China", "Chinese", "Police", "Footage", "Videos"}


def find_sources(text: str, lexicon: Lexicon) -> list[str]:
    """'According to Sound of Hope', 'Reuters reported', 'Twitter account Martin' → names, each once."""
    names: list[str] = []
    for rule in lexicon["sources"]:
        for match in rule.pattern.finditer(text):
            name = match.group("source").strip(" .,'’")
            if name and name not in NOT_SOURCES and name not in names:
                names.append(name)
    return names
