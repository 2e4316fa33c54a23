"""Documents: ingest bytes once, parse them (in a job or inline), attach them to a vendor, recover after a crash.

State changes are one transaction each: ``queued`` on upload, ``parsing`` when a worker claims it, then ``parsed``
or ``failed`` together with everything read from it. A crash in between leaves ``parsing`` behind, which
``requeue_interrupted`` (run at start) turns back into work; the claim makes duplicate jobs harmless.

This is the domain only: it parses and records. What follows a parse (the red-flag signals, the alerts, the
vendor's answer) and the queue belong to the ingestion use case above the domains, ``intake``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors import Extraction
from extractors.sniff import upload_refusal
from knowledge.supersession import pick_current

from ..config import Settings
from ..database import begin_write, utcnow
from ..inputs import strip_unsafe
from ..queries import equals_if_given, newest_first
from ..vendors import service as vendor_service
from ..vendors.models import Vendor
from ..vendors.names import normalize
from .corrections import reapply
from .extraction import count_pages, run_extraction
from .lookup import DocumentNotFound, get, get_or_raise
from .models import Document
from .storage import FileStore

MAX_ATTEMPTS = 3


class UploadTooLarge(ValueError):
    """The upload is over the configured size limit."""


class UnsupportedContent(ValueError):
    """The bytes are not a document this service reads (``extractors.sniff`` decides, from the bytes)."""


def sniff(data: bytes) -> str:
    """The media type of ``data``; raises UnsupportedContent with the reason unless it could be a PDF."""
    reason = upload_refusal(data)
    if reason is not None:
        raise UnsupportedContent(reason)
    return "application/pdf"


__all__ = [
    "AfterParse",
    "DocumentNotFound",
    "IngestResult",
    "UnsupportedContent",
    "UploadTooLarge",
    "assign_vendor",
    "count_pages",
    "current_documents",
    "get",
    "get_or_raise",
    "ingest",
    "interrupted_ids",
    "list_documents",
    "process",
    "record_extraction",
    "requeue_interrupted",
    "run_extraction",
]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """The stored document and whether this call created it; when not, ``document.uploaded_by`` and
    ``document.uploaded_at`` say who sent these bytes first and when."""

    document: Document
    created: bool


# What follows a parse this module does not know of: called with the document as recorded and the file's bytes.
AfterParse = Callable[[Document, bytes], None]


def file_store(settings: Settings) -> FileStore:
    return FileStore(settings.files_dir)


def get_by_sha256(*, db_session: Session, sha256: str) -> Document | None:
    return db_session.scalars(select(Document).where(Document.sha256 == sha256)).first()


def list_documents(
    *,
    db_session: Session,
    vendor_id: int | None = None,
    status: str | None = None,
    needs_review: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[Document]:
    """Documents, newest first; ``needs_review`` keeps those whose vendor match a person must confirm."""
    review = (Document.vendor_match == "uncertain") & Document.vendor_id.is_(None) if needs_review else None
    stmt = newest_first(
        Document,
        equals_if_given(Document.vendor_id, vendor_id),
        equals_if_given(Document.status, status),
        review,
        limit=limit,
        offset=offset,
    )
    return list(db_session.scalars(stmt))


def _resolve_vendor_hint(
    db_session: Session, settings: Settings, vendor: int | str | None
) -> tuple[Vendor | None, int | None]:
    """The vendor an uploader named (an id, or a name matched through the same index as documents' names), and
    the candidate to confirm when the name is uncertain (then nothing is pinned and nothing is created)."""
    if vendor is None or (isinstance(vendor, str) and not vendor.strip()):
        return None, None
    if isinstance(vendor, int) or (isinstance(vendor, str) and vendor.strip().isdigit()):
        return vendor_service.get_or_raise(db_session=db_session, vendor_id=int(vendor)), None
    match = vendor_service.resolve_hint(db_session=db_session, name=str(vendor), auto=settings.vendor_match_auto,
                                        floor=settings.vendor_match_floor)
    if match.vendor_id is not None:
        return vendor_service.get_or_raise(db_session=db_session, vendor_id=match.vendor_id), None
    if match.status == "uncertain":
        return None, match.candidate_id
    found, _ = vendor_service.get_or_create(db_session=db_session, name=str(vendor))
    return found, None


def ingest(
    *,
    db_session: Session,
    settings: Settings,
    data: bytes,
    filename: str,
    uploaded_by: str | None = None,
    vendor: int | str | None = None,
) -> IngestResult:
    """Store uploaded bytes once and record a ``queued`` document (commits); the caller then enqueues or processes it.

    The same bytes again, even at the same moment from another process, return the existing document with
    ``created=False``. ``vendor`` (an id, or a name to find or create) pins the document to that vendor instead of
    matching the name read from it. Raises UploadTooLarge, UnsupportedContent (checked on the bytes, not the name)
    or VendorNotFound.
    """
    if len(data) > settings.max_upload_bytes:
        raise UploadTooLarge(f"the file is {len(data)} bytes; the limit is {settings.max_upload_bytes}")
    content_type = sniff(data)
    filename = strip_unsafe(filename or "")  # a name from a chat app or a folder; the API refuses such names (422)
    hint = strip_unsafe(str(vendor))[:300] if vendor is not None else None
    sha256 = file_store(settings).put(data)
    existing = get_by_sha256(db_session=db_session, sha256=sha256)
    if existing is not None:
        return IngestResult(existing, False)
    pinned, candidate = _resolve_vendor_hint(db_session, settings, hint if isinstance(vendor, str) else vendor)
    name = (filename or "document.pdf").replace("\\", "/").rsplit("/", 1)[-1][:300] or "document.pdf"
    begin_write(db_session)
    doc = Document(
        sha256=sha256,
        filename=name,
        content_type=content_type,
        size=len(data),
        status="queued",
        uploaded_by=(uploaded_by or None) and strip_unsafe(uploaded_by)[:200],
        uploaded_at=utcnow(),
        vendor_hint=hint,
        vendor_id=pinned.id if pinned else None,
        vendor_match="manual" if pinned else ("uncertain" if candidate else None),
        vendor_candidate_id=candidate,
    )
    db_session.add(doc)
    try:
        db_session.commit()
    except IntegrityError:
        db_session.rollback()  # the same bytes won a race from another request
        winner = get_by_sha256(db_session=db_session, sha256=sha256)
        if winner is None:
            raise
        return IngestResult(winner, False)
    return IngestResult(doc, True)


def claim(*, db_session: Session, document_id: int, stale_after: timedelta) -> bool:
    """Mark the document ``parsing`` for this worker (commits). False when it is done or another worker holds it.

    A ``parsing`` claim older than ``stale_after`` belonged to a worker that died, so it can be taken over.
    """
    now = utcnow()
    begin_write(db_session)
    result = db_session.execute(
        update(Document)
        .where(
            Document.id == document_id,
            or_(
                Document.status == "queued",
                (Document.status == "parsing") & (Document.claimed_at < now - stale_after),
            ),
        )
        .values(status="parsing", claimed_at=now, attempts=Document.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db_session.commit()
    # the bulk UPDATE bypassed the object this session may hold; reload it in place (not expire: callers may keep it)
    db_session.get(Document, document_id, populate_existing=True)
    db_session.commit()
    return bool(getattr(result, "rowcount", 0))


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _value(data: dict[str, Any], name: str) -> Any:
    item = data.get(name)
    return item.get("value") if isinstance(item, dict) else None


def record_extraction(*, db_session: Session, document_id: int, extraction: Extraction, settings: Settings) -> Document:
    """Save what was read, copy the indexed columns, and attach the vendor, all in one transaction (commits).

    Used by ``process`` and directly by callers that extracted the bytes themselves.
    """
    for attempt in range(3):
        try:
            return _record(db_session, document_id, extraction, settings)
        except IntegrityError:
            db_session.rollback()  # a vendor of that name was created concurrently; match again
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _record(db_session: Session, document_id: int, extraction: Extraction, settings: Settings) -> Document:
    begin_write(db_session)
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    contract = extraction.to_dict()
    contract = reapply(db_session, document_id, contract)  # a reviewer's corrections outlive a re-parse
    fields = contract.get("fields") or {}
    doc.extraction = contract
    doc.pages = extraction.file.pages
    doc.kind = extraction.kind
    doc.vendor_name = (_value(fields, "vendor") or None) and str(_value(fields, "vendor"))[:300]
    doc.standards = "|".join(str(s.get("value")) for s in fields.get("standards") or [] if s.get("value"))[:300] or None
    for col in ("report_date", "period_start", "period_end", "issue_date", "original_issue_date", "expiry_date"):
        setattr(doc, col, _date(_value(fields, col)))
    doc.parsed_at = utcnow()
    doc.claimed_at = None
    if extraction.error is not None:
        doc.status = "failed"
        doc.error_code = extraction.error.code
        doc.error_message = extraction.error.message
    else:
        doc.status = "parsed"
        doc.error_code = None
        doc.error_message = None
        if doc.vendor_match != "manual":
            _attach_vendor(db_session, doc, settings)
    db_session.commit()
    if doc.vendor_match == "created":
        vendor_service.note_change()
    return doc


def _attach_vendor(db_session: Session, doc: Document, settings: Settings) -> None:
    match = vendor_service.match_name(
        db_session=db_session, name=doc.vendor_name, auto=settings.vendor_match_auto, floor=settings.vendor_match_floor
    )
    if doc.vendor_match == "uncertain" and doc.vendor_candidate_id and match.status in {"created", "unknown"}:
        # the uploader named a vendor we could not place for sure: a person confirms it, nothing new is created
        match = vendor_service.NameMatch("uncertain", None, doc.vendor_candidate_id, doc.vendor_match_score)
    doc.vendor_match = match.status
    doc.vendor_match_score = match.score
    doc.vendor_candidate_id = match.candidate_id
    doc.vendor_id = match.vendor_id
    if match.status == "created" and doc.vendor_name:
        vendor = Vendor(name=" ".join(doc.vendor_name.split()), normalized_name=normalize(doc.vendor_name))
        db_session.add(vendor)
        db_session.flush()
        doc.vendor_id = vendor.id


def fail(*, db_session: Session, document_id: int, code: str, message: str) -> Document:
    """Record a failure that happened outside the extractor (commits); the stored file is kept."""
    begin_write(db_session)
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    doc.status = "failed"
    doc.error_code = code
    doc.error_message = message
    doc.claimed_at = None
    db_session.commit()
    return doc


def process(
    *,
    db_session: Session,
    settings: Settings,
    document_id: int,
    stale_after: timedelta | None = None,
    after_parse: AfterParse | None = None,
) -> Document:
    """Parse a queued document now, in this thread, and return it ``parsed`` or ``failed`` (a few seconds per report).

    Safe to call from several workers and again after a crash: only the caller that claims the document parses it;
    the others get the document as it stands. This module only parses and records; ``after_parse(document, data)``
    runs when this call recorded what the extractor read (``parsed`` or ``failed``), with the file's bytes while
    they are at hand: the ingestion use case (``intake``) derives the red-flag signals and raises alerts there.
    """
    stale = stale_after if stale_after is not None else timedelta(seconds=settings.parse_timeout_seconds * 2)
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    if doc.status == "queued" and doc.attempts >= MAX_ATTEMPTS:
        return fail(
            db_session=db_session,
            document_id=document_id,
            code="interrupted",
            message=f"parsing was interrupted {doc.attempts} times (the worker stopped each time)",
        )
    if not claim(db_session=db_session, document_id=document_id, stale_after=stale):
        return get_or_raise(db_session=db_session, document_id=document_id)
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    db_session.commit()  # end the read snapshot: extraction can take a while
    try:
        data = file_store(settings).get(doc.sha256)
    except OSError as exc:
        return fail(db_session=db_session, document_id=document_id, code="file_missing", message=str(exc))
    extraction = run_extraction(data=data, filename=doc.filename, settings=settings)
    doc = record_extraction(db_session=db_session, document_id=document_id, extraction=extraction, settings=settings)
    if after_parse is not None:
        after_parse(doc, data)
    return doc


def reparse(*, db_session: Session, document_id: int) -> Document:
    """Queue a document again, e.g. after the extractor improved (commits); the caller enqueues it."""
    begin_write(db_session)
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    doc.status = "queued"
    doc.attempts = 0
    doc.claimed_at = None
    db_session.commit()
    return doc


def interrupted_ids(*, db_session: Session, exclusive: bool = True) -> set[int]:
    """Documents whose parsing started and did not finish (``parsing``, or ``queued`` again after an attempt), as
    opposed to documents that are only waiting for their first turn (just uploaded, or loaded as examples).

    Without ``exclusive`` (other processes share the queue) a ``parsing`` document may be in the hands of a live
    worker, so only those queued again after an attempt count."""
    interrupted = (Document.status == "queued") & (Document.attempts > 0)
    if exclusive:
        interrupted = interrupted | (Document.status == "parsing")
    stmt = select(Document.id).where(interrupted)
    ids = set(db_session.scalars(stmt))
    db_session.commit()
    return ids


def requeue_interrupted(*, db_session: Session, exclusive: bool) -> list[int]:
    """Documents whose parsing must (re)start: all ``queued`` ones, plus ``parsing`` ones a crash left behind.

    ``exclusive`` means this process is the only worker (the embedded queue), so any ``parsing`` document was
    interrupted and goes back to ``queued`` at once; with a shared queue the stale-claim rule in ``claim`` decides.
    """
    if exclusive:
        begin_write(db_session)
        db_session.execute(
            update(Document)
            .where(Document.status == "parsing")
            .values(status="queued", claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        db_session.commit()
    docs = db_session.scalars(
        select(Document)
        .where(Document.status.in_(("queued", "parsing")))
        .order_by(Document.id)
        .execution_options(populate_existing=True)
    ).all()
    db_session.commit()
    return [d.id for d in docs]


def assign_vendor(*, db_session: Session, document_id: int, vendor_id: int) -> Document:
    """A person confirms or corrects a document's vendor (commits); the match becomes ``manual``."""
    begin_write(db_session)
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    vendor_service.get_or_raise(db_session=db_session, vendor_id=vendor_id)
    doc.vendor_id = vendor_id
    doc.vendor_match = "manual"
    doc.vendor_candidate_id = None
    db_session.commit()
    return doc


# What picking a vendor's current documents needs (see pick_current), plus what an answer shows of each: read
# without the extraction JSON, which is most of a row's size.
DATED_COLUMNS = (
    Document.id,
    Document.kind,
    Document.standards,
    Document.period_end,
    Document.issue_date,
    Document.report_date,
    Document.expiry_date,
    Document.uploaded_at,
    Document.updated_at,
    Document.filename,
)

_ALL_DATED = (
    select(Document.vendor_id, *DATED_COLUMNS)
    .where(Document.status == "parsed", Document.vendor_id.is_not(None))
    .order_by(Document.vendor_id, Document.id)
)


def current_documents_by_vendor(*, db_session: Session) -> dict[int, list[Any]]:
    """Every vendor's current documents (dated columns and file name, no extraction), in one query.

    Questions across all vendors ("what expires this quarter?") would otherwise run a query per vendor, which is
    seconds with thousands of vendors."""
    by_vendor: dict[int, list[Any]] = {}
    for row in db_session.execute(_ALL_DATED):
        by_vendor.setdefault(row.vendor_id, []).append(row)
    return {vendor_id: pick_current(rows) for vendor_id, rows in by_vendor.items()}


def extractions(*, db_session: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The stored extraction JSON of these documents, by id (those without one are left out)."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for doc_id, extraction in db_session.execute(
            select(Document.id, Document.extraction).where(Document.id.in_(chunk))
        ):
            if extraction:
                out[doc_id] = extraction
    return out


def current_documents(*, db_session: Session, vendor_id: int) -> list[Document]:
    """The vendor's parsed documents that still speak for it: the latest of each kind of evidence.

    A newer SOC 2 report supersedes an older one (Type 1 or 2), a newer bridge letter the older, and an ISO
    certificate supersedes the earlier certificate for the same standards; an ISO 27701 extension and the 27001
    certificate it extends are both current.
    """
    stmt = select(Document).where(Document.vendor_id == vendor_id, Document.status == "parsed").order_by(Document.id)
    return pick_current(db_session.scalars(stmt).all())
