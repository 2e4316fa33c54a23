"""Where alerts go. A notifier is anything with a ``name`` and ``send(alerts)``; plugins (Slack) add their own
through ``notifiers(settings)`` in the plugin module. ``send`` raises when delivery failed, so the alert is retried."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import httpx

from ..config import Settings
from ..plugins import load_plugins
from .models import AlertRead

log = logging.getLogger("vendor_assurance.alerts")


@runtime_checkable
class Notifier(Protocol):
    name: str

    def send(self, alerts: Sequence[AlertRead]) -> None:
        """Deliver these alerts or raise; called once per batch of new alerts."""
        ...


class LogNotifier:
    """Writes each alert to the service log: always on, so an alert is visible even with nothing configured."""

    name = "log"

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self.logger = logger or log

    def send(self, alerts: Sequence[AlertRead]) -> None:
        for alert in alerts:
            self.logger.warning(
                "alert %s [%s/%s] %s %s", alert.id, alert.kind, alert.threshold, alert.message, alert.url or ""
            )


class WebhookNotifier:
    """POSTs ``{"alerts": [...]}`` as JSON to a URL (a chat incoming webhook, a ticketing system)."""

    name = "webhook"

    def __init__(self, url: str, timeout: float = 10.0, client: httpx.Client | None = None) -> None:
        self.url = url
        self.timeout = timeout
        self.client = client

    def send(self, alerts: Sequence[AlertRead]) -> None:
        payload = {"alerts": [a.model_dump(mode="json") for a in alerts]}
        if self.client is not None:
            response = self.client.post(self.url, json=payload, timeout=self.timeout)
        else:
            response = httpx.post(self.url, json=payload, timeout=self.timeout)
        response.raise_for_status()


def configured_notifiers(settings: Settings) -> list[Notifier]:
    """The log notifier, the webhook when configured, and every plugin's ``notifiers(settings)``."""
    found: list[Notifier] = [LogNotifier()]
    if settings.alert_webhook_url is not None:
        found.append(WebhookNotifier(settings.alert_webhook_url.get_secret_value()))
    for plugin in load_plugins():
        provide = getattr(plugin, "notifiers", None)
        if provide is None:
            continue
        try:
            found.extend(provide(settings) or [])
        except Exception:  # noqa: BLE001 - a broken plugin must not stop the other notifiers
            log.exception("plugin %s failed to provide notifiers", plugin.__name__)
    return found
