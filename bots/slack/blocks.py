"""Block Kit for the bot's answers, the triage card, the alert digest and App Home.

Slack rejects a message with more than 50 blocks, a section over 3,000 characters, more than 10 fields or 10
context elements, and a header over 150 characters; every builder here stays inside those limits by cutting
lists short and saying how many were left out, never by letting chat.postMessage fail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from service.alerts.models import AlertRead

from ..brain.mentions import render as render_mentions
from ..brain.reply import Answer, Item

Block = dict[str, Any]

MAX_BLOCKS = 50
SECTION_MAX = 2900
FIELD_MAX = 1900
CONTEXT_MAX = 1900
HEADER_MAX = 150
BUTTON_VALUE_MAX = 2000

STATUS_EMOJI = {"good": ":large_green_circle:", "warn": ":large_yellow_circle:", "bad": ":red_circle:",
                "info": ":information_source:"}
SEVERITY_EMOJI = {"critical": ":red_circle:", "high": ":large_orange_circle:", "medium": ":large_yellow_circle:",
                  "low": ":white_circle:", "info": ":information_source:"}

# action ids (listeners/actions.py and listeners/alerts.py handle them)
DETAILS = "va_details"
REASSESS = "va_reassess"
DM_DETAILS = "va_dm_details"
CONFIRM_VENDOR = "va_confirm_vendor"
ALERT_ACK = "va_alert_ack"
ALERT_SNOOZE = "va_alert_snooze"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escape(text: str) -> str:
    """Slack's mrkdwn treats &, < and > as markup; text read from a PDF must not become a link or a mention."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_keeping_users(text: str) -> str:
    """Like ``escape``, but the mentions the bot wrote itself (``brain.mentions.mention``: "uploaded by @alice")
    become Slack mentions; a ``<@U123>`` that came from a file name or a document stays escaped text."""
    return render_mentions(escape(text), lambda user: f"<@{user}>")


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": _cut(text, HEADER_MAX) or " ", "emoji": True}}


def section(text: str, **extra: Any) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_MAX) or " "}, **extra}


def context(*texts: str) -> Block:
    return {"type": "context",
            "elements": [{"type": "mrkdwn", "text": _cut(t, CONTEXT_MAX) or " "} for t in texts[:10]]}


def button(text: str, action_id: str, value: dict[str, Any] | str, style: str | None = None) -> Block:
    raw = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    out: Block = {"type": "button", "text": {"type": "plain_text", "text": _cut(text, 75), "emoji": True},
                  "action_id": action_id, "value": raw[:BUTTON_VALUE_MAX]}
    if style:
        out["style"] = style
    return out


def _cite_text(item: Item) -> str | None:
    parts = []
    for cite in item.cites[:3]:
        where = f"_{escape(cite.document)}_" + (f", p. {cite.page}" if cite.page else "")
        quote = f" — “{escape(_cut(cite.quote, 300))}”" if cite.quote else ""
        parts.append(f":page_facing_up: {where}{quote}")
    if len(item.cites) > 3:
        parts.append(f"… and {len(item.cites) - 3} more places")
    if not parts and item.absence:
        parts.append(f":mag: looked for, not found: {escape(item.absence)}")
    return "\n".join(parts) if parts else None


def _item_blocks(item: Item) -> list[Block]:
    mark = SEVERITY_EMOJI.get(item.severity or "", "•")
    label = f"*{item.severity}* " if item.severity else ""
    out = [section(f"{mark} {label}{escape(item.text)}")]
    cite = _cite_text(item)
    if cite:
        out.append(context(cite))
    return out


def text_fallback(answer: Answer) -> str:
    """The notification text (and what screen readers get) for a Block Kit message.

    A message's ``text`` is mrkdwn too, and it is what notifications show: a vendor named ``<!channel> ...`` must
    not ping a channel or become a link there either, so it is escaped like every block."""
    return _cut(f"{escape(answer.title)}: {escape(answer.summary)}", 3000)


