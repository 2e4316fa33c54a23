"""Issue 12: "Portfolio questions answered with the vendor list: questions over all vendors (by subservice provider,
by AI use, by opinion, by report type, by bridge letter, by verdict) printed every vendor instead of the ones that
match."

Each answer names the vendors that match and leaves out the ones that do not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .portfolio import AWS, BRAMBLEFORD, KETTLEWICK, ORCHARDLINE, ask

QUILLFEATHER = "Quillfeather Analytics, Inc."


@pytest.mark.parametrize(("question", "named", "not_named"), [
    ("who depends on Nimbus Vault Hosting?", [ORCHARDLINE], [BRAMBLEFORD, AWS, KETTLEWICK, QUILLFEATHER]),
    ("which vendors use AI?", [ORCHARDLINE, QUILLFEATHER], [BRAMBLEFORD, AWS, KETTLEWICK]),
    ("which vendors only have a Type 1?", [BRAMBLEFORD], [ORCHARDLINE, AWS, KETTLEWICK, QUILLFEATHER]),
    ("which vendors have bridge letters?", [QUILLFEATHER], [AWS, KETTLEWICK]),
], ids=["provider", "ai", "type1", "bridge"])
def test_issue_012_a_portfolio_question_names_only_the_vendors_that_match(
    portfolio: Path, question: str, named: list[str], not_named: list[str]
) -> None:
    answer = ask(portfolio, question)
    assert not answer.startswith("[i] Vendors\n"), "the plain vendor list"
    for vendor in named:
        assert vendor in answer
    for vendor in not_named:
        assert vendor not in answer
