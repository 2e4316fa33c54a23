"""A page's layout, worked out from its text runs and their positions alone: lines, columns, bands, table rows.

``document.py`` reads a PDF (pdfium, limits, passwords, OCR) and hands out each page's runs; this module only does
geometry on them, as pdfplumber keeps a page's layout (page.py, table.py) apart from opening the file (pdf.py). No
pdfium here, no I/O, no state: every function takes runs (``Segment``) and the page's width and returns new values,
so the rules can be read and tested without a PDF, and ``Document`` caches what they return per page.

Coordinates are PDF points with the origin at the page's top-left.
"""

from __future__ import annotations

from dataclasses import dataclass

from .patterns import lazy

ALIGN = 3.0  # points: runs starting this close together are aligned (a column edge)
# What starts a table row in assurance reports: a control or criterion id (CC6.1, A1.3.2, IVS-10, DS - 3), a list
# number (3. / 3) / (3)) or a bullet.
_ROW_ID = lazy(r"^\s*(?:[A-Z]{1,6}\s?-?\s?\d+(?:\.\d+)*\b|\(?\d{1,3}(?:\.\d+)*[.)]?(?:\s|$)|[•▪◦●\-–]\s)")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text on one line, as drawn. Coordinates in PDF points with the origin at the page's top-left."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Band:
    """Consecutive visual lines of a page; ``gutter`` is the free x-range between two columns, or None."""

    lines: list[list[Segment]]
    gutter: tuple[float, float] | None = None


def visual_lines(segments: list[Segment]) -> list[list[Segment]]:
    """Visual lines top to bottom, each a list of segments left to right: a table row reads as its cells.

    A run joins the line above when their heights overlap by more than half the smaller one, so a cell set a little
    higher than its neighbours (a superscript, a baseline shift) stays in its row.
    """
    rows: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        if rows:
            last = rows[-1]
            top = min(s.top for s in last)
            bottom = max(s.bottom for s in last)
            overlap = min(bottom, seg.bottom) - max(top, seg.top)
            if overlap > 0.5 * min(bottom - top, seg.bottom - seg.top):
                last.append(seg)
                continue
        rows.append([seg])
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return rows


def baseline_lines(segments: list[Segment]) -> list[list[Segment]]:
    """Runs grouped into lines by their bottom edge (the baseline), each line left to right.

    For the column bands: there runs are built from single upright characters, whose boxes vary in height with the
    letters (an "l" is taller than an "a") while their bottoms line up.
    """
    out: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: (s.bottom, s.x0)):
        if out and abs(out[-1][0].bottom - seg.bottom) < 0.5 * (seg.bottom - seg.top):
            out[-1].append(seg)
        else:
            out.append([seg])
    for line in out:
        line.sort(key=lambda s: s.x0)
    return out


def column_bounds(segments: list[Segment], width: float, *, min_width: float = 30.0) -> list[tuple[float, float]]:
    """x-ranges of the page's columns: of a two-column page, or of a table's cells.

    A column starts where several runs that share a line with other runs begin at the same x, and where
    little text crosses from the left (a gutter). Full-width runs (titles, paragraphs) are ignored, so a
    table under a letterhead or a two-column page under a full-width title still splits where a reader's
    eye does. Columns narrower than ``min_width`` (bullets, list numbers) are not columns.
    """
    if not segments:
        return [(0.0, width)]
    narrow = [s for s in segments if s.x1 - s.x0 < 0.5 * width]
    starts_x = sorted(s.x0 for line in visual_lines(segments) if len(line) > 1 for s in line if s in narrow)
    clusters: list[list[float]] = []
    for x in starts_x:
        if clusters and x - clusters[-1][0] <= ALIGN:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    left = min(s.x0 for s in segments)
    starts = [left]
    for cluster in clusters:
        c = cluster[0]
        if len(cluster) < 2 or c - starts[-1] < min_width:
            continue
        beginning = sum(1 for s in narrow if abs(s.x0 - c) <= ALIGN)
        crossing = sum(1 for s in narrow if s.x0 < c - ALIGN and s.x1 > c - 2)
        if crossing <= 0.4 * beginning:
            starts.append(c - ALIGN)  # runs of the column start within ALIGN of each other, either side
    lefts = [0.0, *starts[1:]]
    return list(zip(lefts, [*starts[1:], width], strict=True))


