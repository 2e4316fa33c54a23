"""The general rules wave 2 of the held-out questions prompted, each on questions of its own (not the wave's):
web addresses and Slack links name their company, Slack's formatting is not words, a day before a month and the
half of a year are windows, "this fiscal year" is a fiscal year, a long message is asked at its end, a word's
English ending does not make it a name, and a vendor named twice is one vendor.

Real parts: the trained classifier shipped in bots/brain/model and the scorer's directory of vendors."""

from __future__ import annotations

from datetime import date

import pytest

from bots.brain.intents import Intent, recognize

from .questions.score import PROFILES, TODAY, directory

CORVANE, LEDGERLINE = "Corvane Systems, Inc.", "Ledgerline, Inc."


def _ask(text: str) -> Intent:
    return recognize(text, directory(), today=TODAY, profiles=PROFILES)


@pytest.mark.parametrize("text", ["who audited www.corvane.com", "is corvane.io approved",
                                  "<https://corvane.co.uk|Corvane> audit period?", "who certified corvane.systems"])
def test_a_web_address_or_a_slack_link_names_its_company(text: str) -> None:
    assert [m.name for m in _ask(text).vendors] == [CORVANE]


def test_an_unknown_web_address_is_reported_as_asked_and_no_vendor_is_guessed() -> None:
    got = _ask("can we sign with zorblax.io")
    assert not got.vendors and got.unknown_vendor is not None and got.unknown_vendor.query == "zorblax.io"


@pytest.mark.parametrize("text", ["*who audited Ledgerline*", "who audited `Ledgerline`", "> who audited Ledgerline",
                                  "_who audited Ledgerline?_"])
def test_slack_formatting_is_not_part_of_the_words(text: str) -> None:
    got = _ask(text)
    assert got.kind == "auditor" and [m.name for m in got.vendors] == [LEDGERLINE]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("what runs out by 15 April", TODAY, date(2027, 4, 15)),
    ("anything lapsing before December 1st", TODAY, date(2026, 11, 30)),
    ("what expires on 2 January 2027", date(2027, 1, 2), date(2027, 1, 2)),
    ("renewals due in the first half of next year", date(2027, 1, 1), date(2027, 6, 30)),
    ("what needs renewing before Q2", TODAY, date(2027, 3, 31)),
])
def test_days_of_a_month_halves_of_a_year_and_by_a_quarter_are_windows(text: str, start: date, end: date) -> None:
    got = _ask(text)
    assert got.kind == "expiring" and got.window is not None and (got.window.start, got.window.end) == (start, end)


def test_this_fiscal_year_is_the_calendar_year_asked_in() -> None:
    got = _ask("are there holes in Corvane's coverage for the current fiscal year")
    assert got.kind == "coverage" and got.fiscal_year == TODAY.year


def test_a_past_window_or_tense_looks_back_and_a_future_window_ahead() -> None:
    assert _ask("what lapsed last month").kind == "expired"
    assert _ask("what lapses in the first half of next year").kind == "expiring"


def test_a_long_message_is_asked_at_its_end() -> None:
    got = _ask("we had a long planning session with procurement and the finance people this afternoon about next "
               "year's budget, so which vendors have exceptions in CC7?")
    assert got.kind == "exceptions" and got.criterion == "CC7" and not got.vendors and got.unknown_vendor is None


def test_an_english_ending_does_not_make_a_word_a_name() -> None:
    got = _ask("which suppliers are showing exceptions in CC8")
    assert got.kind == "exceptions" and got.unknown_vendor is None and not got.vendors


def test_a_vendor_named_twice_is_one_vendor() -> None:
    got = _ask("Corvane's account manager keeps chasing me, so did Corvane get a clean opinion?")
    assert [m.name for m in got.vendors] == [CORVANE]


def test_compare_with_a_provider_named_is_still_a_comparison() -> None:
    got = _ask("compare Corvane and Ledgerline on their reliance on Stratus")
    assert got.kind == "compare" and [m.name for m in got.vendors] == [CORVANE, LEDGERLINE]


def test_thanks_at_the_end_is_not_the_question() -> None:
    got = _ask("I need the Corvane auditor for the board pack this week, thanks a lot for the help with this")
    assert got.kind == "auditor" and [m.name for m in got.vendors] == [CORVANE]
