"""Issue 9: "Scanned certificates: vendor, issuer and expiry not read from the OCR text."

A scanned certificate goes through the same readers as one with a text layer: the organisation after "certifies
that", the certification body that signs, the expiry under its label. The fixture is an image-only page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import ocr
from tests.extractors.make_pdf import scanned_pdf

from .helpers import extract, value

pytestmark = pytest.mark.skipif(not ocr.available(), reason="needs Tesseract")


def test_issue_009_a_scanned_certificate_names_vendor_issuer_and_expiry(tmp_path: Path) -> None:
    # A guard (read right before the fix too); the company field below is the case that was not read.
    pdf = scanned_pdf([[
        "CERTIFICATE",
        "Certificate number: BQ-22817",
        "Bluequay Certification Limited certifies that",
        "Rowan Pike Analytics Ltd",
        "operates an information security management system",
        "that conforms to ISO/IEC 27001:2022",
        "Date of issue: 9 April 2026",
        "Expiry date: 8 April 2029",
        "On behalf of Bluequay Certification Limited",
    ]])
    got = extract(tmp_path, "issue-009-scanned-certificate.pdf", pdf)
    assert got["kind"] == "iso_certificate"
    assert value(got, "vendor") == "Rowan Pike Analytics Ltd"
    assert value(got, "issuer") == "Bluequay Certification Limited"
    assert value(got, "expiry_date") == "2029-04-08"


def test_issue_009_a_scanned_certificate_names_the_organisation_in_a_company_field(tmp_path: Path) -> None:
    # The body certifies "the following organization", named in a form field on the next line.
    pdf = scanned_pdf([[
        "CERTIFICATE OF REGISTRATION",
        "Certificate Number: BQ-22817",
        "Bluequay Certification Limited certifies that the following organization operates an",
        "information security management system that conforms to ISO/IEC 27001:2022",
        "Company: Rowan Pike Analytics Ltd  Address: Bristol, United Kingdom",
        "Issue Date: April 9, 2026",
        "Expiration Date: April 8, 2029",
    ]])
    got = extract(tmp_path, "issue-009-scanned-company-field.pdf", pdf)
    assert value(got, "vendor") == "Rowan Pike Analytics Ltd"
    assert value(got, "issuer") == "Bluequay Certification Limited"
    assert value(got, "expiry_date") == "2029-04-08"
