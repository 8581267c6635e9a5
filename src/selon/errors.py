"""One small hierarchy of errors; each message says what went wrong and what to do."""

from __future__ import annotations


class SelonError(Exception):
    """Base class of every error selon raises on purpose."""

    code = "selon_error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        # the message without the source (a selon.reasons.Reason when it has a code)
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)


class InputError(SelonError):
    """An input (file, page, URL) cannot be read as an article."""

    code = "bad_input"


class ConfigError(SelonError):
    """A setting, flag or config file value is wrong."""

    code = "bad_config"


class ModelError(SelonError):
    """A language model is missing or cannot be loaded."""

    code = "model_unavailable"


class StoreError(SelonError):
    """The store (the DuckDB file) cannot be opened, read or written."""

    code = "store_error"
