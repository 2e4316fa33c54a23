"""Issue 12: "Ignored parts of the question: ... a profile named in the question."

"Under the critical-data-processor profile" changes the requirements the answer holds the vendor to.
"""

from __future__ import annotations

from pathlib import Path

from .portfolio import ask


def test_issue_012_the_profile_named_in_the_question_is_the_one_used(portfolio: Path) -> None:
    default = ask(portfolio, "does Orchardline cover us?")
    named = ask(portfolio, "does Orchardline cover us under the critical-data-processor profile?")
    assert "Profile: default" in default
    assert "Profile: critical-data-processor" in named
