"""The HTTP API and the dashboard it serves: create_app(store, settings)."""

from undeleted.api.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
