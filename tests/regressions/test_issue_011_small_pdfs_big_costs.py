"""Issue 11: "an 80 KB PDF of 390 image-only pages holds a parse worker for two minutes of OCR until the time limit
kills it, so any write token can stall ingestion; a PDF with one 40000x40000 image peaks at 1.9 GB, a content stream
that inflates to 400 MB at 2.1 GB."

Each budget ends the document the way the contract allows, through ``vendor-assurance extract --json``: pages past
the OCR budget are reported as not read, with a warning; a stream that would inflate past its budget is refused
before any parser opens the file; an image over the pixel budget is never decoded. The files are the same tricks at
a size that keeps the test fast (the full-size ones run in tests/extractors/test_budgets.py with VA_SLOW_TESTS=1).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from extractors import ocr
from tests.extractors import hostile_pdfs

from .helpers import run_cli, write_pdf


def extract_json(path: Path) -> tuple[int, dict[str, object]]:
    status, out, err = run_cli("extract", path, "--json", "--in-process")
    assert "Traceback" not in err, err
    return status, json.loads(out)


@pytest.mark.skipif(not ocr.available(), reason="needs Tesseract")
def test_issue_011_image_only_pages_past_the_ocr_budget_are_reported_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VA_MAX_OCR_PAGES", "1")
    path = write_pdf(tmp_path, "issue-011-image-only-pages.pdf", hostile_pdfs.image_only_pages(6))
    started = time.monotonic()
    status, result = extract_json(path)
    assert time.monotonic() - started < 20
    assert status == 0
    warnings = result["warnings"]
    assert isinstance(warnings, list)
    assert any("pages 2-6" in w and "VA_MAX_OCR_PAGES" in w for w in warnings), warnings


def test_issue_011_a_stream_that_inflates_past_its_budget_is_refused_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VA_MAX_STREAM_BYTES", str(4 * 1024 * 1024))
    path = write_pdf(tmp_path, "issue-011-inflating-stream.pdf", hostile_pdfs.inflating_stream(12 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    status, result = extract_json(path)
    assert status == 1
    error = result["error"]
    assert isinstance(error, dict) and error["code"] == "too_large"
    assert "VA_MAX_STREAM_BYTES" in error["message"]


def test_issue_011_an_image_over_the_pixel_budget_is_never_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VA_MAX_IMAGE_PIXELS", "4000000")
    path = write_pdf(tmp_path, "issue-011-huge-image.pdf", hostile_pdfs.huge_image(3000))
    started = time.monotonic()
    status, result = extract_json(path)
    assert time.monotonic() - started < 10
    assert status == 1
    error = result["error"]
    assert isinstance(error, dict) and error["code"] == "no_text_layer"
    assert "VA_MAX_IMAGE_PIXELS" in error["message"]
