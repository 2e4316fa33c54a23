"""Issue 12: "One-fact questions answered with a whole assessment, without the fact: the auditor, the certification
body, which document to ask for."

A question about one fact gets that fact, with the page it was read on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .portfolio import ask


@pytest.mark.parametrize(("question", "fact", "document"), [
    ("who audited Orchardline?", "Thistlewood Garner LLP", "orchardline-soc2-type2.pdf, page 2"),
    ("who certified AWS?", "Northgate Certification Services Ltd", "aws-iso27001.pdf, page 1"),
])
def test_issue_012_the_fact_asked_for_is_the_answer(portfolio: Path, question: str, fact: str, document: str) -> None:
    answer = ask(portfolio, question)
    assert fact in answer
    assert document in answer
    assert "Findings:" not in answer  # not the whole assessment
