"""Rendering generated documents with reportlab's platypus: page templates, running headers and footers,
page numbers ("Page 3 of 41" needs the total, so the canvas defers each page), diagonal watermarks, and
single- or two-column frames. Builders hand over flowables; this module only decides how pages look.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)


@dataclass(frozen=True)
class Look:
    """How a document is dressed: one auditor's or certification body's house style."""

    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 10
    justify: bool = False
    pagesize: tuple[float, float] = LETTER
    header: str | None = None  # running header text (left)
    header_right: str | None = None
    footer: str | None = None  # running footer text (left); page number goes right or centre
    page_format: str = "Page {n} of {total}"  # or "{n}", "Page {n}", "- {n} -"
    watermark: str | None = None
    cover_has_chrome: bool = False  # headers/footers on page 1 too
    accent: Any = colors.HexColor("#1f3a5f")


@dataclass
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    center: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    extra: dict[str, ParagraphStyle] = field(default_factory=dict)


def styles_for(look: Look) -> Styles:
    s = look.size
    body = ParagraphStyle(
        "body", fontName=look.font, fontSize=s, leading=s * 1.3, spaceAfter=s * 0.6,
        alignment=TA_JUSTIFY if look.justify else TA_LEFT,
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=s - 2, leading=(s - 2) * 1.25),
        h1=ParagraphStyle("h1", parent=body, fontName=look.bold, fontSize=s + 5, leading=(s + 5) * 1.25,
                          spaceBefore=6, spaceAfter=10, textColor=look.accent, alignment=TA_LEFT),
        h2=ParagraphStyle("h2", parent=body, fontName=look.bold, fontSize=s + 2, leading=(s + 2) * 1.25,
                          spaceBefore=8, spaceAfter=6, alignment=TA_LEFT, keepWithNext=1),
        h3=ParagraphStyle("h3", parent=body, fontName=look.bold, fontSize=s, spaceBefore=4, spaceAfter=3,
                          alignment=TA_LEFT, keepWithNext=1),
        title=ParagraphStyle("title", parent=body, fontName=look.bold, fontSize=s + 12, leading=(s + 12) * 1.25,
                             alignment=TA_CENTER, spaceAfter=14, textColor=look.accent),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=s + 3, leading=(s + 3) * 1.35,
                                alignment=TA_CENTER, spaceAfter=10),
        center=ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        cell=ParagraphStyle("cell", parent=body, fontSize=s - 1.5, leading=(s - 1.5) * 1.25, spaceAfter=0,
                            alignment=TA_LEFT),
        cell_bold=ParagraphStyle("cellb", parent=body, fontName=look.bold, fontSize=s - 1.5,
                                 leading=(s - 1.5) * 1.25, spaceAfter=0, alignment=TA_LEFT),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from plain text; ``\\n`` becomes a forced line break (a period split across lines)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def bullets(items: Sequence[str], style: ParagraphStyle, kind: str = "bullet") -> ListFlowable:
    """A bulleted (or numbered, ``kind='1'``) list of plain-text items."""
    flow = [ListItem(para(t, style), leftIndent=16) for t in items]
    if kind == "bullet":
        return ListFlowable(flow, bulletType="bullet", start="•", leftIndent=16, bulletFontSize=style.fontSize)
    return ListFlowable(flow, bulletType=kind, leftIndent=18, bulletFontName=style.fontName,
                        bulletFontSize=style.fontSize, bulletFormat="%s.")


def table(rows: Sequence[Sequence[str]], st: Styles, widths: Sequence[float], *, header: bool = True,
          grid: bool = True, zebra: bool = False, spans: Sequence[int] = ()) -> Table:
    """A table of plain-text cells whose header row repeats on every page it breaks onto.

    ``spans`` are row indexes whose first cell spans the whole row (e.g. an inline management response).
    """
    data = []
    for i, row in enumerate(rows):
        cell_style = st.cell_bold if header and i == 0 else st.cell
        data.append([para(c, cell_style) for c in row])
    t = Table(data, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
    else:
        cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ee")))
    if zebra:
        for r in range(1 if header else 0, len(rows), 2):
            cmds.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f4f6f8")))
    for r in spans:
        cmds.append(("SPAN", (0, r), (-1, r)))
    t.setStyle(TableStyle(cmds))
    return t


class InterleavedColumns(Flowable):
    """Two columns of plain text drawn line by line across the page (left line 1, right line 1, left line 2 ...).

    Many producers write two-column pages this way; a plain text pass then reads each left line glued to its
    right-hand neighbour, and only a layout-aware reader recovers the sentences. Short blocks only (no split).
    """

    def __init__(self, left: Sequence[str], right: Sequence[str], font: str, size: float, gap: float = 18) -> None:
        super().__init__()
        self.left_text, self.right_text = list(left), list(right)
        self.font, self.size, self.gap = font, size, gap
        self.leading = size * 1.3
        self.left: list[str] = []
        self.right: list[str] = []
        self.col = 0.0

    def _lines(self, paragraphs: Sequence[str]) -> list[str]:
        out: list[str] = []
        for k, text in enumerate(paragraphs):
            if k:
                out.append("")
            out.extend(simpleSplit(text, self.font, self.size, self.col))
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        self.col = (availWidth - self.gap) / 2
        self.left, self.right = self._lines(self.left_text), self._lines(self.right_text)
        self.height = max(len(self.left), len(self.right)) * self.leading
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        for i in range(max(len(self.left), len(self.right))):
            y = self.height - (i + 1) * self.leading + self.size * 0.25
            if i < len(self.left) and self.left[i]:
                c.drawString(0, y, self.left[i])
            if i < len(self.right) and self.right[i]:
                c.drawString(self.col + self.gap, y, self.right[i])


def keep(*flows: Flowable) -> KeepTogether:
    return KeepTogether(list(flows))


def space(h: float = 10) -> Spacer:
    return Spacer(1, h)


def page_break() -> PageBreak:
    return PageBreak()


def switch(template: str) -> list[Flowable]:
    """Start a new page on another template ('cover', 'one', 'two', 'wide' = landscape)."""
    return [NextPageTemplate(template), PageBreak()]


class _Chrome:
    """Draws the running header, watermark and (deferred) page-numbered footer."""

    def __init__(self, look: Look) -> None:
        self.look = look

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        look = self.look
        w, h = canvas._pagesize  # this page's size: a landscape page may follow portrait ones
        canvas.saveState()
        if look.watermark:
            canvas.setFont(look.bold, 64)
            canvas.setFillColor(colors.Color(0.85, 0.85, 0.85))
            canvas.translate(w / 2, h / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, 0, look.watermark)
            canvas.rotate(-45)
            canvas.translate(-w / 2, -h / 2)
        first = canvas.getPageNumber() == 1
        if look.header and (look.cover_has_chrome or not first):
            canvas.setFillColor(colors.black)
            canvas.setFont(look.font, look.size - 2)
            canvas.drawString(0.75 * inch, h - 0.55 * inch, look.header)
            if look.header_right:
                canvas.drawRightString(w - 0.75 * inch, h - 0.55 * inch, look.header_right)
            canvas.setLineWidth(0.4)
            canvas.line(0.75 * inch, h - 0.62 * inch, w - 0.75 * inch, h - 0.62 * inch)
        canvas.restoreState()


def numbered_canvas(look: Look) -> type[Canvas]:
    """A canvas that holds every page until the end so the footer can print 'Page n of total'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            n = self._pageNumber
            if n == 1 and not look.cover_has_chrome:
                return
            w, _ = self._pagesize
            self.saveState()
            self.setFont(look.font, look.size - 2)
            number = look.page_format.format(n=n, total=total)
            if look.footer:
                self.drawString(0.75 * inch, 0.5 * inch, look.footer)
                self.drawRightString(w - 0.75 * inch, 0.5 * inch, number)
            else:
                self.drawCentredString(w / 2, 0.5 * inch, number)
            self.restoreState()

    return NumberedCanvas


