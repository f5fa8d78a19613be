"""Traditional → simplified Chinese (OpenCC t2s) with a map from converted offsets back to the original."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Protocol

from undeleted.errors import ConfigError


class Converter(Protocol):
    def convert(self, text: str) -> str: ...


@dataclass(frozen=True)
class Converted:
    """Simplified text and, where lengths differ, the original offset of each converted offset.

    `offsets` is None when conversion kept every character in place (the usual case for t2s):
    then an offset in `text` is the same offset in `original`.
    """

    original: str
    text: str
    offsets: tuple[int, ...] | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def to_original(self, position: int) -> int:
        """The offset in the original text that corresponds to `position` in the converted text."""
        if self.offsets is None:
            return position
        return self.offsets[max(0, min(position, len(self.offsets) - 1))]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the converted text as a span of the original text."""
        first = self.to_original(start)
        return first, max(first, self.to_original(end))


def load_converter(config: str = "t2s.json") -> Converter:
    """The OpenCC converter (dictionaries ship with the `opencc` wheel; nothing is fetched)."""
    try:
        import opencc
    except ImportError as error:  # pragma: no cover - opencc is a declared dependency
        raise ConfigError(
            "Chinese conversion needs the 'opencc' package: pip install opencc==1.4.2"
        ) from error
    converter: Converter = opencc.OpenCC(config)
    return converter


def to_simplified(text: str, converter: Converter) -> Converted:
    """`text` in simplified characters, with offsets back into `text` when lengths changed."""
    simplified = converter.convert(text)
    if len(simplified) == len(text):
        return Converted(text, simplified)
    return Converted(text, simplified, align_offsets(text, simplified))


def align_offsets(original: str, converted: str) -> tuple[int, ...]:
    """For each offset 0..len(converted) of `converted`, the matching offset in `original`.

    Unchanged runs map one to one; a replaced run maps proportionally onto its original run.
    """
    offsets: list[int] = []
    matcher = difflib.SequenceMatcher(None, original, converted, autojunk=False)
    for _tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        width = b_end - b_start
        for index in range(width):
            offsets.append(a_start + (index * (a_end - a_start)) // width)
    offsets.append(len(original))
    return tuple(offsets)
