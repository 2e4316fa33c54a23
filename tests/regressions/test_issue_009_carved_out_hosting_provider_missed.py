"""Issue 9: "Carve-outs: a real report's carved-out cloud hosting provider was missed."

A carve-out leaves the hosting provider's controls outside the report: the buyer must get that provider's own
report, so a missed carve-out hides a gap. The auditor's scope paragraph may name the provider in prose, or only
point to the table in the system description that names it.
"""

from __future__ import annotations

from pathlib import Path

from .documents import Soc2Report
from .helpers import extract


def test_issue_009_a_hosting_provider_carved_out_in_the_scope_paragraph_is_read(tmp_path: Path) -> None:
    # A guard (read right before the fix too); the table below is the case that was missed.
    scope = (
        " Brambleford uses Nimbus Vault Hosting, Inc., a subservice organization, to provide data center and cloud "
        "infrastructure services. The description includes only the controls of Brambleford and excludes the "
        "controls of Nimbus Vault Hosting, Inc."
    )
    got = extract(tmp_path, "issue-009-carve-out.pdf", Soc2Report(scope_extra=scope).pages())
    found = [(s["value"], s["method"]) for s in got["fields"]["subservice_organizations"]]
    assert found == [("Nimbus Vault Hosting, Inc.", "carve-out")]
    assert any("carve" in w.lower() for w in got["warnings"])


CARVED_OUT_BY_REFERENCE = (
    " Brambleford uses the subservice organization identified in Section III to host its infrastructure. The "
    "description excludes the controls of that subservice organization (carve-out method)."
)


def description_with_table(header: str) -> str:
    return (
        "The company stores medical records for clinics.\nSubservice Organizations\n" + header + "\n"
        "Nimbus Vault Hosting, Inc. Cloud infrastructure hosting Physical access to data centers is restricted."
    )


def test_issue_009_a_hosting_provider_named_only_in_the_descriptions_table_is_read(tmp_path: Path) -> None:
    report = Soc2Report(scope_extra=CARVED_OUT_BY_REFERENCE,
                        description=description_with_table("Subservice organization Services Controls expected"))
    got = extract(tmp_path, "issue-009-carve-out-table.pdf", report.pages())
    found = [(s["value"], s["method"]) for s in got["fields"]["subservice_organizations"]]
    assert found == [("Nimbus Vault Hosting, Inc.", "carve-out")]


def test_issue_009_a_header_ending_in_subservice_organization_is_not_part_of_the_name(tmp_path: Path) -> None:
    header = "Subservice Organization Services Provided Controls Expected at the Subservice Organization"
    report = Soc2Report(scope_extra=CARVED_OUT_BY_REFERENCE, description=description_with_table(header))
    got = extract(tmp_path, "issue-009-carve-out-table-long-header.pdf", report.pages())
    found = [(s["value"], s["method"]) for s in got["fields"]["subservice_organizations"]]
    assert found == [("Nimbus Vault Hosting, Inc.", "carve-out")]
