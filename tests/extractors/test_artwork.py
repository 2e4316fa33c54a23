"""A certificate whose standard, issuer and accreditation mark exist only in its background image: the text layer
is complete for everything else, and the artwork is read with OCR for what it lacks (needs Tesseract)."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors import extract_bytes, ocr
from tests.extractors.make_pdf import scan_image, text_pdf

TEXT_LAYER = [
    "This is to certify that",
    "Aspen Widgets Private Limited",
    "12 Harbour Road, Vadodara, Gujarat, India, providing software development and support services.",
    "Certificate Number: AW-200724-0561",
    "Date of initial registration: 24.07.2024",
    "Date of this Certificate: 24.07.2024",
    "1st Surveillance Due: 23.06.2025",
    "Date of expiry certificate: 23.06.2027",
]
ARTWORK = [
    "",
    "CERTIFICATE OF REGISTRATION",
    "",
    "",
    "",
    "",
    "independently assessed by QCCI and found compliant with",
    "ISO/IEC 27001:2022",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "UKAS MANAGEMENT SYSTEMS",
]


def _certificate_with_artwork() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.drawImage(ImageReader(scan_image(ARTWORK)), 0, 0, width=letter[0], height=letter[1])
    c.setFont("Helvetica", 10)
    y = 450.0  # between the artwork's lines, as a certificate prints its variable fields
    for line in TEXT_LAYER:
        c.drawString(70, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")
def test_missing_certificate_fields_are_read_from_the_artwork() -> None:
    result = extract_bytes(_certificate_with_artwork(), "cert.pdf")
    f = result.fields
    assert result.kind == "iso_certificate"
    assert f.certificate_number is not None and f.certificate_number.value == "AW-200724-0561"
    assert [s.value for s in f.standards] == ["ISO/IEC 27001:2022"]
    assert f.accreditation_body is not None and f.accreditation_body.value == "UKAS"
    assert f.issuer is not None and f.issuer.value == "QCCI"
    assert any("read with OCR" in w for w in result.warnings)


def test_a_certificate_without_images_is_never_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a text-only certificate must not be sent to OCR")

    monkeypatch.setattr(ocr, "read_image", refuse)
    pdf = text_pdf(["\n".join(TEXT_LAYER)])
    result = extract_bytes(pdf, "text-only.pdf")
    assert result.kind == "iso_certificate"
    assert result.fields.standards == []
