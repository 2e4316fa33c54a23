"""Pictures of pages for a reviewer: a page rendered to an image, and the boxes of a quote's characters on it.

Every field the extractor reads carries a page and a verbatim quote; to let a person see it, the quote's characters
are found again among pdfium's characters of that page and their boxes merged line by line. The quote may have been
read in a different order than drawn (two columns, a table's cells joined) or shortened to the contract's 400
characters, so it is matched in pieces: the longest part that occurs on the page, then the rest after it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .document import PDFIUM_LOCK

# Characters folded away or together before matching: the quote went through the extractor's text fixes, the page's
# characters did not (ligatures, typographic quotes and dashes, soft hyphens at a line's end).
_FOLD = str.maketrans(
    {
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb00": "ff",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "",
        "\u2014": "",
        "\u2010": "",
        "\u2011": "",
        "-": "",
        "\xad": "",
        "\x02": "",
        "\ufffe": "",
        "\u2026": "",
    }
)
_MIN_PIECE = 6  # shorter pieces match anywhere on a page by chance


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in PDF points, origin at the page's top-left (as ``Segment``)."""

    x0: float
    top: float
    x1: float
    bottom: float


def page_count(path: Path) -> int:
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()


def render_png(path: Path, number: int, width: int, boxes: Sequence[Box] = ()) -> bytes:
    """Page ``number`` (1-based) of the PDF at ``path`` as a PNG ``width`` pixels wide, ``boxes`` highlighted."""
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[number - 1]
            try:
                page_width, _height = page.get_size()
                scale = width / max(page_width, 1.0)
                image = page.render(scale=scale, may_draw_forms=True).to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
    return _to_png(image.convert("RGB"), boxes, scale)


def highlight_png(png: bytes, page_width_pt: float, boxes: Sequence[Box]) -> bytes:
    """``boxes`` drawn over an already rendered page (so the plain render can be cached and reused)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return _to_png(image, boxes, image.width / max(page_width_pt, 1.0))


def _to_png(image: Any, boxes: Sequence[Box], scale: float) -> bytes:
    from PIL import Image, ImageDraw

    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = max(1.0, 1.5 * scale)
        for box in boxes:
            rect = (box.x0 * scale - pad, box.top * scale - pad, box.x1 * scale + pad, box.bottom * scale + pad)
            draw.rectangle(rect, fill=(255, 214, 0, 90), outline=(180, 83, 9, 255), width=max(2, round(scale)))
        image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def page_width(path: Path, number: int) -> float:
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[number - 1]
            try:
                return float(page.get_size()[0])
            finally:
                page.close()
        finally:
            pdf.close()


def quote_boxes(path: Path, number: int, quote: str | None) -> list[Box]:
    """The boxes, one per line of text, of the characters of ``quote`` on page ``number``; empty when not found."""
    wanted = _fold(quote or "")
    if not wanted:
        return []
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[number - 1]
            try:
                if page.get_rotation() not in (0, None):
                    return []  # boxes are in unrotated page space; better none than boxes in the wrong place
                height = page.get_size()[1]
                textpage = page.get_textpage()
                try:
                    letters, boxes = _characters(textpage, height)
                finally:
                    textpage.close()
            finally:
                page.close()
        finally:
            pdf.close()
    hits = match_pieces("".join(letters), wanted)
    return merge_lines([boxes[i] for i in hits])


def _fold(text: str) -> str:
    return "".join(text.translate(_FOLD).split()).casefold()


def _characters(textpage: Any, height: float) -> tuple[list[str], list[Box]]:
    """The page's drawn characters, folded as the quote is (one string entry per character), with their boxes."""
    raw = textpage.raw
    letters: list[str] = []
    boxes: list[Box] = []
    left, right, bottom, top = (pdfium_c.c_double() for _ in range(4))
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code <= 32 or pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue
        folded = _fold(chr(code))
        if not folded:
            continue
        if not pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
            continue
        box = Box(left.value, height - top.value, right.value, height - bottom.value)
        for ch in folded:  # a ligature is two letters in one box
            letters.append(ch)
            boxes.append(box)
    return letters, boxes


def match_pieces(page: str, quote: str) -> list[int]:
    """Indices into ``page`` of the quote's characters: the longest piece of the quote found on the page (after
    the previous piece where possible), then the rest; characters of no piece of at least ``_MIN_PIECE`` are
    skipped (an ellipsis, a letter the extractor fixed). Both strings are already folded."""
    out: list[int] = []
    pos = 0
    after = 0
    while pos < len(quote):
        rest = quote[pos:]
        if len(rest) < _MIN_PIECE:  # a short tail counts only where it continues the previous piece
            if out and page.startswith(rest, after):
                out.extend(range(after, after + len(rest)))
            break
        shortest = _MIN_PIECE
        if page.find(rest[:shortest]) < 0:
            pos += 1
            continue
        lo, hi = shortest, len(rest)  # longest prefix of ``rest`` on the page: occurrence is monotone in length
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if page.find(rest[:mid]) >= 0:
                lo = mid
            else:
                hi = mid - 1
        piece = rest[:lo]
        at = page.find(piece, after)
        if at < 0:
            at = page.find(piece)
        out.extend(range(at, at + lo))
        after = at + lo
        pos += lo
    return out


def merge_lines(boxes: Sequence[Box]) -> list[Box]:
    """Consecutive character boxes on one line merged into one box per line."""
    out: list[Box] = []
    for box in boxes:
        if out:
            last = out[-1]
            overlap = min(last.bottom, box.bottom) - max(last.top, box.top)
            height = min(last.bottom - last.top, box.bottom - box.top)
            near = box.x0 - last.x1 < 3 * max(height, 1.0) and box.x1 > last.x0 - 1
            if overlap > 0.5 * height and near:
                out[-1] = Box(min(last.x0, box.x0), min(last.top, box.top), max(last.x1, box.x1),
                              max(last.bottom, box.bottom))
                continue
        out.append(box)
    return out
