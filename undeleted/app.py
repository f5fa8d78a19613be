"""create_app(store, settings): the one FastAPI application, mounting the API routers, the Atom feeds and the
dashboard pages, which share the per-request dependencies of `undeleted.dependencies`."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from swagger_ui_bundle import swagger_ui_path

from undeleted.api import censorship, documents, events, exports, feeds, hashtags, review, stats
from undeleted.api.cache import ResponseCache
from undeleted.errors import BadInput, StoreError
from undeleted.store import Conflict, NotFound, Store
from undeleted.web import pages

if TYPE_CHECKING:
    from undeleted.export.redact import Redactor

WORKER_THREADS = 8
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


@dataclass(frozen=True)
class ServeSettings:
    """What `undeleted serve` configures: the reviewers' token (writes are off without one), redacted mode
    (private people's names replaced in every response; review writes off) and the response cache (repeated
    list queries answered from memory until the database changes; see api/cache.py)."""

    token: str | None = None
    title: str = "undeleted"
    redact: bool = False
    cache: bool = True

    @classmethod
    def from_env(cls, redact: bool = False) -> ServeSettings:
        """$UNDELETED_TOKEN, $UNDELETED_REDACT=1 (or `redact`) for redacted mode, $UNDELETED_CACHE=0 for no
        response cache."""
        return cls(
            token=os.environ.get("UNDELETED_TOKEN") or None,
            redact=redact or flag_set("UNDELETED_REDACT", False),
            cache=flag_set("UNDELETED_CACHE", True),
        )


def flag_set(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value not in {"0", "false", "no", "off"}


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """Every problem answers JSON {"error": message}: 400/404/409/422 for the caller's, 503 for the database."""

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, problem: RequestValidationError) -> JSONResponse:
        parts = [
            f"{'.'.join(str(p) for p in item['loc'] if p not in ('query', 'body', 'path'))}: {item['msg']}"
            for item in problem.errors()
        ]
        return error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(NotFound)
    async def not_found(_: Request, problem: NotFound) -> JSONResponse:
        return error(404, str(problem))

    @app.exception_handler(Conflict)
    async def conflict(_: Request, problem: Conflict) -> JSONResponse:
        return error(409, str(problem))

    @app.exception_handler(BadInput)
    async def bad_input(_: Request, problem: BadInput) -> JSONResponse:
        return error(400, str(problem))

    @app.exception_handler(StoreError)
    async def store_error(_: Request, problem: StoreError) -> JSONResponse:
        return error(503, str(problem))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, problem: StarletteHTTPException) -> Response:
        return JSONResponse(
            {"error": str(problem.detail)},
            status_code=problem.status_code,
            headers=getattr(problem, "headers", None),
        )


@asynccontextmanager
async def worker_threads(app: FastAPI) -> AsyncIterator[None]:
    """Plain `def` endpoints run in at most WORKER_THREADS threads (anyio's default is 40): more threads than
    cores only take the interpreter lock from each other, and 20 concurrent list queries answered 25% slower
    with a p99 half again as long."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def create_app(
    store: Store, settings: ServeSettings | None = None, redactor: Redactor | None = None
) -> FastAPI:
    """The whole site: /api/* (JSON, OpenAPI at /api/openapi.json), /feeds/*, the dashboard and /static.
    In redacted mode the Redactor is loaded here once (or the one given is used)."""
    settings = settings or ServeSettings()
    if settings.redact and redactor is None:
        from undeleted.export.redact import Redactor

        redactor = Redactor.load()
    app = FastAPI(
        lifespan=worker_threads,
        title="undeleted",
        summary="Geocoded events from reports about China: protests, repression, lockdowns, censorship.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.gazetteer = None  # loaded when a filter first names a place (dependencies.gazetteer_of)
    app.state.settings = settings
    app.state.redactor = redactor if settings.redact else None
    for router in (
        events.router,
        documents.router,
        hashtags.router,
        stats.router,
        exports.router,
        feeds.router,
        review.router,
        censorship.router,
        pages.router,
    ):
        app.include_router(router)
    static = resources.files("undeleted.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="api-docs-assets")
    install_error_handlers(app)
    if settings.cache:
        app.add_middleware(ResponseCache, version=store.data_version)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so cached answers get the headers too
    return app


def app_from_environment() -> FastAPI:
    """The app of one `undeleted serve --workers N` process: the store at $UNDELETED_DB, settings from the
    environment as in ServeSettings.from_env."""
    return create_app(Store.open(os.environ["UNDELETED_DB"]), ServeSettings.from_env())
