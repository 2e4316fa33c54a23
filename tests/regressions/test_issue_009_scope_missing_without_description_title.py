"""Issue 9: "Scope (the system's name) missing in 25 of 46 reports whose title does not read "Description of Its X
System"."

AT-C 205's scope paragraph names the system whatever the cover says ("We have examined the description ... of the
X (the "system")"): a report titled only "SOC 2 Type 2 Report", whose description is not headed "Description of
the X System", still states its scope there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .documents import Soc2Report
from .helpers import extract, value

SYSTEM = "Tidal Scheduling Service"
STANDARD_SENTENCE = (
    f"We have examined Brambleford's accompanying description of its {SYSTEM} system found in Section III"
)


def report_with_scope_sentence(sentence: str) -> list[str]:
    pages = Soc2Report(system=SYSTEM).pages()
    pages[1] = pages[1].replace(STANDARD_SENTENCE, sentence)
    assert sentence in pages[1]
    pages[3] = "Section III: Management's Account of Operations\nThe company stores medical records for clinics."
    return pages


@pytest.mark.parametrize("sentence", [
    f"We have examined the attached description, prepared by Brambleford management, of the {SYSTEM} "
    "(the \u201csystem\u201d) in Section III",
    f"We have examined Brambleford Data Systems, Inc.'s description of the {SYSTEM} (the \u201csystem\u201d) in "
    "Section III",
], ids=["prepared-by-management", "possessive"])
def test_issue_009_scope_is_read_from_the_scope_paragraph(tmp_path: Path, sentence: str) -> None:
    got = extract(tmp_path, "issue-009-scope-no-title.pdf", report_with_scope_sentence(sentence))
    assert got["kind"] == "soc2_type2"
    assert value(got, "scope") == SYSTEM


def test_issue_009_scope_after_prepared_by_management_of_the_vendor(tmp_path: Path) -> None:
    sentence = (f"We have examined the description prepared by management of Brambleford Data Systems, Inc. of its "
                f"{SYSTEM} (the \u201csystem\u201d) in Section III")
    got = extract(tmp_path, "issue-009-scope-prepared-by-management-of.pdf", report_with_scope_sentence(sentence))
    assert value(got, "scope") == SYSTEM
