"""Recognise lines that are page furniture, not reporting (sign-ups, cookies, copyright)."""

import re
from importlib import resources


def load_boilerplate_patterns() -> re.Pattern[str]:
    lines = resources.files("undeleted.text").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    patterns = [line.strip() for line in lines.splitlines() if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


BOILERPLATE = load_boilerplate_patterns()


def is_boilerplate(line: str) -> bool:
    return BOILERPLATE.search(line) is not None
