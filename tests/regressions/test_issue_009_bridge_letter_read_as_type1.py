"""Issue 9: "A management bridge letter was classified as a Type 1."

A bridge letter speaks for the months after a report's period and is signed by management; it states a period
and a date, as a Type 1 states its as-of date, but it is no examination. The fixtures are management letters that
never use the words "bridge letter" or "gap letter".
"""

from __future__ import annotations

from pathlib import Path

from .helpers import extract, value

VENDOR = "Saltmarsh Logistics Cloud LLC"
REPORT_SENTENCE = (
    "Our most recent SOC 2 Type 2 report on the Freight Ledger system, issued by Harrowgate & Lune LLP, covered the "
    "period April 1, 2025 to March 31, 2026. This letter covers the period from April 1, 2026 through May 31, 2026.\n"
)


def letter(subject: str, confirmation: str) -> list[str]:
    return [
        f"{VENDOR}\nOffice of the Chief Information Security Officer\nJune 5, 2026\nTo our customers\n"
        f"Subject: {subject}\n{REPORT_SENTENCE}{confirmation}\nPriya Okonkwo\nChief Information Security Officer"
    ]


def test_issue_009_management_letter_after_a_report_is_a_bridge_letter(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-management-letter.pdf", letter(
        "Controls since our last SOC 2 Type 2 report",
        "To the best of our knowledge there have been no material changes to the system and no deficiencies in the "
        "design or operating effectiveness of its controls during that period.",
    ))
    assert got["kind"] == "bridge_letter"
    # the letter's own months, not the report's period it refers to
    assert (value(got, "period_start"), value(got, "period_end")) == ("2026-04-01", "2026-05-31")
    assert value(got, "vendor") == VENDOR
    assert value(got, "issuer") == "Harrowgate & Lune LLP"


def test_issue_009_management_letter_in_other_words_is_a_bridge_letter(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-management-letter-other-words.pdf", letter(
        "Our control environment since the end of our latest SOC 2 Type 2 period",
        "During that period we are not aware of any material changes to the system or of any deficiencies in the "
        "design or operating effectiveness of its controls.",
    ))
    assert got["kind"] == "bridge_letter"
    assert (value(got, "period_start"), value(got, "period_end")) == ("2026-04-01", "2026-05-31")
