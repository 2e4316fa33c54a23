"""Issue 9: "CUECs counted one too many in most generated reports of another family (a lead-in or heading counted)."

The complementary user entity controls are the buyer's own to-do list: a sentence that introduces the list, or a
heading that groups it, is not one more control the buyer must run.
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract, values

CUECS = [
    "Customers restrict administrator rights in the platform to named staff",
    "Customers review the monthly access report and report discrepancies",
    "Customers keep their single sign-on configuration up to date",
]


def test_issue_009_the_lead_in_and_the_heading_are_not_cuecs(tmp_path: Path) -> None:
    description = (
        "The company stores medical records for clinics.\n"
        "Complementary User Entity Controls\n"
        "The system was designed with the assumption that certain controls would be implemented by user entities. "
        "The user entity controls listed below should be in operation:\n"
        "Administration of Access\n" + "\n".join(f"\u2022 {c}." for c in CUECS)
    )
    got = extract(tmp_path, "issue-009-cuec-lead-in.pdf", Soc2Report(description=description).pages())
    assert [c.rstrip(".") for c in values(got, "cuecs")] == CUECS
