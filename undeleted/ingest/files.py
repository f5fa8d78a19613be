"""Walk paths and read each supported file format into Documents."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from undeleted.errors import BadInput
from undeleted.ingest.decode import decode, normalize_text
from undeleted.ingest.html import read_html
from undeleted.ingest.limits import read_document_bytes
from undeleted.ingest.office import read_docx, read_pdf
from undeleted.ingest.streams import describe, read_json_lines, read_parquet, suffix_of
from undeleted.models import MAX_CHARS, Document
from undeleted.text.lang import detect_language

Item = Document | BadInput
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
FRONT_MATTER_KEYS = {"title", "url", "outlet", "published", "language"}


def read_all(paths: Iterable[Path]) -> Iterator[Item]:
    """Every Document in the given files and folders; problems are yielded as BadInput."""
    for _, item in read_sourced(paths):
        yield item


def read_sourced(paths: Iterable[Path]) -> Iterator[tuple[str | None, Item]]:
    """(file, item) for every Document or problem in the given files and folders."""
    for path in iter_paths(paths):
        if isinstance(path, BadInput):
            yield None, path
            continue
        reader = READERS.get(suffix_of(path, READERS))
        if reader is None:
            yield str(path), BadInput(unsupported(path))
            continue
        try:
            for item in reader(path):
                yield str(path), refuse_giant(item, path)
        except BadInput as problem:
            yield str(path), problem
        except OSError as problem:
            yield str(path), BadInput(f"{path}: cannot read ({problem.strerror or problem})")
        except Exception as problem:  # any failure ends this file only; the batch goes on
            yield str(path), BadInput(f"{path}: cannot read ({describe(problem)})")


def unsupported(path: Path) -> str:
    """Why a file is skipped: what it is, and what to do with it."""
    suffix = path.suffix.lower()
    if suffix in IMAGES:
        return f"{path}: an image ({suffix}) has no text to read; run OCR on it first and give the text"
    if suffix in OLD_OFFICE:
        return f"{path}: old Office format ({suffix}); save it as {OLD_OFFICE[suffix]} or PDF"
    return (
        f"{path}: unsupported file type '{path.suffix or path.name}' (readable: {', '.join(sorted(READERS))})"
    )


def refuse_giant(item: Item, path: Path) -> Item:
    """A document longer than any report (a dump, a book) becomes BadInput naming its file."""
    if isinstance(item, Document) and len(item.text) > MAX_CHARS:
        return BadInput(
            f"{path}: {len(item.text):,} characters, over the {MAX_CHARS:,} a report may have; "
            "split it into reports first"
        )
    return item


def iter_paths(paths: Iterable[Path]) -> Iterator[Path | BadInput]:
    """Files as given, and the files inside folders (recursively, sorted, no hidden files); a file inside a
    folder that no reader takes comes as BadInput saying why it is skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if not child.is_file() or hidden:
                    continue
                if suffix_of(child, READERS) in READERS:
                    yield child
                else:
                    yield BadInput(unsupported(child))
        elif path.exists():
            yield path
        else:
            yield BadInput(f"{path}: no such file or folder")


def read_text_file(path: Path) -> Iterator[Item]:
    """A .txt or .md report, with optional '---' front matter (title, url, outlet, published, language)."""
    text = normalize_text(decode(read_document_bytes(path), str(path)))
    fields: dict[str, str] = {}
    front = FRONT_MATTER.match(text + "\n")
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in FRONT_MATTER_KEYS and value.strip():
                fields[key.strip().lower()] = value.strip()
        text = normalize_text(text[front.end() :])
    if not text:
        raise BadInput(f"{path}: no text after the front matter")
    yield make_document(text, source=str(path), **fields)


def parse_json_line(raw: bytes | str, where: str) -> Document:
    """One JSON line: gold format ({"doc": {...}, "events": [...]}) or a plain object with at least "text"."""
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as problem:
        raise BadInput(f"{where}: broken JSON line ({problem})") from None
    except RecursionError:
        raise BadInput(f"{where}: JSON nested too deeply to read") from None
    return parse_record(record, where)


def parse_record(record: object, where: str) -> Document:
    """A Document from one decoded JSON object or Parquet row."""
    if not isinstance(record, dict):
        raise BadInput(f"{where}: expected a JSON object, got {type(record).__name__}")
    try:
        if isinstance(record.get("doc"), dict):
            return Document.model_validate(record["doc"])
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            raise BadInput(f"{where}: object has no 'text'")
        fields = {
            key: record[key] for key in FRONT_MATTER_KEYS | {"doc_id", "date_source"} if record.get(key)
        }
        return make_document(normalize_text(record["text"]), source=where, **fields)
    except ValidationError as problem:
        first = problem.errors()[0]
        raise BadInput(f"{where}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def make_document(text: str, source: str, **fields: str) -> Document:
    """A Document from normalised text and whatever metadata is known."""
    published = fields.pop("published", None)
    try:
        day = date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        raise BadInput(f"{source}: published date '{published}' is not an ISO date") from None
    fields.setdefault("language", detect_language(text))
    if day is not None:
        fields.setdefault("date_source", "metadata")
    return Document.model_validate({"text": text, "published": day, **fields})


IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic"}
OLD_OFFICE = {".doc": ".docx", ".rtf": ".docx", ".odt": ".docx"}
READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": partial(read_json_lines, parse=parse_json_line),
    ".jsonl.gz": partial(read_json_lines, parse=parse_json_line),
    ".jsonl.zst": partial(read_json_lines, parse=parse_json_line),
    ".parquet": partial(read_parquet, parse=parse_record),
    ".pdf": read_pdf,
    ".docx": read_docx,
}
