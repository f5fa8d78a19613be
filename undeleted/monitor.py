"""Live sources: fetch URLs and poll feeds, keep each raw page, then extract, store and link as usual.

Like `pipeline`, a place where stages meet (ingest.fetch/feeds → pipeline → store); no stage logic here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import httpx

from undeleted.errors import BadInput, UndeletedError
from undeleted.extract import ExtractContext
from undeleted.ingest.feeds import (
    FeedItem,
    FeedSource,
    FeedState,
    after_failure,
    after_success,
    conditional_headers,
    next_poll,
    parse_feed,
)
from undeleted.ingest.fetch import FetchOptions, Page, fetch_page, fetch_pages, make_client, page_document
from undeleted.pipeline import try_extract
from undeleted.store import Store


@dataclass
class FetchReport:
    pages: int = 0
    stored: int = 0
    already_stored: int = 0
    events: int = 0
    feeds_polled: int = 0
    feeds_unchanged: int = 0
    problems: list[UndeletedError] = field(default_factory=list)


@dataclass
class Monitor:
    """What a fetch or watch run works with: the store, the extraction context and one HTTP client."""

    store: Store
    context: ExtractContext
    client: httpx.Client
    options: FetchOptions
    report: FetchReport = field(default_factory=FetchReport)


def keep_snapshot(store: Store, page: Page, doc_id: str | None) -> None:
    """The raw page, kept once per body and final URL."""
    store.save_snapshot(
        sha256=page.sha256,
        url=page.url,
        final_url=page.final_url,
        status=page.status,
        content_type=page.headers.get("content-type"),
        retrieved_at=page.retrieved_at,
        body=page.body,
        doc_id=doc_id,
    )


def feed_state(store: Store, url: str) -> FeedState:
    stored = store.feed_state(url)
    return FeedState(**stored) if stored else FeedState()


def save_feed_state(store: Store, url: str, state: FeedState) -> None:
    store.save_feed_state(url, asdict(state))


def unseen_items(store: Store, feed_url: str, items: Iterable[FeedItem]) -> list[FeedItem]:
    """The items not fetched yet (nor given up on after repeated failures), each once."""
    wanted = list({item.key: item for item in items}.values())
    done = store.finished_items(feed_url, [item.key for item in wanted])
    return [item for item in wanted if item.key not in done]


def archive_page(page: Page, monitor: Monitor) -> str | None:
    """Keep the raw snapshot, then extract and store the article; its doc_id, or None without article."""
    monitor.report.pages += 1
    try:
        doc = page_document(page)
    except BadInput as problem:
        keep_snapshot(monitor.store, page, None)
        monitor.report.problems.append(problem)
        return None
    keep_snapshot(monitor.store, page, doc.doc_id)
    if monitor.store.has_document(doc.doc_id):
        monitor.report.already_stored += 1
        return doc.doc_id
    result = try_extract(doc, monitor.context)
    if isinstance(result, BadInput):
        monitor.report.problems.append(BadInput(f"{page.url}: {result}"))
        return None
    monitor.store.save(result.doc, result.events)
    monitor.report.stored += 1
    monitor.report.events += len(result.events)
    return doc.doc_id


def fetch_urls(urls: Iterable[str], monitor: Monitor) -> FetchReport:
    """Fetch, archive and extract each URL; a refused or failing URL is reported and the batch goes on."""
    for result in fetch_pages(urls, monitor.client, monitor.options):
        if isinstance(result, Page):
            archive_page(result, monitor)
        else:
            monitor.report.problems.append(result)
    monitor.store.link()
    return monitor.report


def poll_feed(source: FeedSource, monitor: Monitor) -> None:
    """One conditional request for the feed, then each item not fetched before."""
    store = monitor.store
    state = feed_state(store, source.url)
    now = datetime.now(UTC)
    try:
        page = fetch_page(source.url, monitor.client, monitor.options, conditional_headers(state))
        items = [] if page.not_modified else parse_feed(page.body, page.final_url)
    except UndeletedError as problem:
        save_feed_state(store, source.url, after_failure(state, str(problem), now))
        monitor.report.problems.append(problem)
        return
    save_feed_state(store, source.url, after_success(state, dict(page.headers), now))
    monitor.report.feeds_polled += 1
    monitor.report.feeds_unchanged += int(page.not_modified)
    for item in unseen_items(store, source.url, items):
        if not item.link:
            continue
        try:
            doc_id = archive_page(fetch_page(item.link, monitor.client, monitor.options), monitor)
        except UndeletedError as problem:
            monitor.report.problems.append(problem)
            store.record_item(source.url, item.key, item.item_id, item.link, None, str(problem))
        else:
            store.record_item(source.url, item.key, item.item_id, item.link, doc_id, None)


def due_feeds(sources: list[FeedSource], monitor: Monitor, now: datetime) -> list[FeedSource]:
    due = []
    for source in sources:
        when = next_poll(source, feed_state(monitor.store, source.url))
        if when is None or when <= now:
            due.append(source)
    return due


def seconds_to_next_poll(sources: list[FeedSource], monitor: Monitor, now: datetime) -> float:
    times = [next_poll(source, feed_state(monitor.store, source.url)) for source in sources]
    return max(min(((when - now).total_seconds() for when in times if when), default=60.0), 1.0)


def watch(
    sources: list[FeedSource],
    monitor: Monitor,
    once: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """Poll each feed when due (once: every feed one time) and link what was stored; runs until interrupted."""
    while True:
        now = datetime.now(UTC)
        for source in sources if once else due_feeds(sources, monitor, now):
            poll_feed(source, monitor)
        monitor.store.link()
        if once:
            return monitor.report
        sleep(seconds_to_next_poll(sources, monitor, datetime.now(UTC)))


def open_monitor(store: Store, options: FetchOptions, context: ExtractContext | None = None) -> Monitor:
    """A Monitor with a fresh safe HTTP client; close it with `monitor.client.close()`."""
    return Monitor(
        store=store, context=context or ExtractContext.load(), client=make_client(options), options=options
    )
