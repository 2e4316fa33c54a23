"""Issue 12: "Wrong windows: a quarter became four months, a week became 30 days."

The answer says which days it looked at (the chat runs as of Monday 15 June 2026).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .portfolio import ask


@pytest.mark.parametrize(("question", "days"), [
    ("what expires next quarter?", "2026-07-01 to 2026-09-30"),
    ("what's expiring this week?", "2026-06-15 to 2026-06-21"),
    ("anything due this wk?", "2026-06-15 to 2026-06-21"),
])
def test_issue_012_a_quarter_is_three_months_and_a_week_seven_days(portfolio: Path, question: str, days: str) -> None:
    assert f"({days})" in ask(portfolio, question)
