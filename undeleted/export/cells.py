"""Spreadsheet-safe cells: text a spreadsheet would run as a formula is written with a leading apostrophe.

OWASP's rule for CSV injection: a cell that starts with '=', '+', '-', '@', a tab or a carriage return
is a formula to Excel and LibreOffice (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Such cells get a leading
"'", which spreadsheets show as text and hide. Numbers ('-3', '+86.5') stay as they are. Every CSV-like
writer (CSV, ACLED) passes its cells through `spreadsheet_safe`; JSON, GeoJSON and Parquet keep the text.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """The value, or the text with a leading "'" when it would start a formula in a spreadsheet."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if value[0] in "+-" and NUMBER.fullmatch(value):
        return value
    return "'" + value
