"""Fetching and feed watching against real HTTP servers started here on 127.0.0.1 (never any other address)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from undeleted.errors import FetchRefused
from undeleted.extract import ExtractContext
from undeleted.ingest.feeds import FeedSource, next_poll
from undeleted.ingest.fetch import FetchOptions, fetch_page, fetch_pages, make_client
from undeleted.monitor import feed_state, fetch_urls, open_monitor, watch
from undeleted.store import Store

RESOURCES = Path(__file__).resolve().parent / "resources" / "feeds"
UNDELETED = shutil.which("undeleted", path=str(Path(sys.executable).parent)) or "undeleted"
# Tests talk to loopback only, with tiny backoffs and timeouts.
TEST_OPTIONS = FetchOptions(
    allow_loopback=True, backoff=0.01, read_timeout=0.3, connect_timeout=1.0, deadline=20.0, retries=2
)

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Site:
    """A tiny web site: path → route, with a count of requests per path and the headers last received."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    last_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    url: str = ""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        site: Site = self.server.site  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        site.hits[path] += 1
        site.last_headers[path] = {key.lower(): value for key, value in self.headers.items()}
        route = site.routes.get(path)
        try:
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up, as it should on a too-large or too-slow answer

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.site = site  # type: ignore[attr-defined]
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


@pytest.fixture
def other_site() -> Iterator[Site]:
    yield from serve(Site())


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    """SQLite only, on purpose: these tests are about HTTP (safe fetching, feeds, snapshots); the store calls
    they make are the same on both databases."""
    with Store.open(f"sqlite:///{tmp_path / 'events.db'}") as opened:
        yield opened


