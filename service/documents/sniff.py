"""What an upload really is, from its bytes: names and Content-Type headers are claims, not facts."""

from __future__ import annotations


class UnsupportedContent(ValueError):
    """The bytes are not a document this service reads."""


def sniff(data: bytes) -> str:
    """The media type of ``data``; raises UnsupportedContent unless it is a PDF.

    PDF readers accept a header within the first 1024 bytes (some generators prepend junk), so we do too.
    """
    if not data:
        raise UnsupportedContent("the file is empty")
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    if data[:4] == b"PK\x03\x04":
        raise UnsupportedContent("this is a ZIP or Office file, not a PDF")
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
        raise UnsupportedContent("this is an image, not a PDF; export the document as PDF")
    raise UnsupportedContent("the file is not a PDF")
