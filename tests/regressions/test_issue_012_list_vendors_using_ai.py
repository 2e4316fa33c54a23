"""Issue 12 (closing note): "Wrong were "list vendors using AI" (the vendor list: fixed this session, with
"list/show vendors" + a filter for every portfolio intent)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .portfolio import AWS, BRAMBLEFORD, KETTLEWICK, ORCHARDLINE, ask


@pytest.mark.parametrize("question", ["list vendors using AI", "show vendors with Type 1 only"])
def test_issue_012_list_vendors_with_a_filter_is_the_filtered_question(portfolio: Path, question: str) -> None:
    answer = ask(portfolio, question)
    assert not answer.startswith("[i] Vendors\n"), "the plain vendor list"
    assert KETTLEWICK not in answer and AWS not in answer
    assert (ORCHARDLINE if "AI" in question else BRAMBLEFORD) in answer
