"""Socket Mode (`vendor-assurance slack`): the same app over a WebSocket, for teams without a public URL."""

from __future__ import annotations

import logging
from datetime import date

from slack_bolt.adapter.socket_mode import SocketModeHandler

from service.config import Settings

from .app import create_app


def socket_handler(settings: Settings, *, today: date | None = None) -> SocketModeHandler:
    """The Bolt app behind a Socket Mode connection (``connect()`` returns at once, ``start()`` blocks)."""
    if settings.slack_app_token is None:
        raise ValueError("SLACK_APP_TOKEN is not set")
    app = create_app(settings, socket_mode=True, today=today)
    return SocketModeHandler(app, settings.slack_app_token.get_secret_value())


def run_socket_mode(settings: Settings) -> int:
    if settings.slack_app_token is None or settings.slack_bot_token is None:
        print("error: Socket Mode needs SLACK_APP_TOKEN (xapp-...) and SLACK_BOT_TOKEN (xoxb-...)")
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = socket_handler(settings)
    print("Slack bot connected over Socket Mode; Ctrl-C to stop.", flush=True)
    handler.start()
    return 0
