"""Issue 12: "Ignored parts of the question: a second vendor in a comparison"."""

from __future__ import annotations

from pathlib import Path

from .portfolio import BRAMBLEFORD, ORCHARDLINE, ask


def test_issue_012_a_comparison_answers_for_every_vendor_named(portfolio: Path) -> None:
    answer = ask(portfolio, "compare Orchardline and Brambleford")
    assert f"{ORCHARDLINE}:" in answer and f"{BRAMBLEFORD}:" in answer
    assert "SOC 2 Type 2 report" in answer and "SOC 2 Type 1 report" in answer