def static(body: bytes, content_type: str = "text/html; charset=utf-8", etag: str | None = None) -> Route:
    """A fixed answer; with an ETag, a request carrying it gets 304 Not Modified."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        if etag and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        if etag:
            handler.send_header("ETag", etag)
        handler.end_headers()
        handler.wfile.write(body)

    return route


def resource(name: str, etag: str | None = None) -> Route:
    kind = "application/rss+xml" if name.endswith(".xml") else "application/atom+xml"
    content_type = "text/html; charset=utf-8" if name.endswith(".html") else kind
    return static((RESOURCES / name).read_bytes(), content_type, etag)


def failing_first(times: int, then: Route, status: int = 500) -> Route:
    """HTTP `status` for the first `times` requests, then `then`."""
    calls = Counter[str]()

    def route(handler: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= times:
            handler.send_response(status)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        then(handler)

    return route


def stalling_first(times: int, then: Route, seconds: float = 1.5) -> Route:
    """Say nothing for `seconds` on the first `times` requests (longer than the client's read timeout)."""
    calls = Counter[str]()

    def route(handler: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= times:
            time.sleep(seconds)
        then(handler)

    return route


def endless(total: int) -> Route:
    """`total` bytes generated on the fly in 64 KiB chunks, with no Content-Length."""
    chunk = b"<p>" + b"x" * (65536 - 7) + b"</p>\n"

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        sent = 0
        while sent < total:
            handler.wfile.write(chunk)
            sent += len(chunk)

    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


# fetching


@pytest.mark.parametrize("name", ["article1.html"])
def test_fetch_page_returns_raw_body_and_final_url(site, name):
    site.routes["/old"] = redirect("/" + name)
    site.routes["/" + name] = resource(name)
    with make_client(TEST_OPTIONS) as client:
        page = fetch_page(site.url + "/old", client, TEST_OPTIONS)
    assert page.status == 200 and page.final_url == f"{site.url}/{name}"
    assert page.body == (RESOURCES / name).read_bytes()
    assert site.last_headers["/" + name]["host"] == site.url.removeprefix("http://")


@pytest.mark.parametrize("status", [500, 503])
def test_fetch_server_error_is_retried_with_backoff(site, status):
    site.routes["/flaky"] = failing_first(2, resource("article1.html"), status)
    with make_client(TEST_OPTIONS) as client:
        page = fetch_page(site.url + "/flaky", client, TEST_OPTIONS)
    assert page.status == 200 and site.hits["/flaky"] == 3


@pytest.mark.parametrize("retries", [1])
def test_fetch_server_error_gives_up_after_retries(site, retries):
    site.routes["/down"] = failing_first(100, resource("article1.html"))
    options = FetchOptions(allow_loopback=True, backoff=0.01, retries=retries)
    with make_client(options) as client, pytest.raises(FetchRefused, match=r"/down: HTTP 500 after 2 tries"):
        fetch_page(site.url + "/down", client, options)
    assert site.hits["/down"] == retries + 1


@pytest.mark.parametrize("stalls", [1])
def test_fetch_timeout_is_retried(site, stalls):
    site.routes["/slow"] = stalling_first(stalls, resource("article2.html"))
    with make_client(TEST_OPTIONS) as client:
        page = fetch_page(site.url + "/slow", client, TEST_OPTIONS)
    assert page.status == 200 and site.hits["/slow"] == stalls + 1


@pytest.mark.parametrize("size", [50_000_000])
def test_fetch_huge_response_is_cut_off(site, size):
    site.routes["/huge"] = endless(size)
    with (
        make_client(TEST_OPTIONS) as client,
        pytest.raises(FetchRefused, match="over the 10,000,000-byte limit"),
    ):
        fetch_page(site.url + "/huge", client, TEST_OPTIONS)


@pytest.mark.parametrize("allow_redirects, refused", [(False, True), (True, False)])
def test_fetch_redirect_to_another_loopback_port_needs_its_own_permission(
    site, other_site, allow_redirects, refused
):
    other_site.routes["/secret"] = static(b"<p>internal admin page</p>")
    site.routes["/jump"] = redirect(other_site.url + "/secret")
    options = FetchOptions(allow_loopback=True, allow_loopback_redirects=allow_redirects, backoff=0.01)
    with make_client(options) as client:
        if refused:
            with pytest.raises(FetchRefused, match="redirected to .* is a loopback address"):
                fetch_page(site.url + "/jump", client, options)
        else:
            assert fetch_page(site.url + "/jump", client, options).body == b"<p>internal admin page</p>"
    assert other_site.hits["/secret"] == (0 if refused else 1)


@pytest.mark.parametrize("hops, refused", [(5, False), (6, True)])
def test_fetch_follows_at_most_five_redirects(site, hops, refused):
    for hop in range(hops):
        site.routes[f"/hop{hop}"] = redirect(f"/hop{hop + 1}")
    site.routes[f"/hop{hops}"] = resource("article1.html")
    with make_client(TEST_OPTIONS) as client:
        if refused:
            with pytest.raises(FetchRefused, match="more than 5 redirects"):
                fetch_page(site.url + "/hop0", client, TEST_OPTIONS)
        else:
            assert fetch_page(site.url + "/hop0", client, TEST_OPTIONS).final_url == f"{site.url}/hop{hops}"


def test_fetch_loopback_is_refused_without_the_test_flag(site):
    site.routes["/a"] = resource("article1.html")
    options = FetchOptions()
    with make_client(options) as client, pytest.raises(FetchRefused, match="is a loopback address"):
        fetch_page(site.url + "/a", client, options)
    assert site.hits["/a"] == 0


def test_fetch_batch_goes_on_after_bad_urls(site):
    site.routes["/a"] = resource("article1.html")
    urls = [
        "file:///etc/passwd",
        site.url + "/missing",
        "http://169.254.169.254/latest/meta-data/",
        site.url + "/a",
    ]
    with make_client(TEST_OPTIONS) as client:
        results = list(fetch_pages(urls, client, TEST_OPTIONS))
    problems = [str(result) for result in results[:3]]
    assert "only http and https" in problems[0]
    assert "HTTP 404" in problems[1]
    assert "cloud metadata" in problems[2]
    assert results[3].status == 200


# archiving and extraction


def test_fetch_urls_keeps_snapshot_and_stores_document(site, store, context):
    site.routes["/article1.html"] = resource("article1.html")
    monitor = open_monitor(store, TEST_OPTIONS, context)
    with monitor.client:
        report = fetch_urls([site.url + "/article1.html", site.url + "/gone"], monitor)
    assert report.stored == 1 and len(report.problems) == 1 and "HTTP 404" in str(report.problems[0])
    [listed] = store.documents()
    doc = store.document(listed["doc_id"])
    assert "unpaid wages" in doc["text"] and "Sign up" not in doc["text"]
    [snapshot] = store.snapshots_of(doc["doc_id"])
    assert snapshot["final_url"] == site.url + "/article1.html" and snapshot["status"] == 200
    assert snapshot["retrieved_at"] is not None
    assert store.snapshot_body(snapshot["sha256"]) == (RESOURCES / "article1.html").read_bytes()


# feeds


def watch_once(site: Site, store: Store, context: ExtractContext, interval: float = 60.0):
    monitor = open_monitor(store, TEST_OPTIONS, context)
    with monitor.client:
        return watch([FeedSource(site.url + "/feed", interval)], monitor, once=True)


def serve_articles(site: Site) -> None:
    for name in ("article1.html", "article2.html", "article3.html"):
        site.routes["/" + name] = resource(name)


def test_watch_fetches_new_items_once_and_changed_feed_adds_only_new_items(site, store, context):
    serve_articles(site)
    site.routes["/feed"] = resource("feed1.xml", etag='"v1"')
    first = watch_once(site, store, context)
    assert first.stored == 2 and store.count_documents() == 2
    again = watch_once(site, store, context)
    assert again.feeds_unchanged == 1 and site.last_headers["/feed"]["if-none-match"] == '"v1"'
    site.routes["/feed"] = resource("feed2.atom", etag='"v2"')
    changed = watch_once(site, store, context)
    assert changed.stored == 1 and store.count_documents() == 3
    assert [site.hits[f"/article{n}.html"] for n in (1, 2, 3)] == [1, 1, 1]


def test_watch_item_that_failed_is_tried_again_next_poll(site, store, context):
    serve_articles(site)
    site.routes["/article2.html"] = failing_first(3, resource("article2.html"))
    site.routes["/feed"] = resource("feed1.xml")
    first = watch_once(site, store, context)
    assert first.stored == 1 and "HTTP 500 after 3 tries" in str(first.problems[0])
    second = watch_once(site, store, context)
    assert second.stored == 1 and [site.hits[f"/article{n}.html"] for n in (1, 2)] == [1, 4]


@pytest.mark.parametrize("interval", [30.0])
def test_watch_failing_feed_backs_off(site, store, context, interval):
    site.routes["/feed"] = failing_first(100, resource("feed1.xml"))
    report = watch_once(site, store, context, interval)
    state = feed_state(store, site.url + "/feed")
    assert state.failures == 1 and "HTTP 500" in (state.last_error or "") and report.problems
    source = FeedSource(site.url + "/feed", interval)
    assert (next_poll(source, state) - state.checked_at).total_seconds() == 2 * interval * 60


def test_cli_watch_once_and_fetch(site, tmp_path):
    serve_articles(site)
    site.routes["/feed"] = resource("feed1.xml")
    feeds = tmp_path / "feeds.yml"
    feeds.write_text(f"- url: {site.url}/feed\n  interval_minutes: 15\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'events.db'}"  # SQLite only: the `store` fixture above says why
    env = {key: value for key, value in os.environ.items() if key != "UNDELETED_DB"}

    def undeleted(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [UNDELETED, *args, "--db", db], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )

    watched = undeleted("watch", str(feeds), "--once", "--allow-loopback")
    assert watched.returncode == 0, watched.stderr
    fetched = undeleted(
        "fetch",
        site.url + "/article3.html",
        site.url + "/article1.html",
        "http://10.0.0.1/x",
        "--allow-loopback",
    )
    assert "10.0.0.1 is a private address" in fetched.stderr
    assert [site.hits[f"/article{n}.html"] for n in (1, 2, 3)] == [2, 1, 1]
    with Store.open(db) as store:
        assert store.count_documents() == 3
        with store.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM snapshots")).scalar() == 3
