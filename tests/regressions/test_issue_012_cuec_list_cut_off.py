"""Issue 12: "Missing answers: ... a CUEC list cut off."

The complementary user entity controls are the buyer's own to-do list: asked for, they come in full (the console
prints the whole list; Slack sends it to the thread).
"""

from __future__ import annotations

from pathlib import Path

from .portfolio import CUECS, ask


def test_issue_012_every_cuec_is_listed(portfolio: Path) -> None:
    answer = ask(portfolio, "list Orchardline's CUECs")
    assert f"{len(CUECS)} complementary user entity controls" in answer
    flat = " ".join(answer.split())
    for cuec in CUECS:
        assert cuec in flat
    assert "more" not in answer.split("CUECs:", 1)[1]
