"""Pictures drawn on the server as SVG: no script, no library, readable by a screen reader (a title and a
description on each, and the same figures in a table or list beside it on the page).

Colours meet WCAG AA contrast against white (4.5:1 for the text drawn in them) and never carry the meaning alone:
every bar is labelled with its words and number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from .data import Coverage

COLOURS = {
    "meets": "#1a7f37",
    "meets_with_findings": "#8a5a00",
    "does_not_meet": "#c4201f",
    "insufficient_evidence": "#6639ba",
    "not_assessed": "#57606a",
    "critical": "#a40e26",
    "high": "#c4201f",
    "medium": "#8a5a00",
    "low": "#0b6bcb",
    "info": "#57606a",
}
_TEXT = "#1f2328"


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, str, int]]) -> str:
    """A horizontal bar chart: one row per (key, label, count), the bar's colour from the key."""
    width, row_h, label_w = 640, 34, 250
    height = row_h * len(rows) + 12
    top = max((n for _k, _l, n in rows), default=0) or 1
    parts = [
        f'<svg id="{escape(chart_id)}" class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}: '
        + escape(", ".join(f"{label} {n}" for _k, label, n in rows))
        + "</title>",
    ]
    for i, (key, label, n) in enumerate(rows):
        y = 6 + i * row_h
        bar = 0 if n == 0 else max(3.0, (width - label_w - 70) * n / top)
        colour = COLOURS.get(key, "#57606a")
        parts.append(
            f'<text x="{label_w - 10}" y="{y + 21}" text-anchor="end" font-size="15" fill="{_TEXT}">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 5}" width="{bar:.1f}" height="{row_h - 12}" rx="3" fill="{colour}"/>'
        )
        parts.append(f'<text x="{label_w + bar + 8:.1f}" y="{y + 21}" font-size="15" fill="{_TEXT}">{n:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline(chart_id: str, cov: Coverage, today: date) -> str:
    """The vendor's coverage over time: a lane per kind of evidence, a bar per document's period or validity,
    diamonds for surveillance audits, hatched gaps no SOC report or bridge letter covers, and a line for today."""
    lanes: list[str] = []
    for span in cov.spans:
        if span.lane not in lanes:
            lanes.append(span.lane)
    if cov.gaps and "Gaps in SOC coverage" not in lanes:
        lanes.append("Gaps in SOC coverage")
    days = [today - timedelta(days=365), today + timedelta(days=120)]
    days += [s.start for s in cov.spans] + [s.end for s in cov.spans] + [m[0] for m in cov.marks]
    first, last = min(days), max(days)
    first = date(first.year, 1, 1) if (first - date(first.year, 1, 1)).days < 60 else first
    span_days = max((last - first).days, 1)
    width, label_w, lane_h, axis_h = 960, 190, 40, 48
    height = axis_h + lane_h * max(len(lanes), 1) + 10
    plot_w = width - label_w - 20

    def x(day: date) -> float:
        return label_w + plot_w * (day - first).days / span_days

    title = f"Coverage from {first} to {last}; today {today}"
    desc = "; ".join([s.label for s in cov.spans] + [m[1] for m in cov.marks]
                     + [f"gap from {a} to {b}" for a, b in cov.gaps]) or "no dated documents"
    parts = [
        f'<svg id="{escape(chart_id)}" class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>',
        '<defs><pattern id="gap-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#fde2e1"/><line x1="0" y1="0" x2="0" y2="8" stroke="#c4201f" '
        'stroke-width="3"/></pattern></defs>',
    ]
    year = first.year + (0 if first == date(first.year, 1, 1) else 1)
    while date(year, 1, 1) <= last:
        gx = x(date(year, 1, 1))
        parts.append(f'<line x1="{gx:.1f}" y1="{axis_h - 6}" x2="{gx:.1f}" y2="{height - 6}" stroke="#d0d7de"/>')
        parts.append(f'<text x="{gx + 4:.1f}" y="{axis_h - 10}" font-size="14" fill="{_TEXT}">{year}</text>')
        year += 1
    for i, lane in enumerate(lanes):
        y = axis_h + i * lane_h
        parts.append(f'<text x="{label_w - 10}" y="{y + 25}" text-anchor="end" font-size="14" fill="{_TEXT}">'
                     f'{escape(lane)}</text>')
        parts.append(f'<line x1="{label_w}" y1="{y + lane_h - 2}" x2="{width - 20}" y2="{y + lane_h - 2}" '
                     'stroke="#eaeef2"/>')
    for span in cov.spans:
        y = axis_h + lanes.index(span.lane) * lane_h
        x0, x1 = x(span.start), max(x(span.end), x(span.start) + 3)
        colour = "#0b6bcb" if span.kind == "iso_certificate" else ("#6639ba" if span.kind == "bridge_letter"
                                                                    else "#1a7f37")
        if span.end < today:
            colour = "#8c959f"  # ended: kept for the history, drawn grey
        parts.append(f'<a href="/ui/documents/{span.document_id}"><rect x="{x0:.1f}" y="{y + 8}" '
                     f'width="{x1 - x0:.1f}" height="{lane_h - 18}" rx="4" fill="{colour}">'
                     f'<title>{escape(span.label)}</title></rect></a>')
    for day, label, doc_id in cov.marks:
        owner = next((s for s in cov.spans if s.document_id == doc_id), None)
        lane_no = lanes.index(owner.lane) if owner else 0
        cx, cy = x(day), axis_h + lane_no * lane_h + lane_h / 2 - 1
        parts.append(f'<path d="M{cx:.1f} {cy - 9:.1f} L{cx + 8:.1f} {cy:.1f} L{cx:.1f} {cy + 9:.1f} '
                     f'L{cx - 8:.1f} {cy:.1f} Z" fill="#ffd33d" stroke="{_TEXT}" stroke-width="1.5">'
                     f'<title>{escape(label)}</title></path>')
    if cov.gaps:
        y = axis_h + lanes.index("Gaps in SOC coverage") * lane_h
        for a, b in cov.gaps:
            x0, x1 = x(a), max(x(b), x(a) + 3)
            parts.append(f'<rect x="{x0:.1f}" y="{y + 8}" width="{x1 - x0:.1f}" height="{lane_h - 18}" '
                         f'fill="url(#gap-hatch)" stroke="#c4201f"><title>No SOC coverage from {a} to {b}</title>'
                         '</rect>')
    tx = x(today)
    parts.append(f'<line x1="{tx:.1f}" y1="18" x2="{tx:.1f}" y2="{height - 4}" stroke="{_TEXT}" '
                 'stroke-width="2" stroke-dasharray="5 3"/>')
    parts.append(f'<text x="{tx:.1f}" y="13" font-size="13" font-weight="bold" text-anchor="middle" '
                 f'fill="{_TEXT}">today {today}</text>')
    parts.append("</svg>")
    return "".join(parts)
