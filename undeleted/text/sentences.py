"""Split a document into sentences with offsets into its text, in English and Chinese."""

import re
from dataclasses import dataclass

from undeleted.text.boilerplate import is_boilerplate

PARAGRAPH = re.compile(r"[^\n]+")
# English: a sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital,
# digit or opening quote; common abbreviations do not end sentences.
EN_END = re.compile(r"""[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9#@])""")
EN_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Rd|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Gen|Col|Lt|Sgt|Rev|Inc|Ltd|Co|Corp|vs|etc|approx|U\.S|U\.K|a\.m|p\.m|e\.g|i\.e)|\b[A-Z])\.+\s+$"
)
# Chinese: a sentence ends at 。！？； (and closing quotes), or at a run of ! ?.
ZH_END = re.compile(r"[。！？；!?]+[”’」』）)]*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    boilerplate: bool


def split_sentences(text: str, language: str) -> list[Sentence]:
    """Sentences of each paragraph (a paragraph is a non-empty line), stripped, with offsets."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(p for p in PARAGRAPH.finditer(text) if p.group().strip()):
        pieces = _split_zh(paragraph.group()) if language == "zh" else _split_en(paragraph.group())
        for start, end in pieces:
            start, end = _strip(text, paragraph.start() + start, paragraph.start() + end)
            if end > start:
                piece = text[start:end]
                sentences.append(Sentence(start, end, piece, number, is_boilerplate(piece)))
    return sentences


def _split_en(paragraph: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in EN_END.finditer(paragraph):
        if EN_ABBREVIATIONS.search(paragraph[start : match.end()]):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def _split_zh(paragraph: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in ZH_END.finditer(paragraph):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(paragraph)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
