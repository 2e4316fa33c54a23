"""Issue 9: "The CPA firm or certification body was taken as the vendor on a modern SOC 2 Type 2 from a mid-size
firm, an ISO/IEC 42001 certificate, a certification body's "SOC 2 certificate", a pen-test letter and auditor
attestation letters. The vendor's evidence then lands on the wrong company."

Each fixture puts the auditor's name where a naive reader looks for the vendor: first on the cover, in large type,
in the letterhead. The vendor must still be the company the document is about, and never the firm that wrote it.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import extract, value

FIRM = "Thistlewood Garner LLP"
VENDOR = "Orchardline Payments, Inc."
BODY = "Kestrel Assurance Registrars Ltd"
CERTIFIED = "Wavecrest Robotics GmbH"


def soc2_from_a_mid_size_firm() -> list[str]:
    return [
        f"{FIRM}\nAssurance Services\n\n{VENDOR}\nSystem and Organization Controls (SOC) 2 Type 2 Report\n"
        "Clearing Gateway Platform\nRelevant to Security and Confidentiality\n"
        "For the period October 1, 2025 through March 31, 2026",
        "Section 1\nIndependent Service Auditor's Report\n"
        f"To the Board of Directors of {VENDOR}\nScope\n"
        f"We have examined {VENDOR}'s accompanying description of its Clearing Gateway Platform system titled "
        "\"Description of the Clearing Gateway Platform\" throughout the period October 1, 2025 to March 31, 2026, "
        "based on the criteria for a description of a service organization's system.\n"
        "Opinion\nIn our opinion, in all material respects, the controls stated in the description were suitably "
        "designed and operated effectively throughout the period October 1, 2025 to March 31, 2026.\n"
        f"{FIRM}\nColumbus, Ohio\nMay 2, 2026",
        f"Section 2\nAssertion of {VENDOR} Management\nWe have prepared the accompanying description of the "
        "Clearing Gateway Platform for user entities.",
        "Section 3\nDescription of the Clearing Gateway Platform\nOrchardline settles card payments for merchants.",
        "Section 4\nTrust Services Criteria, Related Controls and Tests of Controls\n"
        "Control Control Activity Test Performed Results\n"
        "CC6.1 OP-01 Access to production requires MFA. Inspected the identity provider settings. "
        "No exceptions noted.",
    ]


def test_issue_009_soc2_from_a_mid_size_firm_names_the_service_organization(tmp_path: Path) -> None:
    # A guard: this report was read right before the fix too (the failing published report is not reproduced).
    got = extract(tmp_path, "issue-009-soc2-firm-on-cover.pdf", soc2_from_a_mid_size_firm())
    assert got["kind"] == "soc2_type2"
    assert value(got, "vendor") == VENDOR
    assert value(got, "issuer") == FIRM


def test_issue_009_iso42001_certificate_names_the_certified_organization(tmp_path: Path) -> None:
    # The body's name set in capitals at the top, the organisation under "This certificate is awarded to".
    page = (
        f"{BODY.upper()}\nCERTIFICATE OF REGISTRATION\nThis certificate is awarded to\n"
        f"{CERTIFIED}\nHafenstrasse 12, 20457 Hamburg, Germany\n"
        "for the artificial intelligence management system which conforms to\nISO/IEC 42001:2023\n"
        "Scope: design and operation of machine-vision models for warehouse robots.\n"
        "Certificate number: KAR-AI-00731\nDate of issue: 14 January 2026\nExpiry date: 13 January 2029\n"
        "UKAS 0932"
    )
    got = extract(tmp_path, "issue-009-iso42001-body-first.pdf", [page])
    assert got["kind"] == "iso_certificate"
    assert value(got, "vendor") == CERTIFIED
    assert value(got, "issuer") == BODY.upper()


def test_issue_009_pen_test_letter_is_not_a_report_of_the_testing_firm(tmp_path: Path) -> None:
    # A guard (read right before the fix too); the letterhead case below is the one that failed.
    page = (
        "Redhollow Security Labs\n221 Mercer Street, Boston, MA\nApril 9, 2026\nTo whom it may concern,\n"
        f"Redhollow Security Labs performed an external penetration test of the web application of {VENDOR} "
        "between March 2 and March 13, 2026. The test followed the OWASP Testing Guide. All findings of high "
        "severity were remediated and retested.\nSincerely,\nMorgan Blake\nPrincipal Consultant"
    )
    got = extract(tmp_path, "issue-009-pentest-letter.pdf", [page])
    assert got["kind"] == "unknown"
    assert value(got, "vendor") != "Redhollow Security Labs"


def test_issue_009_pen_test_letter_on_a_firms_letterhead_does_not_name_the_firm_as_vendor(tmp_path: Path) -> None:
    page = (
        "REDHOLLOW SECURITY LABS LLC\nPenetration Test Attestation Letter\nApril 9, 2026\n"
        f"Redhollow Security Labs LLC performed an external penetration test of the web application of {VENDOR} "
        "between March 2 and March 13, 2026.\nMorgan Blake\nPrincipal Consultant"
    )
    got = extract(tmp_path, "issue-009-pentest-letterhead.pdf", [page])
    assert got["kind"] == "unknown"
    assert value(got, "vendor") in (VENDOR, None)
