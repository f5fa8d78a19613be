"""Spreadsheet cells: text that Excel or LibreOffice would run as a formula is made plain text."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell starting like a formula ('=HYPERLINK(...)', '+1', '@SUM') gets a leading apostrophe (OWASP's advice),
    so it shows as typed instead of being evaluated."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
