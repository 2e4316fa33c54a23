"""Issue 9: "Accreditation read in 0 of 8 published certificates where it is a logo beside its number (marks of
national accreditation bodies beside their numbers), so a current, accredited ISO/IEC 27001:2022 certificate of a
large cloud provider was judged "does not meet"."

Two halves of one bug, both checked through ``vendor-assurance check`` as a buyer runs it: the body is read from the
number printed beside its mark, and a mark that cannot be read at all is a finding to confirm by hand ("unreadable
is not failing"), never a "does not meet".
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .documents import Certificate
from .helpers import check, extract, value, write_pdf

AS_OF = "2026-06-01"


def certificate_with_mark(number: str | None) -> bytes:
    """The certificate's text, then the accreditation mark as artwork (a ring with no text in it) and, beside it,
    only its number in text."""
    mark = Image.new("RGB", (120, 120), "white")
    ImageDraw.Draw(mark).ellipse((12, 12, 108, 108), outline="black", width=7)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    top = A4[1]
    c.setFont("Helvetica", 10)
    for i, line in enumerate(Certificate(accreditation="").lines()[:-1]):
        c.drawString(70, top - 100 - 16 * i, line)
    c.drawImage(ImageReader(mark), 420, top - 560, width=56, height=56)
    if number is not None:
        c.drawString(482, top - 536, number)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_issue_009_the_body_is_read_from_the_number_beside_its_mark_and_the_certificate_meets(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-mark-with-number.pdf", certificate_with_mark("4127"))
    assert value(got, "accreditation_body") == "UKAS"
    path = write_pdf(tmp_path, "issue-009-mark-with-number.pdf", certificate_with_mark("4127"))
    assert check([path], AS_OF)["verdict"] == "meets"


def test_issue_009_an_unreadable_mark_is_confirmed_by_hand_not_failed(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "issue-009-mark-alone.pdf", certificate_with_mark(None))
    result = check([path], AS_OF)
    assert result["verdict"] == "meets_with_findings"
    codes = {finding.get("code") for finding in result["findings"]}
    assert "ISO_ACCREDITATION_NOT_READ" in codes
