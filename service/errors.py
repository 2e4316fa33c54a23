"""Validation errors that say what was wrong without echoing the input back.

FastAPI's default 422 answer repeats each offending value in full: a 62 MB body that fails validation came back as
a 62 MB answer (built in memory first). Here each error keeps its type, location and message, and the input and
context only as a short excerpt.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

EXCERPT = 80  # characters of an offending value shown back
MAX_ERRORS = 20


def excerpt(value: Any, limit: int = EXCERPT) -> Any:
    """A short, JSON-safe stand-in for ``value``: short scalars as they are, anything longer cut with its size."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        try:
            value = json.dumps(value, default=str, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            value = type(value).__name__
    text = value.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates in the answer
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def _clean(error: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": error.get("type"),
        "loc": [excerpt(part, 40) if isinstance(part, str) else part for part in error.get("loc", ())],
        "msg": excerpt(str(error.get("msg", "")), 200),
    }
    if "input" in error:
        out["input"] = excerpt(error["input"])
    ctx = error.get("ctx")
    if isinstance(ctx, dict):
        out["ctx"] = {str(k)[:40]: excerpt(v) for k, v in list(ctx.items())[:5]}
    return out


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 with at most MAX_ERRORS errors, each with a short excerpt of the input."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    detail = [_clean(e) for e in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        detail.append({"type": "too_many_errors", "loc": [], "msg": f"{len(errors) - MAX_ERRORS} more errors"})
    return JSONResponse({"detail": detail}, status_code=422)
