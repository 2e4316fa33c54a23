"""Issue 9: "Carve-outs: a real report's carved-out cloud hosting provider was missed."

A carve-out leaves the hosting provider's controls outside the report: the buyer must get that provider's own
report, so a missed carve-out hides a gap. The auditor's scope paragraph says it in prose.
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract


def test_issue_009_a_hosting_provider_carved_out_in_the_scope_paragraph_is_read(tmp_path: Path) -> None:
    scope = (
        " Brambleford uses Nimbus Vault Hosting, Inc., a subservice organization, to provide data center and cloud "
        "infrastructure services. The description includes only the controls of Brambleford and excludes the "
        "controls of Nimbus Vault Hosting, Inc."
    )
    got = extract(tmp_path, "issue-009-carve-out.pdf", Soc2Report(scope_extra=scope).pages())
    found = [(s["value"], s["method"]) for s in got["fields"]["subservice_organizations"]]
    assert found == [("Nimbus Vault Hosting, Inc.", "carve-out")]
    assert any("carve" in w.lower() for w in got["warnings"])
