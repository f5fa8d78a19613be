"""Safe HTTP fetching: public http(s) hosts only, checked after DNS and after every redirect; capped in size and time.

The host is resolved here and the connection goes to the checked IP address (the Host header and TLS server
name stay the original host), so a DNS answer cannot change between the check and the connection.
"""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from undeleted.errors import BadInput, FetchRefused
from undeleted.ingest.addresses import (
    SCHEMES,
    IPAddress,
    Target,
    check_address,
    literal_address,
    parse_target,
)
from undeleted.ingest.decode import decode
from undeleted.ingest.html import parse_html
from undeleted.models import Document

REDIRECTS = {301, 302, 303, 307, 308}
RETRY_STATUS = {429, 500, 502, 503, 504}
USER_AGENT = "undeleted/0.1 (event archive; +https://github.com/undeleted)"


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one fetch. `allow_loopback` admits 127.0.0.0/8 and ::1 for the first URL's origin only
    (test servers); redirects to another loopback origin also need `allow_loopback_redirects`."""

    max_bytes: int = 10_000_000
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # seconds for the whole fetch: retries, redirects and body
    max_redirects: int = 5
    retries: int = 2  # extra tries after a timeout, a connection error, HTTP 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    allow_loopback: bool = False
    allow_loopback_redirects: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    """What a fetch brought back: the raw body, where it finally came from, and when."""

    url: str
    final_url: str
    status: int
    body: bytes
    retrieved_at: datetime
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def make_client(options: FetchOptions) -> httpx.Client:
    """An httpx client that follows no redirects by itself and ignores proxy settings from the environment."""
    return httpx.Client(follow_redirects=False, trust_env=False, headers={"User-Agent": options.user_agent})


def resolve(url: str, target: Target, allow_loopback: bool) -> list[IPAddress]:
    """Every address `target.host` resolves to, each checked; FetchRefused if any is not public."""
    literal = literal_address(target.host)
    if literal is not None:
        found = [literal]
    else:
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchRefused(f"{url}: cannot resolve {target.host} ({error})") from error
        found = list(
            dict.fromkeys(address for info in infos if (address := literal_address(str(info[4][0]))))
        )
    if not found:
        raise FetchRefused(f"{url}: {target.host} has no address")
    for address in found:
        check_address(url, address, allow_loopback)
    return found


def pinned_request(
    url: str, target: Target, address: IPAddress
) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL rewritten to connect to `address`, with the Host header and TLS name of the original host."""
    parts = urlsplit(url)
    netloc = f"[{address}]" if address.version == 6 else str(address)
    pinned = urlunsplit((target.scheme, f"{netloc}:{target.port}", parts.path or "/", parts.query, ""))
    host = f"[{target.host}]" if ":" in target.host else target.host
    host_header = host if SCHEMES[target.scheme] == target.port else f"{host}:{target.port}"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return pinned, {"Host": host_header}, extensions


def read_capped(url: str, response: httpx.Response, options: FetchOptions, deadline_at: float) -> bytes:
    """The body, aborting past `max_bytes` or the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchRefused(
            f"{url}: response of {int(declared):,} bytes is over the {options.max_bytes:,}-byte limit"
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise FetchRefused(f"{url}: response cut off, over the {options.max_bytes:,}-byte limit")
        if time.monotonic() > deadline_at:
            raise FetchRefused(f"{url}: response cut off, took longer than {options.deadline:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def request_once(
    client: httpx.Client,
    url: str,
    target: Target,
    address: IPAddress,
    headers: Mapping[str, str],
    options: FetchOptions,
    deadline_at: float,
) -> Reply:
    remaining = max(deadline_at - time.monotonic(), 0.001)
    timeout = httpx.Timeout(
        min(options.read_timeout, remaining), connect=min(options.connect_timeout, remaining)
    )
    pinned, host_header, extensions = pinned_request(url, target, address)
    with client.stream(
        "GET", pinned, headers={**headers, **host_header}, extensions=extensions, timeout=timeout
    ) as response:
        body = b"" if response.status_code in REDIRECTS else read_capped(url, response, options, deadline_at)
        return Reply(
            response.status_code, {key.lower(): value for key, value in response.headers.items()}, body
        )


def request_with_retries(
    client: httpx.Client,
    url: str,
    target: Target,
    address: IPAddress,
    headers: Mapping[str, str],
    options: FetchOptions,
    deadline_at: float,
    label: str,
) -> Reply:
    """One GET, retried with exponential backoff after timeouts, connection errors, 429 and 5xx.

    `label` names the URL in messages (the first URL and, after a redirect, where it led)."""
    problem = ""
    for attempt in range(options.retries + 1):
        if attempt:
            pause = options.backoff * 2 ** (attempt - 1)
            if time.monotonic() + pause > deadline_at:
                break
            time.sleep(pause)
        try:
            reply = request_once(client, url, target, address, headers, options, deadline_at)
        except httpx.TimeoutException:
            problem = "timed out"
            continue
        except httpx.TransportError as error:
            problem = f"connection failed ({error.__class__.__name__}: {error})"
            continue
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as error:
            raise FetchRefused(f"{label}: {error.__class__.__name__}: {error}") from error
        if reply.status not in RETRY_STATUS:
            return reply
        problem = f"HTTP {reply.status}"
    raise FetchRefused(f"{label}: {problem} after {attempt + 1} tries")


def fetch_page(
    url: str, client: httpx.Client, options: FetchOptions, headers: Mapping[str, str] | None = None
) -> Page:
    """GET `url` safely, following at most `max_redirects` redirects, each checked like the first URL.

    Returns a 2xx page or a 304 (when `headers` make the request conditional); raises FetchRefused otherwise.
    """
    deadline_at = time.monotonic() + options.deadline
    first = parse_target(url)
    current = url
    for _hop in range(options.max_redirects + 1):
        target = parse_target(current)
        same_origin = target.origin == first.origin
        loopback = options.allow_loopback and (same_origin or options.allow_loopback_redirects)
        where = current if current == url else f"{url} (redirected to {current})"
        address = resolve(where, target, loopback)[0]
        reply = request_with_retries(
            client, current, target, address, headers or {}, options, deadline_at, where
        )
        location = reply.headers.get("location")
        if reply.status in REDIRECTS and location:
            current = urljoin(current, location.strip())
            continue
        if not (200 <= reply.status < 300 or reply.status == 304):
            raise FetchRefused(f"{where}: HTTP {reply.status}")
        return Page(
            url=url,
            final_url=current,
            status=reply.status,
            body=reply.body,
            retrieved_at=datetime.now(UTC),
            headers=reply.headers,
        )
    raise FetchRefused(f"{url}: more than {options.max_redirects} redirects")


def fetch_pages(
    urls: Iterable[str], client: httpx.Client, options: FetchOptions
) -> Iterator[Page | FetchRefused]:
    """Each URL's page, or the reason it was not fetched; one failure never stops the batch."""
    for url in urls:
        try:
            yield fetch_page(url, client, options)
        except FetchRefused as problem:
            yield problem


def page_text(page: Page) -> str:
    """The body as text: the charset the server declared when it decodes cleanly, else detected."""
    content_type = page.headers.get("content-type", "")
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip().strip('"')
    if charset:
        try:
            return page.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(page.body, page.final_url)


def page_document(page: Page) -> Document:
    """The article on a fetched page (trafilatura); BadInput when there is none."""
    content_type = page.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if content_type and not (
        content_type.startswith("text/") or "html" in content_type or "xml" in content_type
    ):
        raise BadInput(f"{page.final_url}: {content_type} is not a web page")
    return parse_html(page_text(page), page.final_url, url=page.final_url)
