"""What the pages show, gathered from the service: the portfolio's summary, a vendor's evidence and coverage, a
document's fields, the review queue. No HTML here; the templates only lay it out.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.model import KEY_FIELDS, KIND_LABELS, SOC_KINDS
from knowledge.findings import SEVERITIES
from service.alerts import triggers
from service.alerts.service import soc_freshness_months
from service.assessments.models import AnswerSeverities, AssessmentRead, StoredAssessment
from service.config import Settings
from service.documents import corrections
from service.documents import service as documents
from service.documents.models import Document
from service.documents.review_models import FieldReview, ReviewDismissal
from service.vendors import service as vendors
from service.vendors.models import Vendor

HORIZON_DAYS = 90
VERDICTS = ("meets", "meets_with_findings", "does_not_meet", "insufficient_evidence")
VERDICT_TEXT = {
    "meets": "Meets",
    "meets_with_findings": "Meets, with findings",
    "does_not_meet": "Does not meet",
    "insufficient_evidence": "Insufficient evidence",
    "not_assessed": "Not assessed yet",
}
KIND_TEXT = KIND_LABELS
FIELD_TEXT = {
    "vendor": "Vendor",
    "issuer": "Issuer (auditor / certification body)",
    "accreditation_body": "Accreditation body",
    "certificate_number": "Certificate number",
    "report_date": "Report date",
    "period_start": "Period start",
    "period_end": "Period end",
    "issue_date": "Issue date",
    "original_issue_date": "Original issue date",
    "expiry_date": "Expiry date",
    "opinion": "Opinion",
    "scope": "Scope",
    "standards": "Standard",
    "tsc_categories": "Trust Services category",
    "subservice_organizations": "Subservice organization",
    "cuecs": "Complementary user entity control",
    "exceptions": "Exception",
    "ai.evidence": "AI coverage",
}
# Single fields that belong to a kind of document: one the extractor left empty is shown (as "not read") only here
_ISO_ONLY = ("accreditation_body", "certificate_number", "issue_date", "original_issue_date", "expiry_date")
_SOC_ONLY = ("period_start", "period_end", "opinion")
EVENT_TEXT = {
    "certificate_expired": "certificate expires",
    "soc_report_stale": "SOC report goes stale",
    "bridge_letter_expired": "bridge letter runs out",
    "surveillance_due": "surveillance audit due",
}


# --- portfolio ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Event:
    day: date
    kind: str
    vendor_id: int | None
    vendor_name: str
    document_id: int
    message: str
    filename: str = ""


@dataclass(slots=True)
class Portfolio:
    vendors: int
    verdicts: dict[str, int]
    severities: dict[str, int]
    events: list[Event]
    attention: list[tuple[int, str, str]]  # (vendor id, name, verdict) of those that fall short
    as_of: date
    computed: float


_portfolio_lock = threading.Lock()
_portfolio_cache: dict[tuple[str, str], tuple[float, Portfolio]] = {}
_PORTFOLIO_TTL = 30.0


def portfolio(db_session: Session, settings: Settings, today: date) -> Portfolio:
    """Vendors by verdict, findings by severity (from the stored answers against the default profile), and what
    expires or goes stale within 90 days (from the current documents). Remembered for 30 seconds: at 10,000
    vendors it reads every stored answer."""
    key = (str(db_session.get_bind().engine.url), today.isoformat())
    now = time.monotonic()
    hit = _portfolio_cache.get(key)
    if hit is not None and now - hit[0] < _PORTFOLIO_TTL:
        return hit[1]
    started = time.perf_counter()
    total = db_session.scalar(select(func.count(Vendor.id))) or 0
    names = vendors.names_by_id(db_session=db_session)
    verdicts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    attention: list[tuple[int, str, str]] = []
    stmt = select(StoredAssessment.vendor_id, StoredAssessment.verdict, StoredAssessment.answer).where(
        StoredAssessment.profile == settings.default_profile
    )
    for vendor_id, verdict, answer in db_session.execute(stmt):
        verdicts[verdict] += 1
        if verdict in ("does_not_meet", "insufficient_evidence") and len(attention) < 200:
            attention.append((vendor_id, names.get(vendor_id, f"vendor {vendor_id}"), verdict))
        try:
            stored = AnswerSeverities.model_validate_json(answer)
        except ValidationError:  # unreadable: the vendor still counts by its verdict column
            continue
        severities.update(stored.severities)
    verdicts["not_assessed"] = max(total - sum(verdicts.values()), 0)
    events = upcoming(db_session, settings, today, names)
    attention.sort(key=lambda a: (a[2] != "does_not_meet", a[1].casefold()))
    result = Portfolio(
        vendors=total,
        verdicts={v: verdicts.get(v, 0) for v in (*VERDICTS, "not_assessed")},
        severities={s: severities.get(s, 0) for s in SEVERITIES},
        events=events,
        attention=attention[:25],
        as_of=today,
        computed=time.perf_counter() - started,
    )
    with _portfolio_lock:
        _portfolio_cache[key] = (now, result)
    return result


def forget_portfolio() -> None:
    with _portfolio_lock:
        _portfolio_cache.clear()


def _event_day(c: triggers.Candidate) -> date | None:
    if c.kind == "surveillance_due":
        return c.due_date
    if c.kind in ("certificate_expired", "bridge_letter_expired", "soc_report_stale"):
        return c.fires_on
    return None


def upcoming(
    db_session: Session,
    settings: Settings,
    today: date,
    names: dict[int, str],
    current: dict[int, list[Any]] | None = None,
) -> list[Event]:
    """Expiries, stale reports, lapsing bridge letters and surveillance audits of current documents, within 90
    days (the day itself: the alerts warn earlier). ``current``: the current documents by vendor, when the caller
    has them (a vendor page has its own); otherwise every vendor's are read."""
    months = soc_freshness_months(settings)
    horizon = today + timedelta(days=HORIZON_DAYS)
    if current is None:
        current = documents.current_documents_by_vendor(db_session=db_session)
    out: list[Event] = []
    soc_days = (28 * months - 1, 31 * months + 1) if months is not None else (settings.freshness_days,) * 2
    for vid, docs in current.items():
        for d in docs:
            if not _may_fall_due(d, today, horizon, soc_days):
                continue
            row = triggers.DocRow(d.id, vid, names.get(vid), d.filename, "parsed", d.kind, d.standards, d.period_end,
                               d.issue_date, None, d.expiry_date, None)
            for c in triggers.candidates(row, thresholds=[0], freshness_days=settings.freshness_days,
                                      freshness_months=months):
                day = _event_day(c)
                if day is not None and today <= day <= horizon:
                    out.append(Event(day, c.kind, vid, names.get(vid, f"vendor {vid}"), d.id, c.message, d.filename))
    out.sort(key=lambda e: (e.day, e.vendor_name.casefold()))
    return out


