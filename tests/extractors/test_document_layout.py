"""Reading order for layout-heavy pages: two columns read column by column, tables read row by row, on demand."""

from __future__ import annotations

import pytest

from extractors import document
from extractors.limits import Deadline
from extractors.model import DocumentError

from . import make_pdf

LEFT = ["The service organization", "operates a payments", "platform hosted in", "two regions."]
RIGHT = ["Subservice providers", "include Amazon Web", "Services for hosting", "and Twilio for SMS."]
TITLE = "Section 3: Description of the System Provided by the Service Organization (Overview)"


def test_two_columns_read_column_by_column() -> None:
    doc = document.load(make_pdf.two_column_pdf(LEFT, RIGHT, TITLE))
    assert "The service organization Subservice providers" in doc.page(1).text  # drawn row by row
    assert len(doc.column_bounds(1)) == 2
    assert doc.reading_text(1).split("\n") == [TITLE, *LEFT, *RIGHT]
    assert doc.columns(1) == ["\n".join([TITLE, *LEFT]), "\n".join(RIGHT)]


ABOVE = [
    "Company Overview: the paragraph above runs across the whole width of the page, from margin to margin, as",
    "a report's ordinary prose does before its layout changes to two columns for a while.",
]
BELOW = [
    "After the columns the text runs across the page again, and it is read after both columns have been read",
    "completely, never in between them.",
]


def test_part_of_a_page_in_two_columns_reads_each_column_in_turn_under_a_watermark() -> None:
    pdf = make_pdf.partial_two_column_pdf(ABOVE, [*LEFT, "Left only line."], RIGHT, BELOW, "CONFIDENTIAL")
    doc = document.load(pdf)
    assert "two regions. and Twilio for SMS." in doc.page(1).text  # the plain text glues the columns
    bands = doc.column_bands(1)
    assert [b.gutter is not None for b in bands] == [False, True, False]
    assert doc.reading_text(1).split("\n") == [*ABOVE, *LEFT, "Left only line.", *RIGHT, *BELOW]


def test_a_page_without_columns_reads_as_its_plain_text() -> None:
    doc = document.load(make_pdf.partial_two_column_pdf(ABOVE, [], [], BELOW, "DRAFT"))
    assert doc.column_bands(1) == []
    assert doc.reading_text(1) is doc.page(1).text


def test_lines_keep_cells_apart() -> None:
    doc = document.load(make_pdf.two_column_pdf(LEFT, RIGHT, TITLE))
    assert doc.line_texts(1)[1] == "The service organization\tSubservice providers"


CONTROLS = [
    ("CC6.1", "Logical access to production systems requires multi-factor authentication.", "No exceptions noted."),
    ("CC6.2", "New user access is approved by the system owner before it is granted.", "Exception noted."),
    ("CC7.2", "Security events are monitored around the clock.", "No exceptions noted."),
]


def test_a_control_table_reads_row_by_row_with_multiline_cells_joined() -> None:
    doc = document.load(make_pdf.control_table_pdf(CONTROLS))
    rows = doc.table_rows(1)
    assert rows[0] == ["Section 4: Trust Services Criteria, Related Controls and Tests of Controls"]
    assert rows[1] == ["Control #", "Control Activity", "Results of Tests"]
    assert rows[2:] == [list(row) for row in CONTROLS]
    assert doc.reading_text(1) == doc.page(1).text  # a table's narrow id column is not a newspaper column


def test_layout_is_cached_per_page_and_segments_have_positions() -> None:
    doc = document.load(make_pdf.control_table_pdf(CONTROLS))
    first = doc.segments(1)
    assert doc.segments(1) is first
    cc61 = next(s for s in first if s.text == "CC6.1")
    width, height = doc.page_size(1)
    assert (width, height) == (612, 792)
    assert 55 < cc61.x0 < 65 and 0 < cc61.top < cc61.bottom < height / 2


def test_pdfplumber_on_demand_and_closed_after() -> None:
    doc = document.load(make_pdf.control_table_pdf(CONTROLS))
    with doc.plumber(1) as page:
        words = page.extract_words()
    assert any(w["text"] == "CC6.2" for w in words)


