"""Certificate bug classes of issue 9, each on a PDF generated here (names of firms and people are made up).

- label rows: dates and number printed as a row of labels with the values under them, which the text layer lists
  far from their labels (dates were missing);
- issue vs certification date: "Certification date" beside "Date of issue" (the issue date was taken from the wrong
  one);
- vendor = certification body: the organisation printed above "has been assessed and certified by <body>";
- scanned certificate: the organisation in a "Company" form field, read from OCR text;
- accreditation number: the body known by the format of its accreditation number, and the evidence says so;
- person certificates and HITRUST letters: kind unknown with a warning, never a vendor's certificate.
"""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors import extract_bytes, ocr
from extractors.model import Extraction
from tests.extractors.make_pdf import scanned_pdf, text_pdf


def _positioned(items: list[tuple[float, float, str]], size: int = 10) -> bytes:
    """One A4 page with each text drawn at (x, y from the top): the layout decides what belongs together."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    height = A4[1]
    # Drawn bottom-up, so the text layer's order differs from the reading order, as in the published certificate.
    for x, y, text in sorted(items, key=lambda t: -t[1]):
        c.setFont("Helvetica", size)
        c.drawString(x, height - y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def _label_row_certificate(certification: str, issue: str, expiry: str, number: str) -> bytes:
    return _positioned(
        [
            (240, 90, "CERTIFICATE OF REGISTRATION"),
            (78, 223, "Quillon Analytics Pty Ltd"),
            (78, 245, "Level 3, 20 Harbour Street, Sydney NSW 2000"),
            (78, 301, "Has been assessed and certified by Meridian Assurance Services to the following management"),
            (78, 316, "systems, standards and guidelines:"),
            (79, 351, "ISO 27001:2022"),
            (78, 376, "INFORMATION SECURITY MANAGEMENT SYSTEMS"),
            (78, 404, "The scope of the certification covers the following activities:"),
            (78, 428, "Design and operation of a data analytics platform."),
            (74, 699, "CERTIFICATION DATE:"),
            (224, 699, "DATE OF ISSUE:"),
            (348, 699, "EXPIRY DATE:"),
            (458, 699, "CERTIFICATE #:"),
            (74, 716, certification),
            (224, 716, issue),
            (348, 716, expiry),
            (459, 716, number),
            (422, 779, "Meridian Assurance Services Pty Ltd"),
            (384, 789, "Level 1, 35 Queen Street, Brisbane QLD 4000"),
            (59, 827, "Meridian Assurance Services is accredited by JAS-ANZ, accreditation number: M5310000AB"),
        ]
    )


def _read(data: bytes) -> Extraction:
    x = extract_bytes(data, "cert.pdf")
    assert x.error is None
    return x


def test_label_row_dates_and_number_are_read_under_their_labels() -> None:
    x = _read(_label_row_certificate("11 April 2023", "20 April 2026", "11 April 2029", "8457-3145-01"))
    f = x.fields
    assert x.kind == "iso_certificate"
    assert f.issue_date is not None and f.issue_date.value == "2026-04-20"
    assert f.issue_date.quote == "20 April 2026"  # verbatim: the label is on the line above
    assert f.expiry_date is not None and f.expiry_date.value == "2029-04-11"
    assert f.original_issue_date is not None and f.original_issue_date.value == "2023-04-11"
    assert f.certificate_number is not None and f.certificate_number.value == "8457-3145-01"


def test_issue_date_is_the_date_of_issue_not_the_certification_date() -> None:
    """Same day for both (a first certification): the issue date is it, no original date is invented."""
    x = _read(_label_row_certificate("12 April 2023", "12 April 2023", "11 April 2026", "4701-3145-01"))
    assert x.fields.issue_date is not None and x.fields.issue_date.value == "2023-04-12"
    assert x.fields.expiry_date is not None and x.fields.expiry_date.value == "2026-04-11"


def test_vendor_is_the_organisation_above_assessed_and_certified_by_not_the_body() -> None:
    x = _read(_label_row_certificate("11 April 2023", "12 April 2023", "11 April 2026", "4701-3145-01"))
    assert x.fields.vendor is not None and x.fields.vendor.value == "Quillon Analytics Pty Ltd"
    assert x.fields.issuer is not None and "Meridian Assurance" in x.fields.issuer.value


def test_a_date_row_that_breaks_the_rules_is_not_read_as_issue_and_expiry() -> None:
    """Expiry printed before issue (a misprint or a misread): neither is kept, and the warning says so."""
    x = _read(_label_row_certificate("11 April 2023", "20 April 2029", "11 April 2026", "4701-3145-01"))
    assert x.fields.issue_date is None and x.fields.expiry_date is None
    assert any("issue and expiry dates could not be told apart" in w for w in x.warnings)


def test_accreditation_body_from_its_number_format_says_so() -> None:
    text = (
        "CERTIFICATE OF REGISTRATION\nThis is to certify that\nHollis Data Systems GmbH\nFriedrichstrasse 10, Berlin\n"
        "operates an information security management system which conforms to ISO/IEC 27001:2022\n"
        "Certificate number: HDS-27001-0042\nDate of issue: 15 March 2025\nExpiry date: 14 March 2028\n"
        "For and on behalf of Northvale Zertifizierung GmbH\nAccredited certification body, D-ZM-16025-01-00"
    )
    x = _read(text_pdf([text]))
    ab = x.fields.accreditation_body
    assert ab is not None and ab.value == "DAkkS" and "D-ZM-16025-01-00" in (ab.quote or "")
    assert any("format of the accreditation number" in w for w in x.warnings)


PERSON = (
    "CERTIFICATE OF COMPETENCY\nConfirmed and awarded by Mastertrain Assurance\nJordan Avery Blake\n"
    "By successfully completing the training and skills-based examination for the course curriculum:\n"
    "ISO/IEC 27001:2022 Lead Auditor\nCredit hours: 16\nIssuance: 2025-12-20 Expiration: 2028-12-19"
)


def test_a_person_certificate_is_kind_unknown_with_a_warning() -> None:
    x = _read(text_pdf([PERSON]))
    assert x.kind == "unknown"
    assert any("a person's training" in w for w in x.warnings)
    assert x.fields.vendor is not None and x.fields.vendor.value == "Jordan Avery Blake"
    assert x.fields.issuer is not None and x.fields.issuer.value == "Mastertrain Assurance"
    assert x.fields.expiry_date is not None and x.fields.expiry_date.value == "2028-12-19"


def test_a_person_certificate_with_certify_that_is_not_an_iso_certificate() -> None:
    text = (
        "CERTIFICATE OF ACHIEVEMENT\nThis is to certify that\nJordan Avery Blake\nhas successfully completed the "
        "training course ISO/IEC 27001:2022 Lead Implementer\nCertificate number: LI-0042\nDate of issue: "
        "20 December 2025"
    )
    x = _read(text_pdf([text]))
    assert x.kind == "unknown"


def test_a_hitrust_letter_is_kind_unknown_with_its_issuer_and_date() -> None:
    text = (
        "Letter of Certification\nFebruary 5, 2024\nBrightfold Inc.\n12 Main Street\nPortland, OR 97209\n"
        "Based upon representation from management and the procedures performed by an approved HITRUST CSF "
        "Assessor, the following business systems of the organization meet the HITRUST CSF v11 Certification "
        "Criteria:\nBrightfold Platform\nThe certification is valid for a period of two years.\nHITRUST"
    )
    x = _read(text_pdf([text]))
    assert x.kind == "unknown"
    assert any("HITRUST" in w for w in x.warnings)
    assert x.fields.issuer is not None and x.fields.issuer.value == "HITRUST"
    assert x.fields.report_date is not None and x.fields.report_date.value == "2024-02-05"


@pytest.mark.skipif(not ocr.available(), reason="needs Tesseract")
def test_scanned_certificate_vendor_from_its_company_field() -> None:
    lines = [
        "CERTIFICATE OF REGISTRATION",
        "Certificate Number: 2018-090101",
        "Halden ISO, Inc. certifies that the following organization operates an",
        "Information Security Management System that conforms to ISO/IEC 27001:2022",
        "Company | Brightfold, Inc. Address San Francisco, CA 94104",
        "Original Registration Date: September 1, 2024",
        "Certification Issuance Date: August 31, 2025",
        "Expiration Date: September 1, 2027",
    ]
    x = _read(scanned_pdf([lines]))
    assert x.kind == "iso_certificate"
    assert x.fields.vendor is not None and x.fields.vendor.value == "Brightfold, Inc."
    assert x.fields.expiry_date is not None and x.fields.expiry_date.value == "2027-09-01"


@pytest.mark.parametrize(
    "order",
    [(0, 1, 2, 3), (3, 2, 1, 0), (1, 3, 0, 2)],
    ids=["expiry-first", "due-first", "mixed"],
)
def test_certificate_dates_by_label_in_any_order_and_wording(order: tuple[int, ...]) -> None:
    labelled = [
        "Certificate expiry: 14 March 2028",
        "Original certification date: 15 March 2019",
        "Date of certification: 15 March 2025",
        "Recertification due: 14 January 2028",
    ]
    text = (
        "CERTIFICATE OF REGISTRATION\nThis is to certify that\nTarrow Logistics Ltd\n1 Dock Road, Leeds\n"
        "operates an information security management system which conforms to ISO/IEC 27001:2022\n"
        "Certificate number: TL-0099\n" + "\n".join(labelled[i] for i in order) + "\n"
        "For and on behalf of Pennine Certification Ltd\nUKAS"
    )
    f = _read(text_pdf([text])).fields
    assert f.issue_date is not None and f.issue_date.value == "2025-03-15"
    assert f.original_issue_date is not None and f.original_issue_date.value == "2019-03-15"
    assert f.expiry_date is not None and f.expiry_date.value == "2028-03-14"


def _certificate_with_mark(number: str) -> bytes:
    """A certificate whose accreditation mark is an image with only its number printed beside it as text."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    mark = Image.new("RGB", (120, 120), "white")
    ImageDraw.Draw(mark).ellipse((10, 10, 110, 110), outline="black", width=6)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    height = A4[1]
    lines = [
        "CERTIFICATE OF REGISTRATION",
        "This is to certify that",
        "Tarrow Logistics Ltd",
        "1 Dock Road, Leeds",
        "operates an information security management system which conforms to ISO/IEC 27001:2022",
        "Certificate number: TL-0099",
        "Date of issue: 15 March 2025",
        "Expiry date: 14 March 2028",
        "For and on behalf of Pennine Certification Ltd",
    ]
    c.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        c.drawString(70, height - 100 - 16 * i, line)
    c.drawImage(ImageReader(mark), 400, height - 520, width=60, height=60)
    c.drawString(470, height - 495, number)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(("number", "body"), [("0874", "UKAS"), ("4-0675", "COFRAC"), ("C 466", "RvA")])
