"""Loading a PDF: open it within the limits, read every page's text once, and hand out each page's layout on demand.

``load`` refuses what must not be parsed (a stream that inflates past the limit, too many pages, a password, a
damaged file) with the contract's error codes, reads the fast plain-text pass with pypdfium2 (about 1-2 ms a page)
and sends pages without a text layer to OCR. The ``Document`` it returns reads positioned text runs from pdfium only
for the pages a field reader asks about, one page at a time, and caches them; what those runs mean (lines, columns,
bands, table rows) is worked out by ``layout``, which never sees a PDF. ``plumber(n)`` opens pdfplumber (about
100 ms a page) for real table extraction and closes it after use so a 300-page report never sits in memory as
pdfminer objects.
"""

from __future__ import annotations

import io
import logging
import threading
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import layout, ocr
from .layout import Band, Segment
from .limits import Deadline, Limits, human_bytes
from .model import DocumentError
from .patterns import lazy

log = logging.getLogger(__name__)

# A page with fewer real words than this, but with images or vector drawing on it, is treated as scanned. Headers,
# footers and page numbers that a scanning workflow stamps on top of the image stay below it; a page of prose does not.
MIN_WORDS = 20
# PDFium is not thread-safe, not even across separate documents (pypdfium2's documentation): the service may read
# documents from several threads, so every pdfium call in this package runs under this lock.
PDFIUM_LOCK = threading.RLock()


@contextmanager
def _pdfium_turn(deadline: Deadline | None, doing: str) -> Iterator[None]:
    """Hold PDFIUM_LOCK, waiting no longer than the deadline: a document stuck in pdfium on another thread must
    turn the next ones into timeouts, not into threads blocked forever."""
    wait = -1.0 if deadline is None else max(deadline.remaining(), 0.001)
    if not PDFIUM_LOCK.acquire(timeout=wait):
        raise DocumentError(
            "timeout",
            f"gave up after {deadline.seconds if deadline else 0:g} s waiting for the PDF reader (busy with another "
            f"document) before {doing}",
        )
    try:
        yield
    finally:
        PDFIUM_LOCK.release()


Progress = Callable[[str], None]  # told what the reader is doing ("page 41 of 120"), for a progress display


def _quiet(_: str) -> None:
    pass


_WORD = lazy(r"[^\W\d_]{2,}")
# What pdfium's text holds that no reader wants: carriage returns and NULs dropped, its soft-hyphen codes (U+0002,
# U+FFFE) made plain hyphens.
_TEXT_FIXES = (("\r", ""), ("\x02", "-"), ("\ufffe", "-"), ("\x00", ""))


def _fix_text(text: str) -> str:
    """The text without ``_TEXT_FIXES``' characters. ``str.replace`` per character rather than ``str.translate``:
    on text that is not pure ASCII (any page with a curly quote), translate looks every character up in a dict,
    which cost 45 ms over a 120-page report; a character that is absent costs one scan here."""
    for bad, good in _TEXT_FIXES:
        if bad in text:
            text = text.replace(bad, good)
    return text


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    text: str
    ocr: bool = False


