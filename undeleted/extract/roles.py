"""The role a place name plays in its sentence: where people came from, the name of another event,
the owner of a government body; and outlet datelines, which name no event's place or date."""

from __future__ import annotations

from undeleted.extract.lexicon import Lexicon, RoleRule

WINDOW = 40  # characters looked at on each side of a name


def place_role(text: str, start: int, end: int, lexicon: Lexicon) -> str | None:
    """The role of the name at text[start:end], when one of its roles' rules (all sides) match."""
    before, after = text[max(0, start - WINDOW) : start], text[end : end + WINDOW]
    by_role: dict[str, list[RoleRule]] = {}
    for rule in lexicon.roles:
        if rule.side != "text":
            by_role.setdefault(rule.role, []).append(rule)
    for role, rules in by_role.items():
        if all(
            (rule.pattern.search(before) if rule.side == "before" else rule.pattern.search(after))
            for rule in rules
        ):
            return role
    return None


def mask_datelines(text: str, lexicon: Lexicon) -> str:
    """The text with outlet datelines blanked out (offsets kept)."""
    for rule in lexicon.roles:
        if rule.role == "dateline":
            text = rule.pattern.sub(lambda match: " " * len(match.group()), text)
    return text


def names_body(sentence: str, lexicon: Lexicon, role: str) -> bool:
    """Whether a sentence names a body of one level: "city_body" ("city officials", "the authorities"),
    "local_body" (a district, county or village body: "the district health commission", "村委")."""
    return any(rule.pattern.search(sentence) for rule in lexicon.roles if rule.role == role)