def test_accreditation_body_from_the_number_beside_its_mark(number: str, body: str) -> None:
    x = _read(_certificate_with_mark(number))
    ab = x.fields.accreditation_body
    assert ab is not None and ab.value == body and ab.quote == number
    assert any("accreditation number beside its mark" in w for w in x.warnings)


def test_a_number_far_from_any_image_is_not_an_accreditation_number() -> None:
    text = (
        "CERTIFICATE OF REGISTRATION\nThis is to certify that\nTarrow Logistics Ltd\n1 Dock Road, Leeds\n"
        "operates an information security management system which conforms to ISO/IEC 27001:2022\n"
        "Certificate number: TL-0099\nDate of issue: 15 March 2025\nExpiry date: 14 March 2028\n"
        "For and on behalf of Pennine Certification Ltd\n0874"
    )
    assert _read(text_pdf([text])).fields.accreditation_body is None


def test_an_organisation_certificate_naming_its_lead_auditor_stays_a_certificate() -> None:
    text = (
        "CERTIFICATE OF REGISTRATION\nThis is to certify that\nTarrow Logistics Ltd\n1 Dock Road, Leeds\n"
        "operates an information security management system which conforms to ISO/IEC 27001:2022\n"
        "Scope: warehouse management software\nLead Auditor: Jordan Avery Blake\nCertificate number: TL-0099\n"
        "Date of issue: 15 March 2025\nExpiry date: 14 March 2028\nFor and on behalf of Pennine Certification Ltd\nUKAS"
    )
    x = _read(text_pdf([text]))
    assert x.kind == "iso_certificate"
    assert x.fields.vendor is not None and x.fields.vendor.value == "Tarrow Logistics Ltd"


