"""The Slack bot under test, end to end over real HTTP on loopback.

The service's FastAPI app (with the bot mounted through its plugin entry point, as ``serve`` does) runs under
uvicorn on a free port; Slack's side is played by requests signed the way Slack signs them
(``SignatureVerifier.generate_signature``), and Slack's Web API by ``FakeSlack``. The database is a real SQLite
file with the bundled example documents read into it.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from slack_sdk.signature import SignatureVerifier

from service.config import Settings
from service.database import forget_databases
from tests.service.conftest import PG_URL, _pg_schema_url

from .fake_slack import FakeSlack

SECRET = "test-signing-secret-0123456789abcdef"
TODAY = date(2026, 11, 30)
ALLOWED = "CALLOWED"  # a channel on the confidential-details allowed list
OPEN = "COPEN"  # a channel that is not
ALERTS = "CALERTS"
_ids = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_ids):05d}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Bot:
    """The running service with the bot, and what a test needs to talk to it like Slack does."""

    url: str
    fake: FakeSlack
    settings: Settings
    api: Any
    http: httpx.Client

    @property
    def events_url(self) -> str:
        return f"{self.url}/slack/events"

    def signed_headers(self, body: str, *, timestamp: int | None = None, secret: str = SECRET,
                       content_type: str = "application/json") -> dict[str, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        assert signature is not None
        return {"x-slack-request-timestamp": ts, "x-slack-signature": signature, "content-type": content_type}

    def post(self, body: str, *, headers: dict[str, str] | None = None, **sign: Any) -> httpx.Response:
        all_headers = {**self.signed_headers(body, **sign), **(headers or {})}
        return self.http.post(self.events_url, content=body.encode(), headers=all_headers)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None,
              **sign: Any) -> httpx.Response:
        body = json.dumps({
            "token": "legacy", "team_id": "T0TEST", "api_app_id": "A0TEST", "type": "event_callback",
            "event_id": event_id or unique("Ev"), "event_time": int(time.time()), "event": event,
            "authorizations": [{"team_id": "T0TEST", "user_id": "UBOT", "is_bot": True}],
        })
        headers = {"x-slack-retry-num": str(retry), "x-slack-retry-reason": "http_timeout"} if retry else None
        return self.post(body, headers=headers, **sign)

    def mention(self, text: str, *, channel: str = ALLOWED, user: str = "U1") -> tuple[httpx.Response, str]:
        ts = self.fake.next_ts()
        event = {"type": "app_mention", "user": user, "text": f"<@UBOT> {text}", "ts": ts, "channel": channel,
                 "event_ts": ts}
        return self.event(event), ts

    def reply_in_thread(self, channel: str, thread_ts: str, timeout: float = 15.0) -> Any:
        return self.fake.wait_for(
            "chat.postMessage", lambda c: c.body.get("channel") == channel and c.body.get("thread_ts") == thread_ts,
            timeout=timeout)[0]

    def ask(self, text: str, *, channel: str = ALLOWED) -> Any:
        """Mention the bot with ``text`` and return the answer it posted in the thread."""
        response, ts = self.mention(text, channel=channel)
        assert response.status_code == 200, response.text
        return self.reply_in_thread(channel, ts)

    def interact(self, payload: dict[str, Any], **sign: Any) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, content_type="application/x-www-form-urlencoded", **sign)

    def command(self, text: str, *, channel: str = OPEN, user: str = "U1") -> tuple[httpx.Response, str]:
        response_path = f"/response/{unique('R')}"
        body = urlencode({
            "token": "legacy", "team_id": "T0TEST", "channel_id": channel, "channel_name": "general",
            "user_id": user, "user_name": "pat", "command": "/vendor", "text": text,
            "response_url": f"{self.fake.url}{response_path}", "trigger_id": unique("trig"), "api_app_id": "A0TEST",
        })
        return self.post(body, content_type="application/x-www-form-urlencoded"), response_path


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test thread is not the main thread
        return


@pytest.fixture(scope="package")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def bot(tmp_path_factory: pytest.TempPathFactory, fake: FakeSlack) -> Iterator[Bot]:
    from bots.console import load_examples_now
    from service.api import create_app

    data = tmp_path_factory.mktemp("bot") / "data"
    settings = Settings(
        data_dir=Path(data), parse_timeout_seconds=60, embedded_worker=False,
        slack_bot_token=SecretStr(fake.token), slack_signing_secret=SecretStr(SECRET), slack_api_base_url=fake.base_url,
        slack_confidential_channels=[ALLOWED], slack_alert_channel=ALERTS,
    )
    schema_urls = None
    if os.environ.get("BOTS_TEST_POSTGRES") and PG_URL:  # the whole bot suite on PostgreSQL (slower; opt-in)
        schema_urls = _pg_schema_url(PG_URL)
        settings = settings.model_copy(update={"database_url": next(schema_urls)})
    load_examples_now(settings)
    api = create_app(settings, start_worker=False)
    assert hasattr(api.state, "slack_app"), "the bot was not mounted by the plugin"
    api.state.slack_app.deps.today = TODAY
    port = _free_port()
    server = _Server(uvicorn.Config(api, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    with httpx.Client(timeout=10) as http:
        yield Bot(f"http://127.0.0.1:{port}", fake, settings, api, http)
    server.should_exit = True
    thread.join(10)
    forget_databases()
    if schema_urls is not None:
        for _ in schema_urls:  # drops the schema
            pass
