"""The alert digest's buttons: Acknowledge and Snooze, recorded by the service and shown in the digest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from service.alerts import service as alerts_service

from ..blocks import ALERT_ACK, ALERT_SNOOZE, replace_alert_actions
from ..deps import Deps
from ..errors import polite


def _parse(value: str) -> tuple[int, int]:
    alert, _, days = value.partition(":")
    return int(alert), int(days or 7)


def register(app: App, deps: Deps) -> None:
    def _ack(ack: Ack) -> None:
        ack()

    def _update(body: dict[str, Any], client: WebClient, alert_id: int, note: str) -> None:
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        if not message.get("ts") or not channel:
            return
        blocks = replace_alert_actions(list(message.get("blocks") or []), alert_id, note)
        client.chat_update(channel=channel, ts=message["ts"], text=message.get("text") or "alerts", blocks=blocks)

    @polite
    def acknowledge(body: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        alert_id, _days = _parse(body["actions"][0]["value"])
        with deps.session() as db_session:
            try:
                alerts_service.acknowledge(db_session=db_session, alert_id=alert_id, by=f"slack:{user}")
            except alerts_service.AlertNotFound:
                _update(body, client, alert_id, ":grey_question: This alert no longer exists.")
                return
        _update(body, client, alert_id, f":white_check_mark: Acknowledged by <@{user}>; it will not be sent again.")

    @polite
    def snooze(body: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        alert_id, days = _parse(body["actions"][0]["value"])
        until = deps.day() + timedelta(days=days)
        with deps.session() as db_session:
            try:
                alerts_service.snooze(db_session=db_session, alert_id=alert_id, until=until)
            except alerts_service.AlertNotFound:
                _update(body, client, alert_id, ":grey_question: This alert no longer exists.")
                return
        _update(body, client, alert_id, f":zzz: Snoozed by <@{user}> until {until.isoformat()}.")

    app.action(ALERT_ACK)(ack=_ack, lazy=[acknowledge])
    app.action(ALERT_SNOOZE)(ack=_ack, lazy=[snooze])
