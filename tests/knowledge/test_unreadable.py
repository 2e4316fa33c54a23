"""Unreadable is not failing (issue 9, item 5), and the verdicts a reviewer would give.

A field the extractor could not read is a task for a reviewer (a ``high`` finding "confirm by hand"), never a
shortfall of the vendor: the verdict is at most ``meets_with_findings``. The document kinds that are no evidence
(an auditor's attestation letter, a certification body's "SOC 2 certificate", a person's lead-auditor certificate)
are read from PDFs built here, through the real extractor, and never meet.
"""

from __future__ import annotations

from datetime import date

import pytest

from extractors import extract_bytes
from knowledge import assess, default_profile
from knowledge.findings import Assessment
from tests.extractors.make_pdf import text_pdf

from . import builders as b

TODAY = date(2026, 11, 30)


def run(docs: list, today: date = TODAY) -> Assessment:  # type: ignore[type-arg]
    return assess(docs, default_profile(), today)


def _high(a: Assessment) -> set[str]:
    return {f.code for f in a.findings if f.severity == "high"}


@pytest.mark.parametrize(
    ("doc", "code"),
    [
        (b.iso_cert(accreditation=None), "ISO_ACCREDITATION_NOT_READ"),
        (b.iso_cert(expiry=None), "ISO_EXPIRY_NOT_READ"),
        (b.soc2(opinion=None), "SOC_OPINION_NOT_READ"),
        (b.soc2(period_start=None, period_end=None), "SOC_PERIOD_NOT_READ"),
        (b.soc2(categories=()), "SOC_CATEGORIES_NOT_READ"),
    ],
    ids=["accreditation", "expiry", "opinion", "period", "categories"],
)
def test_a_field_not_read_is_a_finding_to_confirm_never_a_failure(doc: object, code: str) -> None:
    a = run([doc])  # type: ignore[list-item]
    assert a.verdict == "meets_with_findings", a.findings
    assert code in _high(a)
    finding = next(f for f in a.findings if f.code == code)
    assert "confirm" in finding.reason and finding.blocks is None and finding.absence


def test_a_category_read_and_missing_is_still_a_shortfall() -> None:
    """Categories that were read and lack a required one are what the report says, not a reading gap."""
    from knowledge import parse_profile

    p = parse_profile("name: p\naccept:\n  - soc2:\n      categories: [security, availability]\n")
    a = assess([b.soc2(categories=("security",))], p, TODAY)
    assert a.verdict == "insufficient_evidence"
    assert "SOC_CATEGORY_MISSING" in {f.code for f in a.findings}


def test_a_current_accredited_27001_2022_certificate_meets() -> None:
    assert run([b.iso_cert(accreditation="RvA")]).verdict == "meets"


def test_a_stale_soc2_is_insufficient() -> None:
    a = run([b.soc2(period_start="2024-07-01", period_end="2025-06-30")])
    assert a.verdict == "insufficient_evidence"
    assert "SOC_STALE" in {f.code for f in a.findings}


def test_a_2013_certificate_after_the_transition_does_not_meet() -> None:
    cert = b.iso_cert(standards=("ISO/IEC 27001:2013",), issue="2024-01-10", expiry="2027-01-09")
    assert run([cert]).verdict == "does_not_meet"


ATTESTATION_LETTER = (
    "AssureWell CPAs LLC\nAttestation Status Confirmation\nSeptember 9, 2024\nTo whom it may concern:\n"
    "AssureWell CPAs LLC has completed a SOC 2 Type 2 examination of Brightfold Pty Ltd's Software as a Service "
    "System for the period March 1, 2024 to August 31, 2024, relevant to the Trust Services Criteria for security. "
    "The report was issued on September 9, 2024 with an unqualified opinion. This letter is not the report; "
    "request the SOC 2 report from Brightfold Pty Ltd.\nReport ID: 2024-09-08\nJane Rowe, CPA\nAustin, Texas"
)
SOC2_CERTIFICATE = (
    "CERTIFICATE OF COMPLIANCE\nThis is to certify that\nBrightfold Pty Ltd\nhas been assessed and found compliant "
    "with SOC 2 Type II\nCertificate number: QX-SOC2-0042\nDate of issue: 1 March 2025\nExpiry date: 28 February "
    "2026\nFor and on behalf of Quantix Certification Services Ltd"
)
PERSON_CERTIFICATE = (
    "CERTIFICATE OF COMPETENCY\nConfirmed and awarded by Mastertrain Assurance\nJordan Avery Blake\n"
    "By successfully completing the training and skills-based examination for the course curriculum:\n"
    "ISO/IEC 27001:2022 Lead Auditor\nCredit hours: 16\nIssuance: 2025-12-20 Expiration: 2028-12-19"
)


@pytest.mark.parametrize(
    "text", [ATTESTATION_LETTER, SOC2_CERTIFICATE, PERSON_CERTIFICATE], ids=["attestation", "soc2-cert", "person"]
)
def test_documents_that_are_no_evidence_never_meet(text: str) -> None:
    x = extract_bytes(text_pdf([text]), "doc.pdf")
    assert x.error is None
    if text is not ATTESTATION_LETTER:  # the letter's kind is the SOC classifier's (h-soc); its verdict is ours
        assert x.kind == "unknown", x.warnings
    a = run([x])
    assert a.verdict != "meets" and a.verdict != "meets_with_findings", (x.kind, a.findings)
