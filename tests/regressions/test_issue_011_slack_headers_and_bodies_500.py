"""Issue 11: "500s: ... a non-numeric `X-Slack-Request-Timestamp`, or a non-JSON or non-UTF-8 unsigned body on
`/slack/events`."

The signature is checked on the raw bytes before anything is decoded or parsed, so whatever a stranger sends to the
Slack endpoint is a 401. Real HTTP on loopback, to the service that ``serve`` runs with the bot mounted.
"""

from __future__ import annotations

import pytest

from tests.bots.conftest import Bot


@pytest.mark.parametrize("timestamp", ["yesterday", "12:00", "1.5e9"])
def test_issue_011_a_timestamp_that_is_not_a_number_is_a_401(bot: Bot, timestamp: str) -> None:
    response = bot.http.post(bot.events_url, content=b'{"type": "event_callback"}', headers={
        "content-type": "application/json", "x-slack-request-timestamp": timestamp,
        "x-slack-signature": "v0=" + "ab" * 32,
    })
    assert response.status_code == 401


@pytest.mark.parametrize("body", [b"this is not json {", b"\xc3\x28\xa0\xa1 not utf-8"], ids=["not-json", "not-utf8"])
def test_issue_011_an_unsigned_body_of_any_shape_is_a_401(bot: Bot, body: bytes) -> None:
    response = bot.http.post(bot.events_url, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 401
