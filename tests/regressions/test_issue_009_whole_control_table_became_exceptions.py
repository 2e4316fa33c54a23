"""Issue 9: "a whole control table became 199 exceptions."

When every row of a table seems to report a deviation, the table was misread (its result column is a list of
sampled items, or a header sits on every row); the answer is no exception and a warning, never a list that makes a
clean report look like a failed one.
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract


def test_issue_009_a_table_read_as_all_exceptions_gives_none_and_a_warning(tmp_path: Path) -> None:
    rows = "\n".join(
        f"OP-{i:03d} Operating procedure {i} is documented. Inspected procedure {i}.\nExceptions noted: see sample "
        f"listing {i}." for i in range(1, 61)
    )
    lines = rows.split("\n")
    table_pages = ["\n".join(lines[k : k + 44]) for k in range(0, len(lines), 44)]
    report = Soc2Report(tests="Control Control Activity Test Performed Results\nCC5.3 Policies are deployed.",
                        extra_pages=table_pages)
    got = extract(tmp_path, "issue-009-whole-table.pdf", report.pages())
    assert got["kind"] == "soc2_type2"
    assert got["fields"]["exceptions"] == []
    assert any("exceptions" in w.lower() for w in got["warnings"])
