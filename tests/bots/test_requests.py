"""Every request from Slack is verified: forged or stale ones get 401 and run nothing; retries run once."""

from __future__ import annotations

import json
import time

from .conftest import ALLOWED, SECRET, Bot, unique


def _postmessages_in(bot: Bot, channel: str) -> int:
    return len(bot.fake.calls_to("chat.postMessage", lambda c: c.body.get("channel") == channel))


def test_url_verification_echoes_the_challenge(bot: Bot) -> None:
    body = json.dumps({"token": "legacy", "challenge": "abc123", "type": "url_verification"})
    response = bot.post(body)
    assert response.status_code == 200
    assert response.json() == {"challenge": "abc123"}


def test_forged_signature_is_rejected_and_nothing_runs(bot: Bot) -> None:
    channel = unique("CFORGED")
    ts = bot.fake.next_ts()
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": ts, "channel": channel}
    response = bot.event(event, secret=SECRET + "-wrong")
    assert response.status_code == 401
    time.sleep(0.5)  # had anything been started, it would have posted by now
    assert _postmessages_in(bot, channel) == 0


def test_unsigned_request_is_rejected(bot: Bot) -> None:
    body = json.dumps({"type": "event_callback", "event_id": unique("Ev"), "event": {"type": "app_mention"}})
    response = bot.http.post(bot.events_url, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 401


def test_stale_timestamp_is_rejected_as_a_replay(bot: Bot) -> None:
    channel = unique("CSTALE")
    ts = bot.fake.next_ts()
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": ts, "channel": channel}
    response = bot.event(event, timestamp=int(time.time()) - 10 * 60)  # correctly signed, but 10 minutes old
    assert response.status_code == 401
    time.sleep(0.5)
    assert _postmessages_in(bot, channel) == 0


def test_a_retried_event_is_processed_once(bot: Bot) -> None:
    channel = ALLOWED
    ts = bot.fake.next_ts()
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": ts, "channel": channel}
    event_id = unique("EvRetry")
    first = bot.event(event, event_id=event_id)
    again = bot.event(event, event_id=event_id, retry=1)
    third = bot.event(event, event_id=event_id, retry=2)
    assert (first.status_code, again.status_code, third.status_code) == (200, 200, 200)
    bot.reply_in_thread(channel, ts)
    time.sleep(1.0)
    replies = bot.fake.calls_to("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert len(replies) == 1


def test_ack_comes_before_the_slow_work(bot: Bot) -> None:
    """The HTTP answer does not wait for the answer to be computed and posted."""
    started = time.perf_counter()
    response, ts = bot.mention("does Quillfeather cover us?")
    acked = time.perf_counter() - started
    assert response.status_code == 200
    assert acked < 3.0
    reply = bot.reply_in_thread(ALLOWED, ts)
    assert reply.at >= started
