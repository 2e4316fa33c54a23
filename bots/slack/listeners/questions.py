"""Questions: @mentions in channels (answered in the thread), direct messages, and the ``/vendor`` command."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from ...brain.intents import Thread
from ...brain.reply import Answer
from ...brain.router import respond as brain_respond
from ..blocks import answer_blocks, escape, text_fallback
from ..deps import Deps
from ..errors import polite


def _ack(ack: Ack) -> None:
    ack()


class Threads:
    """What each conversation has been about (vendors, profile, last intent), so a follow-up in a Slack thread
    ("and their ISO cert?") keeps its vendor. Kept in this process's memory, the most recent 5,000
    conversations: a thread that falls out simply starts afresh."""

    def __init__(self, size: int = 5_000) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._threads: OrderedDict[tuple[str, str | None], Thread] = OrderedDict()

    def get(self, key: tuple[str, str | None]) -> Thread | None:
        with self._lock:
            found = self._threads.get(key)
            if found is not None:
                self._threads.move_to_end(key)
            return found

    def put(self, key: tuple[str, str | None], thread: Thread | None) -> None:
        if thread is None:
            return
        with self._lock:
            self._threads[key] = thread
            self._threads.move_to_end(key)
            while len(self._threads) > self._size:
                self._threads.popitem(last=False)


THREADS = Threads()
_CHUNK = 3_500  # characters per message of a full list (Slack's text limit is 40,000; shorter reads better)


def full_list_messages(answer: Answer) -> list[str]:
    """The whole list of an answer whose every item matters (the CUECs), as plain thread messages."""
    if not answer.full_list or not answer.items:
        return []
    # mrkdwn like every message: an item read from a PDF must not become a mention or a link
    lines = [f"{n}. {escape(item.text)}" + (f" (p. {item.cites[0].page})" if item.cites and item.cites[0].page else "")
             for n, item in enumerate(answer.items, start=1)]
    messages: list[str] = []
    current = f"All {len(lines)} {escape(answer.items_title or 'items')} of {escape(answer.title)}:"
    for line in lines:
        if len(current) + len(line) + 1 > _CHUNK:
            messages.append(current)
            current = line
        else:
            current += "\n" + line
    messages.append(current)
    return messages


def _is_dm(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im" and not event.get("bot_id")


def register(app: App, deps: Deps) -> None:
    @polite
    def answer_in_thread(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        channel = event["channel"]
        dm = event.get("channel_type") == "im" or channel.startswith("D")
        thread = event.get("thread_ts") or (None if dm else event.get("ts"))
        key = (channel, event.get("thread_ts") or (None if dm else event.get("ts")))
        with deps.context(channel) as ctx:
            ctx.thread = THREADS.get(key)
            answer = brain_respond(event.get("text") or "", ctx)
            THREADS.put(key, ctx.thread)
        full = deps.may_show_details(channel, event.get("channel_type"))
        blocks = answer_blocks(answer, full=full)
        client.chat_postMessage(channel=channel, thread_ts=thread, text=text_fallback(answer), blocks=blocks)
        if full:
            for text in full_list_messages(answer):
                client.chat_postMessage(channel=channel, thread_ts=thread or event.get("ts"), text=text)

    app.event("app_mention", matchers=[lambda event: not event.get("files")])(ack=_ack, lazy=[answer_in_thread])
    app.event({"type": "message", "subtype": None}, matchers=[_is_dm])(ack=_ack, lazy=[answer_in_thread])

    @polite
    def answer_command(body: dict[str, Any], command: dict[str, Any], respond: Respond) -> None:
        text = (command.get("text") or "").strip() or "help"
        key = (str(command.get("channel_id")), "command:" + str(command.get("user_id")))
        with deps.context(command.get("channel_id")) as ctx:
            ctx.thread = THREADS.get(key)
            answer = brain_respond(text, ctx)
            THREADS.put(key, ctx.thread)
        # ephemeral: only the person who asked sees it, so the confidential details may be shown in full
        respond(response_type="ephemeral", replace_original=False, text=text_fallback(answer),
                blocks=answer_blocks(answer, full=True))
        for part in full_list_messages(answer):
            respond(response_type="ephemeral", replace_original=False, text=part)

    app.command("/vendor")(ack=_ack, lazy=[answer_command])
