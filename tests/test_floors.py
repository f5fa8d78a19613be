"""The quality floors file: every floor names its gold and digest, and no floor is lowered without a reason."""

from __future__ import annotations

import subprocess

import pytest

from floors import FLOORS_FILE, REPO, read_floors


def test_every_floor_names_its_gold_and_digest():
    floors = read_floors(FLOORS_FILE.read_text(encoding="utf-8"))
    assert len(floors) >= 20
    for name, entry in floors.items():
        assert 0 < entry["floor"] <= 1, name
        assert entry["gold"] and len(entry["sha256"]) == 64, name


def earlier_versions() -> list[str]:
    """The text of tests/floors.toml in every earlier commit (none outside a git checkout)."""
    path = FLOORS_FILE.relative_to(REPO).as_posix()
    try:
        commits = subprocess.run(
            ["git", "log", "--format=%H", "--", path],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return []
    return [
        subprocess.run(
            ["git", "show", f"{commit}:{path}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        for commit in commits
    ]


def lowered_floors(now: dict[str, dict], before: list[dict[str, dict]]) -> list[str]:
    """Floors lower now than in some earlier version, and not saying why (lowered = "...")."""
    return [
        f"[{name}] floor {entry['floor']} < {old[name]['floor']} before"
        for name, entry in now.items()
        for old in before
        if name in old and entry["floor"] < old[name]["floor"] and not entry.get("lowered")
    ]


def test_no_floor_is_lowered_without_a_reason():
    versions = earlier_versions()
    if not versions:
        pytest.skip("not a git checkout: no earlier floors to compare with")
    now = read_floors(FLOORS_FILE.read_text(encoding="utf-8"))
    assert lowered_floors(now, [read_floors(text) for text in versions]) == []


def test_the_check_catches_a_silently_lowered_floor():
    before = {"extract_f1.heldout": {"floor": 0.90}}
    assert lowered_floors({"extract_f1.heldout": {"floor": 0.85}}, [before]) == [
        "[extract_f1.heldout] floor 0.85 < 0.9 before"
    ]
    assert (
        lowered_floors({"extract_f1.heldout": {"floor": 0.85, "lowered": "gold re-annotated"}}, [before])
        == []
    )
    assert lowered_floors({"extract_f1.heldout": {"floor": 0.95}}, [before]) == []
