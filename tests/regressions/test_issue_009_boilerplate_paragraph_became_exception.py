"""Issue 9: "A boilerplate paragraph of the auditor's report became an exception."

Every auditor's report carries a paragraph about deviations and tests of controls in general (the inherent
limitations, the description of tests). It is the auditor's standard text, not a finding: a report with no
deviation must list no exception, whatever that paragraph says.
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract

BOILERPLATE = (
    "Inherent Limitations\nBecause of their nature, controls may not prevent, or detect and correct, all errors or "
    "omissions. Exceptions identified in the tests of controls are not necessarily indicative of deficiencies in the "
    "system as a whole, and deviations noted in one period may not recur in the next.\n"
)


def test_issue_009_the_auditors_standard_paragraph_is_not_an_exception(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-boilerplate.pdf", Soc2Report(opinion_extra=BOILERPLATE).pages())
    assert got["kind"] == "soc2_type2"
    assert got["fields"]["exceptions"] == []
