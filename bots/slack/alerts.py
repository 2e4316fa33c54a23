"""The Slack alert notifier: the daily alerts as one digest in SLACK_ALERT_CHANNEL, each with Acknowledge / Snooze.

The service records each delivery per notifier name ("slack"), so an alert is posted once; ``send`` raises when
Slack refuses, and the service retries those alerts on its next run.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk import WebClient

from service.alerts.models import AlertRead
from service.config import Settings

from .blocks import digest_messages
from .client import web_client


class SlackDigestNotifier:
    name = "slack"

    def __init__(self, settings: Settings, client: WebClient | None = None) -> None:
        if not settings.slack_alert_channel:
            raise ValueError("SLACK_ALERT_CHANNEL is not set")
        self.channel = settings.slack_alert_channel
        if client is None:
            client = web_client(settings)
        self.client = client

    def send(self, alerts: Sequence[AlertRead]) -> None:
        if not alerts:
            return
        for blocks in digest_messages(alerts):
            count = (len(blocks) - 1) // 2
            self.client.chat_postMessage(channel=self.channel, text=f"{count} new vendor assurance alerts",
                                         blocks=blocks, unfurl_links=False)