def _may_fall_due(d: Any, today: date, horizon: date, soc_days: tuple[int, int]) -> bool:
    """A cheap, generous test on the dated columns before the exact rules run: at 10,000 vendors most current
    documents have nothing due within 90 days, and the rules cost ~70 microseconds a document."""
    near = timedelta(days=3)
    if d.kind == "iso_certificate":
        if d.expiry_date is not None and today - near <= d.expiry_date <= horizon + near:
            return True
        start = d.issue_date
        if start is None or (d.expiry_date is not None and d.expiry_date < today):
            return False
        return any(today - near <= start + timedelta(days=365 * k) <= horizon + near for k in (1, 2))
    if d.kind == "bridge_letter":
        end = d.expiry_date or d.period_end
        return end is not None and today - near <= end <= horizon + near
    if d.period_end is None:
        return False
    # the report goes stale between period end + soc_days[0] and + soc_days[1]: does that meet the window?
    earliest, latest = d.period_end + timedelta(days=soc_days[0]), d.period_end + timedelta(days=soc_days[1])
    return earliest <= horizon + near and latest >= today - near


# --- a vendor -----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Evidence:
    document_id: int | None
    document: str
    page: int | None
    quote: str | None
    highlight: str | None  # the field path to highlight on the page image


@dataclass(slots=True)
class FindingView:
    severity: str
    reason: str
    absence: str | None
    evidence: list[Evidence]


@dataclass(slots=True)
class Span:
    """One bar of the coverage timeline."""

    lane: str
    start: date
    end: date
    label: str
    document_id: int
    kind: str


@dataclass(slots=True)
class Coverage:
    spans: list[Span] = field(default_factory=list)
    marks: list[tuple[date, str, int]] = field(default_factory=list)  # surveillance audits: (day, label, document)
    gaps: list[tuple[date, date]] = field(default_factory=list)


