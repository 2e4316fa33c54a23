"""Issue 9: "Certificate dates swapped (issue date taken from the expiry) or missing when labels come in another
order or wording ("Date of certification", "Certificate expiry", "Recertification due", "valid until")."

Certification bodies print the dates ISO/IEC 17021-1 8.2.2 asks for under labels of their own, in any order. Each
date is read by what its label means, never by where it stands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
    certificate = Certificate(dates=tuple(LABELS[k] for k in order))
    got = extract(tmp_path, "issue-009-certificate-labels.pdf", [certificate.text()])
    assert got["kind"] == "iso_certificate"
    assert value(got, "issue_date") == "2026-02-04"
    assert value(got, "expiry_date") == "2029-02-03"
    assert value(got, "original_issue_date") == "2020-02-05"


def test_issue_009_valid_until_is_the_expiry(tmp_path: Path) -> None:
    certificate = Certificate(dates=(("This certificate is valid until", "3 February 2029"),
                                     ("Issued:", "4 February 2026")))
    got = extract(tmp_path, "issue-009-certificate-valid-until.pdf", [certificate.text()])
    assert value(got, "expiry_date") == "2029-02-03"
    assert value(got, "issue_date") == "2026-02-04"