@dataclass
class Document:
    """A parsed PDF: pages with their text; each page's positioned runs are read on demand and cached, and its
    layout (lines, columns, bands, table rows) is worked out from them by ``layout``.

    Close it (or use it as a context manager) to release pdfium's handle early; it is also released when collected.
    """

    data: bytes
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    _pdf: Any = field(default=None, repr=False)
    _segments: dict[int, list[Segment]] = field(default_factory=dict, repr=False)
    _sizes: dict[int, tuple[float, float]] = field(default_factory=dict, repr=False)
    _bands: dict[int, list[Band]] = field(default_factory=dict, repr=False)

    @cached_property
    def full_text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.ocr]

    def page(self, number: int) -> Page:
        return self.pages[number - 1]

    # --- layout, on demand -------------------------------------------------------------------------------------

    def page_size(self, number: int) -> tuple[float, float]:
        """(width, height) in points."""
        if number not in self._sizes:
            self.segments(number)
        return self._sizes[number]

    def segments(self, number: int) -> list[Segment]:
        """Text runs in drawing order with positions (pdfium's text rectangles). Empty for OCR'd pages."""
        cached = self._segments.get(number)
        if cached is not None:
            return cached
        self._check_deadline(f"reading the layout of page {number}")
        with _pdfium_turn(self.deadline, f"reading the layout of page {number}"):
            return self._read_segments(number)

    def _read_segments(self, number: int) -> list[Segment]:
        page = self._pdfium()[number - 1]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                out = []
                for i in range(textpage.count_rects()):
                    left, bottom, right, top = textpage.get_rect(i)
                    text = _fix_text(textpage.get_text_bounded(left, bottom, right, top))
                    text = text.replace("\n", " ").strip()
                    if text:
                        out.append(Segment(left, height - top, right, height - bottom, text))
            finally:
                textpage.close()
        finally:
            page.close()
        self._sizes[number] = (width, height)
        self._segments[number] = out
        return out

    def lines(self, number: int) -> list[list[Segment]]:
        """Visual lines top to bottom, each a list of segments left to right: a table row reads as its cells."""
        return layout.visual_lines(self.segments(number))

    def line_texts(self, number: int, sep: str = "\t") -> list[str]:
        """Each visual line as text, cells joined with ``sep`` (a tab keeps table cells apart)."""
        return [sep.join(s.text for s in row) for row in self.lines(number)]

    def column_bounds(self, number: int, *, min_width: float = 30.0) -> list[tuple[float, float]]:
        """x-ranges of the page's columns: of a two-column page, or of a table's cells (``layout.column_bounds``)."""
        width, _ = self.page_size(number)
        return layout.column_bounds(self.segments(number), width, min_width=min_width)

    def table_rows(self, number: int) -> list[list[str]]:
        """The page as rows of cells, multi-line cells joined (``layout.table_rows``)."""
        width, _ = self.page_size(number)
        return layout.table_rows(self.segments(number), width)

    def columns(self, number: int) -> list[str]:
        """The page's text column by column, each top to bottom (``layout.columns``)."""
        width, _ = self.page_size(number)
        return layout.columns(self.segments(number), width)

    def reading_text(self, number: int) -> str:
        """Page text in reading order: where part of the page (or all of it) is set in two columns, each such band
        is read left column first, then right; everything else reads as drawn. Without such a band this is the plain
        text itself, so callers can ask for it on any page and pay only for the layout pass (see ``column_bands``).

        A table's columns do not count (its rows have more than two runs, or a column narrower than a quarter of
        the page): use ``table_rows`` for tables.
        """
        if self.page(number).ocr or not self.data:  # OCR'd, or a document made from text alone: no layout
            return self.page(number).text
        bands = self.column_bands(number)
        if not bands:
            return self.page(number).text
        return layout.reading_text(bands)

    def column_bands(self, number: int) -> list[Band]:
        """The page cut into horizontal bands, top to bottom, each either plain lines or two columns with a gutter
        (``layout.bands``); empty when no part of the page has two columns. Built from upright characters only, so a
        diagonal watermark neither joins lines nor leaks letters into them.
        """
        cached = self._bands.get(number)
        if cached is not None:
            return cached
        self._check_deadline(f"reading the columns of page {number}")
        with _pdfium_turn(self.deadline, f"reading the columns of page {number}"):
            width, lines = self._read_runs(number)
        bands = layout.bands(lines, width)
        self._bands[number] = bands if any(b.gutter is not None for b in bands) else []
        return self._bands[number]

    def _read_runs(self, number: int) -> tuple[float, list[list[Segment]]]:
        """Upright characters grouped into runs (split at a gap wider than the font's height) and lines."""
        page = self._pdfium()[number - 1]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                raw = textpage.raw
                box = pdfium_c.FS_RECTF()
                runs: list[list[Any]] = []  # [x0, top, x1, bottom, chars]
                current: list[Any] | None = None
                for i in range(pdfium_c.FPDFText_CountChars(raw)):
                    code = pdfium_c.FPDFText_GetUnicode(raw, i)
                    if code in (10, 13):
                        current = None
                        continue
                    if code == 32 or pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                        if current is not None and current[4][-1:] != [" "]:
                            current[4].append(" ")
                        continue
                    angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
                    if 0.02 < angle < 6.26 or not pdfium_c.FPDFText_GetLooseCharBox(raw, i, box):
                        continue  # rotated (watermarks, side notes)
                    x0, x1, top, bottom = box.left, box.right, height - box.top, height - box.bottom
                    size = max(bottom - top, 1.0)
                    if (
                        current is None
                        or abs(bottom - current[3]) > 0.5 * size
                        or x0 - current[2] > size
                        or x0 < current[0] - 1
                    ):
                        current = [x0, top, x1, bottom, []]
                        runs.append(current)
                    current[2] = max(current[2], x1)
                    current[1], current[3] = min(current[1], top), max(current[3], bottom)
                    current[4].append(chr(code))
            finally:
                textpage.close()
        finally:
            page.close()
        segs = [Segment(r[0], r[1], r[2], r[3], "".join(r[4]).strip()) for r in runs]
        return width, layout.baseline_lines([s for s in segs if s.text])

    def image_share(self, number: int) -> float:
        """The largest image on the page as a share of the page's area (0.0 without images): logos, scans, artwork."""
        self._check_deadline(f"looking at the images of page {number}")
        with _pdfium_turn(self.deadline, f"looking at the images of page {number}"):
            page = self._pdfium()[number - 1]
            try:
                width, height = page.get_size()
                area = max(width * height, 1.0)
                best = 0.0
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
                    with suppress(Exception):
                        left, bottom, right, top = obj.get_bounds()
                        best = max(best, (right - left) * (top - bottom) / area)
                return min(best, 1.0)
            finally:
                page.close()

    def render(self, number: int) -> bytes:
        """The page as an image for Tesseract (``ocr.read_image``): 300 DPI greyscale, size-capped."""
        self._check_deadline(f"rendering page {number}")
        with _pdfium_turn(self.deadline, f"rendering page {number}"):
            page = self._pdfium()[number - 1]
            try:
                return ocr.render(page)
            finally:
                page.close()

    @contextmanager
    def plumber(self, number: int) -> Iterator[Any]:
        """``with doc.plumber(5) as page: page.extract_tables()`` - the page and its pdfminer objects freed after."""
        import pdfplumber

        self._check_deadline(f"opening page {number} with pdfplumber")
        pdf = pdfplumber.open(io.BytesIO(self.data), pages=[number])
        try:
            yield pdf.pages[0]
        finally:
            pdf.close()

    # --- lifetime -------------------------------------------------------------------------------------------------

    def close(self) -> None:
        if self._pdf is not None:
            if PDFIUM_LOCK.acquire(timeout=5.0):  # else leak the handle rather than hang behind a stuck document
                try:
                    with suppress(Exception):
                        self._pdf.close()
                finally:
                    PDFIUM_LOCK.release()
            self._pdf = None

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pdfium(self) -> Any:
        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self.data)
        return self._pdf

    def _check_deadline(self, doing: str) -> None:
        if self.deadline is not None:
            self.deadline.check(doing)


