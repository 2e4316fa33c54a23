"""What the brain knows of every vendor's current documents, read once and kept while nothing changes.

Questions over the whole portfolio ("which vendors depend on AWS?", "who has a qualified opinion?") touch every
vendor's current documents. Reading 10,000 vendors' extraction JSON per question would take seconds, so a
``Snapshot`` keeps a small summary of each current document (kind, dates, auditor, opinion, categories, subservice
organizations, exceptions, AI coverage) and is rebuilt only when the documents change (one cheap query checks:
their count and latest update).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.model import ExceptionRow
from knowledge.rules.exceptions import exception_criteria
from service.documents import service as documents
from service.documents.models import Document
from service.vendors import service as vendors
from service.vendors.models import Vendor


@dataclass(frozen=True, slots=True)
class Quote:
    """A value as read, with where: the file, the 1-based page and the verbatim quote."""

    value: str
    page: int | None = None
    quote: str | None = None


@dataclass(slots=True)
class DocSummary:
    """What portfolio questions need of one current document."""

    id: int
    vendor_id: int
    kind: str
    filename: str
    standards: str | None
    period_start: date | None
    period_end: date | None
    report_date: date | None
    issue_date: date | None
    expiry_date: date | None
    issuer: Quote | None = None
    accreditation_body: Quote | None = None
    opinion: Quote | None = None
    categories: list[str] = field(default_factory=list)
    scope: Quote | None = None
    subservices: list[tuple[str, str | None, Quote]] = field(default_factory=list)  # (name, method, where)
    cuecs: int = 0
    exceptions: list[tuple[str | None, tuple[str, ...], Quote]] = field(default_factory=list)  # control, criteria
    ai_covered: bool = False
    ai_evidence: list[Quote] = field(default_factory=list)
    dated: Quote | None = None  # where the period's end (reports) or the expiry (certificates) was read


@dataclass(slots=True)
class Snapshot:
    """Every vendor's name and current documents (summaries), by vendor id."""

    names: dict[int, str]
    docs: dict[int, list[DocSummary]]
    stamp: tuple[Any, ...] = ()
    built_in: float = 0.0

    def provider_names(self) -> list[str]:
        """Every subservice organization named in a current document."""
        out: dict[str, None] = {}
        for docs in self.docs.values():
            for doc in docs:
                for name, _method, _q in doc.subservices:
                    out.setdefault(name, None)
        return list(out)

    def of(self, vendor_id: int) -> list[DocSummary]:
        return self.docs.get(vendor_id, [])


def _quote(item: Any) -> Quote | None:
    if not isinstance(item, dict) or item.get("value") in (None, ""):
        return None
    return Quote(str(item["value"]), item.get("page"), item.get("quote"))


def _summary(row: Any, extraction: dict[str, Any] | None) -> DocSummary:
    fields = (extraction or {}).get("fields") or {}
    start = _quote(fields.get("period_start"))
    try:
        period_start = date.fromisoformat(start.value[:10]) if start else None
    except ValueError:
        period_start = None
    doc = DocSummary(row.id, row.vendor_id, row.kind or "unknown", row.filename, row.standards, period_start,
                     row.period_end, row.report_date, row.issue_date, row.expiry_date)
    doc.issuer = _quote(fields.get("issuer"))
    doc.accreditation_body = _quote(fields.get("accreditation_body"))
    doc.opinion = _quote(fields.get("opinion"))
    doc.categories = [str(c.get("value")) for c in fields.get("tsc_categories") or [] if c.get("value")]
    doc.scope = _quote(fields.get("scope"))
    for s in fields.get("subservice_organizations") or []:
        q = _quote(s)
        if q is not None:
            doc.subservices.append((q.value, s.get("method"), q))
    doc.cuecs = len(fields.get("cuecs") or [])
    for e in fields.get("exceptions") or []:
        q = _quote(e)
        if q is not None:
            row = ExceptionRow(value=q.value, page=q.page, quote=q.quote, control=e.get("control"),
                               criteria=tuple(e.get("criteria") or ()))
            doc.exceptions.append((e.get("control"), exception_criteria(row), q))
    doc.dated = _quote(fields.get("period_end")) or _quote(fields.get("expiry_date"))
    ai = fields.get("ai") or {}
    doc.ai_covered = bool(ai.get("covered"))
    doc.ai_evidence = [q for q in (_quote(e) for e in ai.get("evidence") or []) if q is not None]
    return doc


