"""Hashtag and post snapshots over time → censorship events: listed at T1 and gone (or emptied) at T2 was removed.

A snapshot is the tracked hashtags (and posts) as seen at one date. File forms:
- JSON: {"taken": "2022-07-04", "source": "weibo hot search", "hashtags": ["#a#", {"tag": "#b#", "status": "..."}],
  "posts": ["4800000000000001", {"post_id": "...", "url": "...", "status": "..."}]}
- CSV: columns `hashtag` (or `tag`, `话题`) and/or `post_id` (or `mid`), and `taken` (or `date`), optional `status`,
  `url` and `source`; one date per file.
A row whose status text is a removal notice ("该话题暂无内容", "根据相关法律法规…") counts as not listed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from undeleted.errors import BadInput
from undeleted.geo.gazetteer import Gazetteer
from undeleted.geo.resolve import find_places, resolve_places
from undeleted.models import Location

TAG_COLUMNS = ("hashtag", "tag", "话题", "topic")
POST_COLUMNS = ("post_id", "mid", "微博id", "weibo_id")
DATE_COLUMNS = ("taken", "date", "seen_at", "日期")
Locate = Callable[[str], Location | None]


@dataclass(frozen=True)
class HashtagSnapshot:
    """Hashtags (and posts) listed (live) and seen emptied, at one date, from one source, with notice texts."""

    taken: date
    listed: tuple[str, ...]
    emptied: tuple[str, ...] = ()
    source: str = "snapshot"
    posts: tuple[str, ...] = ()
    posts_emptied: tuple[str, ...] = ()
    notices: tuple[tuple[str, str], ...] = ()  # (tag or post id, the status text that was shown)
    post_urls: tuple[tuple[str, str], ...] = ()

    def notice_of(self, subject: str) -> str | None:
        return next((text for key, text in self.notices if key == subject), None)

    def url_of(self, post_id: str) -> str | None:
        return next((url for key, url in self.post_urls if key == post_id), None)


def removal_notices() -> list[str]:
    text = resources.files("undeleted.censorship").joinpath("removal_notices.tsv").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def normalize_tag(raw: str) -> str:
    """'丹东白血病男孩', '#丹东白血病男孩', '#丹东白血病男孩#' → '#丹东白血病男孩#'."""
    core = raw.strip().strip("#").strip()
    return f"#{core}#" if core else ""


def is_removal_notice(status: str, notices: list[str]) -> bool:
    return bool(status) and any(notice.lower() in status.lower() for notice in notices)


def make_snapshot(
    taken: date, entries: Sequence[tuple[str, str]], source: str, posts: Sequence[tuple[str, str, str]] = ()
) -> HashtagSnapshot:
    """(tag, status) pairs and (post id, status, url) triples → a snapshot; a removal notice means emptied."""
    notices = removal_notices()
    listed: list[str] = []
    emptied: list[str] = []
    shown: dict[str, str] = {}
    for raw, status in entries:
        tag = normalize_tag(raw)
        if not tag:
            continue
        gone = is_removal_notice(status, notices)
        (emptied if gone else listed).append(tag)
        if gone:
            shown.setdefault(tag, status.strip())
    live: list[str] = []
    blocked: list[str] = []
    urls: dict[str, str] = {}
    for raw_id, status, url in posts:
        post_id = raw_id.strip()
        if not post_id:
            continue
        gone = is_removal_notice(status, notices)
        (blocked if gone else live).append(post_id)
        if gone:
            shown.setdefault(post_id, status.strip())
        if url:
            urls.setdefault(post_id, url.strip())
    return HashtagSnapshot(
        taken,
        tuple(dict.fromkeys(listed)),
        tuple(dict.fromkeys(emptied)),
        source,
        tuple(dict.fromkeys(live)),
        tuple(dict.fromkeys(blocked)),
        tuple(shown.items()),
        tuple(urls.items()),
    )


def read_snapshot(path: Path) -> HashtagSnapshot:
    """A JSON or CSV snapshot file (see module docstring). Raises BadInput naming the file and row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        raise BadInput(f"{path}: cannot read snapshot ({problem})") from None
    if path.suffix.lower() == ".json":
        return read_json_snapshot(text, str(path))
    return read_csv_snapshot(text, str(path))


def read_json_snapshot(text: str, where: str) -> HashtagSnapshot:
    try:
        data = json.loads(text)
        taken = date.fromisoformat(str(data["taken"])[:10])
        items = data.get("hashtags") or []
        post_items = data.get("posts") or []
        if "hashtags" not in data and "posts" not in data:
            raise KeyError("hashtags")
    except json.JSONDecodeError as problem:
        raise BadInput(f"{where}:{problem.lineno}: broken JSON ({problem.msg})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as problem:
        raise BadInput(
            f"{where}: a snapshot needs 'taken' (ISO date) and 'hashtags' or 'posts' ({problem})"
        ) from None
    entries = [
        (item, "") if isinstance(item, str) else (str(item.get("tag", "")), str(item.get("status") or ""))
        for item in items
        if isinstance(item, (str, dict))
    ]
    posts = [
        (str(item), "", "")
        if isinstance(item, (str, int))
        else (
            str(item.get("post_id") or item.get("id") or ""),
            str(item.get("status") or ""),
            str(item.get("url") or ""),
        )
        for item in post_items
        if isinstance(item, (str, int, dict))
    ]
    return make_snapshot(taken, entries, str(data.get("source") or where), posts)


def read_csv_snapshot(text: str, where: str) -> HashtagSnapshot:
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0]) if rows else []
    tag_column = next((name for name in TAG_COLUMNS if name in header), None)
    post_column = next((name for name in POST_COLUMNS if name in header), None)
    date_column = next((name for name in DATE_COLUMNS if name in header), None)
    if (tag_column is None and post_column is None) or date_column is None:
        raise BadInput(
            f"{where}:1: a snapshot needs columns hashtag (or post_id) and taken "
            f"(header: {', '.join(header)})"
        )
    dates = {row[date_column][:10] for row in rows if row.get(date_column)}
    if len(dates) != 1:
        raise BadInput(f"{where}: a snapshot file holds one date, found {sorted(dates) or 'none'}")
    try:
        taken = date.fromisoformat(dates.pop())
    except ValueError as problem:
        raise BadInput(f"{where}: snapshot date not ISO ({problem})") from None
    entries = [
        (row.get(tag_column) or "", row.get("status") or "")
        for row in rows
        if tag_column and row.get(tag_column)
    ]
    posts = [
        (row.get(post_column) or "", row.get("status") or "", row.get("url") or "")
        for row in rows
        if post_column and row.get(post_column) and not (tag_column and row.get(tag_column))
    ]
    source = next((row["source"] for row in rows if row.get("source")), where)
    return make_snapshot(taken, entries, source, posts)


def gazetteer_locator(gazetteer: Gazetteer) -> Locate:
    """Locate a hashtag by the places named in it (#丹东白血病男孩# → Dandong)."""

    def locate(tag: str) -> Location | None:
        division = resolve_places(find_places(tag.strip("#"), gazetteer, "zh"))
        return gazetteer.location(division) if division is not None else None

    return locate
