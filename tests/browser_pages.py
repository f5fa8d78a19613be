"""Headless Debian Chromium for the browser tests: where it is, how it starts, and pages that record problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# As measured on this machine type: no sandbox as root, and no background traffic to hosts it cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed (make test installs it)"
)


def open_page(
    browser: Any, ignore: Callable[[Any], bool] = lambda message: False, local_url: str | None = None
) -> tuple[Any, Any]:
    """A fresh context and page whose `problems` list collects JS errors, dialogs (none may fire), console
    errors not ignored, and, given `local_url`, any request that leaves that server."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            message.type == "error" and not ignore(message) and page.problems.append(message.text)
        ),
    )
    if local_url is not None:
        page.on(
            "request",
            lambda request: (
                request.url.startswith(local_url)
                or request.url.startswith("data:")
                or page.problems.append(f"external request: {request.url}")
            ),
        )
    return context, page
