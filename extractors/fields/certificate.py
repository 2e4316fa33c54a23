"""Certificates: what ISO/IEC 17021-1 clause 8.2.2 makes every certificate show, read by layout where the text layer
scrambles it, and the documents that look like certificates without being one of an organisation.

Many certificates print their dates and number as a row of labels with the values under them ("CERTIFICATION DATE:
DATE OF ISSUE: EXPIRY DATE: CERTIFICATE #:" over "11 April 2023  12 April 2023  11 April 2026  4701-3145-01"). The
plain text layer lists such cells in drawing order, far from their labels, so nothing there says which date is which.
:func:`label_rows` reads the page's layout instead: each label takes the value drawn under it in its own column, and
the pairs come back as ordinary "label value" lines for the same date and number readers the text layer goes through.

A certificate of a PERSON (a lead-auditor or implementer training certificate, a certificate of competency) names a
standard prominently, but certifies a person's training, not an organisation's management system: it is never a
vendor's evidence. Neither is a HITRUST letter of certification (another scheme).
"""

from __future__ import annotations

import re

from ..document import Document
from ..layout import Segment
from ..model import Found
from ..patterns import lazy
from .org_names import ORG_RE, clean_org
from .text import DocText, fold

_I = re.IGNORECASE

# A cell that is a label: a few words, no digits, ending in ":" or "#", or one of the labels certificates print
# without a colon.
_LABEL_WORDS = lazy(
    r"date|issue|expir|valid|certific|registration|number|\bno\.?$|#|until|original|initial|effective|renew",
    _I,
)
_CELL_GAP = 4.0  # points: runs closer than this belong to one cell
_ROW_GAP = 40.0  # points: the values' line lies at most this far under the labels' line


def _cells(row: list[Segment]) -> list[Segment]:
    """Join the runs of a visual line that touch into cells ("11 A" + "pril 2026" is one date)."""
    cells: list[Segment] = []
    for seg in sorted(row, key=lambda s: s.x0):
        if cells and seg.x0 - cells[-1].x1 < _CELL_GAP:
            last = cells[-1]
            joiner = "" if 0 <= seg.x0 - last.x1 < 1.5 else " "
            cells[-1] = Segment(last.x0, min(last.top, seg.top), max(last.x1, seg.x1), max(last.bottom, seg.bottom),
                                last.text + joiner + seg.text)  # fmt: skip
        else:
            cells.append(seg)
    return cells


def _is_label(cell: Segment) -> bool:
    """A cell that names a date or a number, in any of the certificate languages the date readers know."""
    from .periods import date_label

    text = cell.text.strip()
    bilingual = " / " in text  # "Date d'émission / Effective date": a label and its translation
    if not text or len(text) > (80 if bilingual else 40) or re.search(r"\d", text):
        return False
    if len(text.split()) > (11 if bilingual else 5):
        return False
    return text.endswith((":", "#")) or bool(_LABEL_WORDS.search(text) or date_label(text))


def _alike(labels: list[Segment]) -> bool:
    """Labels set in one type size, as a row of labels is (a title beside a label is no row: "CERTIFICAAT")."""
    heights = [c.bottom - c.top for c in labels]
    return max(heights) <= 1.4 * min(heights)


class LabelRows(DocText):
    """ "label value" lines read from the layout; ``values`` maps each line to its value as printed, the verbatim
    quote a reviewer finds on the page (the label sits on another line)."""

    values: dict[str, str]


