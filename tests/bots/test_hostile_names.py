"""Hostile names reach Slack only as text: no mention, no channel ping, no link, in any field of any message.

A vendor name is settable by anyone with a write token (the upload form's ``vendor`` field) and a file name by
anyone who can share a file, so each message the bot builds is fed such names, and every mrkdwn string it would
send (the message's ``text`` included, which is what notifications show) is checked.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from bots.brain.mentions import mention
from bots.brain.reply import Answer, Cite, Item, Section
from bots.slack.blocks import (
    answer_blocks,
    digest_messages,
    home_view,
    replace_alert_actions,
    status_blocks,
    text_fallback,
)
from bots.slack.errors import user_message
from bots.slack.listeners.questions import full_list_messages
from service.alerts.models import AlertRead
from service.profiles import AssessmentUnavailable
from tests.extractors import make_pdf

from .conftest import Bot, unique
from .test_uploads import share, thread_calls

HOSTILE = [
    "<!channel> Aaa <https://evil.example|re-verify your SSO>",
    "<!here|here> <!subteam^S123> <@U0ADMIN> <#C0GENERAL>",
    "Evil & Co <mailto:x@evil.example|support> `code` *bold*",
]
# What Slack turns into a ping, a mention or a link when it reaches mrkdwn unescaped.
_MARKUP = re.compile(r"<[!@#]|<(?:https?|mailto):")


def _mrkdwn_strings(payload: dict[str, Any]) -> list[str]:
    """The message's ``text`` and every mrkdwn text object in its blocks (plain_text is never parsed)."""
    out = [str(payload.get("text") or "")]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload.get("blocks") or [])
    return out


def _assert_inert(payload: dict[str, Any], allowed_links: tuple[str, ...] = ()) -> None:
    for text in _mrkdwn_strings(payload):
        cleaned = text
        for link in allowed_links:
            cleaned = cleaned.replace(f"<{link}", "")
        assert not _MARKUP.search(cleaned), text


def _answer(name: str) -> Answer:
    item = Item(text=f"{name} has an exception", severity="high",
                cites=[Cite(document=f"{name}.pdf", page=3, quote=f"quote from {name}")], absence=name)
    return Answer(
        kind="assessment", title=f"{name}: does it cover us?", summary=f"{name} meets with findings", status="warn",
        verdict="meets_with_findings", facts=[(name, name), ("Vendor", name)], items=[item, Item(text=name,
        absence=name)], items_title=name, sections=[Section(title=name, items=[item], more=2)], profile=name,
        profile_source=name, vendor_id=1, document_id=2, examples=[name],
        notes=[name, f"uploaded by {mention('U1')} {name}", f"Reason: {name} by <@U0ADMIN>"],
        confidential=True, confirm_vendor=(1, name),
    )


def _alert(i: int, name: str) -> AlertRead:
    now = datetime.now(UTC)
    return AlertRead(id=i, document_id=i, vendor_id=i, vendor_name=name, filename=f"{name}.pdf",
                     kind="certificate_expired", threshold=0, due_date=date(2026, 1, 1),
                     message=f"certificate of {name} expired", status="pending", created_at=now, sent_at=None,
                     acknowledged_at=None, acknowledged_by=None, snoozed_until=None,
                     url="http://127.0.0.1:8000/documents/1")


def test_every_builder_escapes_every_field() -> None:
    for name in HOSTILE:
        answer = _answer(name)
        for full in (True, False):
            payload = {"text": text_fallback(answer), "blocks": answer_blocks(answer, full=full)}
            _assert_inert(payload, allowed_links=("@U1>",))  # the one mention the bot wrote itself
            if full:
                assert any("uploaded by <@U1>" in t for t in _mrkdwn_strings(payload))
        for blocks in digest_messages([_alert(i, name) for i in range(1, 4)]):
            _assert_inert({"text": "3 new vendor assurance alerts", "blocks": blocks},
                          allowed_links=("http://127.0.0.1:8000/documents/",))
            _assert_inert({"blocks": replace_alert_actions(blocks, 1, "Acknowledged")},
                          allowed_links=("http://127.0.0.1:8000/documents/",))
        home = home_view({"meets": [name], "does_not_meet": [name]}, [(date(2026, 1, 1), name, name)], profile=name,
                         today=date(2026, 1, 1))
        _assert_inert({"blocks": home["blocks"]})
        _assert_inert({"text": user_message(AssessmentUnavailable(name))})
        listed = replace(_answer(name), full_list=True)
        for message in full_list_messages(listed):
            _assert_inert({"text": message})
        # the plain text keeps what the name says, only escaped
        assert "&lt;!channel&gt;" in text_fallback(_answer(HOSTILE[0]))


def test_status_lines_are_built_from_escaped_names() -> None:
    from bots.slack.blocks import escape

    for name in HOSTILE:
        text = f":hourglass_flowing_sand: Reading 3 pages of *{escape(name)}*…"
        _assert_inert({"text": text, "blocks": status_blocks(text)})


def _final_line(bot: Bot, channel: str, ts: str, timeout: float = 30.0) -> None:
    """Wait for the upload's last word: an error line, or the progress line updated to done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = [*bot.fake.calls_to("chat.postMessage", thread_calls(bot, channel, ts)),
                *bot.fake.calls_to("chat.update", lambda c: c.body.get("channel") == channel)]
        if any(":no_entry_sign:" in c.text() or ":white_check_mark:" in c.text() for c in seen):
            return
        time.sleep(0.1)
    raise AssertionError("the upload never finished")


def test_a_hostile_file_name_shared_in_slack_never_becomes_markup(bot: Bot) -> None:
    """End to end through the bot: a non-PDF and a PDF, each with a hostile name; every message it sends."""
    channel = unique("DHOSTILE")
    pdf = make_pdf.text_pdf(["Nothing to see here, only a few words of ordinary text on a page. " * 3])
    for data, name in ((b"just text, not a pdf", HOSTILE[0] + ".pdf"), (pdf, HOSTILE[1] + ".pdf")):
        ts, _file_id, _ = share(bot, data, name, channel=channel, channel_type="im")
        _final_line(bot, channel, ts)
        calls = bot.fake.calls_to("chat.postMessage", thread_calls(bot, channel, ts))
        updates = bot.fake.calls_to("chat.update", lambda c: c.body.get("channel") == channel)
        assert calls
        for call in [*calls, *updates]:
            _assert_inert(call.body)
        assert any("&lt;" in c.text() for c in [*calls, *updates])
