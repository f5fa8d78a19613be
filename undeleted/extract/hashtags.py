"""Hashtags (#话题# and #word) near an event, with the status the report gives them."""

from __future__ import annotations

import re
from datetime import date

from undeleted.extract.lexicon import Lexicon
from undeleted.models import Hashtag

WEIBO_TAG = re.compile(r"#[^#\s]{1,60}#")
TWITTER_TAG = re.compile(r"(?<![\w#&])#[A-Za-z][\w]{1,50}\b")


def find_hashtags(text: str) -> list[tuple[int, int, str]]:
    """(start, end, tag) for Weibo-style #...# and Twitter-style #word tags."""
    found = [(m.start(), m.end(), m.group()) for m in WEIBO_TAG.finditer(text)]
    taken = [(start, end) for start, end, _ in found]
    for match in TWITTER_TAG.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            found.append((match.start(), match.end(), match.group()))
    return sorted(found)


def tag_status(sentence: str, lexicon: Lexicon, when: date | None) -> tuple[str, date | None]:
    """'removed' or 'active' when the sentence says so, with the sentence's date; else 'unknown'."""
    for label in lexicon.labels_in("hashtags", sentence):
        return label, when
    return "unknown", None


def make_hashtag(tag: str, sentence: str, lexicon: Lexicon, when: date | None) -> Hashtag:
    status, status_date = tag_status(sentence, lexicon, when)
    return Hashtag(tag=tag, status=status, status_date=status_date)  # type: ignore[arg-type]
