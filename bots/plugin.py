"""The bots' hooks into the service (entry point ``vendor_assurance.plugins``): the Slack HTTP endpoint at
``/slack/events`` and the Slack alert notifier. (The ``chat`` and ``slack`` commands live in the command line,
``cli.bots_cmd``, which sits above the bots.)

Everything Slack is imported lazily, so a service without Slack settings runs exactly as before.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("vendor_assurance.slack")


def mount_api(app: Any, settings: Any) -> None:
    """Mount Bolt at /slack/events when Slack is configured for HTTP (a bot token and a signing secret)."""
    if settings.slack_bot_token is None or settings.slack_signing_secret is None:
        return
    from .slack.http import mount  # lazy: Slack (Bolt and the bot's brain) loads only when it is configured

    mount(app, settings)


def notifiers(settings: Any) -> list[Any]:
    """The Slack digest notifier when a bot token and an alert channel are set."""
    if settings.slack_bot_token is None or not settings.slack_alert_channel:
        return []
    from .slack.alerts import SlackDigestNotifier  # lazy: the Slack SDK only when Slack is configured

    return [SlackDigestNotifier(settings)]
