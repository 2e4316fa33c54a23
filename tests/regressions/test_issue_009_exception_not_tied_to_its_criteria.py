"""Issue 9: "real exceptions in a test table were not tied to the criteria of their section and their text ran on
into the next rows."

An exception is read for the criterion it touches (a buyer asks "which vendors have exceptions in CC7?"): the
criterion is the heading of the section its row sits in, and its text ends where the next row begins, whatever
the auditor's control ids look like (here "C031", which the reader once did not take for an id).
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract

HEADER = "Control Number Control Activity Tests Performed Test Results\n"
# Each line fits the page's width: a line the PDF wraps is another bug.
TESTS = (
    "CC7.3: The entity evaluates security events.\n"
    "C031 Security incidents are logged. Inspected the queue. No exceptions noted.\n"
    "C032 Incidents are reviewed within two days. Inspected a sample of 20 incidents.\n"
    "Exception noted. For 3 of 20 incidents sampled, the review took place after five days.\n"
    "C033 Post-incident reports are written. Inspected the reports. No exceptions noted.\n"
    "CC8.1: The entity authorizes, designs, develops, tests and approves changes.\n"
    "C041 Changes are approved before deployment. Inspected a sample of 25 changes.\n"
    "Exception noted. For 1 of 25 changes sampled, approval was recorded after deployment.\n"
    "C042 Emergency changes are reviewed afterwards. Inspected them. No exceptions noted."
)


def test_issue_009_each_exception_carries_its_sections_criterion_and_stops_at_the_next_row(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-exceptions-by-section.pdf", Soc2Report(tests=HEADER + TESTS).pages())
    rows = {row["control"]: row for row in got["fields"]["exceptions"]}
    assert sorted(rows) == ["C032", "C041"]
    assert rows["C032"]["criteria"] == ["CC7.3"]
    assert rows["C041"]["criteria"] == ["CC8.1"]
    assert rows["C032"]["value"].endswith("the review took place after five days.")
    assert "C033" not in rows["C032"]["value"] and "CC8.1" not in rows["C032"]["value"]
    assert rows["C041"]["value"].endswith("approval was recorded after deployment.")


def test_issue_009_a_heading_without_a_colon_still_ties_its_exceptions(tmp_path: Path) -> None:
    tests = TESTS.replace("CC7.3:", "CC7.3").replace("CC8.1:", "CC8.1")
    got = extract(tmp_path, "issue-009-exceptions-heading-no-colon.pdf", Soc2Report(tests=HEADER + tests).pages())
    assert {row["control"]: row["criteria"] for row in got["fields"]["exceptions"]} == {
        "C032": ["CC7.3"], "C041": ["CC8.1"],
    }
