"""Issue 9: "Certificate dates swapped (issue date taken from the expiry) or missing when labels come in another
order or wording ("Date of certification", "Certificate expiry", "Recertification due", "valid until")."

Certification bodies print the dates ISO/IEC 17021-1 8.2.2 asks for under labels of their own, in any order. Each
date is read by what its label means, never by where it stands.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from .documents import Certificate
from .helpers import extract, value

LABELS = {
    "issue": ("Date of certification:", "4 February 2026"),
    "expiry": ("Certificate expiry:", "3 February 2029"),
    "original": ("Initial certification date:", "5 February 2020"),
    "due": ("Recertification due:", "3 December 2028"),
}


@pytest.mark.parametrize("order", [
    ("expiry", "due", "original", "issue"),
    ("due", "issue", "expiry", "original"),
    ("original", "expiry", "issue", "due"),
], ids=["expiry-first", "due-first", "original-first"])
def test_issue_009_dates_are_read_by_their_labels_in_any_order(tmp_path: Path, order: tuple[str, ...]) -> None:
    # A guard: "label: value" lines were read right before the fix too; the published failures were label rows,
    # of which one layout failed until the layout overruled the text layer (the last test below).
    certificate = Certificate(dates=tuple(LABELS[k] for k in order))
    got = extract(tmp_path, "issue-009-certificate-labels.pdf", [certificate.text()])
    assert got["kind"] == "iso_certificate"
    assert value(got, "issue_date") == "2026-02-04"
    assert value(got, "expiry_date") == "2029-02-03"
    assert value(got, "original_issue_date") == "2020-02-05"


def test_issue_009_valid_until_is_the_expiry(tmp_path: Path) -> None:
    """A guard: "valid until" was read as the expiry before issue 9 was fixed too; it keeps that reading."""
    certificate = Certificate(dates=(("This certificate is valid until", "3 February 2029"),
                                     ("Issued:", "4 February 2026")))
    got = extract(tmp_path, "issue-009-certificate-valid-until.pdf", [certificate.text()])
    assert value(got, "expiry_date") == "2029-02-03"
    assert value(got, "issue_date") == "2026-02-04"


def diploma(columns: list[tuple[str, str]]) -> bytes:
    """A landscape certificate whose dates stand in a row of labels with each value under its label; each column is
    drawn value first, then label (as design tools write one text box after another), so the text layer lists
    "3 February 2029, CERTIFICATE EXPIRY, 5 February 2020, ..." and only the layout says which date is whose."""
    certificate = Certificate()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4))
    top = landscape(A4)[1]
    c.setFont("Helvetica", 10)
    for k, (label, when) in enumerate(columns):
        c.drawString(70 + 170 * k, top - 470, when)
        c.drawString(70 + 170 * k, top - 452, label)
    for i, line in enumerate(certificate.lines()[:8]):
        c.drawString(70, top - 80 - 18 * i, line)
    c.drawString(70, top - 520, certificate.lines()[-1])
    c.showPage()
    c.save()
    return buf.getvalue()


def test_issue_009_a_row_of_labels_over_their_dates_is_read_column_by_column(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-certificate-label-row.pdf", diploma([
        ("CERTIFICATE EXPIRY", "3 February 2029"),
        ("INITIAL CERTIFICATION", "5 February 2020"),
        ("DATE OF CERTIFICATION", "4 February 2026"),
    ]))
    assert value(got, "expiry_date") == "2029-02-03"
    assert value(got, "original_issue_date") == "2020-02-05"
    assert value(got, "issue_date") == "2026-02-04"
