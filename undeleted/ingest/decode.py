"""Bytes to clean text: encoding detection (UTF-8, GB18030/GBK, Big5) and normalisation."""

import unicodedata

from charset_normalizer import from_bytes

from undeleted.errors import BadInput

# Encodings tried when a file is not UTF-8, in the order reports about China use them.
FALLBACK_ENCODINGS = ["gb18030", "big5", "utf_16", "cp1252"]


def guess_encoding(head: bytes, source: str) -> str:
    """The encoding of a text file judged from its first bytes (which may end inside a character), as
    `decode` would choose it; BadInput naming the source when they are not text."""
    if not head.strip():
        raise BadInput(f"{source}: empty file")
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{source}: binary file (NUL bytes), not a text report")
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as problem:
        if problem.start >= len(head) - 3 and problem.reason == "unexpected end of data":
            return "utf-8-sig"  # cut inside the last character
    best = from_bytes(head, cp_isolation=FALLBACK_ENCODINGS).best()
    if best is None:
        raise BadInput(f"{source}: cannot decode as UTF-8, GB18030, Big5 or UTF-16")
    return str(best.encoding)


def decode(data: bytes, source: str) -> str:
    """Decode report bytes; raise BadInput naming the source when they are not text."""
    if not data.strip():
        raise BadInput(f"{source}: empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{source}: binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=FALLBACK_ENCODINGS).best()
    if best is None:
        raise BadInput(f"{source}: cannot decode as UTF-8, GB18030, Big5 or UTF-16")
    return str(best)


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces on lines, no surrounding blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