_lock = threading.Lock()
_cache: dict[str, tuple[float, Snapshot]] = {}
_RECHECK_SECONDS = 1.0


def snapshot(db_session: Session) -> Snapshot:
    """The current snapshot for this database, brought up to date when documents or vendors changed.

    Checked at most once a second by one cheap query. When documents were added or changed, only the vendors they
    belong to are read again (a new upload costs milliseconds, not a rebuild of 10,000 vendors); a deletion, or
    a change of vendors, rebuilds the whole."""
    key = str(db_session.get_bind().engine.url)
    now = time.monotonic()
    cached = _cache.get(key)
    if cached is not None and now - cached[0] < _RECHECK_SECONDS:
        return cached[1]
    stamp = (
        *db_session.execute(select(func.count(Document.id), func.max(Document.updated_at))).one(),
        *db_session.execute(select(func.count(Vendor.id), func.max(Vendor.updated_at))).one(),
    )
    if cached is not None and cached[1].stamp == stamp:
        _cache[key] = (now, cached[1])
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[1].stamp == stamp:
            return cached[1]
        started = time.perf_counter()
        old = cached[1] if cached is not None else None
        if old is not None and old.stamp[2:] == stamp[2:] and stamp[0] >= old.stamp[0] and old.stamp[1] is not None:
            snap = _update(db_session, old, stamp)
        else:
            snap = _build(db_session, stamp)
        snap.built_in = time.perf_counter() - started
        _cache[key] = (time.monotonic(), snap)
        return snap


def _summaries(db_session: Session, current: dict[int, list[Any]]) -> dict[int, list[DocSummary]]:
    ids = [row.id for rows in current.values() for row in rows]
    stored = documents.extractions(db_session=db_session, ids=ids)
    docs: dict[int, list[DocSummary]] = {}
    for vendor_id, rows in current.items():
        out = []
        for row in rows:
            summary = _summary(row, stored.get(row.id))
            summary.vendor_id = vendor_id
            out.append(summary)
        docs[vendor_id] = out
    return docs


def _build(db_session: Session, stamp: tuple[Any, ...]) -> Snapshot:
    names = vendors.names_by_id(db_session=db_session)
    current = documents.current_documents_by_vendor(db_session=db_session)
    return Snapshot(names, _summaries(db_session, current), stamp)


def _update(db_session: Session, old: Snapshot, stamp: tuple[Any, ...]) -> Snapshot:
    rows = db_session.execute(select(Document.id, Document.vendor_id).where(Document.updated_at >= old.stamp[1])).all()
    ids = {doc_id for doc_id, _vid in rows}
    changed = {vid for _id, vid in rows if vid is not None}
    # a document moved to another vendor (a person confirmed the match) leaves the vendor that had it
    changed |= {vid for vid, docs in old.docs.items() if any(d.id in ids for d in docs)}
    if len(changed) > 2_000:
        return _build(db_session, stamp)
    current: dict[int, list[Any]] = {}
    dated = select(Document.vendor_id, *documents.DATED_COLUMNS).where(Document.status == "parsed")
    for vendor_id in changed:
        found = db_session.execute(dated.where(Document.vendor_id == vendor_id)).all()
        current[vendor_id] = documents.pick_current(found)
    docs = dict(old.docs)
    for vendor_id in changed:
        docs.pop(vendor_id, None)
    docs.update({vid: d for vid, d in _summaries(db_session, current).items() if d})
    return Snapshot(old.names, docs, stamp)
