"""The bot understands questions in people's own words: intent model, slots, threads, full lists, vendor identity.

Real parts: the trained classifier shipped in bots/brain/model, the bundled example PDFs read into a real SQLite
database, the Slack app behind signed HTTP on loopback.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bots.brain.intents import Thread, recognize
from bots.brain.slots import window
from bots.brain.vendors import VendorDirectory
from service.database import get_database
from service.documents import service as documents
from service.vendors import service as vendors
from service.vendors.names import name_forms, relation, same_org

from .conftest import ALLOWED, Bot
from .questions.score import load, score

DIRECTORY = VendorDirectory([
    (1, "Quillfeather Analytics, Inc.", []), (2, "Amazon Web Services, Inc.", []), (3, "Microsoft Corporation", []),
    (4, "Google LLC", []), (5, "Ledgerline, Inc.", []), (6, "Cover Genius", []),
], providers=["Cumulus Hosting Services, Inc.", "Amazon Web Services (AWS)"])
TODAY = date(2026, 11, 18)


def test_question_set_scores_at_least_95_percent() -> None:
    results = score()
    assert len(results) >= 300
    right = sum(r.right for r in results)
    misses = [f"{r.case.question!r}: {r.problems}" for r in results if not r.right]
    assert right / len(results) >= 0.95, misses
    assert len({c.intent for c in load()}) >= 25


@pytest.mark.parametrize("question", [
    "isn't ISO 27001 enough?", "is this among the stuff you track?", "what's expiring this wk",
    "something odd with the alerts", "anything due next qtr?", "what happens among our suppliers",
])
def test_words_are_never_taken_for_vendor_names(question: str) -> None:
    intent = recognize(question, DIRECTORY, today=TODAY)
    assert intent.vendors == []
    assert intent.unknown_vendor is None


@pytest.mark.parametrize(("text", "start", "end"), [
    ("this wk", date(2026, 11, 18), date(2026, 11, 22)),
    ("next week", date(2026, 11, 23), date(2026, 11, 29)),
    ("next qtr", date(2027, 1, 1), date(2027, 3, 31)),
    ("in Q1", date(2027, 1, 1), date(2027, 3, 31)),
    ("in Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("in 2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("before March", date(2026, 11, 18), date(2027, 2, 28)),
    ("in the next 60 days", date(2026, 11, 18), date(2027, 1, 17)),
    ("within 2 weeks", date(2026, 11, 18), date(2026, 12, 2)),
    ("FY2026", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_windows_mean_what_people_mean(text: str, start: date, end: date) -> None:
    got = window(f"what expires {text}?", TODAY)
    assert got is not None and (got.start, got.end) == (start, end)


def test_short_forms_and_providers() -> None:
    assert recognize("does AWS cover us?", DIRECTORY, today=TODAY).vendor_ids == [2]
    assert recognize("does msft have a soc 2?", DIRECTORY, today=TODAY).vendor_ids == [3]
    assert recognize("is GCP ok?", DIRECTORY, today=TODAY).vendor_ids == [4]
    who = recognize("who depends on Cumulus?", DIRECTORY, today=TODAY)
    assert who.kind == "fourth_parties" and who.provider == "Cumulus Hosting Services, Inc."
    assert same_org("AWS", "Amazon Web Services, Inc.") and same_org("Amazon Web Services (AWS)", "AWS")
    assert not same_org("Amazon Web Services", "Microsoft Azure")


def test_comparison_keeps_every_vendor() -> None:
    intent = recognize("compare Quillfeather, Ledgerline and AWS", DIRECTORY, today=TODAY)
    assert intent.kind == "compare" and intent.vendor_ids == [1, 5, 2]


def test_follow_up_keeps_the_threads_vendor_and_profile() -> None:
    thread = Thread(vendor_ids=(1,), vendor_names=("Quillfeather Analytics, Inc.",), kind="cover",
                    profile="critical-data-processor")
    follow = recognize("and their ISO cert?", DIRECTORY, today=TODAY, thread=thread)
    assert follow.kind == "iso_expiry" and follow.vendor_ids == [1] and follow.profile == "critical-data-processor"
    criterion = recognize("what about CC7?", DIRECTORY, today=TODAY,
                          thread=Thread((1,), ("Quillfeather Analytics, Inc.",), "exceptions"))
    assert criterion.kind == "exceptions" and criterion.criterion == "CC7" and criterion.vendor_ids == [1]
    fresh = recognize("which vendors have a qualified opinion?", DIRECTORY, today=TODAY, thread=thread)
    assert fresh.vendors == []  # a question about all vendors does not borrow the thread's vendor


def test_a_possessive_names_an_unknown_vendor_even_in_lower_case() -> None:
    """"is letsencrypt's report ok" in a thread about two other vendors was answered about those two."""
    thread = Thread(vendor_ids=(1, 5), vendor_names=("Quillfeather Analytics, Inc.", "Ledgerline, Inc."),
                    kind="compare")
    asked = recognize("is letsencrypt's webtrust useful for us", DIRECTORY, today=TODAY, thread=thread)
    assert asked.vendors == [] and asked.unknown_vendor is not None and asked.unknown_vendor.query == "letsencrypt"
    own = recognize("and ledgerline's auditor?", DIRECTORY, today=TODAY, thread=thread)
    assert own.vendor_ids == [5] and own.unknown_vendor is None
    for question in ("what are this quarter's expiries", "what's the vendor's status", "today's alerts?"):
        assert recognize(question, DIRECTORY, today=TODAY).unknown_vendor is None, question


def test_unanswerable_question_is_refused_with_close_questions(bot: Bot) -> None:
    text = bot.ask("what's Quillfeather's annual revenue?").text()
    assert "I can't answer" in text
    assert text.count("Quillfeather") >= 2  # the close questions it can answer name the vendor


def _thread_reply(bot: Bot, text: str, thread_ts: str, channel: str = ALLOWED) -> Any:
    ts = bot.fake.next_ts()
    before = len(bot.fake.calls_to("chat.postMessage", lambda c: c.body.get("thread_ts") == thread_ts))
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": ts, "channel": channel,
             "event_ts": ts, "thread_ts": thread_ts}
    assert bot.event(event).status_code == 200
    return bot.fake.wait_for("chat.postMessage", lambda c: c.body.get("thread_ts") == thread_ts,
                             count=before + 1)[before]


def test_slack_thread_follow_up_keeps_the_vendor(bot: Bot) -> None:
    first_ts = bot.fake.next_ts()
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> does Quillfeather cover us?", "ts": first_ts,
             "channel": ALLOWED, "event_ts": first_ts}
    assert bot.event(event).status_code == 200
    bot.reply_in_thread(ALLOWED, first_ts)
    reply = _thread_reply(bot, "and their ISO cert?", first_ts)
    text = reply.text()
    assert "Quillfeather" in text and "ISO/IEC 27001:2022" in text


def test_cuecs_are_posted_in_full(bot: Bot) -> None:
    with get_database(bot.settings).session() as s:
        vendor = vendors.search(db_session=s, q="Quillfeather", limit=1)[0].vendor
        report = next(d for d in documents.current_documents(db_session=s, vendor_id=vendor.id)
                      if d.kind == "soc2_type2")
        cuecs = [c["value"] for c in report.extraction["fields"]["cuecs"]]
    assert cuecs
    response, ts = bot.mention("what are Quillfeather's CUECs?")
    assert response.status_code == 200
    posted = bot.fake.wait_for("chat.postMessage", lambda c: c.body.get("thread_ts") == ts, count=2)
    listing = posted[1].body.get("text") or ""
    assert f"All {len(cuecs)}" in listing
    for cuec in cuecs:
        assert cuec[:60] in listing


def test_name_forms_and_relations() -> None:
    assert "aws" in name_forms("Amazon Web Services, Inc.")[1]
    assert "QuickPay" in name_forms("Acme Holdings, Inc. d/b/a QuickPay")[0]
    assert "Foo Bar Ltd" in name_forms("Foo Bar (FB) Ltd")[0]
    assert relation("acme cloud", "acme payments") == "other"
    assert relation("acme cloud", "acme cloud services") == "part"
    assert relation("umbrela health", "umbrella health") == "typo"


def test_confidential_one_fact_answer_goes_to_a_dm_as_asked(bot: Bot) -> None:
    from bots.slack.blocks import DM_DETAILS

    from .conftest import OPEN
    from .test_questions import _click

    reply = bot.ask("who audited Quillfeather?", channel=OPEN)
    assert "confidential" in reply.text()
    button = next(e for b in reply.body["blocks"] for e in b.get("elements") or [] if e.get("action_id") == DM_DETAILS)
    assert bot.interact(_click(OPEN, reply, button, user="U77")).status_code == 200
    bot.fake.wait_for("conversations.open", lambda c: c.body.get("users") == "U77")
    dm = bot.fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "D77")[0]
    assert "service auditor" in dm.text() and "p. " in dm.text()  # the auditor, with page and quote
