"""Certificates nobody had seen: scans read as positioned words, bodies printed only as their acronym, legal forms
that are also English words, and validities stated without an expiry date.

Each rule is checked on its own text (or on a PDF drawn and scanned here), with the counter-examples it must leave
alone: an all-capitals word in another position is no issuer, "AS" that is not after a capitalised name is no legal
form, a validity counted from some other date gives no expiry.
"""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors import document, extract_bytes, ocr
from extractors.document import Document, Page
from extractors.fields import certificate, parties, periods
from extractors.fields.text import DocText, build
from extractors.layout import visual_lines
from tests.generator.scan import scanned

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr is not installed")


def text_of(page: str) -> DocText:
    return build(Document(data=b"", pages=[Page(1, page)]))


# --- OCR: one Tesseract call gives the text and the words' positions ---------------------------------------------

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2000\t1000\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t100\t100\t200\t40\t95\tExpiry\n"
    "5\t1\t1\t1\t1\t2\t320\t102\t120\t40\t95\tdate\n"
    "5\t1\t1\t1\t2\t1\t100\t160\t300\t40\t95\tsecond\n"
    "5\t1\t2\t1\t1\t1\t1200\t104\t300\t40\t90\tMarch 2027\n"
    "5\t1\t2\t1\t1\t2\t1510\t104\t0\t40\t90\t \n"
)


def test_the_text_is_rebuilt_from_the_words_as_tesseract_prints_it() -> None:
    reading = ocr.parse_tsv(TSV)
    # Words of a line joined by spaces, lines by a newline, paragraphs by a blank line; empty words dropped.
    assert reading.text == "Expiry date\nsecond\n\nMarch 2027"
    assert (reading.width, reading.height) == (2000, 1000)
    assert [w.text for w in reading.words] == ["Expiry", "date", "second", "March 2027"]


def test_words_become_runs_in_points_split_at_a_wide_gap() -> None:
    reading = ocr.parse_tsv(TSV)
    segments = ocr.ocr_segments(reading, page_width=500.0, page_height=250.0)  # a quarter of the pixels
    texts = [s.text for s in segments]
    assert texts == ["Expiry date", "second", "March 2027"]
    label, value = segments[0], segments[2]
    assert label.x0 == pytest.approx(25.0) and value.x0 == pytest.approx(300.0)
    # The label and the date beside it in another block share one visual line.
    assert [s.text for s in visual_lines(segments)[0]] == ["Expiry date", "March 2027"]


def test_a_skewed_scan_is_straightened_so_a_row_stays_one_line() -> None:
    # A page turned by about 1.5 degrees: every line's words go down 1 pixel per 40 to the right.
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t2400\t3000\t-1\t"]
    for b, y in ((1, 300), (2, 900)):
        for k in range(6):
            x = 100 + 380 * k
            rows.append(f"5\t1\t{b}\t1\t1\t{k + 1}\t{x}\t{y + x // 40}\t300\t30\t95\tword{k}")
    # A label at the left edge and its value at the right edge of one row, in separate blocks.
    rows.append(f"5\t1\t3\t1\t1\t1\t100\t{1500 + 100 // 40}\t300\t30\t95\tIssue")
    rows.append(f"5\t1\t4\t1\t1\t1\t2000\t{1500 + 2000 // 40}\t300\t30\t95\t2025")
    segments = ocr.ocr_segments(ocr.parse_tsv("\n".join(rows)), page_width=595.0, page_height=842.0)
    lines = [[s.text for s in line] for line in visual_lines(segments)]
    assert ["Issue", "2025"] in lines  # 47 pixels apart before straightening: more than a line's height


