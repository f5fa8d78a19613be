"""Imports run only down the layers, and the store is the only door to the database (read from the source)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "undeleted"

# Lowest first. A module may import its own package and packages of lower layers, never a sibling of its
# layer nor anything above it.
LAYERS = [
    ["errors", "vocab"],
    ["models", "text"],
    ["dates", "geo", "link", "score"],
    ["ingest", "censorship"],
    ["extract"],
    ["store", "workers"],
    ["export", "pipeline"],
    ["scale", "monitor", "censorship_pipeline", "evaluation"],
    ["dependencies"],
    ["api", "web"],
    ["app"],
    ["cli_checks"],
    ["notebook"],
    ["censorship_commands"],
    ["cli"],
]
LAYER = {name: rank for rank, names in enumerate(LAYERS) for name in names}
STORE_MAY_IMPORT = {"errors", "vocab", "models", "link"}  # persistence only: no domain stage, no reader


def group_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_groups(path: Path) -> list[tuple[int, str]]:
    """(line, top-level part of undeleted) of every undeleted import in the file, deferred ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "undeleted":
            parts = node.module.split(".")
            names = [parts[1]] if len(parts) > 1 else [alias.name for alias in node.names]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name.split(".")[1])
                for alias in node.names
                if alias.name.startswith("undeleted.")
            ]
    return [(line, name) for line, name in found if name in LAYER]


def sources() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py")) if "migrations" not in path.parts]


def test_every_package_has_a_layer():
    groups = {group_of(path) for path in sources()} - {"__init__"}
    assert groups <= set(LAYER), f"add {sorted(groups - set(LAYER))} to LAYERS"


def test_imports_run_only_down_the_layers():
    upward = []
    for path in sources():
        group = group_of(path)
        if group == "__init__":
            continue
        for line, name in imported_groups(path):
            if name != group and LAYER[name] >= LAYER[group]:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {group} imports {name}")
    assert upward == []


def test_store_imports_no_stage_above_persistence():
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: store imports {name}"
        for path in sources()
        if group_of(path) == "store"
        for line, name in imported_groups(path)
        if name not in STORE_MAY_IMPORT | {"store"}
    ]
    assert wrong == []


def test_only_the_store_speaks_sql():
    speaking = re.compile(r"\.engine\b|^\s*(import sqlalchemy|from sqlalchemy)", re.MULTILINE)
    outside = [
        str(path.relative_to(PACKAGE.parent))
        for path in sources()
        if group_of(path) != "store" and speaking.search(path.read_text(encoding="utf-8"))
    ]
    assert outside == []


def test_the_layer_check_catches_an_upward_import(tmp_path):
    """The check itself: a store module importing the API would be reported."""
    module = tmp_path / "bad.py"
    module.write_text("from undeleted.api import events\nfrom undeleted.models import Document\n", "utf-8")
    assert imported_groups(module) == [(1, "api"), (2, "models")]
    assert LAYER["api"] > LAYER["store"]
