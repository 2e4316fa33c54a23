"""The daily alerts as one Slack digest with Acknowledge / Snooze, delivered once, and the buttons recorded."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from pydantic import SecretStr
from slack_sdk.errors import SlackApiError

from bots.slack.alerts import SlackDigestNotifier
from bots.slack.blocks import ALERT_ACK, ALERT_SNOOZE, alert_block_id
from service.alerts import service as alerts_service
from service.alerts.notifiers import configured_notifiers
from service.database import get_database

from .conftest import ALERTS, TODAY, Bot, unique


def _digests(bot: Bot) -> list[Any]:
    return bot.fake.calls_to("chat.postMessage", lambda c: c.body.get("channel") == ALERTS)


def _scan(bot: Bot, day: Any) -> Any:
    with get_database(bot.settings).session() as s:
        return alerts_service.run_scan(db_session=s, settings=bot.settings, today=day,
                                       notifiers=configured_notifiers(bot.settings))


def _alert_ids(call: Any) -> list[int]:
    return [int(e["value"]) for b in call.body["blocks"] for e in b.get("elements") or []
            if e.get("action_id") == ALERT_ACK]


def _click(call: Any, alert_id: int, action_id: str, user: str) -> dict[str, Any]:
    button = next(e for b in call.body["blocks"] if b.get("block_id") == alert_block_id(alert_id)
                  for e in b["elements"] if e["action_id"] == action_id)
    return {
        "type": "block_actions", "team": {"id": "T0TEST"}, "user": {"id": user}, "api_app_id": "A0TEST",
        "token": "legacy", "trigger_id": unique("trig"),
        "container": {"type": "message", "message_ts": call.ts, "channel_id": ALERTS},
        "channel": {"id": ALERTS}, "message": {"ts": call.ts, "text": call.body["text"], "blocks": call.body["blocks"]},
        "actions": [{"type": "button", "action_id": action_id, "block_id": alert_block_id(alert_id),
                     "value": button["value"], "action_ts": "1"}],
    }


def _status(bot: Bot, alert_id: int) -> Any:
    with get_database(bot.settings).session() as s:
        return next(a for a in alerts_service.list_alerts(db_session=s, settings=bot.settings) if a.id == alert_id)


def test_the_plugin_provides_the_slack_notifier(bot: Bot) -> None:
    assert any(isinstance(n, SlackDigestNotifier) for n in configured_notifiers(bot.settings))


def test_daily_digest_once_with_buttons_that_are_recorded(bot: Bot) -> None:
    result = _scan(bot, TODAY)
    with get_database(bot.settings).session() as s:
        raised_before_sending = alerts_service.list_alerts(db_session=s, settings=bot.settings)
    # the examples have an expiring and an expired certificate: raised when they were parsed, or by this scan
    assert len(raised_before_sending) >= 2 and result.sent >= 2
    digests = _digests(bot)
    assert len(digests) == 1
    digest = digests[0]
    ids = _alert_ids(digest)
    assert len(ids) == result.sent
    assert digest.token == bot.fake.token
    with get_database(bot.settings).session() as s:
        raised = alerts_service.list_alerts(db_session=s, settings=bot.settings)
    for alert in raised:
        assert alert.id in ids
        assert alert.message[:40] in digest.text().replace("&amp;", "&")
    for block in digest.body["blocks"]:
        if block.get("type") == "actions":
            assert {e["action_id"] for e in block["elements"]} == {ALERT_ACK, ALERT_SNOOZE}

    # the same day again: nothing new, nothing repeated
    again = _scan(bot, TODAY)
    assert again.sent == 0
    assert len(_digests(bot)) == 1

    acked, snoozed = ids[0], ids[1]
    assert bot.interact(_click(digest, acked, ALERT_ACK, "U9")).status_code == 200
    update = bot.fake.wait_for("chat.update", lambda c: c.body.get("ts") == digest.ts)[0]
    assert "Acknowledged by <@U9>" in update.text()
    kept = [b for b in update.body["blocks"] if b.get("type") == "actions"]
    assert len(kept) == len(ids) - 1  # the other alerts keep their buttons
    status = _status(bot, acked)
    assert (status.status, status.acknowledged_by) == ("acknowledged", "slack:U9")

    assert bot.interact(_click(digest, snoozed, ALERT_SNOOZE, "U9")).status_code == 200
    bot.fake.wait_for("chat.update", lambda c: c.body.get("ts") == digest.ts and "Snoozed" in c.text())
    status = _status(bot, snoozed)
    assert (status.status, status.snoozed_until) == ("snoozed", TODAY + timedelta(days=7))

    # a week later the snoozed alert comes back once; the acknowledged one never does
    _scan(bot, TODAY + timedelta(days=7))
    later = _digests(bot)
    assert len(later) == 2
    back = _alert_ids(later[1])
    assert snoozed in back and acked not in back


def test_a_refused_delivery_raises_so_the_service_retries(bot: Bot) -> None:
    wrong = bot.settings.model_copy(update={"slack_bot_token": SecretStr("xoxb-revoked")})
    notifier = SlackDigestNotifier(wrong)
    with get_database(bot.settings).session() as s:
        alerts = alerts_service.list_alerts(db_session=s, settings=bot.settings, limit=1)
    assert alerts
    with pytest.raises(SlackApiError):
        notifier.send(alerts)


def test_digest_is_split_to_stay_within_slack_limits(bot: Bot) -> None:
    from bots.slack.blocks import MAX_BLOCKS, digest_messages

    with get_database(bot.settings).session() as s:
        one = alerts_service.list_alerts(db_session=s, settings=bot.settings, limit=1)[0]
    many = [one.model_copy(update={"id": i}) for i in range(1, 61)]
    messages = digest_messages(many)
    assert len(messages) == 3
    assert all(len(m) <= MAX_BLOCKS for m in messages)
    values = [e["value"] for m in messages for b in m for e in b.get("elements") or []
              if e.get("action_id") == ALERT_ACK]
    assert values == [str(i) for i in range(1, 61)]
    json.dumps(messages)  # serialisable as sent