def _certificate_pdf(labels: list[str], values: list[str]) -> bytes:
    """A certificate whose dates stand as a row of labels over a row of values, printed and scanned."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(297, 760, "Certificate of Registration")
    c.setFont("Helvetica", 11)
    c.drawCentredString(297, 720, "Harbourline Certification Ltd hereby certifies that")
    c.drawCentredString(297, 700, "Quillon Data GmbH")
    c.drawCentredString(297, 680, "operates an information security management system that complies with")
    c.drawCentredString(297, 660, "ISO/IEC 27001:2022")
    c.setFont("Helvetica", 9)
    for k, (label, value) in enumerate(zip(labels, values, strict=True)):
        c.drawString(60 + 125 * k, 560, label)
        c.drawString(60 + 125 * k, 544, value)
    c.showPage()
    c.save()
    return scanned(buf.getvalue(), seed=3)


@needs_tesseract
def test_a_scanned_row_of_labels_over_dates_is_read_by_position() -> None:
    # "Original Registration Date" reads as two labels in plain text, so counting labels and dates cannot pair
    # them; the words' positions can.
    pdf = _certificate_pdf(["Registration No.", "Effective date", "Original Registration Date", "Recertification due"],
                           ["ISMS 40917", "4 April 2025", "28 March 2019", "27 March 2028"])
    doc = document.load(pdf)
    assert doc.page(1).ocr
    rows = certificate.label_rows(doc, [1])
    assert rows is not None and "Effective date 4 April 2025" in rows.page_lines[1]
    fields = extract_bytes(pdf, "scan.pdf").to_dict()["fields"]
    assert fields["issue_date"]["value"] == "2025-04-04"
    assert fields["original_issue_date"]["value"] == "2019-03-28"
    assert fields["expiry_date"]["value"] == "2028-03-27"
    assert fields["expiry_date"]["quote"] == "27 March 2028"  # the value as printed, not the synthetic line


# --- a body printed only as its acronym ----------------------------------------------------------------------------

CERT = """{head}
Certificate of Approval
{lead}
Northgale Foods Ltd
12 Harbour Street, Leeds
operates a management system which complies with the requirements of
ISO/IEC 27001:2022
Certificate Number: IS 201044
Effective date: 17 October 2025
Priya Raman
{role}
{foot}"""


def issuer(**parts: str) -> str | None:
    fill = {"head": "", "lead": "This is to certify that", "role": "Managing Director", "foot": ""} | parts
    found = parties.read_issuer(text_of(CERT.format(**fill)), "iso_certificate", None)
    return found.value if found else None


@pytest.mark.parametrize(
    "parts",
    [
        {"lead": "NQA hereby certifies that"},
        {"role": "Head of Certification Body, DNV"},
        {"foot": "SGS | Ellesmere Port, United Kingdom"},
        {"foot": "Certificate issued by LRQA."},
        {"head": "BSI"},  # the letterhead right above the title
    ],
)
def test_an_acronym_is_the_issuer_where_a_certificate_puts_its_body(parts: dict[str, str]) -> None:
    expected = next(t for t in ("NQA", "DNV", "SGS", "LRQA", "BSI") if t in " ".join(parts.values()))
    assert issuer(**parts) == expected


@pytest.mark.parametrize(
    "parts",
    [
        {"head": "ISMS"},  # the standard's vocabulary, not a body
        {"head": "UKAS"},  # the accreditation body
        {"foot": "Accredited by UKAS | No. 0015"},
        {"role": "Managing Director, ISO"},
        {"foot": "IMPORTANT: THIS CERTIFICATE REMAINS VALID SUBJECT TO AUDITS"},
    ],
)
def test_capitals_elsewhere_are_no_issuer(parts: dict[str, str]) -> None:
    assert issuer(**parts) is None


# --- legal forms that are also words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("Mistral Foods AS", "Mistral Foods AS"),
        ("Mistral Foods ASA", "Mistral Foods ASA, Storgata 12, Oslo"),
        ("Calloway Energy Sp. z o. o.", "Calloway Energy Sp. z o. o."),
        ("Calloway Energy Sp. z o.o.", "Calloway Energy Sp. z 0.0."),  # OCR's zeros in a legal form
        ("Calloway Learning S.r.l.", "Calloway Learning S.r.I."),  # and its capital I
        ("Kilnworth Logistik GmbH & Co. KGaA", "Kilnworth Logistik GmbH & Co. KGaA"),
        ("Hollowell Security A/S", "Hollowell Security A/S"),
        ("Northgale Analytics Oy", "Northgale Analytics Oy"),
        ("Inchbrook Retail K.K.", "Inchbrook Retail K.K."),
    ],
)
def test_the_certified_organization_keeps_its_legal_form(name: str, line: str) -> None:
    page = f"Certificate\nThis is to certify that the management system of\n{line}\n12 Harbour Street, Leeds\n" \
           "has been assessed and found to conform to ISO/IEC 27001:2022"
    found = parties.read_vendor(text_of(page), "iso_certificate", None)
    assert found is not None and found.value == name


def test_as_inline_after_the_lead_in() -> None:
    page = "Certificate\nWe certify that Thistledown Payroll AS, Storgata 3, Oslo, operates a management system\n" \
           "which complies with ISO/IEC 27001:2022"
    found = parties.read_vendor(text_of(page), "iso_certificate", None)
    assert found is not None and found.value == "Thistledown Payroll AS"


@pytest.mark.parametrize("line", ["REPORT AS OF 31 MARCH 2025", "ACME AS", "Such As"])
def test_as_is_a_word_unless_it_ends_a_capitalised_name(line: str) -> None:
    page = f"Certificate\nThis is to certify that\n{line}\noperates a management system"
    assert parties.read_vendor(text_of(page), "iso_certificate", None) is None


# --- validity without an expiry date -----------------------------------------------------------------------------


def dates(page: str) -> tuple[str | None, str | None, str | None]:
    return tuple(d.value if d else None for d in periods.read_certificate_dates(text_of(page)))  # type: ignore[return-value]


@pytest.mark.parametrize(
    "sentence",
    [
        "This certificate is valid for three years from the date above, subject to surveillance audits.",
        "Valid for 3 years from the date of issue.",
        "Dieses Zertifikat ist drei Jahre ab dem oben genannten Datum gültig.",
        "Ce certificat est valable trois ans à compter de la date ci-dessus.",
        "Il presente certificato è valido tre anni dalla data sopra indicata.",
        "Dit certificaat is drie jaar geldig vanaf bovenstaande datum.",
    ],
)
def test_a_validity_of_years_from_the_date_above_gives_the_expiry(sentence: str) -> None:
    page = f"Certificate No. IS 1234\nDate of issue: 20 March 2024\nNext surveillance audit: 22 Feb 2025\n{sentence}"
    assert dates(page) == ("2024-03-20", None, "2027-03-20")


@pytest.mark.parametrize(
    "sentence",
    [
        "The next recertification audit is due three years from the date of the initial audit.",  # no validity
        "This certificate is valid for three years from the date of the recertification decision.",  # other date
    ],
)
def test_years_from_another_date_give_no_expiry(sentence: str) -> None:
    page = f"Date of issue: 20 March 2024\n{sentence}"
    assert dates(page) == ("2024-03-20", None, None)


def test_the_date_above_is_ambiguous_beside_a_first_certification() -> None:
    page = "Initial certification: 2 May 2018\nDate of issue: 20 March 2024\n" \
           "This certificate is valid for three years from the date above."
    assert dates(page) == ("2024-03-20", "2018-05-02", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Valid until the next recertification audit, at the latest 13.08.2026",
        "Gültig bis zum nächsten Rezertifizierungsaudit, längstens bis 13.08.2026",
        "Valable jusqu'au prochain audit de renouvellement, au plus tard le 13.08.2026",
        "Geldig tot de volgende hercertificatie-audit, uiterlijk tot 13.08.2026",
        "Valid until the next recertification audit, at the\nlatest 13.08.2026",  # the sentence wrapped
    ],
)
def test_until_the_next_recertification_at_the_latest_is_the_expiry(sentence: str) -> None:
    page = f"Date of issue: 01.09.2023\n{sentence}"
    assert dates(page) == ("2023-09-01", None, "2026-08-13")


def test_an_audit_at_the_latest_is_no_expiry() -> None:
    page = "Date of issue: 01.09.2023\nExpiry date: 31.08.2026\nNext surveillance audit at the latest 01.08.2024"
    assert dates(page) == ("2023-09-01", None, "2026-08-31")


# --- a certificate's scope ends with its paragraph ------------------------------------------------------------------


def _scope_pdf(after: list[tuple[float, float, str]]) -> bytes:
    """A certificate whose scope paragraph (two lines, 12 pt apart) is followed by ``after``: (gap, size, text)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 780, "Certificate")
    c.setFont("Helvetica", 10)
    y = 750.0
    for line in ("Harbourline Certification Ltd certifies that", "Quillon Data GmbH", "ISO/IEC 27001:2022",
                 "Scope of certification:", "Development, hosting and support of the Quillon",
                 "Ledger platform for business customers"):
        c.drawString(60, y, line)
        y -= 12
    for gap, size, text in after:
        y -= gap
        c.setFont("Helvetica", size)
        c.drawString(60, y, text)
        y -= 12
    c.setFont("Helvetica", 10)
    c.drawString(60, y - 30, "Certificate No. IS 40917")
    c.showPage()
    c.save()
    return buf.getvalue()


