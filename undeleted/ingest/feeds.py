"""RSS and Atom feeds: the feed list, the items of a feed, conditional requests and when to poll next."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import yaml

from undeleted.errors import BadInput
from undeleted.ingest.addresses import parse_target

MAX_BACKOFF = timedelta(hours=24)


@dataclass(frozen=True)
class FeedSource:
    """One line of FEEDS.yml: a feed URL and how often to poll it."""

    url: str
    interval_minutes: float = 60.0

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed; `item_id` is its guid/id, else its link, else a digest of its title."""

    item_id: str
    link: str | None
    title: str | None = None

    @property
    def key(self) -> str:
        return hashlib.sha256(self.item_id.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FeedState:
    """What is remembered of a feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    checked_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None


def read_feed_list(path: Path) -> list[FeedSource]:
    """FEEDS.yml: a list of {url, interval_minutes} (or of plain URLs); BadInput names the bad entry."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BadInput(f"{path}: cannot read the feed list ({error})") from error
    if isinstance(entries, dict) and "feeds" in entries:
        entries = entries["feeds"]
    if not isinstance(entries, list):
        raise BadInput(f"{path}: expected a list of {{url, interval_minutes}} entries")
    sources = []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise BadInput(f"{path}: entry {number} has no url")
        interval = entry.get("interval_minutes", 60)
        if not isinstance(interval, int | float) or interval <= 0:
            raise BadInput(
                f"{path}: entry {number} ({entry['url']}): interval_minutes must be a positive number"
            )
        parse_target(entry["url"])
        sources.append(FeedSource(url=entry["url"], interval_minutes=float(interval)))
    return sources


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The items of an RSS or Atom document, in feed order; BadInput when it is not a feed."""
    parsed = feedparser.parse(body)
    if parsed.get("bozo") and not parsed.entries:
        raise BadInput(f"{url}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        link = urljoin(url, link) if link else None
        title = entry.get("title")
        item_id = entry.get("id") or link or (title and "title:" + hashlib.sha256(title.encode()).hexdigest())
        if item_id:
            items.append(FeedItem(item_id=str(item_id), link=link, title=title))
    return items


def conditional_headers(state: FeedState) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the last answer, so an unchanged feed costs a 304."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def next_poll(source: FeedSource, state: FeedState) -> datetime | None:
    """When to poll again: one interval after the last check, doubled after each failure (at most a day)."""
    if state.checked_at is None:
        return None
    wait = source.interval * 2 ** min(state.failures, 10)
    return state.checked_at + min(wait, max(MAX_BACKOFF, source.interval))


def after_success(state: FeedState, headers: dict[str, str], checked_at: datetime) -> FeedState:
    """The state after an answer (200 or 304): validators kept for the next conditional request."""
    return FeedState(
        etag=headers.get("etag") or state.etag,
        last_modified=headers.get("last-modified") or state.last_modified,
        checked_at=checked_at,
    )


def after_failure(state: FeedState, problem: str, checked_at: datetime) -> FeedState:
    return replace(state, checked_at=checked_at, failures=state.failures + 1, last_error=problem)
