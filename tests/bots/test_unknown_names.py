"""A word is never taken for a vendor, and a name the directory does not know is said to be unknown.

Real parts: the trained classifier in bots/brain/model, the service's name index, the Slack app over signed HTTP.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from bots.brain.classifier import prepare
from bots.brain.intents import Thread, recognize
from bots.brain.vendors import VendorDirectory, is_typo

from .conftest import ALLOWED, Bot
from .test_understanding import _thread_reply

DIRECTORY = VendorDirectory([
    (1, "Quillfeather Analytics, Inc.", []), (2, "Ledgerline, Inc.", []), (3, "Corvane Systems, Inc.", []),
    (4, "Amazon Web Services, Inc.", []),
], providers=["Cumulus Hosting Services, Inc."])
TODAY = date(2026, 11, 18)
QUILLFEATHER = Thread(vendor_ids=(1,), vendor_names=("Quillfeather Analytics, Inc.",), kind="cover")


@pytest.mark.parametrize(("question", "kind", "name"), [
    ("does lumora cover us", "cover", "lumora"),
    ("can we onboard zentrix?", "cover", "zentrix"),
    ("does vantrell have a soc 2", "soc2_current", "vantrell"),
    ("Can We Use Orbix?", "cover", "Orbix"),  # Title Case: the name, not "Use"
    ("Orbix SOC2 current?", "soc2_current", "Orbix"),  # the framework is no part of the name
    ("Urgent: is lumora ok?", "cover", "lumora"),  # small talk first
])
def test_a_lower_case_or_title_case_name_we_do_not_know_is_unknown(question: str, kind: str, name: str) -> None:
    for thread in (None, QUILLFEATHER):  # and a thread's vendor never stands in for it
        intent = recognize(question, DIRECTORY, today=TODAY, thread=thread)
        assert intent.kind == kind, (question, thread)
        assert intent.vendors == [], (question, thread)
        assert intent.unknown_vendor is not None and intent.unknown_vendor.query == name


@pytest.mark.parametrize(("question", "name"), [
    ("does vantrell have a bridge letter", "vantrell"),  # sure of its intent either way: the frame tells
    ("and the lumora report?", "lumora"), ("and for lumora?", "lumora"), ("does box.com cover us", "box.com"),
    ("is 2fauth ok to use", "2fauth"),
])
def test_in_a_thread_a_name_we_do_not_know_is_never_the_threads_vendor(question: str, name: str) -> None:
    intent = recognize(question, DIRECTORY, today=TODAY, thread=QUILLFEATHER)
    assert intent.vendors == [], question
    assert intent.unknown_vendor is not None and intent.unknown_vendor.query == name


def test_a_provider_asked_about_as_a_vendor_is_an_unknown_vendor() -> None:
    asked = recognize("is Stripe ok to use?", DIRECTORY, today=TODAY, thread=QUILLFEATHER)
    assert asked.kind == "cover" and asked.vendors == []
    assert asked.unknown_vendor is not None and asked.unknown_vendor.query == "Stripe"
    depends = recognize("who depends on Stripe?", DIRECTORY, today=TODAY, thread=QUILLFEATHER)
    assert depends.kind == "fourth_parties" and depends.provider == "Stripe" and depends.unknown_vendor is None
    assert depends.vendors == []


@pytest.mark.parametrize("question", [
    "Cheers", "lol", "Urgent: what's expiring?", "Sorry to bother, who fails?",
    "is Monday covered?", "will anything expire in December?", "is gdpr covered?", "does the pentest cover us",
    "is logging in scope?", "what about backups?", "what's the bottom line on encryption",
    "Which Vendors Fail Our Requirements?", "Does Every vendor pass?", "does our vendor cover us?",
])
def test_words_of_the_question_are_never_names(question: str) -> None:
    intent = recognize(question, DIRECTORY, today=TODAY)
    assert intent.vendors == [] and intent.unknown_vendor is None, intent.masked
    assert intent.providers == []  # "line" is not Linode, "bottom" is no provider


def test_a_typo_is_one_or_two_edits_not_a_shared_prefix() -> None:
    assert is_typo("quilfeather", "quillfeather") and is_typo("corvain", "corvane")
    assert not is_typo("line", "linode") and not is_typo("sales", "salesforce")


def test_threads_keep_their_vendor_only_where_the_question_points_at_it() -> None:
    soc = Thread(vendor_ids=(3,), vendor_names=("Corvane Systems, Inc.",), kind="soc2_current")
    assert recognize("who did their audit?", DIRECTORY, today=TODAY, thread=soc).vendor_ids == [3]
    assert recognize("any exceptions?", DIRECTORY, today=TODAY, thread=soc).vendor_ids == [3]
    fails = recognize("and who fails?", DIRECTORY, today=TODAY, thread=soc)
    assert fails.kind == "verdicts" and fails.vendors == []
    other = recognize("what about Ledgerline?", DIRECTORY, today=TODAY, thread=soc)
    assert other.kind == "soc2_current" and other.vendor_ids == [2]  # the thread's question, another vendor
    unknown = recognize("what about lumora?", DIRECTORY, today=TODAY, thread=soc)
    assert unknown.kind == "soc2_current" and unknown.vendors == [] and unknown.unknown_vendor is not None


def test_shorthand_is_spelled_out_for_the_classifier() -> None:
    assert prepare("VENDOR iso27k exp?", correct=False) == "zzvendor iso 27001 expiry ?"
    assert prepare("bridge ltr b4 eoy", correct=False) == "bridge letter before end of year"


def test_an_unknown_name_in_a_thread_is_answered_as_unknown(bot: Bot) -> None:
    """"does letsencrypt cover us" in a thread about Quillfeather was answered about Quillfeather."""
    response, first_ts = bot.mention("does Quillfeather cover us?")
    assert response.status_code == 200
    bot.reply_in_thread(ALLOWED, first_ts)
    text = _thread_reply(bot, "does letsencrypt cover us", first_ts).text()
    assert "I don't know a vendor called" in text and "letsencrypt" in text
    assert "Quillfeather" not in text.split("I don't know")[0]
    follow = _thread_reply(bot, "and their ISO cert?", first_ts).text()  # the thread still knows its vendor
    assert "Quillfeather" in follow


def _stem_sharing_names(n: int, seed: int) -> list[str]:
    """Vendor names built from a few syllables, so that many share a stem ("Belnix Security", "Belnixar Data",
    "Horbelnix Labs") and several share a first word ("Belar Payments", "Belar Analytics")."""
    rng = random.Random(seed)
    syllables = ["bel", "nix", "ros", "dan", "vex", "or", "quil", "fen", "zen", "hor", "jun", "is", "gal", "cor"]
    kinds = ["Cloud", "Data", "Systems", "Labs", "Health", "Payments", "Analytics", "Security"]
    names: dict[str, str] = {}
    while len(names) < n:
        stem = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{stem} {rng.choice(kinds)} {rng.choice(['Inc.', 'Ltd', 'GmbH', ''])}".strip()
        names.setdefault(name.rsplit(" ", 1)[0] if name.endswith(("Inc.", "Ltd", "GmbH")) else name, name)
    return list(names.values())


def test_a_first_word_names_the_vendor_it_is_exactly_the_first_word_of() -> None:
    """"Belnix" is Belnix Security, not Belnixar Data nor Horbelnix Labs; "Belar" with two Belar vendors is
    ambiguous. The fuzzy look-up used to read only the three best-scoring names, which all scored alike."""
    names = _stem_sharing_names(1500, seed=7)
    directory = VendorDirectory([(i, name, []) for i, name in enumerate(names, start=1)])
    firsts: dict[str, list[int]] = {}
    for i, name in enumerate(names, start=1):
        firsts.setdefault(name.split()[0], []).append(i)
    rng = random.Random(11)
    asked = rng.sample(sorted(firsts), 150)
    for word in asked:
        mention = recognize(f"does {word} cover us?", directory, today=TODAY).vendor
        assert mention is not None, word
        if len(firsts[word]) == 1:
            assert mention.vendor_id == firsts[word][0], (word, mention)
        else:
            assert mention.vendor_id is None and {v for v, _n in mention.suggestions} <= set(firsts[word]), word
    assert sum(len(firsts[w]) > 1 for w in asked) >= 10 and sum(len(firsts[w]) == 1 for w in asked) >= 50


@pytest.mark.parametrize(("question", "name"), [
    ("compare quillfeather and lumora", "lumora"), ("compare Orbix and Corvane", "Orbix"),
])
def test_a_comparison_with_a_name_we_do_not_know_says_so(question: str, name: str) -> None:
    """Dropping the unknown name would answer about the one known vendor alone."""
    intent = recognize(question, DIRECTORY, today=TODAY)
    assert intent.kind == "compare" and len(intent.vendor_ids) == 1
    assert intent.unknown_vendor is not None and intent.unknown_vendor.query == name
