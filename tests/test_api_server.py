"""The app served by a real uvicorn on loopback answers over HTTP with the security headers."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from undeleted.app import ServeSettings, create_app

from serve_data import ThreadedServer, open_filled_store


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/api/events?type=protest", "application/json"),
        ("/", "text/html"),
        ("/feeds/events.atom", "application/atom+xml"),
        ("/static/vendor/leaflet-1.9.4/leaflet.js", "text/javascript"),
    ],
)
def test_api_uvicorn_on_loopback_serves_api_and_pages(tmp_path: Path, path, content_type):
    store = open_filled_store(tmp_path)
    try:
        with ThreadedServer(create_app(store, ServeSettings())) as server:
            response = httpx.get(server.url + path, timeout=10)
    finally:
        store.close()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
