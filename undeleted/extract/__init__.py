"""Extraction stage: a Document in, SCHEMA Events out, with rules kept as data per language."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from undeleted.dates import infer_published
from undeleted.errors import BadInput
from undeleted.extract.anchors import anchor_sentences, story_day
from undeleted.extract.assemble import DocumentView, assemble_event
from undeleted.extract.detector import Detector
from undeleted.extract.events import detect_mentions, fold_strike_gatherings, group_episodes, mark_headings
from undeleted.extract.lexicon import Lexicon
from undeleted.extract.mixed import split_languages
from undeleted.extract.traditional import restore_original
from undeleted.geo import Gazetteer, decide_scope
from undeleted.models import MAX_CHARS, Document, Event
from undeleted.text.convert import load_converter, to_simplified
from undeleted.text.lang import detect_language
from undeleted.text.sentences import split_sentences

GENRE_LINES = 6


@dataclass(frozen=True)
class ExtractContext:
    """What extraction loads once per process: the gazetteer and each language's lexicon."""

    gazetteer: Gazetteer
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    nlp: Any = None
    converter: Any = None  # OpenCC traditional → simplified, loaded when Chinese patterns are
    detector: Detector | None = None  # the learned sentence detector beside the trigger rules

    @classmethod
    def load(cls, languages: tuple[str, ...] | None = None, patterns: Path | None = None) -> ExtractContext:
        """The gazetteer and every language's rules, each rule file checked as it loads (ConfigError naming
        the file and line). `patterns`: a folder of rule files to read instead of the shipped ones (also
        $UNDELETED_PATTERNS)."""
        folder = patterns or rules_folder()
        found = languages or available_languages(folder)
        lexicons = load_rules(found, folder)
        converter = load_converter() if "zh" in found else None
        return cls(
            Gazetteer.from_package(), lexicons, converter=converter, detector=Detector.load(detector_path())
        )


def detector_path() -> Path | None:
    """The detector model to use: `$UNDELETED_DETECTOR` when set (a model trained elsewhere, or a
    candidate to compare), else the one shipped in the package."""
    value = os.environ.get("UNDELETED_DETECTOR")
    return Path(value) if value else None


def rules_folder() -> Path | None:
    """The folder of rule files given by $UNDELETED_PATTERNS, else None (the shipped patterns/)."""
    given = os.environ.get("UNDELETED_PATTERNS")
    return Path(given) if given else None


def load_rules(languages: tuple[str, ...] | None = None, patterns: Path | None = None) -> dict[str, Lexicon]:
    """Every language's checked rules: `undeleted run` calls this before it reads a document."""
    folder = patterns or rules_folder()
    return {language: Lexicon.load(language, folder) for language in languages or available_languages(folder)}


def available_languages(patterns: Path | None = None) -> tuple[str, ...]:
    """Languages with a trigger file under patterns/."""
    folder = patterns if patterns is not None else resources.files("undeleted.extract") / "patterns"
    names = [item.name for item in folder.iterdir() if item.name.endswith(".triggers.tsv")]
    return tuple(sorted(name.split(".")[0] for name in names))


def extract_events(doc: Document, context: ExtractContext) -> list[Event]:
    """Events of one document, each with evidence offsets; none for languages without patterns."""
    if len(doc.text) > MAX_CHARS:
        raise BadInput(
            f"document {doc.doc_id[:12]}: {len(doc.text):,} characters, over the "
            f"{MAX_CHARS:,} a report may have; split it into reports first"
        )
    language = doc.language if doc.language in context.lexicons else detect_language(doc.text)
    events: list[Event] = []
    for part_language, part in split_languages(doc, language, tuple(context.lexicons)):
        if part_language == "zh" and context.converter is not None:
            converted = to_simplified(part.text, context.converter)
            if converted.changed:
                simplified = part.model_copy(update={"text": converted.text})
                found = extract_language(simplified, part_language, context)
                events.extend(restore_original(event, converted) for event in found)
                continue
        events.extend(extract_language(part, part_language, context))
    return events


def extract_language(doc: Document, language: str, context: ExtractContext) -> list[Event]:
    """Events of a document read in one language (its text already simplified for Chinese)."""
    lexicon = context.lexicons.get(language)
    if lexicon is None or is_commentary(doc.text, lexicon):
        return []
    if not decide_scope(doc.text, doc.title, language, context.gazetteer).in_scope:
        return []  # a report about another country yields no events in China
    published = doc.published or infer_published(doc.text, language)
    sentences = split_sentences(doc.text, language)
    headings = mark_headings(sentences)
    detector = context.detector if context.detector and language in context.detector.languages else None
    mentions = detect_mentions(sentences, lexicon, doc.title, headings, detector)
    if not mentions:
        return []
    anchors = anchor_sentences(doc.text, sentences, context.gazetteer, lexicon, published, headings)
    mentions = fold_strike_gatherings(mentions, sentences, anchors, lexicon)
    story = story_day(anchors, headings, published)
    view = DocumentView(
        doc.doc_id, doc.text, sentences, anchors, lexicon, context.gazetteer, published, story
    )
    events = [assemble_event(episode, view) for episode in group_episodes(mentions, anchors)]
    # A year alone ("last year", 去年) dates no event: what the report recalls so is undated background.
    return [event for event in events if event is not None and event.time_precision != "year"]


def is_commentary(text: str, lexicon: Lexicon) -> bool:
    """Opinion and analysis pieces (by their label or disclaimer line) report no events."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    edges = lines[:GENRE_LINES] + lines[-GENRE_LINES:]
    return any(rule.pattern.search(line) for rule in lexicon["genres"] for line in edges)


__all__ = ["ExtractContext", "extract_events", "load_rules"]
