"""Which of a vendor's documents is current: the rule that picks, per kind of evidence, the one that supersedes the
others. Pure (dated fields in, documents out), so the service's queries, the assessment and the bot share one rule.

A kind of evidence is a slot: SOC 2 (Type 1 and Type 2 together: a newer Type 1 supersedes an older Type 2), SOC 3,
SOC 1, the bridge letter, and an ISO certificate per set of standards it certifies (27001 alone, 27001 with 27701,
...). In each slot the latest wins, by the date the document speaks about (period end, issue, report, expiry), then
by upload time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol, TypeVar

from extractors.model import SOC_SLOTS


class Dated(Protocol):
    """What the rule reads of a document: a database record or a row of its dated columns."""

    id: int
    kind: str | None
    standards: str | None
    period_end: date | None
    issue_date: date | None
    report_date: date | None
    expiry_date: date | None
    uploaded_at: datetime


_D = TypeVar("_D", bound=Dated)


def _slot(doc: Dated) -> str | None:
    if doc.kind in SOC_SLOTS:
        return SOC_SLOTS[doc.kind]
    if doc.kind == "iso_certificate":
        return "iso:" + "|".join(sorted(s.split(":")[0] for s in (doc.standards or "").split("|") if s))
    return None


def _recency(doc: Dated) -> tuple[date, datetime]:
    when = doc.period_end or doc.issue_date or doc.report_date or doc.expiry_date or date.min
    return when, doc.uploaded_at


def pick_current(docs: Sequence[_D]) -> list[_D]:
    """Of a vendor's parsed documents (records or rows with the dated columns), the latest per kind of evidence."""
    best: dict[str, _D] = {}
    for doc in docs:
        slot = _slot(doc)
        if slot is None:
            continue
        if slot not in best or _recency(doc) > _recency(best[slot]):
            best[slot] = doc
    return sorted(best.values(), key=lambda d: d.id)