def label_rows(doc: Document | None, pages: list[int]) -> LabelRows | None:
    """The "label value" pairs of every row of two or more labels whose values are drawn under them, per page, as
    a DocText for the certificate readers; None when there are none. A scanned page is read the same way, from the
    positions of the words OCR read (``Document.segments``), and there a label with its value beside it on the same
    line is paired too (OCR's text puts a column of labels and the column of their values in separate blocks)."""
    if doc is None or not doc.data:  # text without its PDF (a test's, a cached text layer) has no layout
        return None
    out: dict[int, list[str]] = {}
    values: dict[str, str] = {}
    for n in pages:
        lines = [_cells(row) for row in doc.lines(n)]
        scanned = doc.page(n).ocr
        for i, row in enumerate(lines):
            labels = [c for c in row if _is_label(c)]
            if scanned and len(labels) < 2:
                # OCR reads a label column and its value column as separate blocks of text, so a label and the
                # value beside it on the same line are far apart in the text: the layout puts them back together.
                for label, cell in zip(row, row[1:], strict=False):
                    if _is_label(label) and not _is_label(cell) and re.search(r"\d", cell.text):
                        line = f"{label.text.strip()} {cell.text.strip()}"
                        out.setdefault(n, []).append(line)
                        values[fold(line)] = cell.text.strip()
            if len(labels) < 2 or len(labels) < len(row) - 1:
                continue
            below = None
            for r in lines[i + 1 : i + 4]:
                if not r or r[0].top - row[0].bottom > _ROW_GAP:
                    break
                if len(r) < len(labels) and not any(re.search(r"\d", c.text) for c in r) and _alike(labels):
                    continue  # a label's second line ("Date of original" / "registration"): the values follow
                below = r
                break
            if below is None or any(_is_label(c) for c in below):
                continue
            for k, label in enumerate(labels):
                left = label.x0 - 15
                right = labels[k + 1].x0 - 5 if k + 1 < len(labels) else float("inf")
                value = " ".join(c.text for c in below if left <= c.x0 < right)
                if value.strip():
                    line = f"{label.text.strip()} {value.strip()}"
                    out.setdefault(n, []).append(line)
                    values[fold(line)] = value.strip()
    if not out:
        return None
    rows = LabelRows(out)
    rows.values = values
    return rows


def verbatim(rows: LabelRows, found: Found[str] | None) -> Found[str] | None:
    """A value read from label rows, quoted as printed (its value alone) rather than as the synthetic line."""
    if found is None or found.quote is None:
        return found
    for line, value in rows.values.items():
        if fold(found.quote) in line and found.quote.endswith(value[-4:]):
            return Found(found.value, found.page, value)
    return found


# --- certificates of a person, and other schemes --------------------------------------------------------------------

_PERSON_CERT = lazy(
    r"\blead\s+(?:auditor|implementer)\b(?!\s*:)|\bcertificate\s+of\s+(?:competenc[ey]|completion|achievement|attendance|"
    r"participation)|\bcredit\s+hours\b|\bCPE\s+(?:credits|hours)\b|successfully\s+(?:completed|completing|passed)\s+"
    r"(?:the\s+)?(?:training|course|exam)|\btraining\s+course\b",
    _I,
)
# What only an organisation's certificate says: its management system, scope or sites.
_ORG_CERT = lazy(
    r"management\s+system\s+(?:of|that|which)|\bscope\s+of\s+(?:certification|registration)|\bscope\s*:|"
    r"conforms?\s+(?:to|with)|meets\s+the\s+requirements|has\s+been\s+(?:independently\s+)?(?:assessed|audited)|"
    r"\bsites?\s*:|\blocations?\s*:",
    _I,
)
_HITRUST = lazy(r"\bHITRUST\b", re.I)
_HITRUST_LETTER = lazy(r"Letter\s+of\s+Certification|HITRUST\s+CSF\s+Certifi", _I)

PERSON_WARNING = (
    "Not an organisation's certificate: this certifies a person's training or competence (e.g. a lead-auditor "
    "course); it is no evidence of a vendor's management system."
)
HITRUST_WARNING = (
    "Not a SOC report or an ISO/IEC certificate: this is a HITRUST CSF letter of certification (another scheme); "
    "check it against the HITRUST report it summarises."
)


def person_certificate(text: DocText) -> bool:
    """A certificate that certifies a person: a training course's words, none of an organisation's certificate."""
    head = fold("\n".join(text.page_text[n] for n in text.text_pages()[:2]))
    return len(text.page_lines) <= 3 and bool(_PERSON_CERT.search(head)) and not _ORG_CERT.search(head)


def hitrust_letter(text: DocText) -> bool:
    head = fold("\n".join(text.page_text[n] for n in text.text_pages()[:2]))
    return bool(_HITRUST.search(head) and _HITRUST_LETTER.search(head))


_AWARDED_BY = lazy(
    r"(?:awarded|issued|granted|presented|confirmed)(?:\s+and\s+(?:awarded|issued|confirmed))?\s+by\s+"
    r"(?:the\s+)?(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,5})",
)
_PERSON_NAME = lazy(r"^(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)){1,4}$")


