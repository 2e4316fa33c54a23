"""Socket Mode: the same app over a WebSocket (a loopback stand-in for Slack's), acking envelopes and answering."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from bots.slack.socket import socket_handler

from .conftest import ALLOWED, TODAY, Bot, unique
from .fake_socket_mode import FakeSocketMode


@pytest.fixture
def socket_server(bot: Bot) -> Iterator[FakeSocketMode]:
    server = FakeSocketMode().start()
    bot.fake.socket_url = server.url
    yield server
    bot.fake.socket_url = None
    server.stop()


def test_a_mention_over_socket_mode_is_acked_and_answered_in_the_thread(bot: Bot,
                                                                         socket_server: FakeSocketMode) -> None:
    settings = bot.settings.model_copy(update={"slack_app_token": SecretStr("xapp-test-app-token"),
                                               "slack_signing_secret": None})
    handler = socket_handler(settings, today=TODAY)
    handler.connect()
    try:
        assert socket_server.connected.wait(10)
        ts = bot.fake.next_ts()
        envelope = unique("env")
        socket_server.send({
            "envelope_id": envelope, "type": "events_api", "accepts_response_payload": False, "retry_attempt": 0,
            "retry_reason": "", "payload": {
                "token": "legacy", "team_id": "T0TEST", "api_app_id": "A0TEST", "type": "event_callback",
                "event_id": unique("EvSock"), "event_time": int(time.time()),
                "event": {"type": "app_mention", "user": "U1", "text": "<@UBOT> does Quillfeather cover us?",
                          "ts": ts, "channel": ALLOWED, "event_ts": ts},
            },
        })
        started = time.perf_counter()
        socket_server.wait_for(lambda m: m.get("envelope_id") == envelope)
        assert time.perf_counter() - started < 3.0
        reply = bot.reply_in_thread(ALLOWED, ts)
        assert "Quillfeather Analytics" in reply.text()
        opened = bot.fake.calls_to("apps.connections.open")
        assert opened and opened[-1].token == "xapp-test-app-token"
    finally:
        handler.close()
