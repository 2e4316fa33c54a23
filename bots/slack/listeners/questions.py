"""Questions: @mentions in channels (answered in the thread), direct messages, and the ``/vendor`` command."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from ...brain.answers import respond as brain_respond
from ..blocks import answer_blocks, text_fallback
from ..deps import Deps
from ..errors import polite


def _ack(ack: Ack) -> None:
    ack()


def _is_dm(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im" and not event.get("bot_id")


def register(app: App, deps: Deps) -> None:
    @polite
    def answer_in_thread(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        channel = event["channel"]
        dm = event.get("channel_type") == "im" or channel.startswith("D")
        thread = event.get("thread_ts") or (None if dm else event.get("ts"))
        with deps.context(channel) as ctx:
            answer = brain_respond(event.get("text") or "", ctx)
        blocks = answer_blocks(answer, full=deps.may_show_details(channel, event.get("channel_type")))
        client.chat_postMessage(channel=channel, thread_ts=thread, text=text_fallback(answer), blocks=blocks)

    app.event("app_mention", matchers=[lambda event: not event.get("files")])(ack=_ack, lazy=[answer_in_thread])
    app.event({"type": "message", "subtype": None}, matchers=[_is_dm])(ack=_ack, lazy=[answer_in_thread])

    @polite
    def answer_command(body: dict[str, Any], command: dict[str, Any], respond: Respond) -> None:
        text = (command.get("text") or "").strip() or "help"
        with deps.context(command.get("channel_id")) as ctx:
            answer = brain_respond(text, ctx)
        # ephemeral: only the person who asked sees it, so the confidential details may be shown in full
        respond(response_type="ephemeral", replace_original=False, text=text_fallback(answer),
                blocks=answer_blocks(answer, full=True))

    app.command("/vendor")(ack=_ack, lazy=[answer_command])
