"""Issue 12: "Missing answers: ... the status of a vendor whose only document is not assurance ("no documents")".

A vendor with a document on file that is no assurance (a pen-test letter) is told apart from a vendor with nothing
on file: the answer names the document and says why it does not count.
"""

from __future__ import annotations

from pathlib import Path

from .portfolio import KETTLEWICK, ask


def test_issue_012_a_pen_test_letter_on_file_is_not_no_documents(portfolio: Path) -> None:
    answer = ask(portfolio, "does Kettlewick cover us?")
    assert KETTLEWICK in answer
    assert "No documents for this vendor" not in answer
    assert "kettlewick-pentest.pdf" in "".join(answer.split())  # the console wraps long lines
    assert "Not enough evidence" in answer
