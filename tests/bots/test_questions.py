"""Each question people ask, through a signed @mention, a DM and /vendor, answered from the service's data."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bots.slack.blocks import DETAILS, DM_DETAILS, REASSESS
from knowledge import controls_for, criteria_for
from service.assessments import service as assessments
from service.database import get_database
from service.vendors import service as vendors

from .conftest import ALLOWED, OPEN, TODAY, Bot, unique


def _vendor(bot: Bot, name: str) -> Any:
    with get_database(bot.settings).session() as s:
        found = vendors.search(db_session=s, q=name, limit=1)
        assert found, f"{name} is not in the examples"
        return found[0].vendor


def _assessment(bot: Bot, vendor_id: int) -> Any:
    with get_database(bot.settings).session() as s:
        return assessments.assess_vendor(db_session=s, settings=bot.settings, vendor_id=vendor_id, today=TODAY)


def test_does_vendor_cover_us_gives_the_verdict_with_cited_findings(bot: Bot) -> None:
    vendor = _vendor(bot, "Quillfeather")
    expected = _assessment(bot, vendor.id)
    reply = bot.ask("does quilfeather cover us?")  # a typo, and the short name
    text = reply.text()
    assert vendor.name in text
    assert expected.verdict != ""
    from bots.brain.reply import VERDICT_TEXT

    assert VERDICT_TEXT[expected.verdict] in text
    assert f"Profile: *{expected.profile}*" in text
    findings = [f for f in expected.result.findings if f.evidence]
    first = findings[0]
    assert first.reason[:60] in text.replace("&amp;", "&")
    cite = first.evidence[0]
    assert cite.document in text and f"p. {cite.page}" in text
    assert set(reply.action_ids()) >= {DETAILS, REASSESS}


def test_alias_and_legal_suffix_find_the_vendor(bot: Bot) -> None:
    vendor = _vendor(bot, "Pebblestack")
    reply = bot.ask("does Pebblestack Archive Corp cover us?")
    assert vendor.name in reply.text()


def _current(bot: Bot, name: str, kind: str) -> list[Any]:
    from service.documents import service as documents

    vendor = _vendor(bot, name)
    with get_database(bot.settings).session() as s:
        return [d for d in documents.current_documents(db_session=s, vendor_id=vendor.id) if d.kind == kind]


def test_is_soc2_current_reads_the_period_and_the_bridge_letter(bot: Bot) -> None:
    text = bot.ask("is Quillfeather's SOC 2 current?").text()
    report = _current(bot, "Quillfeather", "soc2_type2")[0]
    assert report.period_end is not None
    assert report.period_end.isoformat() in text
    assert report.filename in text
    fresh = (TODAY - report.period_end).days <= bot.settings.freshness_days
    assert text.split(": ", 1)[1].startswith("Yes" if fresh else "No")
    later = [d for d in _current(bot, "Quillfeather", "bridge_letter") if d.period_end > report.period_end]
    assert ("Bridge letter" in text) == bool(later)


def test_iso_certificate_expiry_with_days_left(bot: Bot) -> None:
    text = bot.ask("when does Quillfeather's ISO certificate expire?").text()
    days = (bot_expiry(bot, "Quillfeather") - TODAY).days
    assert f"in {days} days" in text
    assert "ISO/IEC 27001:2022" in text


def bot_expiry(bot: Bot, name: str) -> Any:
    from service.documents import service as documents

    vendor = _vendor(bot, name)
    with get_database(bot.settings).session() as s:
        certs = [d for d in documents.current_documents(db_session=s, vendor_id=vendor.id)
                 if d.kind == "iso_certificate" and d.standards and "27001" in d.standards]
    return certs[0].expiry_date


def test_whats_expiring_lists_what_falls_in_the_window(bot: Bot) -> None:
    quiet = bot.ask("what's expiring this month?").text()
    assert "Nothing expires" in quiet or "expire" in quiet
    later = bot.ask("what expires in the next 90 days?").text()
    expiry = bot_expiry(bot, "Quillfeather")
    assert (expiry - TODAY).days <= 90
    assert expiry.isoformat() in later


def test_which_vendors_have_exceptions_in_a_series(bot: Bot) -> None:
    from extractors.model import Extraction
    from knowledge.rules.exceptions import exception_criteria
    from service.documents import service as documents

    with get_database(bot.settings).session() as s:
        docs = documents.list_documents(db_session=s, status="parsed")
        rows = [r for d in docs if d.kind == "soc2_type2" and d.extraction
                for r in Extraction.from_dict(d.extraction).fields.exceptions]
    assert rows, "the example SOC 2 report has an exception"
    series = exception_criteria(rows[0])[0].split(".")[0]  # e.g. CC3
    hit = bot.ask(f"which vendors have exceptions in {series}?").text()
    assert "Quillfeather" in hit and rows[0].value[:40] in hit
    none_series = next(s for s in ("CC1", "CC2", "CC5", "CC9") if s != series)
    miss = bot.ask(f"which vendors have exceptions in {none_series}?").text()
    assert f"No testing exception in {none_series}" in miss
    own = bot.ask("does Quillfeather have any exceptions?").text()
    assert "Quillfeather" in own and rows[0].value[:40] in own


def test_crosswalk_annex_a_to_soc2(bot: Bot) -> None:
    text = bot.ask("what does A.8.28 map to in SOC 2?").text()
    for link in criteria_for("A.8.28"):
        assert link.tsc_id in text
    assert "Secure coding" in text


def test_crosswalk_criterion_to_iso(bot: Bot) -> None:
    text = bot.ask("what does CC6.1 map to in ISO 27001?").text()
    for link in controls_for("CC6.1"):
        assert link.iso_id in text


def test_does_iso_replace_soc2(bot: Bot) -> None:
    text = bot.ask("does ISO 27001 replace SOC 2?").text()
    assert text.count("No.") >= 1
    assert "CUECs" in text or "user entity" in text


def test_help_lists_examples(bot: Bot) -> None:
    text = bot.ask("help").text()
    assert "what's expiring this month?" in text
    assert "what does A.8.28 map to in SOC 2?" in text


@pytest.mark.parametrize("question", ["does Zorblax Widgets cover us?", "what is the airspeed of a swallow"])
def test_unknown_vendor_or_question_gets_a_helpful_answer(bot: Bot, question: str) -> None:
    text = bot.ask(question).text()
    assert "Try:" in text
    if "Zorblax" in question:
        assert "don't know a vendor called “Zorblax Widgets”" in text


def test_direct_message_is_answered_in_full(bot: Bot) -> None:
    channel = unique("D")
    ts = bot.fake.next_ts()
    response = bot.event({"type": "message", "channel_type": "im", "user": "U7", "text": "does Quillfeather cover us?",
                          "ts": ts, "channel": channel})
    assert response.status_code == 200
    reply = bot.fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == channel)[0]
    assert "p. " in reply.text()  # the citations are there: a DM is private


def test_profile_is_per_channel_with_a_default(bot: Bot) -> None:
    channel = unique("CPROF")
    assert "Profile: *default*" in bot.ask("does Quillfeather cover us?", channel=channel).text()
    bot.ask("use profile critical-data-processor here", channel=channel)
    assert "Profile: *critical-data-processor*" in bot.ask("does Quillfeather cover us?", channel=channel).text()
    # another channel still uses the default
    assert "Profile: *default*" in bot.ask("does Quillfeather cover us?", channel=unique("CPROF")).text()


def test_confidential_channel_gets_the_verdict_only_and_a_dm_offer(bot: Bot) -> None:
    reply = bot.ask("does Quillfeather cover us?", channel=OPEN)
    text = reply.text()
    assert "confidential" in text
    assert "p. " not in text  # no page, no quote
    assert DM_DETAILS in reply.action_ids()
    button = next(e for b in reply.body["blocks"] for e in b.get("elements") or [] if e.get("action_id") == DM_DETAILS)
    response = bot.interact(_click(OPEN, reply, button, user="U42"))
    assert response.status_code == 200
    bot.fake.wait_for("conversations.open", lambda c: c.body.get("users") == "U42")
    dm = bot.fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "D42")[0]
    assert "p. " in dm.text()


def _click(channel: str, message_call: Any, button: dict[str, Any], user: str = "U1") -> dict[str, Any]:
    ts = message_call.ts
    return {
        "type": "block_actions", "team": {"id": "T0TEST"}, "user": {"id": user, "username": "pat"},
        "api_app_id": "A0TEST", "token": "legacy", "trigger_id": unique("trig"),
        "container": {"type": "message", "message_ts": ts, "channel_id": channel},
        "channel": {"id": channel, "name": "x"},
        "message": {"type": "message", "ts": ts, "thread_ts": message_call.body.get("thread_ts"),
                    "text": message_call.body.get("text"), "blocks": message_call.body.get("blocks")},
        "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "b", "value": button["value"],
                     "action_ts": "1"}],
    }


def test_details_and_reassess_buttons(bot: Bot) -> None:
    reply = bot.ask("does Quillfeather cover us?")
    buttons = {e["action_id"]: e for b in reply.body["blocks"] for e in b.get("elements") or []
               if e.get("action_id")}
    thread = reply.body["thread_ts"]
    before = len(bot.fake.calls_to("chat.postMessage", lambda c: c.body.get("thread_ts") == thread))
    assert bot.interact(_click(ALLOWED, reply, buttons[DETAILS])).status_code == 200
    posted = bot.fake.wait_for("chat.postMessage", lambda c: c.body.get("thread_ts") == thread, count=before + 1)
    assert "Findings" in posted[-1].text()
    value = json.loads(buttons[REASSESS]["value"])
    assert value["v"] == _vendor(bot, "Quillfeather").id
    payload = _click(ALLOWED, reply, buttons[REASSESS])
    payload["message"]["ts"] = payload["container"]["message_ts"] = "1700009999.000100"
    assert bot.interact(payload).status_code == 200
    updated = bot.fake.wait_for("chat.update", lambda c: c.body.get("ts") == "1700009999.000100")[0]
    assert "Re-assessed by <@U1>" in updated.text()


def test_slash_command_answers_privately_through_response_url(bot: Bot) -> None:
    response, path = bot.command("is Quillfeather's SOC 2 current?")
    assert response.status_code == 200
    answer = bot.fake.wait_for("response_url", lambda c: c.path == path)[0]
    assert answer.body["response_type"] == "ephemeral"
    assert "2026-06-30" in answer.text()


def test_app_home_shows_vendors_by_verdict_and_next_expiries(bot: Bot) -> None:
    user = unique("UHOME")
    response = bot.event({"type": "app_home_opened", "user": user, "channel": "DHOME", "tab": "home",
                          "event_ts": bot.fake.next_ts()})
    assert response.status_code == 200
    published = bot.fake.wait_for("views.publish", lambda c: c.body.get("user_id") == user)[0]
    text = published.text()
    for name in ("Quillfeather", "Pebblestack"):
        vendor = _vendor(bot, name)
        verdict = _assessment(bot, vendor.id).verdict
        assert vendor.name in text
        assert {"meets": "Meets", "meets_with_findings": "Meets, with findings", "does_not_meet": "Does not meet",
                "insufficient_evidence": "Not enough evidence"}[verdict] in text
    assert bot_expiry(bot, "Quillfeather").isoformat() in text