def table_rows(segments: list[Segment], width: float) -> list[list[str]]:
    """The page as rows of cells, one cell per column (``column_bounds``), multi-line cells joined.

    A row starts at a full-width line (a heading above the table, one cell), or where the first column has
    text that either follows a gap wider than the page's usual line gap (row padding) or looks like an
    identifier (``CC6.1``, ``IVS-10``, ``3.``): control matrices, CUEC lists and exception tables are laid out
    that way, while a cell's own second line continues the row.
    """
    bounds = column_bounds(segments, width)
    page_lines = visual_lines(segments)
    gaps = sorted(
        min(s.top for s in b) - max(s.bottom for s in a) for a, b in zip(page_lines, page_lines[1:], strict=False)
    )
    usual = max(gaps[len(gaps) // 2], 0.5) if gaps else 0.5
    rows: list[list[list[str]]] = []
    last_bottom = 0.0
    for line in page_lines:
        top = min(s.top for s in line)
        wide = any(s.x1 - s.x0 >= 0.5 * width for s in line)
        cells = [column_of(s, bounds) for s in line]
        first = next((s.text for s, c in zip(line, cells, strict=True) if c == 0), None)
        new_row = (
            wide
            or not rows
            or len(rows[-1]) == 1
            or (first is not None and (top - last_bottom > 1.5 * usual + 1 or _ROW_ID.match(first) is not None))
        )
        if new_row:
            rows.append([[] for _ in range(1 if wide else len(bounds))])
        row = rows[-1]
        for seg, col in zip(line, cells, strict=True):
            row[0 if len(row) == 1 else col].append(seg.text)
        last_bottom = max(s.bottom for s in line)
    return [[" ".join(parts) for parts in row] for row in rows]


def columns(segments: list[Segment], width: float) -> list[str]:
    """The page's text column by column, each top to bottom: how a person reads a two-column page.

    Full-width runs are assigned to the column they start in; a table becomes one string per table column.
    """
    bounds = column_bounds(segments, width)
    buckets: list[list[Segment]] = [[] for _ in bounds]
    for seg in segments:
        buckets[column_of(seg, bounds)].append(seg)
    out = []
    for bucket in buckets:
        bucket.sort(key=lambda s: (round(s.top), s.x0))
        out.append(_join_lines(bucket))
    return out


def reading_text(bands: list[Band]) -> str:
    """Text in reading order: each two-column band left column first, then right; other bands as drawn."""
    out: list[str] = []
    for band in bands:
        if band.gutter is None:
            out.extend(" ".join(r.text for r in line) for line in band.lines)
            continue
        middle = (band.gutter[0] + band.gutter[1]) / 2
        out.extend(" ".join(r.text for r in line if r.x1 <= middle) for line in band.lines)
        out.extend(" ".join(r.text for r in line if r.x0 >= middle) for line in band.lines)
    return "\n".join(t for t in out if t)


def column_of(seg: Segment, bounds: list[tuple[float, float]]) -> int:
    """The column a run starts in (a run starting in a gutter belongs to the column after it)."""
    return next((i for i, (_, right) in enumerate(bounds) if seg.x0 < right), len(bounds) - 1)


def bands(lines: list[list[Segment]], width: float) -> list[Band]:
    """The lines cut into horizontal bands, top to bottom, each either plain lines or two columns with a gutter.

    Two columns are a run of consecutive lines that leave the same vertical strip free (the gutter, near the middle
    third of the page), at least two of them with text on both sides, each column's pitch at least a quarter of the
    page, nothing drawn across the strip, and no line broken into more than two runs (that is a table). Only part of
    a page may be in columns: a full-width title above, a table or a paragraph below each end the band.
    """
    out: list[Band] = []
    i = 0
    while i < len(lines):
        gap = _gap_near_middle(lines[i], width)
        if gap is None:
            if out and out[-1].gutter is None:
                out[-1].lines.append(lines[i])
            else:
                out.append(Band([lines[i]]))
            i += 1
            continue
        band, gutter, j = [lines[i]], gap, i + 1
        last_both, side = i, 0
        while j < len(lines):
            line, prev = lines[j], lines[j - 1]
            size = max(s.bottom - s.top for s in line)
            if min(s.top for s in line) - max(s.bottom for s in prev) > 2.5 * size:
                break
            strip = _free_strip(line, gutter)
            if strip is None:
                break
            both = any(s.x1 <= strip[0] for s in line) and any(s.x0 >= strip[1] for s in line)
            if both:
                last_both, side = j, 0
            else:
                this = -1 if line[0].x1 <= strip[0] else 1
                if j > last_both + 1 and side and this != side and not _columns_resume(lines, j + 1, gutter):
                    # After the columns end, a line on the other side belongs below them, unless both columns go on
                    # right after it (paragraphs of the two columns that break at different heights).
                    break
                side = this
            band.append(line)
            gutter = strip
            j += 1
        two_sided = sum(
            1 for line in band if any(s.x1 <= gutter[0] for s in line) and any(s.x0 >= gutter[1] for s in line)
        )
        left_edge = min(s.x0 for line in band for s in line)
        # Each column's pitch (from its first character to the next column, or to the mirrored margin).
        wide = gutter[1] - left_edge >= 0.25 * width and width - left_edge - gutter[1] >= 0.25 * width
        if two_sided >= 2 and wide:
            out.append(Band(band, gutter))
            i = j
        else:
            if out and out[-1].gutter is None:
                out[-1].lines.append(lines[i])
            else:
                out.append(Band([lines[i]]))
            i += 1
    return out


def _free_strip(line: list[Segment], gutter: tuple[float, float]) -> tuple[float, float] | None:
    """What is left of ``gutter`` on this line: None when a run crosses it or the line is a table row."""
    if len(line) > 2:
        return None
    a, b = gutter
    for seg in line:
        if seg.x1 <= a or seg.x0 >= b:
            continue
        if seg.x1 - a < b - seg.x0:  # overlaps from the left
            b2 = seg.x1
            a = max(a, b2)
        else:
            b = min(b, seg.x0)
        if b - a < 2.0:
            return None
    left = [s.x1 for s in line if s.x1 <= b]
    right = [s.x0 for s in line if s.x0 >= a]
    a = max([a, *left])
    b = min([b, *right])
    return (a, b) if b - a >= 2.0 else None


def _gap_near_middle(line: list[Segment], width: float) -> tuple[float, float] | None:
    if len(line) != 2:
        return None
    a, b = line[0].x1, line[1].x0
    size = max(s.bottom - s.top for s in line)
    return (a, b) if b - a >= size and 0.3 * width <= (a + b) / 2 <= 0.7 * width else None


def _columns_resume(lines: list[list[Segment]], start: int, gutter: tuple[float, float], ahead: int = 2) -> bool:
    """Whether one of the next ``ahead`` lines has text on both sides of ``gutter`` with the strip still free."""
    for line in lines[start : start + ahead]:
        strip = _free_strip(line, gutter)
        if strip is None:
            return False
        if any(s.x1 <= strip[0] for s in line) and any(s.x0 >= strip[1] for s in line):
            return True
    return False


def _join_lines(segments: list[Segment]) -> str:
    out: list[list[Segment]] = []
    for seg in segments:
        if out and abs(out[-1][0].middle - seg.middle) < 0.5 * (seg.bottom - seg.top):
            out[-1].append(seg)
        else:
            out.append([seg])
    return "\n".join(" ".join(s.text for s in sorted(line, key=lambda s: s.x0)) for line in out)