def _path_for(extraction: dict[str, Any] | None, name: str | None, page: int | None, quote: str | None) -> str | None:
    """The field path a citation points at: a single field by name, a list item found by its page and quote."""
    if not extraction or not name or name == "kind":
        return None
    if name == "ai":
        name = "ai.evidence"
    if name in corrections.SINGLE:
        return name
    if name not in corrections.LISTS:
        return None
    fields = extraction.get("fields") or {}
    items = ((fields.get("ai") or {}).get("evidence") if name == "ai.evidence" else fields.get(name)) or []
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("page") == page and item.get("quote") == quote:
            return f"{name}.{i}"
    return None


def findings(assessment: AssessmentRead, extractions: dict[int, dict[str, Any]]) -> list[FindingView]:
    """The assessment's findings, each citation tied to the stored document and the field to highlight."""
    by_name = {d.filename: d.id for d in assessment.documents}
    out: list[FindingView] = []
    for f in assessment.result.findings:
        cites = []
        for c in f.evidence:
            doc_id = by_name.get(c.document)
            path = _path_for(extractions.get(doc_id) if doc_id else None, c.field, c.page, c.quote)
            cites.append(Evidence(doc_id, c.document, c.page, c.quote, path))
        out.append(FindingView(f.severity, f.reason or f.code, f.absence, cites))
    out.sort(key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9)
    return out


def coverage(docs: list[Document], today: date) -> Coverage:
    """The vendor's coverage over time: SOC report periods, bridge letters, certificate validity, surveillance
    audits, and the gaps no SOC report or bridge letter covers (from the first report's start until today)."""
    out = Coverage()
    soc: list[tuple[date, date]] = []
    for d in sorted(docs, key=lambda d: d.id):
        if d.status != "parsed":
            continue
        start = d.period_start
        if d.kind in SOC_KINDS and d.period_end:
            begin = start or d.period_end
            out.spans.append(Span("SOC reports", begin, d.period_end, f"{KIND_TEXT.get(d.kind or '', d.kind)} "
                                  f"{begin} to {d.period_end}", d.id, d.kind or ""))
            soc.append((begin, d.period_end))
        elif d.kind == "bridge_letter" and (d.period_end or d.expiry_date):
            end = d.expiry_date or d.period_end
            assert end is not None
            begin = start or end
            out.spans.append(Span("Bridge letters", begin, end, f"Bridge letter {begin} to {end}", d.id, d.kind))
            soc.append((begin, end))
        elif d.kind == "iso_certificate" and d.expiry_date:
            begin = d.issue_date or d.original_issue_date or d.expiry_date
            names = ", ".join(s.split(":")[0].replace("ISO/IEC ", "") for s in (d.standards or "").split("|") if s)
            lane = f"ISO {names}" if names else "ISO certificate"
            out.spans.append(Span(lane, begin, d.expiry_date, f"{lane} valid {begin} to {d.expiry_date}", d.id,
                                  d.kind))
            cycle = d.issue_date or d.original_issue_date
            if cycle is not None:
                for n, audit in enumerate(triggers._surveillance_audits(cycle, d.expiry_date), start=1):
                    out.marks.append((audit, f"Surveillance audit {n} ({lane}) due {audit}", d.id))
    if soc:
        soc.sort()
        covered_to = soc[0][0]
        for begin, end in soc:
            if begin > covered_to + timedelta(days=1):
                out.gaps.append((covered_to + timedelta(days=1), begin - timedelta(days=1)))
            covered_to = max(covered_to, end)
        if covered_to < today:
            out.gaps.append((covered_to + timedelta(days=1), today))
    return out


# --- a document ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class FieldView:
    path: str
    label: str
    value: Any
    page: int | None
    quote: str | None
    review: dict[str, Any] | None
    extra: str | None  # criteria, control, method: what else the extractor read with it
    kind: str  # "date", "opinion", "category", "text"
    index: int | None = None  # the item's place in its list (None for a single field)


def field_views(extraction: dict[str, Any] | None) -> list[FieldView]:
    """Every field of the extraction in the contract's order, lists item by item; unread single fields too, where
    that kind of document states them (a SOC report has no certificate number, a certificate no opinion)."""
    if not extraction:
        return []
    fields = extraction.get("fields") or {}
    kind = str(extraction.get("kind") or "unknown")
    absent = _SOC_ONLY if kind == "iso_certificate" else _ISO_ONLY if kind != "unknown" else ()
    out: list[FieldView] = []

    def kind_of(name: str) -> str:
        if name in corrections.DATES:
            return "date"
        if name == "opinion":
            return "opinion"
        if name == "tsc_categories":
            return "category"
        return "text"

    for name in corrections.SINGLE:
        item = fields.get(name) if isinstance(fields.get(name), dict) else None
        if item is None and name in absent:
            continue
        out.append(_view(name, name, item, kind_of(name)))
    for name in corrections.LISTS:
        items = ((fields.get("ai") or {}).get("evidence") if name == "ai.evidence" else fields.get(name)) or []
        for i, item in enumerate(items):
            out.append(_view(f"{name}.{i}", name, item if isinstance(item, dict) else None, kind_of(name)))
    return out