def test_layout_requests_respect_the_deadline() -> None:
    doc = document.load(make_pdf.report_pdf(2))
    doc.deadline = Deadline(0.0)
    with pytest.raises(DocumentError) as info:
        doc.segments(2)
    assert info.value.code == "timeout"


def test_full_text_joins_pages_in_order() -> None:
    doc = document.load(make_pdf.report_pdf(3))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.full_text.index("Section 1") < doc.full_text.index("Section 2") < doc.full_text.index("Section 3")


def test_documents_read_from_several_threads_match_sequential_reads() -> None:
    """PDFium is not thread-safe; the service reads from worker threads, so document.py serializes pdfium calls."""
    from concurrent.futures import ThreadPoolExecutor

    from extractors.reader import extract_bytes

    inputs = [make_pdf.report_pdf(n) for n in (2, 5, 9)] + [make_pdf.control_table_pdf(CONTROLS)] * 3

    def read(data: bytes) -> tuple[object, ...]:
        doc = document.load(data)
        rows = [doc.table_rows(p.number) for p in doc.pages]
        return (extract_bytes(data, "t.pdf").to_dict(), [p.text for p in doc.pages], rows)

    expected = [read(d) for d in inputs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(3):
            assert list(pool.map(read, inputs)) == expected


def test_a_document_stuck_in_pdfium_turns_the_next_into_a_timeout_not_a_hang() -> None:
    import threading
    import time

    from extractors.limits import Limits
    from extractors.reader import extract_bytes

    held, release = threading.Event(), threading.Event()

    def stuck() -> None:  # stands for a thread inside one endless pdfium call
        with document.PDFIUM_LOCK:
            held.set()
            release.wait(10)

    thread = threading.Thread(target=stuck)
    thread.start()
    try:
        held.wait(5)
        started = time.monotonic()
        result = extract_bytes(make_pdf.report_pdf(1), "next.pdf", limits=Limits(timeout_seconds=0.3))
        assert time.monotonic() - started < 2
        assert result.error is not None and result.error.code == "timeout"
        assert "busy with another document" in result.error.message
    finally:
        release.set()
        thread.join()
    assert extract_bytes(make_pdf.report_pdf(1), "after.pdf").error is None


def test_image_share_and_render_for_ocr() -> None:
    doc = document.load(
        make_pdf.mixed_pdf(make_pdf.LOREM * 3, ["Report of Independent Accountants"], logo_page="Acme SOC 3 Report"),
        use_ocr=False,
    )
    assert doc.image_share(1) == 0.0
    assert doc.image_share(2) > 0.95  # the full-page scan
    assert 0.01 < doc.image_share(3) < 0.05  # a logo
    image = doc.render(2)
    assert image.startswith(b"P5")  # greyscale PGM, as Tesseract reads it from stdin
    width, height = (int(v) for v in image.split(b"\n")[1].split())
    assert width == 2550 and height in (3300, 3301)  # Letter at 300 DPI (pdfium rounds up)


def test_issue9_columns_whose_paragraphs_break_at_different_heights_stay_columns() -> None:
    """A right column's paragraph ends a line after the left one's, then the left column's next paragraph starts a
    line before the right one's: those two one-sided lines are still inside the columns (the AI statement of a
    generated SOC 3 was glued to the other column's sentence)."""
    # Rows 0-1 and 5 have both columns; rows 2-3 only the right one, row 4 only the left one ("" draws nothing).
    left = ["The company was established", "in 2013 and serves banks.", "", "", "Customers use the service", "to file"]
    right = ["Principal commitments:", "encryption, uptime of", "99.5 percent each month", "and notice", "", "A model"]
    pdf = make_pdf.partial_two_column_pdf(ABOVE, left, right, BELOW, "DRAFT")
    doc = document.load(pdf)
    assert [b.gutter is not None for b in doc.column_bands(1)] == [False, True, False]
    assert doc.reading_text(1).split("\n") == [*ABOVE, *[t for t in left if t], *[t for t in right if t], *BELOW]