def load(
    data: bytes,
    *,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    use_ocr: bool = True,
    progress: Progress | None = None,
) -> Document:
    """Read every page's plain text with pypdfium2; OCR the pages that have no text layer.

    Raises DocumentError (encrypted, corrupt, empty, too_large, no_text_layer, timeout). Input that is not a PDF at
    all is the caller's to reject first (``sniff.check``) because pdfium's own errors cannot tell those cases apart.
    """
    limits = limits or Limits()
    deadline = deadline or Deadline(limits.timeout_seconds)
    check_streams(data, limits, deadline)
    reader: _PageReader | None = None
    try:
        with _pdfium_turn(deadline, "opening the document"):
            try:
                pdf = pdfium.PdfDocument(data)
            except pdfium.PdfiumError as exc:
                raise _open_error(exc, data) from None
            try:
                count = len(pdf)
                if count == 0:
                    raise DocumentError("empty", "the PDF has no pages")
                if count > limits.max_pages:
                    raise DocumentError(
                        "too_large",
                        f"the PDF has {count} pages, over the {limits.max_pages}-page limit "
                        "(raise it with --max-pages or VA_MAX_PAGES)",
                    )
                reader = _PageReader(pdf, deadline, use_ocr, progress or _quiet, limits)
                reader.read_pages(count)
            finally:
                pdf.close()
        assert reader is not None
        doc = reader.finish(count)  # waits for Tesseract outside the lock: other documents may use pdfium meanwhile
    finally:
        if reader is not None:
            reader.shutdown()
    doc.data = data
    doc.deadline = deadline
    return doc


_STREAM = lazy(rb"stream\r?\n")
# The last object header ("12 0 obj") before a point: greedy ``.*`` makes the engine try from the end backwards, so
# finding it costs the length of one dictionary, not a scan of the whole window before it.
_LAST_OBJ_START = lazy(rb"(?s:.*)\d+\s+\d+\s+obj\b")
_IMAGE = lazy(rb"/Subtype\s*/Image\b|/Type\s*/EmbeddedFile\b")
_INFLATE_IN = 256 * 1024  # compressed bytes fed to zlib at a time
_INFLATE_OUT = 4 * 1024 * 1024  # inflated bytes produced at a time (and so held at most)