def person_parties(text: DocText) -> tuple[Found[str] | None, Found[str] | None]:
    """(holder, issuer) of a person's certificate: the body that awarded it, and the name on a line of its own
    right after "awarded to" or after the awarding line."""
    for n in text.text_pages()[:1]:
        lines = text.page_lines[n]
        for i, line in enumerate(lines):
            m = _AWARDED_BY.search(line)
            if not m:
                continue
            issuer = Found(clean_org(m.group("org")), n, line)
            holder = None
            for nxt in lines[i + 1 : i + 3]:
                if _PERSON_NAME.match(nxt) and not ORG_RE.search(nxt):
                    holder = Found(nxt, n, nxt)
                    break
            return holder, issuer
    return None, None


def hitrust_parties(text: DocText) -> tuple[Found[str] | None, Found[str] | None]:
    """(issuer, letter date) of a HITRUST letter: HITRUST issues every such letter; its date heads the letter."""
    from ..dates import find_dates

    pages = text.text_pages()
    if not pages:
        return None, None
    issuer = None
    for n in reversed(pages[:3]):
        tail = text.page_lines[n][-3:]
        hit = next((t for t in tail if re.fullmatch(r"HITRUST(?:\s+Alliance)?", t.strip())), None)
        if hit:
            issuer = Found("HITRUST", n, hit)
            break
    dated = None
    first = text.page_lines[pages[0]]
    for line in first[:6]:
        found = find_dates(line)
        if found and len(found[0].text) >= len(line.strip()) - 2:
            dated = Found(found[0].value.isoformat(), pages[0], line)
            break
    return issuer, dated


# --- the accreditation number printed beside its mark ----------------------------------------------------------------

# A number alone beside an image (the mark), in a format one accreditation body gives: UKAS prints its certification
# bodies' numbers (3-5 digits) under its crown, COFRAC "4-0xxx", RvA "C nnn", DAkkS "D-ZM-...", IAS "MSCB-nnn".
MARK_NUMBERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("DAkkS", lazy(r"D-ZM-\d{5}-\d{2}(?:-\d{2})?")),
    ("IAS", lazy(r"MSCB-\d{2,4}")),
    ("COFRAC", lazy(r"[45]-0\d{3}")),
    ("RvA", lazy(r"C\s?\d{3,4}")),
    ("UKAS", lazy(r"(?!(?:19|20)\d\d)\d{4}")),  # not a year
)
_NEAR = 15.0  # points around the mark's image where its number is printed
_MARK_MAX = 160.0  # points: a mark is logo-sized; a page-sized background image has no number "beside" it


def _image_boxes(doc: Document, number: int) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of the page's images, top-left origin like the text segments."""
    import pypdfium2 as pdfium

    from ..document import PDFIUM_LOCK

    boxes = []
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(doc.data)
        try:
            page = pdf[number - 1]
            try:
                height = page.get_size()[1]
                for obj in page.get_objects(max_depth=3):
                    if obj.type == 3:  # FPDF_PAGEOBJ_IMAGE
                        left, bottom, right, top = obj.get_bounds()
                        boxes.append((left, height - top, right, height - bottom))
            finally:
                page.close()
        finally:
            pdf.close()
    return boxes


def mark_number(doc: Document | None) -> Found[str] | None:
    """The accreditation body from the number printed beside its mark on page 1 (the mark itself an image): a text
    run that is only a number in one body's format, within a few points of an image. The quote is the number."""
    if doc is None or not doc.pages or doc.pages[0].ocr or not doc.data:
        return None
    boxes = [b for b in _image_boxes(doc, 1) if b[2] - b[0] <= _MARK_MAX and b[3] - b[1] <= _MARK_MAX]
    if not boxes:
        return None
    segments = doc.segments(1)
    for seg in segments:
        text = seg.text.strip()
        # The number stands alone: no other run continues it on its line ("2013" "009" is one number, split).
        if any(
            o is not seg and abs(o.middle - seg.middle) < 3 and (0 <= seg.x0 - o.x1 < 12 or 0 <= o.x0 - seg.x1 < 12)
            for o in segments
        ):
            continue
        for body, pattern in MARK_NUMBERS:
            if not pattern.fullmatch(text):
                continue
            for x0, top, x1, bottom in boxes:
                if (
                    seg.x1 >= x0 - _NEAR
                    and seg.x0 <= x1 + _NEAR
                    and seg.bottom >= top - _NEAR
                    and seg.top <= bottom + _NEAR
                ):
                    return Found(body, 1, text)
            break
    return None
