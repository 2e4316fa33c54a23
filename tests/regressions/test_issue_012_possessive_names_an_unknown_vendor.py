"""Issue 12 (closing note): ""is letsencrypt's webtrust useful for us" (no vendor matched "letsencrypt" and the
thread's earlier comparison was repeated)".

A possessive names a vendor even in lower case: a name nobody knows is an unknown vendor, said so, and never the
vendors the thread spoke of before.
"""

from __future__ import annotations

from pathlib import Path

from .portfolio import BRAMBLEFORD, ORCHARDLINE, ask_in_turn


def test_issue_012_an_unknown_possessive_is_not_the_threads_vendors(portfolio: Path) -> None:
    first, second = ask_in_turn(portfolio, ["compare Orchardline and Brambleford", "is letsencrypt's report ok"])
    assert ORCHARDLINE in first
    assert "I don't know a vendor called \u201cletsencrypt\u201d" in second
    assert ORCHARDLINE not in second and BRAMBLEFORD not in second
