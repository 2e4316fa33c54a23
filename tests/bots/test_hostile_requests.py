"""Whatever bytes a stranger sends to /slack/events, the answer is a 401 (or 413 for a huge body), never a 500,
and the body is neither decoded nor parsed before the signature is checked."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx
import pytest

from bots.slack.http import signature_ok

from .conftest import SECRET, Bot, unique

_EVENT = json.dumps({"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_mention"}})


@pytest.mark.parametrize(
    "timestamp",
    ["not-a-number", "", "1e9", "-5", "1 2", "١٢٣٤٥", "9" * 40, "\u00e9t\u00e9", "0x10"],
    ids=["words", "empty", "float", "negative", "inner-space", "arabic-digits", "huge", "latin1", "hex"],
)
def test_any_timestamp_header_is_a_401(bot: Bot, timestamp: str) -> None:
    headers = {"x-slack-request-timestamp": timestamp, "x-slack-signature": "v0=" + "0" * 64,
               "content-type": "application/json"}
    response = bot.http.post(bot.events_url, content=_EVENT.encode(),
                             headers={k: v.encode("utf-8") for k, v in headers.items()})  # type: ignore[misc]
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [b"\xff\xfe\x00garbage", b"{not json", b"payload=%7B%22broken", b"", b"[" * 200_000, "é".encode("latin-1")],
    ids=["not-utf8", "not-json", "bad-form", "empty", "deep-nesting", "latin1"],
)
def test_unsigned_or_forged_bodies_of_any_shape_are_a_401(bot: Bot, body: bytes) -> None:
    unsigned = bot.http.post(bot.events_url, content=body, headers={"content-type": "application/json"})
    assert unsigned.status_code == 401
    ts = str(int(time.time()))
    forged = bot.http.post(bot.events_url, content=body, headers={
        "content-type": "application/json", "x-slack-request-timestamp": ts,
        "x-slack-signature": "v0=" + hmac.new(b"wrong", b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest(),
    })
    assert forged.status_code == 401


def test_a_correctly_signed_body_that_is_not_utf8_is_a_400_not_a_500(bot: Bot) -> None:
    body = b"\xff\xfe not utf-8"
    ts = str(int(time.time()))
    signature = "v0=" + hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    response = bot.http.post(bot.events_url, content=body, headers={
        "content-type": "application/json", "x-slack-request-timestamp": ts, "x-slack-signature": signature})
    assert response.status_code == 400


def test_a_huge_unsigned_body_is_refused_before_it_is_read(bot: Bot) -> None:
    declared = bot.http.post(bot.events_url, content=b"x" * (bot.settings.max_request_bytes + 1),
                             headers={"content-type": "application/json"})
    assert declared.status_code == 413

    def chunks() -> object:
        for _ in range(64):  # 64 MB offered without a Content-Length; refused after the first megabyte
            yield b"y" * (1024 * 1024)

    streamed = httpx.post(bot.events_url, content=chunks(), headers={"content-type": "application/json"}, timeout=30)
    assert streamed.status_code == 413


def test_signature_check_on_raw_bytes() -> None:
    body = b'{"a": 1}'
    now = 1_700_000_000
    good = "v0=" + hmac.new(b"s", b"v0:1700000000:" + body, hashlib.sha256).hexdigest()
    assert signature_ok("s", {"x-slack-request-timestamp": "1700000000", "x-slack-signature": good}, body, now=now)
    assert not signature_ok("s", {"x-slack-request-timestamp": "1700000000", "x-slack-signature": good}, body,
                            now=now + 301)  # a replay after Slack's five minutes
    assert not signature_ok("s", {"x-slack-request-timestamp": "1700000000", "x-slack-signature": good},
                            body + b" ", now=now)
    assert not signature_ok("s", {}, body, now=now)
    assert unique("x")
