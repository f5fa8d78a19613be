"""Publication dates and sources for plain files: a manifest CSV (path, published, url, outlet, title, language)
for a folder, or one date for a whole run (--published). Plain text files carry no date of their own, and
without one every relative date in them ('on Tuesday') stays unresolved."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from undeleted.errors import BadInput, ConfigError
from undeleted.models import Document

MANIFEST_COLUMNS = ("path", "published", "url", "outlet", "title", "language")


@dataclass(frozen=True)
class RunMetadata:
    """What a run adds to the documents it reads: manifest rows by resolved file path, and a default date for
    documents that have none (the manifest and the file's own metadata come first)."""

    published: date | None = None
    rows: dict[Path, dict[str, Any]] = field(default_factory=dict)

    def apply(self, doc: Document, source: str | None) -> Document:
        update: dict[str, Any] = {}
        row = self.rows.get(Path(source).resolve()) if source else None
        if row:
            update.update({key: value for key, value in row.items() if key != "published" and value})
            if row.get("published"):
                update.update(published=row["published"], date_source="metadata")
        if "published" not in update and doc.published is None and self.published is not None:
            update.update(published=self.published, date_source="metadata")
        return doc.model_copy(update=update) if update else doc


def parse_day(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ConfigError(f"{where}: published date '{value}' is not an ISO date (YYYY-MM-DD)") from None


def read_manifest(path: Path) -> dict[Path, dict[str, Any]]:
    """Manifest rows keyed by the file each names (relative paths are relative to the manifest's folder)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as lines:
            reader = csv.DictReader(lines)
            columns = [name.strip().lower() for name in reader.fieldnames or []]
            if "path" not in columns:
                raise ConfigError(
                    f"--manifest {path}: no 'path' column (columns: {', '.join(MANIFEST_COLUMNS)})"
                )
            rows: dict[Path, dict[str, Any]] = {}
            for number, raw in enumerate(reader, start=2):
                row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
                if not row.get("path"):
                    continue
                where = f"--manifest {path}:{number}"
                fields: dict[str, Any] = {key: row[key] for key in MANIFEST_COLUMNS[2:] if row.get(key)}
                if row.get("published"):
                    fields["published"] = parse_day(row["published"], where)
                rows[(path.parent / row["path"]).resolve()] = fields
            return rows
    except FileNotFoundError:
        raise ConfigError(f"--manifest {path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as problem:
        raise ConfigError(f"--manifest {path}: cannot read it as a UTF-8 CSV ({problem})") from None


def run_metadata(manifest: Path | None, published: str | None) -> RunMetadata:
    """The metadata of a run from --manifest and --published; a bad value raises ConfigError."""
    day = parse_day(published, "--published") if published else None
    return RunMetadata(published=day, rows=read_manifest(manifest) if manifest else {})


def unused_rows(metadata: RunMetadata, seen: set[Path]) -> list[BadInput]:
    """Manifest rows that named no file of the run (a typo in a path)."""
    return [
        BadInput(f"manifest row for {path}: no such file among the inputs")
        for path in metadata.rows
        if path not in seen
    ]
