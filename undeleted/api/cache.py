"""ResponseCache: a repeated GET of the JSON lists (events, map points, statistics, hashtags) is answered from
memory while the database is unchanged.

An answer is kept under its path and query string and the database's data version read before it was made
(`Store.data_version`: SQLite's `PRAGMA data_version`, which changes on every commit by any process); the
first request that sees another version empties the cache. Only complete 200 JSON answers of at most
MAX_BODY bytes are kept, at most MAX_BYTES in all (least recently used first out). Where the store cannot
tell its version (PostgreSQL), every request goes through.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PATHS = frozenset({"/api/events", "/api/events/points", "/api/hashtags"})
CACHED_PREFIXES = ("/api/stats",)
MAX_BODY = 1024 * 1024
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    version: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


def cacheable(scope: Scope) -> bool:
    path: str = scope["path"]
    return scope["method"] == "GET" and (path in CACHED_PATHS or path.startswith(CACHED_PREFIXES))


class ResponseCache:
    """ASGI middleware in front of the API (see the module's doc); `version` is `Store.data_version`."""

    def __init__(self, app: ASGIApp, version: Callable[[], int | None], max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.answers: OrderedDict[tuple[str, bytes], Answer] = OrderedDict()
        self.size = 0
        self.current: int | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not cacheable(scope):
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self.current:
            self.answers.clear()
            self.size, self.current = 0, version
        key = (scope["path"], scope["query_string"])
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
            await send({"type": "http.response.start", "status": 200, "headers": answer.headers})
            await send({"type": "http.response.body", "body": answer.body})
            return
        await self.app(scope, receive, self.recording(key, version, send))

    def recording(self, key: tuple[str, bytes], version: int, send: Send) -> Send:
        """`send`, keeping a copy of a complete 200 JSON answer to store under `version`."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def send_and_keep(message: Message) -> None:
            nonlocal start, size
            await send(message)
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                json = any(name == b"content-type" and b"json" in value for name, value in headers)
                start = message if message["status"] == 200 and json else None
            elif message["type"] == "http.response.body" and start is not None:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_BODY:
                    start = None
                    return
                chunks.append(body)
                if not message.get("more_body", False):
                    self.keep(key, Answer(version, list(start.get("headers", [])), b"".join(chunks)))

        return send_and_keep

    def keep(self, key: tuple[str, bytes], answer: Answer) -> None:
        if answer.version != self.current:  # the database changed while this answer was made
            return
        old = self.answers.pop(key, None)
        self.size -= len(old.body) if old else 0
        self.answers[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes and self.answers:
            _, dropped = self.answers.popitem(last=False)
            self.size -= len(dropped.body)
