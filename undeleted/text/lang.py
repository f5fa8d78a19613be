"""Tell English from Chinese, per document and per paragraph."""

import re

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """'zh' when Han characters carry the text, else 'en'.

    A Chinese character carries about as much as an English word of five letters,
    so Han characters are weighted against Latin letters accordingly.
    """
    han = len(CJK.findall(text))
    latin = len(LATIN.findall(text))
    if han == 0 and latin == 0:
        return "en"
    return "zh" if han * 3 >= latin else "en"


def paragraph_languages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) for each non-empty paragraph of a possibly mixed document."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end(), detect_language(match.group())))
    return spans