def render(story: Sequence[Flowable], look: Look, *, title: str = "", author: str = "") -> bytes:
    """Lay out the story on 'cover' / 'one' / 'two' / 'wide' page templates and return the PDF bytes."""
    buf = io.BytesIO()
    w, h = look.pagesize
    m = 0.75 * inch
    doc = BaseDocTemplate(buf, pagesize=look.pagesize, leftMargin=m, rightMargin=m, topMargin=0.9 * inch,
                          bottomMargin=0.85 * inch, title=title, author=author, pageCompression=1,
                          invariant=1)
    chrome = _Chrome(look)
    fw = w - 2 * m
    fh = h - doc.topMargin - doc.bottomMargin
    gap = 0.3 * inch
    one = Frame(m, doc.bottomMargin, fw, fh, id="one")
    left = Frame(m, doc.bottomMargin, (fw - gap) / 2, fh, id="left")
    right = Frame(m + (fw + gap) / 2, doc.bottomMargin, (fw - gap) / 2, fh, id="right")
    cover = Frame(m, doc.bottomMargin, fw, fh, id="cover")
    lw, lh = landscape(look.pagesize)
    wide = Frame(m, doc.bottomMargin, lw - 2 * m, lh - doc.topMargin - doc.bottomMargin, id="wide")
    doc.addPageTemplates([
        PageTemplate("cover", [cover], onPage=chrome.on_page),
        PageTemplate("one", [one], onPage=chrome.on_page),
        PageTemplate("two", [left, right], onPage=chrome.on_page),
        PageTemplate("wide", [wide], onPage=chrome.on_page, pagesize=(lw, lh)),
    ])
    doc.build(list(story), canvasmaker=numbered_canvas(look))
    return buf.getvalue()


PAGE_SIZES = {"letter": LETTER, "a4": A4}
