"""Text for pages that have none: render with pypdfium2, read with Tesseract.

Auditors often paste the signed opinion letter into the report as a scanned image, so the pages that matter most (the
auditor's name, the opinion, the report date) can be exactly the ones without a text layer. Tesseract is called as
the ``tesseract`` binary (Debian package ``tesseract-ocr``) over a pipe: no temporary files, a hard timeout per call,
and one single-threaded process per page so several pages run side by side on the available cores.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import shutil
import statistics
import subprocess
import threading
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from .layout import Segment
from .limits import Limits
from .patterns import lazy

INSTALL_HINT = (
    "Tesseract OCR is not installed, so pages without a text layer cannot be read. "
    "Install it with `apt-get install tesseract-ocr` (Debian/Ubuntu), `brew install tesseract` (macOS) "
    "or set VA_TESSERACT to the path of the tesseract binary."
)

DPI = 300  # below ~250 DPI Tesseract starts confusing digits in dates and ZIP codes
MAX_PIXELS = 12_000_000  # a Letter page at 300 DPI is 8.4 M; caps memory for poster-sized pages
MAX_IMAGE_PIXELS = Limits().max_image_pixels  # the default budget, for callers without limits at hand
LANG = "eng"  # the default; VA_OCR_LANG ("deu+eng") sets the languages of the certificates a buyer receives


class OcrUnavailable(RuntimeError):
    """Tesseract is missing or broken; the message says how to fix it."""


class OcrTimeout(RuntimeError):
    """Tesseract did not finish within the time left for the document."""


@functools.cache
def tesseract_path() -> str | None:
    """The tesseract binary to run, or None. ``VA_TESSERACT`` wins (also how tests simulate its absence)."""
    configured = os.environ.get("VA_TESSERACT")
    if configured is not None:
        return shutil.which(configured) if configured else None
    return shutil.which("tesseract")


def available() -> bool:
    return tesseract_path() is not None


def page_mode() -> str:
    """Tesseract's page segmentation mode: 1 (layout plus orientation detection, so a certificate scanned sideways
    still reads, ~10 % slower) when the ``osd`` data is installed, else 3 (layout only)."""
    binary = tesseract_path()
    return "3" if binary is None else _page_mode_of(binary)


@functools.cache
def _page_mode_of(binary: str) -> str:
    return "1" if "osd" in _installed(binary) else "3"


def languages() -> str:
    """Tesseract's ``-l`` value: ``VA_OCR_LANG`` (``deu+eng``...) restricted to the languages installed (Debian:
    ``tesseract-ocr-deu``...), English when none of them is. Tesseract tries the first language first ("eng+deu"
    still reads "März" as "Marz"); each added language makes a page slower to read and can cost the others some
    accuracy, so only the languages of the documents actually received belong here."""
    binary = tesseract_path()
    wanted = os.environ.get("VA_OCR_LANG", "").strip()
    if binary is None or not wanted:
        return LANG
    return _languages_of(binary, wanted)


@functools.cache
def _languages_of(binary: str, wanted: str) -> str:
    installed = set(_installed(binary))
    chosen = [lang for lang in dict.fromkeys(re.split(r"[+,\s]+", wanted)) if lang and lang in installed]
    return "+".join(chosen) or LANG


def installed_languages() -> tuple[str, ...]:
    """The language data Tesseract has here (``osd`` is orientation detection, not a language)."""
    binary = tesseract_path()
    return () if binary is None else _installed(binary)


@functools.cache
def _installed(binary: str) -> tuple[str, ...]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=10, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return (LANG,)
    return tuple(line.strip() for line in out.decode("utf-8", "replace").splitlines()[1:] if line.strip())


def workers() -> int:
    """Pages OCR'd in parallel: one Tesseract per core, each told to use one thread (its OpenMP gains little)."""
    return max(1, min(4, os.cpu_count() or 1))


class ImageTooLarge(ValueError):
    """The page holds an image too large to decode for rendering (see ``Limits.max_image_pixels``)."""


def largest_image_pixels(page: Any) -> int:
    """Decoded pixels of the largest image on the page, from the images' dictionaries (nothing is decoded)."""
    import pypdfium2.raw as pdfium_c

    largest = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        with suppress(Exception):
            width, height = obj.get_px_size()
            largest = max(largest, int(width) * int(height))
    return largest


