"""Scanned copies: a generated document printed and scanned, so its pages are images with no text layer.

Vendors often send a scan of a certificate or a signed letter. The page is rendered, turned a fraction of a degree,
greyed and speckled like a scanner's output, and embedded as an image; the expected values are the original's
(OCR must recover them). Quotes and pages of the original stay in ``expected`` but cannot be checked against a text
layer, so the evidence check skips documents marked ``scanned``.
"""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

DPI = 200


def scanned(data: bytes, seed: int) -> bytes:
    """The document as a scanner would return it: one greyscale image per page, slightly skewed and noisy."""
    rng = random.Random(f"scan:{seed}")
    pdf = pdfium.PdfDocument(data)
    out = io.BytesIO()
    canvas: Canvas | None = None
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            image = page.render(scale=DPI / 72).to_pil().convert("L")
            page.close()
            image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, expand=False,
                                 fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(radius=0.3)) if rng.random() < 0.5 else image
            pixels = image.load()
            assert pixels is not None
            for _ in range(image.width * image.height // 40000):  # dust
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                pixels[x, y] = rng.randrange(0, 120)
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=85)
            if canvas is None:
                canvas = Canvas(out, pagesize=(width, height), invariant=1)
            canvas.setPageSize((width, height))
            canvas.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=width, height=height)
            canvas.showPage()
    finally:
        pdf.close()
    assert canvas is not None
    canvas.save()
    return out.getvalue()


Built = tuple[bytes, dict[str, Any]]


def scanned_builder(build: Callable[[int], Built]) -> Callable[[int], Built]:
    """A builder whose documents are scans of ``build``'s."""

    def b(seed: int) -> Built:
        data, expected = build(seed)
        scan = scanned(data, seed)
        digest = hashlib.sha256(scan).hexdigest()
        expected = {**expected, "file": {**expected["file"], "bytes": len(scan), "sha256": digest}}
        expected["x-generator"] = {**expected["x-generator"],
                                   "variant": {**expected["x-generator"]["variant"], "scanned": True}}
        return scan, expected

    return b