def test_vendor_inside_the_lead_in_sentence_not_the_body_above_it() -> None:
    text = (
        "Northvale Zertifizierungsgesellschaft mbH\nCERTIFICATE\nWe certify that Quillon Analytics S.L., 75 King "
        "Street West, Toronto, Canada, has been audited and\nmeets the requirements of\nISO/IEC 27001:2022\n"
        "Certificate number: QA-0042\nDate of issue: 15 March 2025\nExpiry date: 14 March 2028\nDAkkS"
    )
    x = _read(text_pdf([text]))
    assert x.fields.vendor is not None and x.fields.vendor.value == "Quillon Analytics S.L."
    assert x.fields.issuer is None or "Northvale" in x.fields.issuer.value


def _scanned_row_certificate(labels: str, values: str) -> Extraction:
    """A scanned certificate whose dates sit in a table: one line of labels over one line of values (OCR keeps no
    column positions, so which date is which must come from the labels' order)."""
    lines = [
        "CERTIFICATE",
        "Meridale Certification Pty Ltd hereby certifies that",
        "Corbel Ledger Systems Ltd",
        "has been audited and meets the requirements of ISO/IEC 27001:2022",
        labels,
        values,
        "Accredited by JAS-ANZ",
    ]
    return _read(scanned_pdf([lines]))


