"""Issue 12: "Missing answers: counts"; and the closing note of that issue: "a vendor count that called every
vendor "current" (fixed)".

"How many" is answered with a number, and the number does not claim more than the documents show.
"""

from __future__ import annotations

import re
from pathlib import Path

from .portfolio import ask


def test_issue_012_how_many_vendors_is_a_number(portfolio: Path) -> None:
    answer = ask(portfolio, "how many vendors do we have?")
    assert "6 vendors on record" in answer
    # Pebblestack's certificate is void and Kettlewick has only a pen-test letter: six are not all current
    assert not re.search(r"\b6 (?:with )?current", answer), answer


def test_issue_012_a_vendor_with_only_a_pen_test_letter_has_no_assurance_document(portfolio: Path) -> None:
    assert "5 with assurance documents" in ask(portfolio, "how many vendors do we have?")
