"""Issue 12: "Words taken for vendor names: contractions, prepositions and abbreviations ("isn't", "among", "wk",
"something") became "I don't know a vendor called ...", so general questions about the frameworks and short-hand
time windows failed."

Asked in ``vendor-assurance chat`` over a portfolio of six vendors: a word is a vendor only if it matches one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .portfolio import ask


@pytest.mark.parametrize("question", [
    "isn't ISO 27001 enough?",
    "which vendors are among the expired?",
    "anything due this wk?",
    "is something expiring soon?",
    "does ISO 27001 cover anything SOC 2 doesn't?",
])
def test_issue_012_no_word_of_the_question_is_taken_for_a_vendor(portfolio: Path, question: str) -> None:
    answer = ask(portfolio, question)
    assert "I don't know a vendor called" not in answer
    assert "Unknown vendor" not in answer