def check_streams(data: bytes, limits: Limits, deadline: Deadline | None = None) -> None:
    """Refuse a PDF with a stream that inflates past ``limits.max_stream_bytes``, before any parser opens it.

    Parsers hold a content stream whole and build objects many times its size, and neither pdfium nor pdfminer can
    be told to stop part-way; a 400 KB file whose content stream inflates to 400 MB took 2 GB. So every Flate
    stream that is not an image is inflated here first, a few MB at a time and thrown away, counting bytes, stopping
    at the limit. Images are left to ``max_image_pixels`` (only rendering decodes them), attached files to nobody
    (nothing here opens them). Streams that are not Flate,
    or are encrypted, fail to inflate at once and cost nothing; the memory ceiling of ``extractors.worker`` is the
    last line behind this check.
    """
    view = memoryview(data)
    limit = limits.max_stream_bytes
    for found in _STREAM.finditer(data):
        start = found.end()
        if _is_image_stream(data, found.start()):
            continue
        if deadline is not None:
            deadline.check("checking the PDF's streams")
        inflated = _inflated_size(view, start, limit)
        if inflated > limit:
            raise DocumentError(
                "too_large",
                f"a stream in the PDF inflates to more than {human_bytes(limit)} (the limit for one stream; raise "
                "it with VA_MAX_STREAM_BYTES); the PDF may be built to exhaust memory",
            )


def _is_image_stream(data: bytes, keyword_at: int) -> bool:
    """Is the stream starting at ``keyword_at`` an image XObject (or an attached file)? Its dictionary is between
    ``N 0 obj`` and here."""
    start = max(0, keyword_at - 4096)
    header = _LAST_OBJ_START.match(data, start, keyword_at)
    return _IMAGE.search(data, header.end() if header else start, keyword_at) is not None


def _inflated_size(view: memoryview, start: int, limit: int) -> int:
    """Bytes the Flate data at ``start`` inflates to, counted up to just past ``limit`` (0 when it is not Flate)."""
    inflater = zlib.decompressobj()
    total = 0
    pos = start
    try:
        while pos < len(view) and not inflater.eof:
            piece = inflater.decompress(view[pos : pos + _INFLATE_IN], _INFLATE_OUT)
            pos += _INFLATE_IN
            total += len(piece)
            while inflater.unconsumed_tail and not inflater.eof and total <= limit:
                total += len(inflater.decompress(inflater.unconsumed_tail, _INFLATE_OUT))
            if total > limit:
                return total
    except zlib.error:
        return total  # not Flate (or damaged): the parser reports what it makes of it
    return total


def _open_error(exc: pdfium.PdfiumError, data: bytes) -> DocumentError:
    """Map pdfium's load failure to the contract's code.

    pdfium's last-error value is process-wide and not reset by a successful call, so a password error reported
    after an earlier encrypted file is only believed when the file really has an /Encrypt dictionary.
    """
    code = getattr(exc, "err_code", None)
    encrypted = _ENCRYPT.search(data) is not None
    if code == pdfium_c.FPDF_ERR_PASSWORD and encrypted:
        return DocumentError("encrypted", "the PDF is password-protected; ask the vendor for an unprotected copy")
    if code == pdfium_c.FPDF_ERR_SECURITY and encrypted:
        return DocumentError("encrypted", "the PDF uses an encryption scheme that cannot be opened")
    if _NO_PAGES.search(data) and not _SOME_PAGES.search(data):
        return DocumentError("empty", "the PDF has no pages")
    return DocumentError("corrupt", "the PDF is damaged and could not be opened")


_ENCRYPT = lazy(rb"/Encrypt[\s/<\d]")
_NO_PAGES = lazy(rb"/Count\s+0\b")
_SOME_PAGES = lazy(rb"/Count\s+[1-9]")


