"""Tell the language of a text by its script, and English from other Latin-script languages."""

import re

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
SCRIPTS = {
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "bo": re.compile(r"[\u0f00-\u0fff]"),
}
WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")
# The commonest English words; in English prose they make up well over a tenth of the words.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "who",
        "which",
        "as",
        "after",
        "not",
        "said",
    ]
)


def detect_language(text: str) -> str:
    """'zh', 'en', 'ja', 'ko', 'ru', 'ar', 'bo', or 'und' when no language can be told.

    Han characters are weighted against Latin letters (a character carries about as much as a
    five-letter word); Latin-script text counts as English only when English function words are common.
    """
    han = len(CJK.findall(text))
    latin = len(LATIN.findall(text))
    others = {language: len(pattern.findall(text)) for language, pattern in SCRIPTS.items()}
    if KANA.search(text) and len(KANA.findall(text)) * 5 >= han:
        return "ja"
    if len(HANGUL.findall(text)) > han:
        return "ko"
    script, count = max(others.items(), key=lambda item: item[1])
    if count > latin and count > han * 3:
        return script
    if han == 0 and latin == 0:
        return "und"
    if han * 3 >= latin:
        return "zh"
    words = WORD.findall(text.lower())
    if len(words) < 12:
        return "en"
    return "en" if sum(word in ENGLISH_WORDS for word in words) / len(words) >= 0.08 else "und"


def paragraph_languages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) for each non-empty paragraph of a possibly mixed document."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end(), detect_language(match.group())))
    return spans