def answer_blocks(answer: Answer, *, full: bool = True, budget: int = MAX_BLOCKS) -> list[Block]:
    """An answer as blocks. ``full=False`` is the confidential form: verdict at a glance and an offer to DM."""
    emoji = STATUS_EMOJI.get(answer.status, "")
    blocks: list[Block] = [header(f"{answer.title}"), section(f"{emoji} *{escape(answer.summary)}*")]
    profile_line = (f"Profile: *{escape(answer.profile)}* ({escape(answer.profile_source)})" if answer.profile and
                    answer.profile_source else None)
    if not full and answer.confidential:
        if profile_line:
            blocks.append(context(profile_line))
        count = len(answer.items) + answer.more
        blocks.append(context(f":lock: The details{f' ({count} findings)' if count else ''} quote the vendor's "
                              "confidential report, so I only show them in allowed channels or in a direct message."))
        blocks.append({"type": "actions", "block_id": "va_confidential", "elements": [
            button("Send me the details", DM_DETAILS, _ref(answer), style="primary")]})
        return blocks
    if answer.facts:
        fields = [{"type": "mrkdwn", "text": _cut(f"*{escape(label)}*\n{escape(value)}", FIELD_MAX)}
                  for label, value in answer.facts[:10]]
        blocks.append({"type": "section", "fields": fields})
    if profile_line:
        blocks.append(context(profile_line))
    tail = _tail_blocks(answer)
    room = budget - len(blocks) - len(tail) - 2
    body: list[Block] = []
    if answer.items:
        body.append(section(f"*{escape(answer.items_title or 'Details')}*"))
        body.extend(b for item in answer.items for b in _item_blocks(item))
        if answer.more:
            body.append(context(f"… and {answer.more} more (press *Details*)"))
    for sec in answer.sections:
        body.append(section(f"*{escape(sec.title)}*"))
        for item in sec.items:
            body.extend(_item_blocks(item))
        if sec.more:
            body.append(context(f"… and {sec.more} more"))
    if len(body) > room:
        left = len(body) - room + 1
        body = [*body[: room - 1], context(f"… {left} more lines cut for length (press *Details*)")]
    return [*blocks, *body, *tail]


def _ref(answer: Answer) -> dict[str, Any]:
    ref: dict[str, Any] = {}
    if answer.vendor_id is not None:
        ref["v"] = answer.vendor_id
    if answer.document_id is not None:
        ref["d"] = answer.document_id
    if answer.profile:
        ref["p"] = answer.profile
    ref["k"] = answer.kind
    if answer.question:
        ref["q"] = answer.question[:300]
    return ref


def _tail_blocks(answer: Answer) -> list[Block]:
    tail: list[Block] = []
    notes = [escape_keeping_users(n) for n in answer.notes if n]
    if notes:
        tail.append(context(*notes[:5]))
    if answer.examples:
        tail.append(section("*Try:*\n" + "\n".join(f"• `{escape(e)}`" for e in answer.examples[:8])))
    buttons: list[Block] = []
    if answer.confirm_vendor is not None and answer.document_id is not None:
        vendor_id, name = answer.confirm_vendor
        buttons.append(button(f"It's {name}", CONFIRM_VENDOR, {"d": answer.document_id, "v": vendor_id},
                              style="primary"))
    if answer.vendor_id is not None or answer.document_id is not None:
        buttons.append(button("Details", DETAILS, _ref(answer)))
    if answer.vendor_id is not None and answer.verdict:
        buttons.append(button("Re-assess", REASSESS, _ref(answer)))
    if buttons:
        tail.append({"type": "actions", "block_id": "va_answer_actions", "elements": buttons})
    return tail


def status_blocks(text: str) -> list[Block]:
    """A one-line progress or error message ("reading 87 pages...")."""
    return [section(text)]


# --- alerts -----------------------------------------------------------------------------------------------------

ALERT_EMOJI = {"certificate_expired": ":red_circle:", "bridge_letter_expired": ":red_circle:",
               "iso_2013_edition": ":red_circle:", "parse_failed": ":warning:", "provider_concentration": ":warning:"}