class _PageReader:
    """One pass over the pages: text now, OCR images rendered in order and read by Tesseract in parallel."""

    def __init__(
        self, pdf: Any, deadline: Deadline, use_ocr: bool, progress: Progress, limits: Limits | None = None
    ) -> None:
        self.pdf = pdf
        self.deadline = deadline
        self.progress = progress
        self.limits = limits or Limits()
        self.use_ocr = use_ocr and ocr.available()
        self.wanted_ocr = use_ocr
        self.pages: list[Page] = []
        self.warnings: list[str] = []
        self.unreadable: list[int] = []
        self.needs_ocr: list[int] = []
        self.blank: list[int] = []
        # pages that needed OCR but were not sent (or not read), by the budget that stopped them
        self.over_budget: dict[str, list[int]] = {}
        self._jobs: dict[int, Future[str]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._running = ocr.Running()
        self._ocr_budget: Deadline | None = None  # started when the first page goes to OCR
        self.ocr_failure: str | None = None

    def read_pages(self, count: int) -> None:
        """Text of every page; scanned pages rendered and queued for Tesseract. Caller holds PDFIUM_LOCK."""
        for index in range(count):
            self.deadline.check(f"reading page {index + 1} of {count}")
            if index % 20 == 0:
                self.progress(f"page {index + 1} of {count}")
            self.pages.append(self._read_page(index))

    def finish(self, count: int) -> Document:
        self._collect_ocr()
        self._summarize(count)
        return Document(data=b"", pages=self.pages, warnings=self.warnings)

    def shutdown(self) -> None:
        """Stop queued and running OCR (the document is done, or gave up): no Tesseract outlives its document."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._running.kill_all()

    def _read_page(self, index: int) -> Page:
        number = index + 1
        try:
            page = self.pdf[index]
        except pdfium.PdfiumError:
            self.unreadable.append(number)
            return Page(number, "")
        try:
            textpage = page.get_textpage()
            try:
                text = _fix_text(textpage.get_text_range())
            finally:
                textpage.close()
            if _looks_scanned(page, text):
                self.needs_ocr.append(number)
                if self.use_ocr and self._within_budget(number, page):
                    self._submit(number, ocr.render(page, max_image_pixels=self.limits.max_image_pixels))
            elif not text.strip():
                self.blank.append(number)
            return Page(number, text)
        finally:
            page.close()

    def _within_budget(self, number: int, page: Any) -> bool:
        """May this scanned page go to OCR? Not past the document's OCR pages or seconds, nor with an image too
        large to decode (``Limits``); a page refused is recorded under the budget that refused it."""
        limits = self.limits
        reason: str | None = None
        if len(self._jobs) >= limits.max_ocr_pages:
            reason = f"over the OCR budget of {limits.max_ocr_pages} pages per document (VA_MAX_OCR_PAGES)"
        elif self._ocr_budget is not None and self._ocr_budget.expired():
            reason = f"over the OCR budget of {limits.max_ocr_seconds:g} s per document (VA_MAX_OCR_SECONDS)"
        else:
            pixels = ocr.largest_image_pixels(page)
            if pixels > limits.max_image_pixels:
                reason = (
                    f"an image of {pixels / 1e6:,.0f} million pixels, over the {limits.max_image_pixels / 1e6:,.0f}"
                    " million a page may hold to be read with OCR (VA_MAX_IMAGE_PIXELS)"
                )
        if reason is None:
            return True
        self.over_budget.setdefault(reason, []).append(number)
        return False

    def _ocr_seconds_left(self) -> float:
        if self._ocr_budget is None:
            self._ocr_budget = Deadline(self.limits.max_ocr_seconds)
        return min(self.deadline.remaining(), self._ocr_budget.remaining())

    def _submit(self, number: int, image: bytes) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=ocr.workers(), thread_name_prefix="ocr")
        # Bound the rendered images waiting in memory (~8 MB each) on a fully scanned report.
        while sum(not f.done() for f in self._jobs.values()) >= 2 * ocr.workers():
            waiting = next(n for n, f in self._jobs.items() if not f.done())
            with suppress(ocr.OcrUnavailable, _OcrBudgetSpent):
                self._wait(waiting)
        self._jobs[number] = self._pool.submit(
            ocr.read_image, image, timeout=self._ocr_seconds_left(), running=self._running
        )

    def _wait(self, number: int) -> str:
        """The page's OCR text. Raises DocumentError (the document's time limit), _OcrBudgetSpent (the OCR seconds
        budget: the page is reported as not read) or OcrUnavailable."""
        future = self._jobs[number]
        budget = self._ocr_budget
        try:
            return future.result(timeout=self._ocr_seconds_left() + 1.0)
        except (TimeoutError, ocr.OcrTimeout):
            if self.deadline.expired() or budget is None or not budget.expired():
                raise DocumentError("timeout", _ocr_timeout(self.deadline)) from None
            raise _OcrBudgetSpent from None

    def _collect_ocr(self) -> None:
        spent: list[int] = []
        for done, number in enumerate(sorted(self._jobs)):
            self.progress(f"OCR of scanned pages, {done} of {len(self._jobs)} done")
            if spent:  # the budget ran out: stop the rest rather than wait for each in turn
                spent.append(number)
                continue
            try:
                text = self._wait(number)
            except ocr.OcrUnavailable as exc:
                self.ocr_failure = self.ocr_failure or str(exc)
                continue
            except _OcrBudgetSpent:
                spent.append(number)
                self._running.kill_all()
                continue
            self.pages[number - 1] = Page(number, text, ocr=True)
        if spent:
            reason = f"over the OCR budget of {self.limits.max_ocr_seconds:g} s per document (VA_MAX_OCR_SECONDS)"
            self.over_budget.setdefault(reason, []).extend(spent)

    def _why_not_read(self) -> str:
        """Why scanned pages have no text: OCR off, Tesseract missing (how to install it) or Tesseract failing."""
        if not self.wanted_ocr:
            return "OCR is turned off"
        if self.ocr_failure is not None and ocr.available():
            return f"OCR failed ({self.ocr_failure})"
        return ocr.INSTALL_HINT

    def _summarize(self, count: int) -> None:
        done = [p.number for p in self.pages if p.ocr]
        missing = [n for n in self.needs_ocr if n not in done]
        if self.unreadable:
            self.warnings.append(f"{ocr.pages_phrase(self.unreadable)} could not be read (damaged page objects)")
        if done:
            self.warnings.append(
                f"{ocr.pages_phrase(done)}: no text layer, read with OCR (Tesseract); "
                "check quotes taken from OCR against the PDF"
            )
        has_text = any(_WORD.search(p.text) for p in self.pages)
        budgeted = {n for pages in self.over_budget.values() for n in pages}
        other = [n for n in missing if n not in budgeted]
        if missing and not has_text:
            why = " ".join(f"{ocr.pages_phrase(sorted(p))}: {r}." for r, p in self.over_budget.items())
            if other:
                why = f"{why} {self._why_not_read()}".strip()
            raise DocumentError("no_text_layer", f"the PDF has no text layer (scanned pages). {why}")
        for reason, pages in self.over_budget.items():
            self.warnings.append(f"{ocr.pages_phrase(sorted(pages))}: no text layer, not read: {reason}")
        if other:
            self.warnings.append(f"{ocr.pages_phrase(other)}: no text layer, not read. {self._why_not_read()}")
        if not has_text:
            if len(self.unreadable) == count:
                raise DocumentError("corrupt", "the PDF is damaged: none of its pages could be read")
            if self.needs_ocr:
                raise DocumentError("no_text_layer", "the PDF has no text layer and OCR found no readable text on it")
            raise DocumentError("empty", "the PDF's pages are blank: there is no text to read")


_DRAWING = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)
SCAN_COVER = 0.3  # an image over this share of the page, with almost no text on it, is a scan


def _looks_scanned(page: Any, text: str) -> bool:
    """Is this page's content an image (or outlines) that only OCR can read?

    A cover with a logo and fifteen words has a perfectly good text layer; a page whose words are all in a
    page-sized image does not. With no text at all, any drawing counts (text converted to vector outlines).
    """
    if next(islice(_WORD.finditer(text), MIN_WORDS - 1, None), None) is not None:
        return False  # at least MIN_WORDS words (counted no further: a page of prose has hundreds)
    width, height = page.get_size()
    area = max(width * height, 1.0)
    empty = not text.strip()
    for obj in page.get_objects(filter=_DRAWING, max_depth=4):
        if empty:
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            with suppress(Exception):
                left, bottom, right, top = obj.get_bounds()
                if (right - left) * (top - bottom) >= SCAN_COVER * area:
                    return True
    return False


class _OcrBudgetSpent(Exception):
    """The document's OCR seconds ran out: the pages still waiting are reported as not read."""


def _ocr_timeout(deadline: Deadline) -> str:
    return (
        f"gave up after {deadline.seconds:g} s while reading scanned pages with OCR (time limit; raise it with "
        "--timeout or VA_TIMEOUT_SECONDS)"
    )
