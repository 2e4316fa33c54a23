"""The bot's Slack Web API client, on its own so the alert notifier can post without loading the Bolt app and the
brain behind it (a second at start-up in the alert scan)."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from service.config import Settings


def web_client(settings: Settings) -> WebClient:
    """The bot's Web API client: Slack's base URL (or the stand-in's), retrying on 429 (honouring Retry-After)
    and on dropped connections."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base = settings.slack_api_base_url.rstrip("/") + "/"
    client = WebClient(token=token, base_url=base, timeout=30)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=1))
    return client
