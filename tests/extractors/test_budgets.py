"""Per-document budgets: small hostile PDFs end quickly, in the contract's error or a partial result with a warning.

The quick tests use the same tricks as the full-size files of issue 11 at a smaller scale, with budgets lowered to
match. The full-size files (390 pages, 40000x40000, 400 MB...) run with the default limits in
``test_full_size_hostile_pdfs_end_in_time_and_memory``, marked ``slow`` (``VA_SLOW_TESTS=1``), and are timed and
weighed by ``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import os
import resource
import time

import pytest

from extractors import ocr
from extractors.document import check_streams
from extractors.limits import Limits
from extractors.model import DocumentError
from extractors.reader import extract_bytes
from extractors.worker import IsolatedExtractor

from . import hostile_pdfs, make_pdf

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")


def _warned(result: object, variable: str) -> str:
    texts = [*getattr(result, "warnings", [])]
    error = getattr(result, "error", None)
    if error is not None:
        texts.append(error.message)
    found = [t for t in texts if variable in t]
    assert found, texts
    return found[0]


@needs_tesseract
def test_ocr_stops_after_the_page_budget_and_says_which_pages_were_not_read() -> None:
    pdf = hostile_pdfs.image_only_pages(7)
    result = extract_bytes(pdf, "scans.pdf", limits=Limits(max_ocr_pages=2))
    assert result.error is None
    warning = _warned(result, "VA_MAX_OCR_PAGES")
    assert warning.startswith("pages 3-7: no text layer, not read")
    assert any("pages 1-2" in w and "read with OCR" in w for w in result.warnings)


@needs_tesseract
def test_ocr_stops_after_the_seconds_budget() -> None:
    pdf = hostile_pdfs.image_only_pages(12)
    started = time.monotonic()
    result = extract_bytes(pdf, "scans.pdf", limits=Limits(max_ocr_seconds=1.0))
    assert time.monotonic() - started < 15
    _warned(result, "VA_MAX_OCR_SECONDS")  # a warning with what was read, or no_text_layer saying why
    if result.error is not None:
        assert result.error.code == "no_text_layer"


def test_a_page_with_an_image_over_the_pixel_budget_is_not_rendered() -> None:
    pdf = hostile_pdfs.huge_image(3000)  # 9 million pixels
    started = time.monotonic()
    result = extract_bytes(pdf, "huge.pdf", limits=Limits(max_image_pixels=4_000_000))
    assert time.monotonic() - started < 10
    assert result.error is not None and result.error.code == "no_text_layer"
    assert "9 million pixels" in _warned(result, "VA_MAX_IMAGE_PIXELS")


def test_rendering_refuses_a_page_whose_image_is_over_the_pixel_budget() -> None:
    """Every renderer goes through ``ocr.render`` (OCR of scanned pages, a certificate's artwork): none decodes
    such an image."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(hostile_pdfs.huge_image(3000))
    try:
        page = pdf[0]
        assert ocr.largest_image_pixels(page) == 9_000_000
        with pytest.raises(ocr.ImageTooLarge, match="VA_MAX_IMAGE_PIXELS"):
            ocr.render(page, max_image_pixels=4_000_000)
        assert ocr.render(page, max_image_pixels=10_000_000)[:2] == b"P5"
        page.close()
    finally:
        pdf.close()


def test_a_stream_that_inflates_past_the_limit_is_refused_before_parsing() -> None:
    pdf = hostile_pdfs.inflating_stream(40 * 1024 * 1024)  # over the default 32 MB
    assert len(pdf) < 200_000
    started = time.monotonic()
    result = extract_bytes(pdf, "bomb.pdf")
    assert time.monotonic() - started < 5
    assert result.error is not None and result.error.code == "too_large"
    assert "VA_MAX_STREAM_BYTES" in result.error.message
    with pytest.raises(DocumentError):
        check_streams(hostile_pdfs.inflating_stream(3 * 1024 * 1024), Limits(max_stream_bytes=2 * 1024 * 1024))
    check_streams(hostile_pdfs.inflating_stream(1024 * 1024), Limits(max_stream_bytes=2 * 1024 * 1024))


def test_ordinary_documents_pass_the_stream_check() -> None:
    for pdf in (make_pdf.report_pdf(5), make_pdf.two_column_pdf(["left"] * 5, ["right"] * 5, "Title")):
        check_streams(pdf, Limits())
        assert extract_bytes(pdf, "ok.pdf").error is None


def test_deeply_nested_arrays_and_a_lying_page_tree_end_quickly() -> None:
    for pdf in (hostile_pdfs.nested_arrays(200_000), hostile_pdfs.page_tree_claiming(100_000_000)):
        started = time.monotonic()
        result = extract_bytes(pdf, "odd.pdf")
        assert time.monotonic() - started < 10
        assert result.error is None or result.error.code in {"too_large", "corrupt"}
        if result.error is None:
            assert result.file.pages is not None and result.file.pages <= 500


@needs_tesseract
def test_a_poster_size_page_is_rendered_within_the_pixel_cap() -> None:
    started = time.monotonic()
    result = extract_bytes(hostile_pdfs.poster_page(), "poster.pdf")
    assert time.monotonic() - started < 30
    assert result.error is None and result.file.pages == 1


def test_limits_for_the_budgets_come_from_the_environment() -> None:
    limits = Limits.from_env({"VA_MAX_OCR_PAGES": "5", "VA_MAX_OCR_SECONDS": "2.5", "VA_MAX_IMAGE_PIXELS": "1000",
                              "VA_MAX_STREAM_BYTES": "8MB"})
    assert (limits.max_ocr_pages, limits.max_ocr_seconds) == (5, 2.5)
    assert (limits.max_image_pixels, limits.max_stream_bytes) == (1000, 8 * 1024 * 1024)
    for bad in ({"VA_MAX_OCR_SECONDS": "0"}, {"VA_MAX_OCR_PAGES": "-1"}, {"VA_MAX_STREAM_BYTES": "lots"}):
        with pytest.raises(ValueError, match="VA_MAX|max_"):
            Limits.from_env(bad)


slow = pytest.mark.skipif(not os.environ.get("VA_SLOW_TESTS"), reason="full-size hostile PDFs: set VA_SLOW_TESTS=1")


@slow
@pytest.mark.parametrize("name", list(hostile_pdfs.HOSTILE))
def test_full_size_hostile_pdfs_end_in_time_and_memory(name: str) -> None:
    """Issue 11's six files with the default limits: each within 45 s, the reader child under 768 MB."""
    pdf = hostile_pdfs.HOSTILE[name]()
    started = time.monotonic()
    with IsolatedExtractor(Limits()) as worker:
        result = worker.extract_bytes(pdf, f"{name}.pdf")
    seconds = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert seconds < 45, (name, seconds)
    assert peak_mb < 768, (name, peak_mb)
    assert result.error is None or result.error.code in {"too_large", "no_text_layer", "timeout"}