SCOPE = "Development, hosting and support of the Quillon Ledger platform for business customers"


@pytest.mark.parametrize(
    "after",
    [
        [(14.0, 10.0, "The certified sites are listed in the annex to this certificate")],
        [(12.0, 7.0, "Entwicklung, Hosting und Support der Quillon Ledger Plattform")],  # the translation below
    ],
)
def test_the_scope_ends_at_its_paragraph(after: list[tuple[float, float, str]]) -> None:
    fields = extract_bytes(_scope_pdf(after), "cert.pdf").to_dict()["fields"]
    assert fields["scope"]["value"] == SCOPE


def test_a_list_the_scope_introduces_goes_on_across_a_gap() -> None:
    pdf = _scope_pdf([(0.0, 10.0, "The scope includes:"), (14.0, 10.0, "• Quillon Ledger API")])
    assert extract_bytes(pdf, "cert.pdf").to_dict()["fields"]["scope"]["value"] == (
        f"{SCOPE} The scope includes: • Quillon Ledger API"
    )


def test_a_row_of_bilingual_labels_wrapped_onto_a_second_line() -> None:
    """"Date de certification initiale / Original" + "Registration Date" under it, then the values: the labels'
    second line is skipped and each label keeps the value in its column."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 780, "CERTIFICATE")
    c.setFont("Helvetica", 10)
    c.drawString(60, 750, "We certify that")
    c.drawString(60, 736, "Emberline Care AG")
    c.drawString(60, 722, "has been assessed and found to conform to ISO/IEC 27001:2022")
    c.setFont("Helvetica", 7)
    for k, (label, value) in enumerate((("Date d'expiration / Valid until", "17/11/2028"),
                                        ("Certificat n° / Registration No.", "CERT15605"),
                                        ("Date de certification initiale / Original", "18/11/2022"),
                                        ("Date d'émission / Effective date", "15/12/2025"))):
        c.drawString(60 + 125 * k, 600, label)
        c.drawString(60 + 125 * k, 580, value)
    c.drawString(310, 591, "Registration Date")
    c.showPage()
    c.save()
    fields = extract_bytes(buf.getvalue(), "cert.pdf").to_dict()["fields"]
    got = {k: fields[k]["value"] for k in ("issue_date", "original_issue_date", "expiry_date", "certificate_number")}
    assert got == {"issue_date": "2025-12-15", "original_issue_date": "2022-11-18", "expiry_date": "2028-11-17",
                   "certificate_number": "CERT15605"}
