"""Issue 9 (closing note): "in plain or OCR text a row of date labels over a row of dates is mapped in order only
when the counts agree, and nothing is guessed otherwise (this session: sorted bare dates had put the issue date in
the expiry on scanned certificates)."

A scan keeps no column positions: the labels of a date table come out on one line and the dates on the next. Sorting
the dates (oldest the original certification, newest the expiry) is a guess, and it is wrong whenever a date of the
row is not the one the guess expects. The fixtures are scans (image-only pages, read by OCR).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import ocr
from tests.extractors.make_pdf import scanned_pdf

from .helpers import extract, value

pytestmark = pytest.mark.skipif(not ocr.available(), reason="needs Tesseract")


def scanned_certificate(labels: str, dates: str) -> bytes:
    return scanned_pdf([[
        "CERTIFICATE OF CONFORMITY",
        "Ostrava Quality Register s.r.o. certifies that",
        "Lanterna Freight Systems Ltd",
        "has been audited and complies with ISO/IEC 27001:2022",
        labels,
        dates,
        "Accreditation: JAS-ANZ",
    ]])


def test_issue_009_dates_under_labels_follow_the_labels_not_their_order_in_time(tmp_path: Path) -> None:
    # Expiry first, then the issue date, then the original certification: sorting would swap all three.
    got = extract(tmp_path, "issue-009-scan-date-row.pdf", scanned_certificate(
        "Reg. No.   Valid until   Issued on   First certified",
        "LF 7731   30 June 2028   1 July 2025   2 July 2019",
    ))
    assert got["kind"] == "iso_certificate"
    assert value(got, "expiry_date") == "2028-06-30"
    assert value(got, "issue_date") == "2025-07-01"
    assert value(got, "original_issue_date") == "2019-07-02"


def test_issue_009_a_row_that_cannot_be_split_puts_no_issue_date_in_the_expiry(tmp_path: Path) -> None:
    # Two date labels over three dates: no mapping is certain, and the newest date of the row is not an expiry.
    got = extract(tmp_path, "issue-009-scan-date-row-unsplit.pdf", scanned_certificate(
        "Registration No.   Current certificate issued   Original registration date",
        "LF 7731   1 July 2025   2 July 2019   14 August 2024",
    ))
    assert value(got, "expiry_date") not in {"2025-07-01", "2019-07-02", "2024-08-14"}