@pytest.mark.skipif(not ocr.available(), reason="needs Tesseract")
def test_issue9_scanned_label_row_dates_follow_the_labels_order() -> None:
    f = _scanned_row_certificate(
        "Certificate No.   Expiry date   Date of issue   Initial certification",
        "CL 40412   11 September 2027   8 October 2024   12 September 2021",
    ).fields
    assert f.expiry_date is not None and f.expiry_date.value == "2027-09-11"
    assert f.issue_date is not None and f.issue_date.value == "2024-10-08"
    assert f.original_issue_date is not None and f.original_issue_date.value == "2021-09-12"


@pytest.mark.skipif(not ocr.available(), reason="needs Tesseract")
def test_issue9_a_label_row_that_cannot_be_split_gives_no_dates_rather_than_sorted_guesses() -> None:
    """Four date words over three dates: sorting the dates (oldest = original, newest = expiry) put the issue date
    in the expiry once; now nothing is guessed and the reviewer is told the dates were not read."""
    x = _scanned_row_certificate(
        "Registration No.  Expiry date  Current certificate issued  Original Registration Date",
        "CL 40412   11 September 2027   8 October 2024   12 September 2021",
    )
    wrong = {"2024-10-08", "2021-09-12"}
    assert x.fields.expiry_date is None or x.fields.expiry_date.value == "2027-09-11"
    assert x.fields.issue_date is None or x.fields.issue_date.value == "2024-10-08"
    assert (x.fields.expiry_date.value if x.fields.expiry_date else None) not in wrong
