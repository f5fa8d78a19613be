"""Rule files are checked when they load: columns, vocabularies, expressions, word lists and file names; a bad
file stops `undeleted run` with one line before any document is read; every rule has an example it matches."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from undeleted.errors import ConfigError
from undeleted.extract import load_rules
from undeleted.extract.lexicon import RULE_FILES, Lexicon

SHIPPED = Path(str(resources.files("undeleted.extract") / "patterns"))
EXAMPLES = Path(__file__).parent / "resources" / "rule_examples"
UNDELETED = str(Path(sys.executable).parent / "undeleted")


@pytest.fixture
def patterns(tmp_path: Path) -> Path:
    """A copy of the shipped rule files to break."""
    folder = tmp_path / "patterns"
    shutil.copytree(SHIPPED, folder)
    return folder


def replace_line(path: Path, number: int, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def first_rule_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() and not line.startswith("#"))


@pytest.mark.parametrize(
    "file, line, message",
    [
        (
            "en.triggers.tsv",
            "protset\t\\bprotested\\b",
            "en.triggers.tsv:{n}: 'protset' is not an event type; allowed: protest, clash, defiance",
        ),
        (
            "en.triggers.tsv",
            "protest\tstrong\t\\bprotested\\b",
            "en.triggers.tsv:{n}: 'strong' is not a strength; allowed: weak",
        ),
        (
            "en.tactics.tsv",
            "sitting\t\\bsat\\b",
            "en.tactics.tsv:{n}: 'sitting' is not a tactic; allowed: gathering",
        ),
        (
            "zh.actors.tsv",
            "workers\tleader\t工人",
            "zh.actors.tsv:{n}: 'leader' is not an actor role; allowed: auto",
        ),
        ("en.sizes.tsv", "hundreds\tmany\t-\t\\bhundreds\\b", "en.sizes.tsv:{n}: 'many' is not a number"),
        (
            "en.tactics.tsv",
            "\\bsat\\b",
            "en.tactics.tsv:{n}: 1 columns; this file has tactic <TAB> expression",
        ),
        ("en.triggers.tsv", "protest\t\\bprotest(ed", "en.triggers.tsv:{n}: bad pattern"),
        (
            "en.triggers.tsv",
            "protest\t\\b{marching_words}\\b",
            "en.triggers.tsv:{n}: no word list named {marching_words}",
        ),
    ],
)
def test_a_bad_rule_line_is_refused_at_load_naming_file_and_line(patterns, file, line, message):
    number = first_rule_line(patterns / file)
    replace_line(patterns / file, number, line)
    with pytest.raises(ConfigError) as raised:
        Lexicon.load(file.split(".")[0], patterns)
    assert str(raised.value).startswith(message.replace("{n}", str(number)))


def test_an_unknown_rule_file_is_refused(patterns):
    (patterns / "en.trigers.tsv").write_text("protest\t\\bprotest\\b\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"en\.trigers\.tsv: not a rule file undeleted reads; known: actors"
    ):
        Lexicon.load("en", patterns)


def test_asking_for_an_unknown_rule_file_is_an_error():
    lexicon = Lexicon.load("en")
    assert lexicon["triggers"]
    with pytest.raises(ConfigError, match="no rule file named 'misspelt'"):
        lexicon["misspelt"]


def test_word_lists_expand_into_expressions(patterns):
    words = patterns / "en.words.tsv"
    words.write_text(words.read_text("utf-8") + "sit_words\tsat in|sit-in|sat down\n", "utf-8")
    replace_line(
        patterns / "en.tactics.tsv",
        first_rule_line(patterns / "en.tactics.tsv"),
        "gathering\t\\b(?:{sit_words})\\b",
    )
    lexicon = Lexicon.load("en", patterns)
    assert lexicon.labels_in("tactics", "Dozens of residents sat down outside the gate.") == ["gathering"]


def test_every_shipped_rule_file_has_declared_columns():
    names = {path.name.split(".")[1] for path in SHIPPED.glob("*.tsv")}
    assert names <= set(RULE_FILES) | {"words"}
    assert set(load_rules()) == {"en", "zh"}


def test_undeleted_run_stops_on_a_bad_rule_file_before_reading(patterns, tmp_path):
    triggers = patterns / "en.triggers.tsv"
    number = first_rule_line(triggers)
    replace_line(triggers, number, "protset\t\\bprotested\\b")
    report = tmp_path / "report.txt"
    report.write_text("Hundreds of workers protested outside the factory in Zhengzhou on Monday.\n", "utf-8")
    database = tmp_path / "events.db"
    done = subprocess.run(
        [UNDELETED, "run", str(report), "--db", f"sqlite:///{database}", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "UNDELETED_PATTERNS": str(patterns)},
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert f"en.triggers.tsv:{number}: 'protset' is not an event type; allowed: protest, clash" in lines[0]
    assert not database.exists()  # stopped before the database was opened or any document read


def read_examples(path: Path) -> dict[str, str]:
    """EXPRESSION -> example sentence of one tests/resources/rule_examples file (none if it is missing).

    A comment starts with '# ' (an expression may start with '#', as the hashtag rules do)."""
    if not path.is_file():
        return {}
    examples = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("# "):
            fields = line.split("\t")
            assert len(fields) == 2, f"{path.name}:{number}: not EXPRESSION <TAB> example"
            examples[fields[0]] = fields[1]
    return examples


@pytest.mark.parametrize("kind", sorted(RULE_FILES))
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_rule_has_an_example_it_matches(language, kind):
    name = f"{language}.{kind}.tsv"
    examples = read_examples(EXAMPLES / name)
    missing, unmatched = [], []
    for rule in Lexicon.load(language)[kind]:
        example = examples.get(rule.pattern.pattern)
        if not example:
            missing.append(f"{name}:{rule.line}")
        elif not rule.pattern.search(example):
            unmatched.append(f"{name}:{rule.line}: {example}")
    assert missing == [], f"add an example to tests/resources/rule_examples/{name}"
    assert unmatched == []
