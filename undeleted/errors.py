"""The project's exceptions. Messages name the file, URL or option and say what is wrong."""

import re

SQLALCHEMY_BACKGROUND = re.compile(r"\s*\(Background on this error at: \S+\)")


class UndeletedError(Exception):
    """Base of every error undeleted raises on purpose."""


class BadInput(UndeletedError):
    """A file or record that cannot be read; the batch goes on without it."""


class StoreError(UndeletedError):
    """The database cannot be opened or written."""

    def __init__(self, message: str) -> None:
        super().__init__(
            SQLALCHEMY_BACKGROUND.sub("", message)
        )  # SQLAlchemy's link to its docs is not for users


class ConfigError(UndeletedError):
    """A bad option or setting."""


class FetchRefused(UndeletedError):
    """A URL not fetched: unsafe address or scheme, too large, too slow or failing; the batch goes on."""
