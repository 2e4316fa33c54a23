"""The request-size limit, enforced while the body is read, before anything else looks at the request.

FastAPI reads and parses a JSON body before it runs the dependencies that check the bearer token, and Slack's
adapter reads the whole body before it checks the signature: without a limit underneath them, a stranger's 500 MB
body to ``POST /vendors`` is held in memory (and parsed) only to be refused with a 401. This pure ASGI middleware
sits below routing and authentication: a declared ``Content-Length`` over the limit is answered 413 without reading
a byte; a chunked body is counted as it arrives and answered 413 as soon as it crosses the limit, so at most
``limit`` bytes of any request are ever held.

Uploads (``POST /documents``, and paths a front end registers with ``allow_uploads``) have their own larger limit,
MAX_UPLOAD_BYTES plus room for the multipart envelope; Starlette spools their file parts to disk past 1 MB.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Multipart boundaries, part headers and a form field or two around the file itself.
UPLOAD_ENVELOPE = 64 * 1024


class BodyTooLarge(HTTPException):
    """Raised inside ``receive`` when a streamed body crosses the limit. An HTTPException, so that whoever is
    reading (FastAPI's body parser, Starlette's multipart parser, the Slack adapter) lets it through as a 413
    rather than reporting "could not parse the body"."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _message(limit))


def allow_uploads(app: Any, method: str, path: str) -> None:
    """Let ``method path`` take bodies up to the upload limit (a front end's upload form, say)."""
    paths: set[tuple[str, str]] = app.state.upload_paths
    paths.add((method.upper(), path))


class BodyLimit:
    """``app.add_middleware(BodyLimit, limit=..., upload_limit=...)``; see the module's docstring."""

    def __init__(self, app: ASGIApp, *, limit: int, upload_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    def limit_for(self, scope: Scope) -> int:
        state = getattr(scope.get("app"), "state", None)
        uploads: set[tuple[str, str]] = getattr(state, "upload_paths", set())
        if (scope.get("method", "").upper(), scope.get("path", "")) in uploads:
            return self.upload_limit
        return self.limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


def _content_length(scope: Scope) -> int | None:
    """The declared length; a malformed header counts as "not declared" (the stream is counted instead)."""
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": _message(limit)}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _message(limit: int) -> str:
    return f"the request body is over the limit of {limit} bytes"
