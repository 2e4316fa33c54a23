"""Decide from the bytes, never from the name, whether a file is a PDF worth opening.

Users upload ``report.pdf`` that is really an HTML login page, a Word file, a zip of the audit package, or a download
that stopped half way. Each gets a precise message here, before the PDF parser sees it, so the user learns what to fix.
"""

from __future__ import annotations

from .limits import Limits, human_bytes
from .model import DocumentError
from .patterns import lazy

# Acrobat accepts the header anywhere in the first 1024 bytes and the end marker anywhere in the last 1024 bytes
# (PDF Reference, implementation notes 13 and 18); use the same tolerance so we accept what viewers accept.
HEADER_WINDOW = 1024
TRAILER_WINDOW = 1024

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .zip file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc or .xls?)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)


def has_pdf_header(data: bytes) -> bool:
    """The PDF header within the first ``HEADER_WINDOW`` bytes, where readers look for it."""
    return b"%PDF-" in data[:HEADER_WINDOW]


def upload_refusal(data: bytes) -> str | None:
    """Why an upload is refused before it is stored (None: it could be a PDF), in a few words for a form or a chat.

    The bytes decide, never the name or the Content-Type; the full check (truncation, size) is ``check``'s, when the
    document is read. This is the one sniffer: the service and the bots ask it too."""
    if not data:
        return "the file is empty"
    if has_pdf_header(data):
        return None
    if data[:4] == b"PK\x03\x04":
        return "this is a ZIP or Office file, not a PDF"
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
        return "this is an image, not a PDF; export the document as PDF"
    return "the file is not a PDF"


def describe(data: bytes) -> str:
    """What the bytes look like, for the not-a-PDF message."""
    head = data[:HEADER_WINDOW]
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "an HTML page (a login or error page saved instead of the document?)"
    if lowered.startswith(b"<?xml"):
        return "an XML file"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data of an unknown type"
    return "plain text"


def check(data: bytes, name: str, limits: Limits) -> list[str]:
    """Raise DocumentError unless ``data`` could be a complete PDF within the size limit. Cheap: no parsing.

    Returns warnings about what was tolerated (bytes appended after the end of the PDF).
    """
    if not data.strip(_BLANK):
        raise DocumentError("empty", f"{name} is empty ({len(data)} bytes)")
    if len(data) > limits.max_bytes:
        raise DocumentError(
            "too_large",
            f"{name} is {human_bytes(len(data))}, over the {human_bytes(limits.max_bytes)} limit "
            "(raise it with --max-bytes or VA_MAX_BYTES)",
        )
    if not has_pdf_header(data):
        raise DocumentError("not_pdf", f"{name} is not a PDF: its content looks like {describe(data)}")
    body = data.rstrip(_BLANK)
    if b"%%EOF" in body[-TRAILER_WINDOW:]:
        return []
    last = body.rfind(b"%%EOF")
    if last < 0 or _PDF_SYNTAX.search(body, last):
        # No end marker at all, or PDF objects after the last one: an update that was cut off.
        raise DocumentError(
            "corrupt",
            f"{name} is truncated or corrupt: it does not end with the PDF end-of-file marker (%%EOF); "
            "was the download or upload interrupted?",
        )
    extra = len(body) - last - len(b"%%EOF")
    return [f"{human_bytes(extra)} of non-PDF data after the end of the PDF were ignored"]


_BLANK = b" \t\r\n\f\x00"
_PDF_SYNTAX = lazy(rb"\d+\s+\d+\s+obj\b|\bstream\r?\n|\bxref\b|\btrailer\b|startxref")