def alert_block_id(alert_id: int) -> str:
    return f"va_alert_{alert_id}"


def digest_blocks(alerts: Sequence[AlertRead], *, part: int = 1, parts: int = 1) -> list[Block]:
    """One digest message: a header, then each alert with Acknowledge / Snooze buttons (2 blocks per alert)."""
    title = f"Vendor assurance: {len(alerts)} new alert{'s' if len(alerts) != 1 else ''}"
    if parts > 1:
        title += f" (part {part} of {parts})"
    blocks: list[Block] = [header(title)]
    for a in alerts:
        emoji = ALERT_EMOJI.get(a.kind, ":large_yellow_circle:")
        who = escape(a.vendor_name or "unknown vendor")
        due = f" — due {a.due_date.isoformat()}" if a.due_date else ""
        link = f" <{a.url}|{escape(a.filename or 'document')}>" if a.url else (escape(a.filename or ""))
        blocks.append(section(f"{emoji} *{who}*{due}\n{escape(a.message)}\n{link}".rstrip()))
        blocks.append({"type": "actions", "block_id": alert_block_id(a.id), "elements": [
            button("Acknowledge", ALERT_ACK, str(a.id), style="primary"),
            button("Snooze 7 days", ALERT_SNOOZE, f"{a.id}:7"),
        ]})
    return blocks


ALERTS_PER_MESSAGE = (MAX_BLOCKS - 1) // 2


def digest_messages(alerts: Sequence[AlertRead]) -> list[list[Block]]:
    """The digest split into as few messages as Slack's block limit allows."""
    chunks = [list(alerts[i : i + ALERTS_PER_MESSAGE]) for i in range(0, len(alerts), ALERTS_PER_MESSAGE)]
    return [digest_blocks(c, part=n, parts=len(chunks)) for n, c in enumerate(chunks, 1)]


def replace_alert_actions(blocks: list[Block], alert_id: int, note: str) -> list[Block]:
    """The digest with one alert's buttons replaced by who did what (the others keep theirs)."""
    wanted = alert_block_id(alert_id)
    return [context(note) if b.get("block_id") == wanted else b for b in blocks]


# --- App Home ---------------------------------------------------------------------------------------------------


def home_view(by_verdict: dict[str, list[str]], expiries: Sequence[tuple[date, str, str]], *, profile: str,
              today: date) -> dict[str, Any]:
    """The App Home tab: vendors grouped by verdict under the default profile, then the next expiries."""
    order = ("does_not_meet", "insufficient_evidence", "meets_with_findings", "meets")
    names = {"meets": ":large_green_circle: Meets",
             "meets_with_findings": ":large_yellow_circle: Meets, with findings",
             "does_not_meet": ":red_circle: Does not meet",
             "insufficient_evidence": ":white_circle: Not enough evidence"}
    blocks: list[Block] = [header("Vendor assurance"),
                           context(f"Verdicts against the *{escape(profile)}* profile, as of {today.isoformat()}.")]
    if not any(by_verdict.values()):
        blocks.append(section("No vendors yet. Share a vendor's SOC 2 report or ISO certificate (PDF) with me in a "
                              "direct message, and I will read it."))
    for verdict in order:
        vendors = by_verdict.get(verdict) or []
        if vendors:
            listed = ", ".join(escape(v) for v in vendors[:40]) + (f" and {len(vendors) - 40} more"
                                                                    if len(vendors) > 40 else "")
            blocks.append(section(f"*{names[verdict]}* ({len(vendors)})\n{listed}"))
    blocks.append({"type": "divider"})
    blocks.append(section("*Next expiries*"))
    if expiries:
        lines = [f"• {day.isoformat()} — *{escape(vendor)}*: {escape(what)}" for day, vendor, what in expiries[:15]]
        blocks.append(section("\n".join(lines)))
    else:
        blocks.append(context("Nothing expires or goes stale in the next 90 days."))
    blocks.append(context("Ask me: `does VENDOR cover us?`, `what's expiring this month?`, `help`"))
    return {"type": "home", "blocks": blocks[:100]}
