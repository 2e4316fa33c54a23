"""A certificate's artwork, read with OCR when its text layer leaves out what matters.

Certification bodies often print the standard, their own name and the accreditation mark ("UKAS MANAGEMENT
SYSTEMS 0874") as part of a background image, with only the variable parts (organization, dates, number) as text.
When a short certificate's text layer lacks the standard, the issuer or the accreditation body, and its first page
carries an image, that page is rendered and read with Tesseract, and only the missing fields are taken from it.
A certificate whose text layer is complete is never rendered, so the fast path stays fast.
"""

from __future__ import annotations

import logging

from .. import ocr
from ..document import PDFIUM_LOCK, Document, Page
from .text import DocText, build

log = logging.getLogger(__name__)

OCR_TIMEOUT = 30.0
_IMAGE_OBJECT = 3  # FPDF_PAGEOBJ_IMAGE
_MIN_IMAGE_SHARE = 0.02  # a logo-sized image or larger: a signature squiggle alone is not worth a page of OCR
_PATH_OBJECT = 2  # FPDF_PAGEOBJ_PATH
# Vector artwork: a logo or an accreditation mark drawn as paths (hundreds of them); rules, boxes and a table's
# borders take a few dozen.
_MIN_PATHS = 200


def _first_page_has_artwork(doc: Document) -> bool:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(doc.data)
        try:
            page = pdf[0]
            try:
                width, height = page.get_size()
                area = max(width * height, 1.0)
                paths = 0
                for obj in page.get_objects(max_depth=3):  # a logo is often a form object of paths
                    if obj.type == _PATH_OBJECT:
                        paths += 1
                        if paths >= _MIN_PATHS:
                            return True
                    if obj.type != _IMAGE_OBJECT:
                        continue
                    left, bottom, right, top = obj.get_bounds()
                    if (right - left) * (top - bottom) / area >= _MIN_IMAGE_SHARE:
                        return True
                return False
            finally:
                page.close()
        finally:
            pdf.close()


def _render_first_page(doc: Document) -> bytes:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(doc.data)
        try:
            page = pdf[0]
            try:
                return ocr.render(page)
            finally:
                page.close()
        finally:
            pdf.close()


def read_artwork(doc: Document) -> DocText | None:
    """Page 1 as Tesseract reads it, or None when there is no artwork, no Tesseract, or no time left."""
    if not doc.pages or doc.pages[0].ocr or not ocr.available():
        return None
    timeout = OCR_TIMEOUT if doc.deadline is None else min(OCR_TIMEOUT, doc.deadline.remaining())
    if timeout < 1.0:
        return None
    try:
        if not _first_page_has_artwork(doc):
            return None
        text = ocr.read_image(_render_first_page(doc), timeout=timeout)
    except (ocr.OcrUnavailable, ocr.OcrTimeout, ValueError, OSError) as exc:
        log.info("certificate artwork not read: %s", exc)
        return None
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own error types; OCR is only ever a bonus here
        log.info("certificate artwork not read: %s", exc)
        return None
    return build(Document(data=b"", pages=[Page(1, text, True)]))