def render(page: Any, *, max_image_pixels: int = MAX_IMAGE_PIXELS) -> bytes:
    """Render one pypdfium2 page to a greyscale PGM image (fast to encode, Tesseract reads it from stdin).

    Rendering decodes every image on the page at full size, whatever the output size: a page holding an image over
    ``max_image_pixels`` raises ImageTooLarge instead (a 40000 x 40000 image is 1.6 GB decoded)."""
    pixels = largest_image_pixels(page)
    if pixels > max_image_pixels:
        raise ImageTooLarge(f"an image of {pixels / 1e6:,.0f} million pixels is over the {max_image_pixels / 1e6:,.0f}"
                            " million a page may hold to be rendered (VA_MAX_IMAGE_PIXELS)")
    width, height = page.get_size()
    scale = DPI / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / max(width * height, 1.0))
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
    try:
        image = bitmap.to_pil()
        buf = io.BytesIO()
        image.convert("L").save(buf, format="PPM")
        return buf.getvalue()
    finally:
        bitmap.close()


class Running:
    """The Tesseract processes one document started, so giving up on the document (its deadline) stops them too."""

    def __init__(self) -> None:
        self._procs: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self.cancelled = False

    def add(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._procs.add(proc)
            if self.cancelled:
                proc.kill()

    def discard(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._procs.discard(proc)

    def kill_all(self) -> None:
        with self._lock:
            self.cancelled = True
            for proc in self._procs:
                with suppress(OSError):
                    proc.kill()


@dataclass(frozen=True, slots=True)
class Reading:
    """What Tesseract read on one image: the page's text and its words with their boxes in the image's pixels
    (origin top-left), so the page's layout (lines, cells under labels) can be worked out as for a text layer."""

    text: str
    words: tuple[Word, ...] = ()
    width: int = 0  # the image's size in pixels
    height: int = 0

    def segments(self, page_width: float, page_height: float) -> list[Segment]:
        """The words as runs in PDF points (``layout.Segment``), straightened and grouped like a text layer's."""
        return ocr_segments(self, page_width, page_height)


@dataclass(frozen=True, slots=True)
class Word:
    """One word Tesseract read, with its place in the reading order (block, paragraph, line)."""

    block: int
    par: int
    line: int
    x0: int
    top: int
    x1: int
    bottom: int
    text: str


def read_image(image: bytes, *, timeout: float, running: Running | None = None) -> str:
    """Run Tesseract on one encoded image: its text. Raises OcrUnavailable or OcrTimeout, never a subprocess
    error."""
    return read_page(image, timeout=timeout, running=running).text


def read_page(image: bytes, *, timeout: float, running: Running | None = None) -> Reading:
    """Run Tesseract once on one encoded image: its words with their positions (Tesseract's TSV output) and the
    page's text, rebuilt from them exactly as Tesseract's plain-text output lays it out (one call, not two)."""
    binary = tesseract_path()
    if binary is None:
        raise OcrUnavailable(INSTALL_HINT)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.Popen(
            [binary, "stdin", "stdout", "-l", languages(), "--psm", page_mode(), "--dpi", str(DPI), "tsv"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract could not be started ({exc}). {INSTALL_HINT}") from None
    if running is not None:
        running.add(proc)
    try:
        out, err = proc.communicate(image, timeout=max(timeout, 0.1))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise OcrTimeout(f"Tesseract took longer than {timeout:.0f} s on one page") from None
    finally:
        if running is not None:
            running.discard(proc)
    if proc.returncode != 0:
        if running is not None and running.cancelled:
            raise OcrTimeout("Tesseract was stopped: the document ran out of time")
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise OcrUnavailable(f"Tesseract failed: {detail[-1] if detail else proc.returncode}")
    return parse_tsv(out.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> Reading:
    """Tesseract's TSV (one row per page, block, paragraph, line and word) as a Reading.

    The text is built as Tesseract's own text output builds it (``TessBaseAPI::GetUTF8Text``): the words of a line
    joined by spaces, each line ended by a newline, each paragraph by one more, then ``tidy``; the TSV carries the
    same words in the same order, so a page reads the same whether or not its positions are wanted.
    """
    words: list[Word] = []
    width = height = 0
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        try:
            level, block, par, line, left, top, w, h = (int(cells[i]) for i in (0, 2, 3, 4, 6, 7, 8, 9))
        except ValueError:
            continue
        if level == 1:
            width, height = max(width, w), max(height, h)
            continue
        text = "\t".join(cells[11:]).strip()
        if level != 5 or not text:
            continue
        words.append(Word(block, par, line, left, top, left + w, top + h, text))
    parts: list[str] = []
    previous: Word | None = None
    for word in words:
        if previous is not None:
            if (word.block, word.par) != (previous.block, previous.par):
                parts.append("\n\n")
            elif word.line != previous.line:
                parts.append("\n")
            else:
                parts.append(" ")
        parts.append(word.text)
        previous = word
    text = "".join(parts) + ("\n\n" if words else "")
    return Reading(tidy(text), tuple(words), width, height)


# Runs: words of one OCR line closer than this many times the line's height are one run, as a text layer draws a
# phrase or a table cell as one run; a wider gap starts another (the next cell).
_RUN_GAP = 1.0


def ocr_segments(reading: Reading, page_width: float, page_height: float) -> list[Segment]:
    """The reading's words as text runs in PDF points, origin top-left, for ``layout``.

    A scan is a little skewed (a sheet fed at a fraction of a degree): the skew is measured on the page's long
    lines (the slope of their words' bottoms) and taken out, so a row of cells across the page stays one visual
    line. Words are grouped into runs within each of Tesseract's lines, split where the gap is wider than the line
    is tall: a label and its value, or two cells of a table row, stay apart.
    """
    if not reading.words or reading.width <= 0 or reading.height <= 0:
        return []
    sx, sy = page_width / reading.width, page_height / reading.height
    slope = _skew(reading.words, reading.width)
    out: list[Segment] = []
    run: list[Word] = []

    def flush() -> None:
        if not run:
            return
        x0, x1 = min(w.x0 for w in run), max(w.x1 for w in run)
        middle = (x0 + x1) / 2
        shift = slope * middle
        top, bottom = min(w.top for w in run) - shift, max(w.bottom for w in run) - shift
        out.append(Segment(x0 * sx, top * sy, x1 * sx, bottom * sy, " ".join(w.text for w in run)))
        run.clear()

    for word in reading.words:
        if run:
            last = run[-1]
            height = max(statistics.median(w.bottom - w.top for w in run), word.bottom - word.top)
            if (word.block, word.par, word.line) != (last.block, last.par, last.line) or (
                word.x0 - last.x1 > _RUN_GAP * height
            ):
                flush()
        run.append(word)
    flush()
    return out


def _skew(words: tuple[Word, ...], width: int) -> float:
    """The page's skew as a slope (pixels down per pixel right): the median over lines at least a third of the
    page wide of the slope fitted to their words' bottoms; 0 when no line is that long."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    slopes = []
    for line in lines.values():
        if len(line) < 4 or line[-1].x1 - line[0].x0 < width / 3:
            continue
        xs = [(w.x0 + w.x1) / 2 for w in line]
        ys = [float(w.bottom) for w in line]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        var = sum((x - mx) ** 2 for x in xs)
        if var > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var)
    return statistics.median(slopes) if slopes else 0.0


# Tesseract starts a new block (a blank line) wherever line spacing changes, which can split a sentence - or a
# period such as "April 1, 2023 to March / 31, 2024" - in two. A blank line after a word or comma followed by a
# line starting in lower case or a digit is a sentence that goes on, so it is joined back.
_CONTINUED = lazy(r"(?<=[\w,])[ \t]*\n(?:[ \t]*\n)+(?=[ \t]*[a-z0-9(])")


# OCR reads the ordinal "1st" as "Ist" or "lst"; beside a month name it can only be the first.
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_FIRST_AFTER_MONTH = lazy(rf"\b({_MONTHS}\s+)[Il]st\b")
_FIRST_BEFORE_MONTH = lazy(rf"\b[Il]st(?=\s+(?:of\s+)?{_MONTHS})")


def tidy(text: str) -> str:
    text = text.replace("\f", "").replace("\r", "")
    text = _FIRST_BEFORE_MONTH.sub("1st", _FIRST_AFTER_MONTH.sub(r"\g<1>1st", text))
    return _CONTINUED.sub("\n", text).strip("\n")


def pages_phrase(numbers: list[int]) -> str:
    """``[2]`` -> ``"page 2"``, ``[2, 3]`` -> ``"pages 2-3"``: warnings read as sentences."""
    return f"page {numbers[0]}" if len(numbers) == 1 else f"pages {page_ranges(numbers)}"


def page_ranges(numbers: list[int]) -> str:
    """``[2, 3, 4, 9]`` -> ``"2-4, 9"``: how the warnings name pages."""
    out: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)