def _view(path: str, name: str, item: dict[str, Any] | None, kind: str) -> FieldView:
    item = item or {}
    extra_parts = []
    if item.get("control"):
        extra_parts.append(f"control {item['control']}")
    if item.get("criteria"):
        extra_parts.append("criteria " + ", ".join(map(str, item["criteria"])))
    if item.get("method"):
        extra_parts.append(str(item["method"]))
    if item.get("management_response"):
        extra_parts.append(f"management's response: {item['management_response']}")
    last = path.rsplit(".", 1)[-1]
    return FieldView(path, FIELD_TEXT.get(name, name), item.get("value"), item.get("page"), item.get("quote"),
                     item.get("review"), "; ".join(extra_parts) or None, kind, int(last) if last.isdigit() else None)


# --- the review queue ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class QueueItem:
    kind: str  # "vendor_match", "unread_field", "warning", "failed"
    document_id: int
    filename: str
    text: str
    key: str  # what resolving it names: a field path, a warning's digest, ...
    candidate: tuple[int, str] | None = None


@dataclass(slots=True)
class Queue:
    items: list[QueueItem]
    counts: dict[str, int]


QUEUE_LIMIT = 100


def queue(db_session: Session) -> Queue:
    """What needs a person: uncertain vendor matches, fields the extractor could not read, warnings, failures.
    Each item leaves the queue once resolved (a vendor confirmed, a field corrected or confirmed as not stated, a
    warning or a failure dismissed)."""
    dismissed = {(d, k) for d, k in db_session.execute(select(ReviewDismissal.document_id, ReviewDismissal.key))}
    reviewed = {(d, f) for d, f in db_session.execute(select(FieldReview.document_id, FieldReview.field))}
    names = vendors.names_by_id(db_session=db_session)
    items: list[QueueItem] = []
    uncertain = select(Document.id, Document.filename, Document.vendor_name, Document.vendor_candidate_id,
                       Document.vendor_match_score).where(
        Document.vendor_match == "uncertain", Document.vendor_id.is_(None)).order_by(Document.id).limit(QUEUE_LIMIT)
    for doc_id, filename, read_name, candidate, score in db_session.execute(uncertain):
        cand = (candidate, names.get(candidate, f"vendor {candidate}")) if candidate else None
        text = f"The document names “{read_name or 'no vendor'}”"
        if cand:
            text += f"; the closest vendor is {cand[1]} (score {score or 0:.0f})"
        items.append(QueueItem("vendor_match", doc_id, filename, text, "vendor", cand))
    failed = select(Document.id, Document.filename, Document.error_message).where(
        Document.status == "failed").order_by(Document.id.desc()).limit(QUEUE_LIMIT)
    for doc_id, filename, message in db_session.execute(failed):
        if (doc_id, "failed") not in dismissed:
            items.append(QueueItem("failed", doc_id, filename, message or "could not be read", "failed"))
    parsed = select(Document.id, Document.filename, Document.kind, Document.extraction).where(
        Document.status == "parsed").order_by(Document.id.desc()).limit(2000)
    unread = warned = 0
    for doc_id, filename, kind, extraction in db_session.execute(parsed):
        fields = (extraction or {}).get("fields") or {}
        for name in KEY_FIELDS.get(kind or "", ()):
            if fields.get(name) is None and (doc_id, name) not in reviewed and unread < QUEUE_LIMIT:
                unread += 1
                items.append(QueueItem("unread_field", doc_id, filename,
                                       f"{FIELD_TEXT[name]} could not be read", name))
        for text in (extraction or {}).get("warnings") or []:
            key = warning_key(str(text))
            if (doc_id, key) not in dismissed and warned < QUEUE_LIMIT:
                warned += 1
                items.append(QueueItem("warning", doc_id, filename, str(text), key))
    counts = Counter(i.kind for i in items)
    return Queue(items, {k: counts.get(k, 0) for k in ("vendor_match", "unread_field", "warning", "failed")})


def warning_key(text: str) -> str:
    return "w:" + hashlib.sha256(text.encode()).hexdigest()[:16]
