"""One way in for a document, whoever brings it (the API, the web app, the examples, the console chat, a Slack
upload, a folder import, the queue's parsing job): store the bytes once, then parse now or queue the parsing, and
what follows every parse - the red-flag signals and near-duplicates, the alerts the document is already due for,
and the vendor's answer stored - so the first question after an upload is answered from storage on every path.

This is the use case above the domains: the documents' service only parses and records; the portfolio's signals,
the alerts and the assessments are called from here, after it. Nothing below imports this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy.orm import Session

from .. import jobqueue
from ..alerts import service as alerts
from ..assessments import service as assessments
from ..config import Settings
from ..database import utcnow
from ..portfolio import signals
from . import service as documents
from .models import Document

log = logging.getLogger(__name__)

# "queue": a worker parses it (the API); "now": in this process, before returning (the console, a chat upload);
# "none": leave it queued (``serve`` queues every waiting document at start-up).
Parse = Literal["queue", "now", "none"]


@dataclass(frozen=True, slots=True)
class Received:
    """The stored document (parsed, with ``parse="now"``), whether this call created it, and whether this call
    started its parsing (it was new, or still waiting from an earlier upload)."""

    document: Document
    created: bool
    started: bool


def receive(
    *,
    db_session: Session,
    settings: Settings,
    data: bytes,
    filename: str,
    uploaded_by: str | None = None,
    vendor: int | str | None = None,
    parse: Parse,
) -> Received:
    """Store ``data`` (the same bytes again return the stored document) and have it parsed as ``parse`` says, if
    it is new or still waiting. Raises what ``documents.ingest`` raises (UploadTooLarge, UnsupportedContent,
    VendorNotFound); the result's document is as stored, before any queued parse."""
    result = documents.ingest(db_session=db_session, settings=settings, data=data, filename=filename,
                              uploaded_by=uploaded_by, vendor=vendor)
    doc = result.document
    waiting = result.created or doc.status == "queued"
    if waiting and parse == "queue":
        jobqueue.enqueue_ingest(doc.id)
    elif waiting and parse == "now":
        doc = parse_now(db_session=db_session, settings=settings, document_id=doc.id)
    return Received(doc, result.created, waiting and parse != "none")


def parse_again(*, db_session: Session, document_id: int) -> Document:
    """Queue a stored document to be parsed again (after an extractor upgrade, say); raises DocumentNotFound."""
    doc = documents.reparse(db_session=db_session, document_id=document_id)
    jobqueue.enqueue_ingest(doc.id)
    return doc


def parse_now(
    *,
    db_session: Session,
    settings: Settings,
    document_id: int,
    stale_after: timedelta | None = None,
    store_answer: bool = True,
) -> Document:
    """Parse one stored document in this process (a no-op if another worker holds it), then what follows a parse.

    The queue's job, ``parse="now"`` and a folder import all parse through here. ``store_answer=False`` leaves the
    vendor's answer to the caller (an import assesses each vendor once, after all its documents are in)."""

    def after_parse(doc: Document, data: bytes) -> None:
        _after_parse(db_session, settings, doc, data)

    doc = documents.process(db_session=db_session, settings=settings, document_id=document_id,
                            stale_after=stale_after, after_parse=after_parse)
    if store_answer and doc.status == "parsed" and doc.vendor_id is not None:
        _store_answer(db_session, settings, doc.vendor_id)
    return doc


def _after_parse(db_session: Session, settings: Settings, doc: Document, data: bytes) -> None:
    """Derived data, read while the bytes are at hand, before the vendor's answer is computed (so the first answer
    carries the red flags); then the alerts. Each is best effort: the document is recorded either way."""
    if doc.status == "parsed":
        signals.record_safely(db_session=db_session, settings=settings, document_id=doc.id, data=data)
        db_session.refresh(doc)
    _raise_alerts_now(db_session, settings, doc.id)


def _raise_alerts_now(db_session: Session, settings: Settings, document_id: int) -> None:
    """Raise the alerts a just-parsed document is already due for (an expired certificate, a lapsed bridge letter,
    a failed parse), whichever path parsed it, so they are listed now rather than after the next daily scan, which
    still sends them and raises what time makes due later."""
    try:
        alerts.raise_due(db_session=db_session, settings=settings, today=utcnow().date(), document_ids=[document_id])
    except Exception:  # noqa: BLE001 - never fail a parse that was recorded; the daily scan raises them
        db_session.rollback()
        log.warning("could not raise the alerts of document %s after parsing", document_id, exc_info=True)


def _store_answer(db_session: Session, settings: Settings, vendor_id: int) -> None:
    """Assess the vendor anew against the default profile and store the answer, so the first question after an
    upload is answered from storage rather than computed while the asker waits. A question computes the answer
    itself if this fails."""
    try:
        assessments.assess_vendor(db_session=db_session, settings=settings, vendor_id=vendor_id, store=True)
    except Exception:  # noqa: BLE001 - never fail an ingestion that succeeded
        db_session.rollback()
        log.warning("could not store the assessment of vendor %s after ingestion", vendor_id, exc_info=True)
