"""Load a language's pattern files (patterns/<language>.<name>.tsv) into compiled rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from undeleted.errors import ConfigError

PATTERN_FILES = (
    "triggers", "blockers", "genres", "tactics", "grievances", "state_response",
    "actors", "credibility", "sources", "sizes", "hashtags", "masks", "strikers", "national",
)


@dataclass(frozen=True)
class Rule:
    """One line of a pattern file: its label columns and its compiled expression."""

    labels: tuple[str, ...]
    pattern: re.Pattern[str]

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""


@dataclass(frozen=True)
class Lexicon:
    """Every rule of one language, by file name."""

    language: str
    rules: dict[str, tuple[Rule, ...]]

    @classmethod
    def load(cls, language: str) -> Lexicon:
        return cls(language, {name: read_rules(language, name) for name in PATTERN_FILES})

    def __getitem__(self, name: str) -> tuple[Rule, ...]:
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


def read_rules(language: str, name: str) -> tuple[Rule, ...]:
    """Rules of patterns/<language>.<name>.tsv; a missing file gives no rules."""
    source = resources.files("undeleted.extract") / "patterns" / f"{language}.{name}.tsv"
    if not source.is_file():
        return ()
    flags = re.IGNORECASE if language != "zh" else 0
    rules = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        *labels, expression = line.split("\t")
        try:
            rules.append(Rule(tuple(labels), re.compile(expression, flags)))
        except re.error as error:
            raise ConfigError(f"{source}:{number}: bad pattern {expression!r}: {error}") from error
    return tuple(rules)
