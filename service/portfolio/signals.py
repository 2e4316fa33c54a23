"""At ingestion: read what the red flags and near-duplicate detection need from a parsed document's text.

Runs right after a document is parsed (``documents.intake.parse_now``), before its vendor's answer is computed, so the
first answer already carries the red flags. The text is read again with pdfium's plain text pass (tens of
milliseconds for a 60-page report; the extraction's own reading happened in a child process and is not kept). A
failure here never fails the document: it is logged, and ``missing`` finds the documents to try again
(``vendor-assurance import`` does, on every run).
"""

from __future__ import annotations

import logging
from typing import Any

import pypdfium2
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from extractors import Extraction
from extractors.document import PDFIUM_LOCK
from extractors.model import SOC_KINDS
from knowledge.portfolio.fingerprint import THRESHOLD, Fingerprint, fingerprint, names_to_drop, report_body, similarity
from knowledge.rules.red_flags import read_signals

from ..config import Settings
from ..database import begin_write, utcnow
from ..documents.models import Document
from ..documents.storage import FileStore
from .models import DocumentSignals, MinhashBand, NearDuplicate

log = logging.getLogger(__name__)

_LOCK_KEY = 0x7661_6E64  # serializes near-duplicate searches and their writes on PostgreSQL


def page_texts(data: bytes) -> list[str]:
    """Each page's plain text (pdfium), page 1 first; empty when the file cannot be opened."""
    if not PDFIUM_LOCK.acquire(timeout=30):
        return []
    try:
        pdf = pypdfium2.PdfDocument(data)
        try:
            out = []
            for page in pdf:
                textpage = page.get_textpage()
                out.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return out
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - the extraction already said what is wrong with the file
        return []
    finally:
        PDFIUM_LOCK.release()


def record(*, db_session: Session, settings: Settings, document_id: int, data: bytes | None = None) -> bool:
    """Compute and store the document's signals, fingerprint and near-duplicates (commits). False if not parsed."""
    doc = db_session.get(Document, document_id)
    if doc is None or doc.status != "parsed" or not doc.extraction:
        return False
    if data is None:
        data = FileStore(settings.files_dir).get(doc.sha256)
    x = Extraction.from_dict(doc.extraction)
    pages = page_texts(data)
    signals = read_signals(pages, x)
    # the fourth-party list reads these for every vendor at once: kept here, it does not parse each extraction
    signals["subservices"] = [
        {"name": str(s.value), "method": s.method, "page": s.page} for s in x.fields.subservice_organizations
    ]
    fp: Fingerprint | None = None
    if x.kind in SOC_KINDS and pages:  # every SOC report is fingerprinted
        issuer = str(x.fields.issuer.value) if x.fields.issuer else None
        vendor = str(x.fields.vendor.value) if x.fields.vendor else None
        fp = fingerprint(report_body(pages), names_to_drop([vendor, issuer]))
    db_session.commit()  # end the read snapshot before the candidate search and the write
    store(db_session=db_session, document_id=document_id, signals=signals, fp=fp)
    return True


def duplicates_of(
    *, db_session: Session, document_id: int, vendor_id: int | None, fp: Fingerprint
) -> list[tuple[int, float]]:
    """Other vendors' documents whose fingerprint shares a band with ``fp`` and is similar enough."""
    bands = fp.bands()
    rows = db_session.execute(
        select(DocumentSignals.document_id, DocumentSignals.minhash, Document.vendor_id)
        .join(Document, Document.id == DocumentSignals.document_id)
        .where(
            DocumentSignals.document_id.in_(
                select(MinhashBand.document_id).where(MinhashBand.band.in_(bands)).distinct()
            ),
            DocumentSignals.document_id != document_id,
        )
    ).all()
    out = []
    for other_id, minhash, other_vendor in rows:
        if minhash is None or (vendor_id is not None and other_vendor == vendor_id):
            continue  # a vendor's own earlier report is expected to read like this year's
        score = similarity(fp, Fingerprint.from_bytes(minhash))
        if score >= THRESHOLD:
            out.append((other_id, score))
    return out


def store(*, db_session: Session, document_id: int, signals: dict[str, Any], fp: Fingerprint | None) -> None:
    """Replace the document's signals, bands and near-duplicate pairs in one transaction (commits).

    The documents on both sides of a new pair get a new ``updated_at``, so their vendors' remembered answers are
    computed again with the flag. The candidate search runs inside the writing transaction, one document at a time
    (SQLite's write lock; an advisory lock on PostgreSQL): two copies of one template ingested at the same moment
    by two workers would otherwise each search before the other's bands were stored, and miss each other."""
    begin_write(db_session)
    if db_session.get_bind().dialect.name == "postgresql":
        db_session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    vendor_id = db_session.scalar(select(Document.vendor_id).where(Document.id == document_id))
    found = duplicates_of(db_session=db_session, document_id=document_id, vendor_id=vendor_id, fp=fp) if fp else []
    for table in (MinhashBand, DocumentSignals):
        db_session.execute(delete(table).where(table.document_id == document_id))
    db_session.execute(
        delete(NearDuplicate).where(
            (NearDuplicate.document_id == document_id) | (NearDuplicate.other_document_id == document_id)
        )
    )
    db_session.add(
        DocumentSignals(
            document_id=document_id,
            signals=signals,
            minhash=fp.to_bytes() if fp else None,
            shingles=fp.shingles if fp else 0,
            computed_at=utcnow(),
        )
    )
    if fp is not None:
        db_session.add_all(MinhashBand(band=band, document_id=document_id) for band in fp.bands())
    for other_id, score in found:
        db_session.add(NearDuplicate(document_id=document_id, other_document_id=other_id, similarity=score))
        db_session.add(NearDuplicate(document_id=other_id, other_document_id=document_id, similarity=score))
    touched = [document_id, *(other for other, _ in found)]
    db_session.execute(
        update(Document)
        .where(Document.id.in_(touched))
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db_session.commit()


def missing(*, db_session: Session) -> list[int]:
    """Parsed documents without stored signals (ingested before this existed, or whose reading failed)."""
    ids = db_session.scalars(
        select(Document.id)
        .outerjoin(DocumentSignals, DocumentSignals.document_id == Document.id)
        .where(Document.status == "parsed", DocumentSignals.document_id.is_(None))
        .order_by(Document.id)
    ).all()
    db_session.commit()
    return list(ids)


def record_safely(*, db_session: Session, settings: Settings, document_id: int, data: bytes | None = None) -> None:
    """``record``, logging instead of raising: a document is parsed whether or not its signals could be read."""
    try:
        record(db_session=db_session, settings=settings, document_id=document_id, data=data)
    except Exception:  # noqa: BLE001 - derived data; ``missing`` finds it again
        db_session.rollback()
        log.warning("could not read the red-flag signals of document %s", document_id, exc_info=True)
