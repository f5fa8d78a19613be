"""find_dates: every date expression in a text, resolved against the publication date and the running anchor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from undeleted.dates.en import parse_en
from undeleted.dates.resolve import is_relative, resolve_expression
from undeleted.dates.spans import DateMention, Expression
from undeleted.dates.zh import parse_zh

PARSERS: dict[str, Callable[[str], list[Expression]]] = {"en": parse_en, "zh": parse_zh}


def parse_expressions(text: str, language: str) -> list[Expression]:
    """The grammar for the language ('zh-Hant' reads as 'zh'; unknown languages read as English)."""
    return PARSERS.get(language.lower()[:2], parse_en)(text)


def find_dates(
    text: str, reference: date | None, language: str, anchor: date | None = None
) -> list[DateMention]:
    """All date expressions in `text`, resolved.

    reference: the report's publication date; anchor: the date of the previous event or mention in the
    document ("the following day", "次日", "当晚" count from it). Each day-precise date found becomes the
    anchor of the expressions after it.
    """
    mentions: list[DateMention] = []
    for expr in parse_expressions(text, language):
        span = resolve_expression(expr, reference, anchor)
        if span is None:
            continue
        mentions.append(DateMention(expr.start, expr.end, text[expr.start : expr.end], span, is_relative(expr)))
        if span.precision == "day" and not expr.future:
            anchor = span.end
    return mentions
