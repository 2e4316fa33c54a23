"""Issue 9: ""None" in a results column became an exception."

Test tables print their result in a column whose header names exceptions ("Exceptions Noted"), so a row that found
nothing says "None" or "N/A" there, or repeats the column's name before it when the table is read as text
("Exceptions noted: None"). Those rows are passes; only a row that reports a deviation is an exception.
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract

TESTS = (
    "Ref. Control Description Testing Procedure Exceptions Noted\n"
    "CC6.2 Prior to issuing system credentials, the entity registers and authorizes new users.\n"
    "AC-04 New accounts are approved by the system owner. Inspected approvals for a sample of new accounts. None\n"
    "AC-05 Shared accounts are prohibited. Inspected the account listing.\nExceptions noted: None\n"
    "AC-08 Guest access is disabled. Inspected the tenant settings. N/A\n"
    "AC-06 Passwords expire after ninety days. Inspected the password policy settings.\nNone noted.\n"
    "AC-07 Access changes are logged. Inspected the audit log configuration.\n"
    "Exception noted: logging was disabled on one of five databases sampled."
)


def test_issue_009_none_and_na_in_the_results_column_are_passes(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-none-results.pdf", Soc2Report(tests=TESTS).pages())
    rows = got["fields"]["exceptions"]
    assert [row["control"] for row in rows] == ["AC-07"]
    assert "logging was disabled" in rows[0]["value"]
    assert not any(row["value"].strip(". ").lower() in {"none", "n/a", "none noted"} for row in rows)


def test_issue_009_no_exceptions_noted_wrapped_after_no_is_a_pass(tmp_path: Path) -> None:
    tests = (
        "Ref. Control Description Testing Procedure Exceptions Noted\n"
        "CC6.2: The entity registers and authorizes new users.\n"
        "AC-04 New accounts are approved by the system owner. Inspected a sample. No\nexceptions noted.\n"
        "AC-05 Shared accounts are prohibited. Inspected the account listing. No exceptions noted."
    )
    got = extract(tmp_path, "issue-009-no-exceptions-wrapped.pdf", Soc2Report(tests=tests).pages())
    assert got["fields"]["exceptions"] == []
