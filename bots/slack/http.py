"""HTTP mode: Bolt mounted in the service's FastAPI app at /slack/events (events, interactivity, /vendor).

Bolt's own FastAPI adapter calls the synchronous ``App.dispatch`` inside ``async def``, which would block the
event loop for every Slack request; here dispatch runs in the thread pool instead (Starlette's run_in_threadpool),
and only Bolt's request/response conversions are reused.

The signature is checked here first, on the raw bytes, before anything decodes or parses them: Bolt builds its
request (UTF-8 decoding, JSON or form parsing) before it verifies, so an unsigned body that is not UTF-8 or not
JSON, or a timestamp header that is not a number, used to reach a 500. Any header and body bytes a stranger sends
now get a 401 unless they carry a valid, fresh signature; the body's size is bounded below this by the service's
request-size limit (``service.middleware``).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from service.config import Settings

from .app import create_app

PATH = "/slack/events"
MAX_AGE_SECONDS = 5 * 60  # Slack's own replay window


def signature_ok(secret: str, headers: Any, body: bytes, *, now: float | None = None) -> bool:
    """Slack's v0 signature over the raw bytes, for any header values: malformed ones are simply not valid."""
    timestamp = headers.get("x-slack-request-timestamp") or ""
    signature = headers.get("x-slack-signature") or ""
    if not (timestamp.isascii() and timestamp.isdigit() and 0 < len(timestamp) <= 12):
        return False
    if not signature.isascii() or not signature.startswith("v0=") or len(signature) > 100:
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def _refused(status: int, detail: str) -> Response:
    return JSONResponse({"error": detail}, status_code=status)


def mount(api: FastAPI, settings: Settings, **create_kwargs: Any) -> None:
    bolt = create_app(settings, db=getattr(api.state, "db", None), **create_kwargs)
    api.state.slack_app = bolt
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None

    @api.post(PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        if secret is None or not signature_ok(secret, request.headers, body):
            return _refused(401, "invalid request")
        try:
            bolt_request = to_bolt_request(request, body)
        except Exception:  # noqa: BLE001 - signed, but not UTF-8 / JSON / a form: say so, never a traceback
            return _refused(400, "the request body could not be read")
        bolt_response = await run_in_threadpool(bolt.dispatch, bolt_request)
        return to_starlette_response(bolt_response)
