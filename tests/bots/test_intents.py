"""Intent and vendor recognition: spaCy rules and fuzzy names, no Slack and no database."""

from __future__ import annotations

from datetime import date

import pytest

from bots.brain.intents import recognize
from bots.brain.vendors import VendorDirectory

TODAY = date(2026, 11, 30)
DIRECTORY = VendorDirectory([
    (1, "ACME Cloud, Inc.", []),
    (2, "Quillfeather Analytics, Inc.", ["QFA"]),
    (3, "Pebblestack Archive Ltd", []),
    (4, "Cover Genius", []),
    (5, "Acme Payments GmbH", []),
])


@pytest.mark.parametrize(("question", "kind", "vendor_id"), [
    ("does Acme Cloud cover us?", "cover", 1),
    ("does Acme Corp Cloud cover us?", "cover", 1),
    ("does ACME Cloud, Inc. cover us?", "cover", 1),
    ("is Quillfeather's SOC 2 current?", "soc2_current", 2),
    ("is quilfeather's soc2 still valid?", "soc2_current", 2),  # typo, lower case
    ("when does Pebblestack's ISO certificate expire?", "iso_expiry", 3),
    ("when does pebblestak's iso cert expire?", "iso_expiry", 3),
    ("is QFA ok to use?", "cover", 2),  # alias
    ("what ISO certificates does Quillfeather have?", "iso_expiry", 2),
    ("show me Quillfeather's SOC 2", "soc2_current", 2),
    ("does Quillfeather's SOC 2 cover us?", "cover", 2),
    ("Pebblestack?", "cover", 3),
    ("<@U123> does Cover Genius cover us?", "cover", 4),  # a vendor named with the intent's own word
    ("what's expiring this month?", "expiring", None),
    ("what expires in the next 60 days?", "expiring", None),
    ("which vendors have exceptions in CC6?", "exceptions", None),
    ("does Quillfeather have exceptions in CC8?", "exceptions", 2),
    ("any exceptions for QFA?", "exceptions", 2),
    ("what does A.8.28 map to in SOC 2?", "crosswalk", None),
    ("what does CC6.1 map to in ISO 27001?", "crosswalk", None),
    ("does ISO 27001 replace SOC 2?", "replace", None),
    ("help", "help", None),
    ("", "help", None),
    ("use profile critical-data-processor here", "set_profile", None),
    ("which profile?", "show_profile", None),
    ("list vendors", "list_vendors", None),
    ("what is the airspeed of a swallow", "unknown", None),
])
def test_intent_and_vendor(question: str, kind: str, vendor_id: int | None) -> None:
    intent = recognize(question, DIRECTORY, today=TODAY)
    assert intent.kind == kind
    got = intent.vendor.vendor_id if intent.vendor else None
    assert got == vendor_id


def test_acme_corp_is_ambiguous_between_two_acmes() -> None:
    intent = recognize("does Acme Corp cover us?", DIRECTORY, today=TODAY)
    assert intent.kind == "cover"
    assert intent.vendor is not None and intent.vendor.vendor_id is None
    assert {name for _id, name in intent.vendor.suggestions} == {"ACME Cloud, Inc.", "Acme Payments GmbH"}


def test_acme_corp_finds_acme_cloud_when_it_is_the_only_acme() -> None:
    directory = VendorDirectory([(1, "ACME Cloud, Inc.", []), (2, "Quillfeather Analytics, Inc.", [])])
    intent = recognize("does Acme Corp cover us?", directory, today=TODAY)
    assert intent.vendor is not None and intent.vendor.vendor_id == 1


def test_an_unknown_vendor_is_kept_as_asked() -> None:
    intent = recognize("does Zorblax Widgets cover us?", DIRECTORY, today=TODAY)
    assert intent.kind == "cover"
    assert intent.vendor is not None and intent.vendor.vendor_id is None
    assert intent.vendor.query == "Zorblax Widgets"


@pytest.mark.parametrize(("question", "end"), [
    ("what's expiring this month?", date(2026, 11, 30)),
    ("what's expiring next month?", date(2026, 12, 31)),
    ("what expires in the next 10 days?", date(2026, 12, 10)),
    ("what is due this quarter?", date(2026, 12, 31)),
    ("what expires this year?", date(2026, 12, 31)),
])
def test_time_windows(question: str, end: date) -> None:
    intent = recognize(question, DIRECTORY, today=TODAY)
    assert intent.kind == "expiring"
    assert intent.window is not None and intent.window.end == end


def test_ids_and_frameworks_are_read() -> None:
    intent = recognize("what does A 8.28 map to in SOC 2?", DIRECTORY, today=TODAY)
    assert intent.iso_control == "A.8.28"
    assert intent.frameworks == ["soc2"]
    swapped = recognize("does SOC 2 replace ISO/IEC 27001?", DIRECTORY, today=TODAY)
    assert swapped.kind == "replace" and swapped.frameworks == ["soc2", "iso27001"]
