"""Validation errors (422) as sentences for people, not pydantic's internal wording.

``limit=5000`` answers "limit must be at most 200 (got 5000)", ``stance=denial`` answers
"stance must be one of 'assert', 'deny', ... (got 'denial')".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

MAX_ERRORS = 5
WHERE = {"query", "path", "body", "header"}


def _name(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in WHERE and not isinstance(p, int)]
    return ".".join(parts) or "the request"


def _got(err: Mapping[str, Any]) -> str:
    value = err.get("input")
    if value is None or isinstance(value, dict | list):
        return ""
    text = str(value)
    return f" (got {text[:60] + '…' if len(text) > 60 else text!r})"


def _ctx(err: Mapping[str, Any], key: str) -> Any:
    return (err.get("ctx") or {}).get(key)


def _pattern(name: str, err: Mapping[str, Any]) -> str:
    pattern = str(_ctx(err, "pattern") or "")
    if pattern == r"\S":
        return f"{name} must not be blank"
    if pattern == r"[^\W_]":  # selon.web.api.WORDY
        return f"{name} needs at least one letter or digit{_got(err)}"
    return f"{name} does not have the expected form{_got(err)}"


_SENTENCES: dict[str, Callable[[str, Mapping[str, Any]], str]] = {
    "missing": lambda n, e: f"{n} is required",
    "less_than_equal": lambda n, e: f"{n} must be at most {_ctx(e, 'le')}{_got(e)}",
    "less_than": lambda n, e: f"{n} must be less than {_ctx(e, 'lt')}{_got(e)}",
    "greater_than_equal": lambda n, e: f"{n} must be at least {_ctx(e, 'ge')}{_got(e)}",
    "greater_than": lambda n, e: f"{n} must be more than {_ctx(e, 'gt')}{_got(e)}",
    "string_too_short": lambda n, e: (f"{n} must not be empty" if _ctx(e, "min_length") == 1
                                      else f"{n} needs at least {_ctx(e, 'min_length')} "
                                           f"characters{_got(e)}"),
    "string_too_long": lambda n, e: f"{n} is too long: at most {_ctx(e, 'max_length')} "
                                    "characters",
    "string_pattern_mismatch": lambda n, e: _pattern(n, e),
    "literal_error": lambda n, e: f"{n} must be one of {_ctx(e, 'expected')}{_got(e)}",
    "enum": lambda n, e: f"{n} must be one of {_ctx(e, 'expected')}{_got(e)}",
    "int_parsing": lambda n, e: f"{n} must be a whole number{_got(e)}",
    "int_from_float": lambda n, e: f"{n} must be a whole number{_got(e)}",
    "bool_parsing": lambda n, e: f"{n} must be true or false{_got(e)}",
    "date_parsing": lambda n, e: f"{n} must be a date such as 2025-06-18{_got(e)}",
    "date_from_datetime_parsing": lambda n, e: f"{n} must be a date such as 2025-06-18"
                                               f"{_got(e)}",
    "date_from_datetime_inexact": lambda n, e: f"{n} must be a date such as 2025-06-18"
                                               f"{_got(e)}",
    "json_invalid": lambda n, e: "the request body is not valid JSON",
    "model_attributes_type": lambda n, e: "the request body must be a JSON object",
    "dict_type": lambda n, e: "the request body must be a JSON object",
    "extra_forbidden": lambda n, e: f"{n} is not a field this endpoint takes",
    "string_type": lambda n, e: f"{n} must be a text (a JSON string)",
}


def sentence(err: Mapping[str, Any]) -> str:
    """One validation error as a sentence."""
    name = _name(err.get("loc", ()))
    kind = str(err.get("type", ""))
    if kind in _SENTENCES:
        return _SENTENCES[kind](name, err)
    msg = str(err.get("msg", "is not valid")).removeprefix("Value error, ")
    return msg if name == "the request" else f"{name}: {msg}"


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """Up to :data:`MAX_ERRORS` errors, one sentence each."""
    parts = [sentence(e) for e in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        parts.append(f"and {len(errors) - MAX_ERRORS} more")
    return "; ".join(parts) or "the request is not valid"
