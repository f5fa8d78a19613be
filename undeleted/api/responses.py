"""JSONText: a JSON response serialised in one json.dumps call (dates as ISO strings), for large lists where
FastAPI's generic encoder would walk every value in Python first."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fastapi.responses import JSONResponse


def iso(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class JSONText(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=iso).encode("utf-8")
