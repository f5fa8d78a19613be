"""The quality floors of tests/floors.toml: `floor("extract_f1.heldout")` is the figure a test must reach,
refused (the test fails) when the gold it was measured on has changed since."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
FLOORS_FILE = Path(__file__).resolve().parent / "floors.toml"


def read_floors(text: str) -> dict[str, dict[str, Any]]:
    """Every floor entry by its dotted name ("extract_f1.heldout")."""
    found: dict[str, dict[str, Any]] = {}
    for group, entries in tomllib.loads(text).items():
        for name, entry in entries.items():
            found[f"{group}.{name}"] = entry
    return found


def gold_digest(paths: list[str]) -> str:
    """sha256 of the gold files' bytes, read in order (paths from the repository root)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update((REPO / path).read_bytes())
    return digest.hexdigest()


def floor(name: str) -> float:
    """The floor `name`; the test is skipped when its gold is absent and fails when the gold has changed."""
    entry = read_floors(FLOORS_FILE.read_text(encoding="utf-8"))[name]
    missing = [path for path in entry["gold"] if not (REPO / path).exists()]
    if missing:
        pytest.skip(f"gold {missing} not present")
    found = gold_digest(entry["gold"])
    if found != entry["sha256"]:
        pytest.fail(
            f"tests/floors.toml [{name}]: the gold {entry['gold']} changed since this floor was measured "
            f"(sha256 {found}, recorded {entry['sha256']}); measure again, then record the new digest"
        )
    return float(entry["floor"])
