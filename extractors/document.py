"""The text layer of a PDF, read once per page and cached.

pypdfium2 gives the fast plain-text pass; pdfplumber (words with positions, tables) is opened lazily,
one page at a time, only where layout matters, and each page is closed after use to bound memory.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pypdfium2 as pdfium


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    text: str
    ocr: bool = False


@dataclass
class Document:
    """A parsed PDF: pages with their text; layout helpers open pdfplumber on demand."""

    data: bytes
    pages: list[Page] = field(default_factory=list)

    @cached_property
    def full_text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    def page(self, number: int) -> Page:
        return self.pages[number - 1]

    def plumber_page(self, number: int) -> Any:
        """Open one page with pdfplumber (caller should ``close()`` it); for tables and word positions."""
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(self.data), pages=[number])
        return pdf.pages[0]


def load(data: bytes) -> Document:
    """Read every page's plain text with pypdfium2."""
    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            page.close()
            pages.append(Page(i + 1, text))
    finally:
        pdf.close()
    return Document(data=data, pages=pages)
