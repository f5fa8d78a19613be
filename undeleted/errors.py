"""The project's exceptions. Messages name the file, URL or option and say what is wrong."""


class UndeletedError(Exception):
    """Base of every error undeleted raises on purpose."""


class BadInput(UndeletedError):
    """A file or record that cannot be read; the batch goes on without it."""


class StoreError(UndeletedError):
    """The database cannot be opened or written."""


class ConfigError(UndeletedError):
    """A bad option or setting."""


class FetchRefused(UndeletedError):
    """A URL not fetched: unsafe address or scheme, too large, too slow or failing; the batch goes on."""
