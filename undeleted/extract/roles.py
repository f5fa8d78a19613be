"""The role a place name plays in its sentence: where people came from, the name of another event,
the owner of a government body; and outlet datelines, which name no event's place or date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from undeleted.errors import ConfigError

WINDOW = 40  # characters looked at on each side of a name


@dataclass(frozen=True)
class RoleRule:
    role: str
    side: str  # "before", "after" or "text"
    pattern: re.Pattern[str]


@cache
def role_rules(language: str) -> tuple[RoleRule, ...]:
    """Rules of data/place_roles.tsv for one language."""
    source = resources.files("undeleted").joinpath("data", "place_roles.tsv")
    rules = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", "language\t")):
            continue
        rule_language, role, side, expression = line.split("\t")
        if rule_language != language:
            continue
        try:
            flags = re.IGNORECASE if language != "zh" else 0
            rules.append(RoleRule(role, side, re.compile(expression, flags)))
        except re.error as error:
            raise ConfigError(f"{source}:{number}: bad pattern {expression!r}: {error}") from error
    return tuple(rules)


def place_role(text: str, start: int, end: int, language: str) -> str | None:
    """The role of the name at text[start:end], when one of its roles' rules (all sides) match."""
    before, after = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
    by_role: dict[str, list[RoleRule]] = {}
    for rule in role_rules(language):
        if rule.side != "text":
            by_role.setdefault(rule.role, []).append(rule)
    for role, rules in by_role.items():
        if all((rule.pattern.search(before) if rule.side == "before" else rule.pattern.search(after))
               for rule in rules):
            return role
    return None


def mask_datelines(text: str, language: str) -> str:
    """The text with outlet datelines blanked out (offsets kept)."""
    for rule in role_rules(language):
        if rule.role == "dateline":
            text = rule.pattern.sub(lambda match: " " * len(match.group()), text)
    return text


def names_body(sentence: str, language: str, role: str) -> bool:
    """Whether a sentence names a body of one level: "city_body" ("city officials", "the authorities"),
    "local_body" (a district, county or village body: "the district health commission", "村委")."""
    return any(rule.pattern.search(sentence) for rule in role_rules(language) if rule.role == role)
