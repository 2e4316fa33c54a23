"""Small PDFs built to cost a reader minutes or gigabytes, written byte by byte so each trick is plain to read.

Used by tests/extractors/test_budgets.py and benchmarks/bench_hostile.py. Each is a few KB to a few MB on disk:

- ``image_only_pages(390)``: 390 pages that are each one full-page image (the same small one), so every page
  looks scanned and would go to OCR;
- ``huge_image(40000)``: one page with a 40000 x 40000 greyscale image (1.6 GB once decoded);
- ``inflating_stream(400 MB)``: one page whose content stream inflates to 400 MB;
- ``nested_arrays(200_000)``: an array nested 200,000 deep in the page's dictionary;
- ``page_tree_claiming(100_000_000)``: a page tree whose /Count claims 100 million pages;
- ``poster_page()``: one 200 x 200 inch page (the largest PDF allows) that is a single scanned image.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from PIL import Image

from .make_pdf import raw_pdf, scan_image

PAGE = b"/MediaBox [0 0 612 792]"


def _pdf(objects: list[bytes]) -> bytes:
    """Objects numbered from 1 (1 is the catalog), behind a header with the binary-comment line."""
    return raw_pdf(objects, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _grey_image(image: Image.Image) -> tuple[bytes, int, int]:
    grey = image.convert("L")
    return zlib.compress(grey.tobytes(), 9), grey.width, grey.height


def image_only_pages(pages: int = 390) -> bytes:
    """``pages`` pages, each drawing the same small scanned-text image over the whole page (~80 KB in all)."""
    small = scan_image(["Independent Service Auditor's Report", "Opinion", "In our opinion, in all material"],
                       size=(1700, 2200)).resize((425, 550))
    data, width, height = _grey_image(small)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                b" /Filter /FlateDecode" % (width, height), data),
        _stream(b"", b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R " + PAGE + b" /Contents 4 0 R"
                       b" /Resources << /XObject << /Im1 3 0 R >> >> >>")
    return _pdf(objects)


def huge_image(side: int = 40_000) -> bytes:
    """One page that is one ``side`` x ``side`` 8-bit grey image (white), Flate-compressed about 1000:1."""
    data = _deflate_concat(b"", b"\xff", side * side, level=1)  # level 1: seconds faster, still ~150:1
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R " + PAGE + b" /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"", b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
        _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                b" /Filter /FlateDecode" % (side, side), data),
    ])


def inflating_stream(inflated_bytes: int = 400 * 1024 * 1024) -> bytes:
    """One page with a line of real text and a content stream that inflates to ``inflated_bytes`` (~400 KB on disk).

    The filler is a path operator pair repeated ("0 0 m 1 1 l S"): a parser must tokenize all of it."""
    text = b"BT /F1 12 Tf 72 720 Td (Independent Service Auditor's Report) Tj ET\n"
    stream = _deflate_concat(text, b"0 0 m 1 1 l S\n", inflated_bytes - len(text))
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R " + PAGE + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"/Filter /FlateDecode", stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def _deflate_concat(head: bytes, chunk: bytes, total: int, level: int = 9) -> bytes:
    """``head`` then ``chunk`` repeated to ``total`` bytes, as one Flate stream built without holding it whole."""
    comp = zlib.compressobj(level)
    parts = [comp.compress(head)]
    block = chunk * max(1, (4 * 1024 * 1024) // len(chunk))
    left = total
    while left > 0:
        piece = block[: min(len(block), left)]
        parts.append(comp.compress(piece))
        left -= len(piece)
    parts.append(comp.flush())
    return b"".join(parts)


def nested_arrays(depth: int = 200_000) -> bytes:
    """A page whose dictionary holds an array nested ``depth`` deep (``[[[[...]]]]``), next to a line of text."""
    content = b"BT /F1 12 Tf 72 720 Td (Independent Service Auditor's Report) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R " + PAGE + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>"
        b" /Nested " + b"[" * depth + b"]" * depth + b" >>",
        _stream(b"", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def page_tree_claiming(count: int = 100_000_000) -> bytes:
    """A page tree with one real page whose root /Count claims ``count`` pages."""
    content = b"BT /F1 12 Tf 72 720 Td (Independent Service Auditor's Report) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R " + PAGE + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def poster_page() -> bytes:
    """One 14400 x 14400 pt page (200 inches square, the PDF maximum) that is a single scanned image."""
    small = scan_image(["Certificate of Registration", "ISO/IEC 27001:2022"], size=(1700, 2200)).resize((850, 850))
    data, width, height = _grey_image(small)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"", b"q 14400 0 0 14400 0 0 cm /Im1 Do Q"),
        _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                b" /Filter /FlateDecode" % (width, height), data),
    ])


HOSTILE = {
    "390 image-only pages": image_only_pages,
    "40000x40000 image": huge_image,
    "400 MB inflating stream": inflating_stream,
    "200,000 nested arrays": nested_arrays,
    "page tree claiming 100 million pages": page_tree_claiming,
    "poster-size page": poster_page,
}


def all_hostile() -> Iterator[tuple[str, bytes]]:
    for name, build in HOSTILE.items():
        yield name, build()

