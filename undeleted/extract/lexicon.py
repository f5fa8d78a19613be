"""Rules kept as data, read and checked once: each language's pattern files (patterns/<language>.<name>.tsv),
its word lists (patterns/<language>.words.tsv) and the place roles (data/place_roles.tsv).

Every file declares its columns in RULE_FILES below; a value outside a column's vocabulary, a line with the
wrong number of columns, an expression that does not compile, an unknown word list or an unknown file name is
a ConfigError naming the file and line, raised when the rules load (before any document is read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import get_args

from undeleted.errors import ConfigError
from undeleted.vocab import (
    EVENT_TYPES,
    ActorKind,
    ActorRole,
    Credibility,
    Grievance,
    HashtagStatus,
    ParticipantSize,
    StateResponse,
    Tactic,
)

WORD_LIST = re.compile(r"\{([a-z][a-z0-9_]*)\}")  # {name} in an expression: the word list `name`
NUMBER = re.compile(r"^(?:\d+|-)$")


@dataclass(frozen=True)
class Column:
    """One label column of a rule file: its name, what a value is (for messages), and its allowed values
    (None: any value; NUMBERS: a whole number or '-')."""

    name: str
    noun: str
    allowed: tuple[str, ...] | None = None


NUMBERS = ("<number>", "-")


@dataclass(frozen=True)
class RuleFile:
    """The columns before the expression; the last `optional` of them may be left out."""

    columns: tuple[Column, ...]
    optional: int = 0


def column(name: str, noun: str, allowed: Iterable[str] | None = None) -> Column:
    return Column(name, noun, tuple(allowed) if allowed is not None else None)


RULE_FILES: dict[str, RuleFile] = {
    "triggers": RuleFile(
        (column("type", "an event type", EVENT_TYPES), column("strength", "a strength", ("weak",))),
        optional=1,
    ),
    "blockers": RuleFile(
        (
            column(
                "kind",
                "a blocker kind",
                ("count", "forecast", "negation", "noresponse", "opinion", "reference", "summary"),
            ),
        )
    ),
    "genres": RuleFile((column("genre", "a genre", ("opinion", "analysis")),)),
    "tactics": RuleFile((column("tactic", "a tactic", get_args(Tactic)),)),
    "grievances": RuleFile((column("grievance", "a grievance", get_args(Grievance)),)),
    "state_response": RuleFile((column("response", "a state response", get_args(StateResponse)),)),
    "actors": RuleFile(
        (
            column("kind", "an actor kind", get_args(ActorKind)),
            column("role", "an actor role", ("auto", *get_args(ActorRole))),
        )
    ),
    "credibility": RuleFile((column("credibility", "a credibility value", get_args(Credibility)),)),
    "sources": RuleFile(()),
    "sizes": RuleFile(
        (
            column("size", "a participant size", get_args(ParticipantSize)),
            column("min", "a number", NUMBERS),
            column("max", "a number", NUMBERS),
        )
    ),
    "hashtags": RuleFile((column("status", "a hashtag status", get_args(HashtagStatus)),)),
    "masks": RuleFile(
        (column("kind", "a mask kind", ("attribution", "demand", "negation", "purpose", "site", "things")),)
    ),
    "strikers": RuleFile(
        (column("place", "a strikers' place", ("gathering", "government", "march", "workplace")),)
    ),
    "national": RuleFile((column("kind", "a national kind", ("body", "capital")),)),
}
WORDS = "words"  # patterns/<language>.words.tsv: NAME <TAB> alternation, used as {NAME} in expressions
PLACE_ROLES = RuleFile(
    (
        column("language", "a language"),
        column(
            "role",
            "a place role",
            (
                "origin",
                "native",
                "affiliation",
                "destination",
                "named_event",
                "authority",
                "dateline",
                "city_body",
                "local_body",
                "checkpoint",
            ),
        ),
        column("side", "a side", ("before", "after", "text")),
    )
)


@dataclass(frozen=True)
class Rule:
    """One line of a rule file: its label columns and its compiled expression."""

    labels: tuple[str, ...]
    pattern: re.Pattern[str]
    line: int = 0

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""


@dataclass(frozen=True)
class RoleRule:
    """A place role's expression and the side of the name it must match: before, after, or anywhere (text)."""

    role: str
    side: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """Every rule of one language, by file name, and its place-role rules."""

    language: str
    rules: dict[str, tuple[Rule, ...]]
    roles: tuple[RoleRule, ...] = field(default=())

    @classmethod
    def load(cls, language: str, folder: Path | None = None) -> Lexicon:
        """Read and check every rule file of `language` (from `folder`, else the shipped patterns/)."""
        patterns = folder if folder is not None else resources.files("undeleted.extract") / "patterns"
        unknown = sorted(
            name for name in file_names(patterns, language) if name not in RULE_FILES and name != WORDS
        )
        if unknown:
            raise ConfigError(
                f"{language}.{unknown[0]}.tsv: not a rule file undeleted reads; "
                f"known: {', '.join(sorted(RULE_FILES))}, {WORDS}"
            )
        flags = re.IGNORECASE if language != "zh" else 0
        words = read_words(patterns / f"{language}.{WORDS}.tsv")
        rules = {
            name: read_rules(patterns / f"{language}.{name}.tsv", spec, flags, words)
            for name, spec in RULE_FILES.items()
        }
        return cls(language, rules, read_roles(language))

    def __getitem__(self, name: str) -> tuple[Rule, ...]:
        if name not in RULE_FILES:
            raise ConfigError(f"no rule file named {name!r}; known: {', '.join(sorted(RULE_FILES))}")
        return self.rules.get(name, ())

    def masked(self, text: str) -> str:
        """The text with the spans of the `masks` rules blanked (same length, so offsets hold).

        A rule with a group named `m` blanks only that group: 'barred from (?P<m>...)' keeps 'barred from'."""
        blanks: list[tuple[int, int]] = []
        for rule in self["masks"]:
            for match in rule.pattern.finditer(text):
                group = "m" if "m" in rule.pattern.groupindex and match.group("m") is not None else 0
                blanks.append(match.span(group))
        if not blanks:
            return text
        chars = list(text)
        for start, end in blanks:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    def labels_in(self, name: str, text: str) -> list[str]:
        """Labels of the rules of file `name` that match `text`, in file order, each once."""
        return list(dict.fromkeys(rule.label for rule in self[name] if rule.pattern.search(text)))


