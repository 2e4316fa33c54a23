"""Failures become a polite reply in the conversation, never silence and never a traceback in Slack.

Bolt hands errors in ordinary listeners to ``app.error``; errors in lazy listeners it only logs, so the lazy
work is wrapped in ``polite``, which replies where the question was asked.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from service.profiles import AssessmentUnavailable, ProfileNotFound
from service.vendors.service import VendorNotFound

from .blocks import escape

log = logging.getLogger("vendor_assurance.slack")

_FRIENDLY: dict[type[Exception], str] = {
    VendorNotFound: "That vendor no longer exists.",
    ProfileNotFound: "That requirement profile does not exist; ask me “which profile” to see them.",
    AssessmentUnavailable: "Assessments are not available right now: ",
}


def user_message(exc: Exception) -> str:
    """What to tell a person about ``exc``."""
    for kind, text in _FRIENDLY.items():
        if isinstance(exc, kind):
            return text + (escape(str(exc)) if text.endswith(": ") else "")
    return "Sorry, something went wrong while answering. The error was logged; please try again in a minute."


def reply_target(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """(channel, thread_ts) to answer in, from an event, a slash command or a block action payload."""
    event = body.get("event") or {}
    if event:
        channel = event.get("channel") or event.get("channel_id")
        thread = event.get("thread_ts") or event.get("ts")
        return channel, thread
    if body.get("type") == "block_actions":
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        message = body.get("message") or {}
        return channel, message.get("thread_ts") or message.get("ts")
    return body.get("channel_id"), None


def polite(func: Callable[..., None]) -> Callable[..., None]:
    """Run a lazy listener; on failure log it and tell the person in the thread instead of going quiet."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure gets an answer in Slack
            log.exception("slack listener %s failed", func.__name__)
            body: dict[str, Any] = kwargs.get("body") or {}
            client: WebClient | None = kwargs.get("client")
            channel, thread = reply_target(body)
            if client is None or not channel:
                return
            try:
                client.chat_postMessage(channel=channel, thread_ts=thread, text=f":warning: {user_message(exc)}")
            except Exception:  # noqa: BLE001 - Slack itself is unreachable; the log has it
                log.exception("could not tell the user about the failure")

    return wrapper


def register(app: Any) -> None:
    """The global error handler for non-lazy listeners."""

    @app.error
    def handle(error: Exception, body: dict[str, Any], logger: logging.Logger) -> None:
        logger.error("slack request failed: %s", error, exc_info=error)
