"""The answer card's buttons: Details (the full list in the thread), Re-assess (the card updated in place) and
Send me the details (the confidential version in a direct message)."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from service.documents import service as documents

from ...brain.handlers.assessment import assessment_answer
from ...brain.mentions import mention
from ...brain.reply import Answer, Context
from ...brain.router import respond
from ...brain.triage import triage_answer
from ..blocks import CONFIRM_VENDOR, DETAILS, DM_DETAILS, REASSESS, answer_blocks, text_fallback
from ..deps import Deps
from ..errors import polite

DETAIL_ITEMS = 40


def _ref(body: dict[str, Any]) -> dict[str, Any]:
    action = (body.get("actions") or [{}])[0]
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _answer_for(ref: dict[str, Any], ctx: Context) -> Answer | None:
    """Rebuild the answer a button refers to, fresh from the database, with every finding."""
    ctx.max_items = DETAIL_ITEMS
    if ref.get("q") and ref.get("k") not in ("cover", "triage"):
        return respond(str(ref["q"]), ctx)  # a one-fact or portfolio answer, asked again in full
    if ref.get("d") is not None:
        doc = documents.get(db_session=ctx.db_session, document_id=int(ref["d"]))
        return triage_answer(doc, ctx) if doc is not None else None
    if ref.get("v") is not None:
        return assessment_answer(ctx, int(ref["v"]), profile=ref.get("p"))
    return None


def _where(body: dict[str, Any]) -> tuple[str, str | None, str | None]:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id") or ""
    message = body.get("message") or {}
    return channel, message.get("ts"), message.get("thread_ts") or message.get("ts")


def register(app: App, deps: Deps) -> None:
    def _ack(ack: Ack) -> None:
        ack()

    def _dm(client: WebClient, user: str, answer: Answer) -> None:
        opened = client.conversations_open(users=user)
        dm = opened["channel"]["id"]
        client.chat_postMessage(channel=dm, text=text_fallback(answer), blocks=answer_blocks(answer, full=True))

    @polite
    def details(body: dict[str, Any], client: WebClient) -> None:
        channel, _ts, thread = _where(body)
        ref = _ref(body)
        with deps.context(channel, profile=ref.get("p")) as ctx:
            answer = _answer_for(ref, ctx)
        if answer is None:
            client.chat_postMessage(channel=channel, thread_ts=thread, text="That vendor or document is gone.")
            return
        if deps.may_show_details(channel):
            client.chat_postMessage(channel=channel, thread_ts=thread, text=text_fallback(answer),
                                    blocks=answer_blocks(answer, full=True))
        else:
            _dm(client, body["user"]["id"], answer)

    @polite
    def reassess(body: dict[str, Any], client: WebClient) -> None:
        channel, ts, _thread = _where(body)
        ref = _ref(body)
        if ref.get("v") is None:
            return
        with deps.context(channel, profile=ref.get("p")) as ctx:
            answer = assessment_answer(ctx, int(ref["v"]), profile=ref.get("p"))
        answer.notes.append(f"Re-assessed by {mention(body['user']['id'])}.")
        blocks = answer_blocks(answer, full=deps.may_show_details(channel))
        if ts and (body.get("container") or {}).get("type") != "message" or not ts:
            client.chat_postMessage(channel=channel, text=text_fallback(answer), blocks=blocks)
            return
        client.chat_update(channel=channel, ts=ts, text=text_fallback(answer), blocks=blocks)

    @polite
    def dm_details(body: dict[str, Any], client: WebClient) -> None:
        channel, _ts, _thread = _where(body)
        ref = _ref(body)
        with deps.context(channel, profile=ref.get("p")) as ctx:
            answer = _answer_for(ref, ctx)
        if answer is not None:
            _dm(client, body["user"]["id"], answer)

    @polite
    def confirm_vendor(body: dict[str, Any], client: WebClient) -> None:
        """A person confirms the vendor of a document whose name matched a known vendor only loosely."""
        channel, _ts, thread = _where(body)
        ref = _ref(body)
        user = body["user"]["id"]
        with deps.context(channel) as ctx:
            doc = documents.assign_vendor(db_session=ctx.db_session, document_id=int(ref["d"]),
                                          vendor_id=int(ref["v"]))
            answer = triage_answer(doc, ctx)
        answer.notes.insert(0, f"Vendor confirmed by {mention(user)}.")
        client.chat_postMessage(channel=channel, thread_ts=thread, text=text_fallback(answer),
                                blocks=answer_blocks(answer, full=deps.may_show_details(channel)))

    app.action(CONFIRM_VENDOR)(ack=_ack, lazy=[confirm_vendor])
    app.action(DETAILS)(ack=_ack, lazy=[details])
    app.action(REASSESS)(ack=_ack, lazy=[reassess])
    app.action(DM_DETAILS)(ack=_ack, lazy=[dm_details])