def file_names(patterns: Traversable | Path, language: str) -> list[str]:
    """The NAME of every patterns/<language>.NAME.tsv."""
    prefix = f"{language}."
    return [
        item.name[len(prefix) : -len(".tsv")]
        for item in patterns.iterdir()
        if item.name.startswith(prefix) and item.name.endswith(".tsv")
    ]


def data_lines(source: Traversable | Path) -> Iterable[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of every line that is not blank, a comment or a header."""
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def read_words(source: Traversable | Path) -> dict[str, str]:
    """Word lists: NAME <TAB> alternation (a|b|c); a missing file gives none."""
    if not source.is_file():
        return {}
    words: dict[str, str] = {}
    for number, fields in data_lines(source):
        if len(fields) != 2 or not WORD_LIST.fullmatch("{" + fields[0] + "}"):
            raise ConfigError(
                f"{source.name}:{number}: a word list is NAME <TAB> alternation (NAME in a-z, 0-9, _)"
            )
        words[fields[0]] = fields[1]
    return words


def expand(expression: str, words: dict[str, str], where: str) -> str:
    """The expression with each {name} replaced by its word list as a non-capturing group."""

    def word_list(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in words:
            raise ConfigError(
                f"{where}: no word list named {{{name}}}; known: {', '.join(sorted(words)) or 'none'}"
            )
        return f"(?:{words[name]})"

    return WORD_LIST.sub(word_list, expression)


def checked_labels(labels: list[str], spec: RuleFile, where: str) -> tuple[str, ...]:
    least = len(spec.columns) - spec.optional
    if not least <= len(labels) <= len(spec.columns):
        names = " <TAB> ".join(column.name for column in spec.columns)
        raise ConfigError(
            f"{where}: {len(labels) + 1} columns; this file has {names + ' <TAB> ' if names else ''}"
            "expression"
        )
    for value, column in zip(labels, spec.columns):
        if column.allowed is NUMBERS:
            if not NUMBER.match(value):
                raise ConfigError(f"{where}: {value!r} is not {column.noun}; allowed: a whole number or -")
        elif column.allowed is not None and value not in column.allowed:
            raise ConfigError(
                f"{where}: {value!r} is not {column.noun}; allowed: {', '.join(column.allowed)}"
            )
    return tuple(labels)


def compiled(expression: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(expression, flags)
    except re.error as error:
        raise ConfigError(f"{where}: bad pattern {expression!r}: {error}") from error


def read_rules(
    source: Traversable | Path, spec: RuleFile, flags: int, words: dict[str, str] | None = None
) -> tuple[Rule, ...]:
    """The checked rules of one pattern file; a missing file gives no rules."""
    if not source.is_file():
        return ()
    rules = []
    for number, fields in data_lines(source):
        where = f"{source.name}:{number}"
        *labels, expression = fields
        labels = list(checked_labels(labels, spec, where))
        rules.append(
            Rule(tuple(labels), compiled(expand(expression, words or {}, where), flags, where), number)
        )
    return tuple(rules)


def read_roles(language: str) -> tuple[RoleRule, ...]:
    """The place-role rules of data/place_roles.tsv for one language (English ones match in any case)."""
    source = resources.files("undeleted").joinpath("data", "place_roles.tsv")
    flags = re.IGNORECASE if language != "zh" else 0
    rules = []
    for number, fields in data_lines(source):
        if fields[0] == "language":
            continue  # the header
        where = f"{source.name}:{number}"
        rule_language, role, side = checked_labels(fields[:-1], PLACE_ROLES, where)
        if rule_language == language:
            rules.append(RoleRule(role, side, compiled(fields[-1], flags, where)))
    return tuple(rules)
