"""Small PDFs built in the test run: text pages (reportlab), scanned pages (Pillow), encrypted, blank, empty.

Nothing here is committed as a binary, so every fixture is reproducible and readable as code.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

LOREM = (
    "The service organization is responsible for designing, implementing and operating effective controls "
    "within the system to provide reasonable assurance that its service commitments were achieved."
)


def text_pdf(pages: Sequence[str], *, encrypt: object | None = None) -> bytes:
    """One page per string, wrapped at 90 characters, in Helvetica."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=encrypt)
    for text in pages:
        y = 740.0
        c.setFont("Helvetica", 10)
        for para in text.split("\n"):
            for line in _wrap(para, 90):
                c.drawString(60, y, line)
                y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


def report_pdf(n_pages: int) -> bytes:
    """A plain multi-page report with enough prose on each page to count as a text layer."""
    return text_pdf([f"Section {i}\n{LOREM} {LOREM}" for i in range(1, n_pages + 1)])


def scan_image(lines: Sequence[str], *, size: tuple[int, int] = (1700, 2200)) -> Image.Image:
    """A page as a scanner would deliver it: black text on white at ~200 DPI, no text layer."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    y = 160
    for line in lines:
        draw.text((140, y), line, fill=0, font=font)
        y += 58
    return image


def scanned_pdf(pages: Sequence[Sequence[str]], *, rotate: int = 0) -> bytes:
    """Image-only pages: the words exist only as pixels (``rotate``: scanned sideways, e.g. 90)."""
    images = [scan_image(lines).rotate(rotate, expand=True).convert("RGB") for lines in pages]
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=200.0)
    return buf.getvalue()


def mixed_pdf(
    text_page: str, scanned_lines: Sequence[str], *, logo_page: str | None = None, stamp: str | None = None
) -> bytes:
    """Page 1 text, page 2 a full-page scan (``stamp``: a few words of real text on top, as scanning software adds),
    optionally page 3 a few words with a small logo image."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 10)
    y = 740.0
    for line in _wrap(text_page, 90):
        c.drawString(60, y, line)
        y -= 14
    c.showPage()
    c.drawImage(ImageReader(scan_image(scanned_lines)), 0, 0, width=letter[0], height=letter[1])
    if stamp is not None:
        c.setFont("Helvetica", 7)
        c.drawString(400, 20, stamp)
    c.showPage()
    if logo_page is not None:
        logo = Image.new("RGB", (120, 60), (20, 60, 140))
        c.drawImage(ImageReader(logo), 60, 680, width=120, height=60)
        c.setFont("Helvetica-Bold", 18)
        c.drawString(60, 640, logo_page)
        c.showPage()
    c.save()
    return buf.getvalue()


def blank_pdf(n_pages: int = 1) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    for _ in range(n_pages):
        c.showPage()
    c.save()
    return buf.getvalue()


def zero_page_pdf() -> bytes:
    """A structurally valid PDF with an empty page tree."""
    pdf = pdfium.PdfDocument.new()
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def two_column_pdf(left: Sequence[str], right: Sequence[str], title: str) -> bytes:
    """A full-width title over two columns of short lines, drawn row by row (left, right, left, right ...)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, 750, title)
    c.setFont("Helvetica", 10)
    y = 720.0
    for a, b in zip(left, right, strict=True):
        c.drawString(60, y, a)
        c.drawString(330, y, b)
        y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


def partial_two_column_pdf(
    above: Sequence[str], left: Sequence[str], right: Sequence[str], below: Sequence[str], watermark: str
) -> bytes:
    """Full-width lines, then two columns drawn row by row, then full-width lines again, under a diagonal
    watermark: only part of the page is in columns."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.saveState()
    c.setFont("Helvetica-Bold", 60)
    c.translate(306, 396)
    c.rotate(45)
    c.drawCentredString(0, 0, watermark)
    c.restoreState()
    c.setFont("Helvetica", 10)
    y = 740.0
    for text in above:
        c.drawString(60, y, text)
        y -= 14
    for i in range(max(len(left), len(right))):
        if i < len(left):
            c.drawString(60, y, left[i])
        if i < len(right):
            c.drawString(320, y, right[i])
        y -= 14
    for text in below:
        c.drawString(60, y, text)
        y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current or not lines:
        lines.append(current)
    return lines


def control_table_pdf(rows: Sequence[tuple[str, str, str]], *, wrap: int = 34) -> bytes:
    """A control matrix as auditors print it: id | description wrapped over lines | result, padded rows."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 750, "Section 4: Trust Services Criteria, Related Controls and Tests of Controls")
    c.setFont("Helvetica-Bold", 9)
    y = 720.0
    for x, head in ((60, "Control #"), (140, "Control Activity"), (400, "Results of Tests")):
        c.drawString(x, y, head)
    c.setFont("Helvetica", 9)
    y -= 22
    for control, activity, result in rows:
        lines = _wrap(activity, wrap)
        c.drawString(60, y, control)
        c.drawString(400, y, result)
        for i, line in enumerate(lines):
            c.drawString(140, y - 11 * i, line)
        y -= 11 * len(lines) + 12
    c.showPage()
    c.save()
    return buf.getvalue()


def content_stream_bomb(operators: int) -> bytes:
    """One page whose content stream repeats a text operator ``operators`` times, Flate-compressed ~1000:1.

    A few hundred KB that keep pdfium's text extraction busy for seconds in one native call, using about 400 bytes
    of memory per operator: the file that a between-pages deadline cannot stop.
    """
    content = b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (ab) Tj " * operators + b"ET"
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return raw_pdf(objects)


def raw_pdf(objects: list[bytes], header: bytes = b"%PDF-1.7\n") -> bytes:
    """Objects numbered from 1 (1 is the catalog), with a correct cross-reference table: PDFs built byte by byte."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
