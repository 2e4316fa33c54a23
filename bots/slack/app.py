"""The Slack (Bolt) app: one factory for HTTP mode (mounted in the service) and Socket Mode.

``create_app(settings, client=...)`` builds the app around a WebClient pointed at ``SLACK_API_BASE_URL`` (tests
point it at a loopback stand-in). Bolt verifies each request's signature and timestamp before anything runs; a
global middleware then drops events Slack already delivered (retries carry the same ``event_id``); every listener
acks at once and does the slow work in a lazy listener, after the HTTP response.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from service.config import Settings
from service.database import Database, get_database

from .. import memory
from ..brain.warmup import warm_up_in_background
from . import errors
from .client import web_client
from .deps import Deps
from .listeners import actions, alerts, home, questions, uploads

log = logging.getLogger("vendor_assurance.slack")


def _event_key(body: dict[str, Any]) -> str | None:
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    return None


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    db: Database | None = None,
    today: date | None = None,
    socket_mode: bool = False,
) -> App:
    """The Bolt app for these settings. ``client`` replaces the Web API client; ``today`` fixes the day (tests)."""
    if settings.slack_bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is not set")
    if not socket_mode and settings.slack_signing_secret is None:
        raise ValueError("SLACK_SIGNING_SECRET is not set (needed to verify requests in HTTP mode)")
    deps = Deps(
        settings=settings,
        db=db or get_database(settings),
        today=today,
        allowed_channels=frozenset(settings.slack_confidential_channels),
    )
    memory.forget_old(deps.db)
    warm_up_in_background(deps.db)  # the intent model, the portfolio snapshot and the vendor directory
    app = App(
        client=client or web_client(settings),
        signing_secret=settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None,
        # no network call at start: the token is checked with auth.test on the first request instead
        token_verification_enabled=False,
        request_verification_enabled=not socket_mode,
        process_before_response=False,
        logger=log,
    )

    @app.use
    def drop_redeliveries(body: dict[str, Any], next: Any) -> BoltResponse | None:  # noqa: A002 - Bolt's name
        """Slack retries an event it thinks was lost (X-Slack-Retry-Num); each event_id is handled once."""
        key = _event_key(body)
        if key is not None and not memory.first_time(deps.db, key):
            log.info("dropping a redelivered event %s", key)
            return BoltResponse(status=200, body="")
        next()
        return None

    errors.register(app)
    uploads.register(app, deps)  # before questions: a mention that carries a PDF is an upload
    questions.register(app, deps)
    actions.register(app, deps)
    alerts.register(app, deps)
    home.register(app, deps)

    @app.event("message")
    def other_messages() -> None:
        """Channel chatter, edits and the bot's own messages: acknowledged and ignored."""

    app.deps = deps  # type: ignore[attr-defined]  # for tests and the HTTP mount
    return app
