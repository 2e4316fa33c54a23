"""The buyer's audit window: which of its days a vendor's reports and bridge letters speak for, and the gaps.

A buyer's auditor relying on a vendor's controls for fiscal year 2026 needs SOC report periods (Type 2 or SOC 3:
controls operating over time) and bridge letters (the vendor's word for the time since the last period) covering the
whole year. A Type 1 report speaks for one day's design only and covers no window. An ISO certificate says an ISMS
was certified while it was valid, not that controls were tested over the period, so certificate days are shown
(marked as such) but do not close a gap: a gap a certificate spans says so, for the reviewer to weigh.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from extractors.model import PERIOD_REPORT_KINDS

SpanKind = Literal["soc_report", "bridge_letter", "certificate"]


class _Dated(Protocol):
    id: int
    kind: str | None
    period_start: date | None
    period_end: date | None
    issue_date: date | None
    expiry_date: date | None
    filename: str


@dataclass(frozen=True, slots=True)
class Span:
    """Days ``start`` to ``end`` (both included) that one document speaks for."""

    start: date
    end: date
    kind: SpanKind
    document: str
    document_id: int | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "kind": self.kind,
            "certificate": self.kind == "certificate",
            "document": self.document,
            "document_id": self.document_id,
        }


@dataclass(frozen=True, slots=True)
class Gap:
    start: date
    end: date
    certificate: str | None = None  # a certificate valid over the whole gap, which does not close it

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "days": self.days,
                "certificate": self.certificate}


@dataclass(slots=True)
class Coverage:
    start: date
    end: date
    covered: list[Span] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def covered_days(self) -> int:
        return self.days - sum(g.days for g in self.gaps)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def summary(self) -> str:
        """One line for a table cell or a chat reply."""
        if not self.gaps:
            return f"covered {self.days}/{self.days} days"
        gaps = "; ".join(f"{g.start.isoformat()}..{g.end.isoformat()}" for g in self.gaps[:3])
        more = f" (+{len(self.gaps) - 3})" if len(self.gaps) > 3 else ""
        return f"covered {self.covered_days}/{self.days} days; gaps {gaps}{more}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": self.days,
            "covered_days": self.covered_days,
            "complete": self.complete,
            "covered": [s.to_dict() for s in self.covered],
            "gaps": [g.to_dict() for g in self.gaps],
        }


def spans_of(docs: Iterable[_Dated]) -> list[Span]:
    """What each parsed document speaks for. A bridge letter without a stated start continues the latest report
    period ending before its end; a document without the dates it needs gives no span (never a guessed one)."""
    rows = list(docs)
    spans: list[Span] = []
    report_ends = sorted(d.period_end for d in rows if d.kind in PERIOD_REPORT_KINDS and d.period_end is not None)
    for d in rows:
        if d.kind in PERIOD_REPORT_KINDS and d.period_start and d.period_end and d.period_start <= d.period_end:
            spans.append(Span(d.period_start, d.period_end, "soc_report", d.filename, d.id))
        elif d.kind == "bridge_letter" and d.period_end is not None:
            start = d.period_start
            if start is None:
                before = [e for e in report_ends if e < d.period_end]
                start = before[-1] + timedelta(days=1) if before else None
            if start is not None and start <= d.period_end:
                spans.append(Span(start, d.period_end, "bridge_letter", d.filename, d.id))
        elif d.kind == "iso_certificate" and d.issue_date and d.expiry_date and d.issue_date <= d.expiry_date:
            spans.append(Span(d.issue_date, d.expiry_date, "certificate", d.filename, d.id))
    return sorted(spans, key=lambda s: (s.start, s.end, s.document))


def audit_window(spans: Sequence[Span], start: date, end: date) -> Coverage:
    """The spans clipped to ``start``..``end`` and the days no report or bridge letter covers."""
    if end < start:
        raise ValueError(f"the window ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    out = Coverage(start, end)
    for s in spans:
        if s.end < start or s.start > end:
            continue
        out.covered.append(Span(max(s.start, start), min(s.end, end), s.kind, s.document, s.document_id))
    cursor = start
    assured = sorted((s for s in out.covered if s.kind != "certificate"), key=lambda s: s.start)
    holes: list[tuple[date, date]] = []
    for s in assured:
        if s.start > cursor:
            holes.append((cursor, s.start - timedelta(days=1)))
        if s.end >= cursor:
            cursor = s.end + timedelta(days=1)
        if cursor > end:
            break
    if cursor <= end:
        holes.append((cursor, end))
    certs = [s for s in out.covered if s.kind == "certificate"]
    for a, b in holes:
        cert = next((c.document for c in certs if c.start <= a and c.end >= b), None)
        out.gaps.append(Gap(a, b, cert))
    return out
