"""The documents' job, beside the domain it works on: parse one uploaded document, then store its vendor's answer.

The queue (``service.jobs``) runs it with the process's settings; a duplicate job is a no-op (``process`` claims the
document first), so the queue may deliver it twice.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from ..assessments import service as assessments
from ..config import Settings
from ..database import get_database
from . import service as documents
from .models import Document

log = logging.getLogger(__name__)


def ingest_document(settings: Settings, document_id: int) -> str:
    """The queued job: parse one document and record the result (idempotent); returns the document's status."""
    with get_database(settings).session() as db_session:
        return parse_now(db_session, settings, document_id).status


def parse_now(db_session: Session, settings: Settings, document_id: int) -> Document:
    """Parse one document in this process (a no-op if another has claimed it), then store its vendor's answer."""
    doc = documents.process(db_session=db_session, settings=settings, document_id=document_id)
    if doc.status == "parsed" and doc.vendor_id is not None:
        _store_answer(db_session, settings, doc.vendor_id)
    return doc


def _store_answer(db_session: Session, settings: Settings, vendor_id: int) -> None:
    """Assess the vendor anew against the default profile and store the answer, so the first question after an
    upload is answered from storage rather than computed while the asker waits. Best effort: the document is
    already recorded, and a question computes the answer itself if this fails."""
    try:
        assessments.assess_vendor(db_session=db_session, settings=settings, vendor_id=vendor_id, store=True)
    except Exception:  # noqa: BLE001 - never fail an ingestion that succeeded
        db_session.rollback()
        log.warning("could not store the assessment of vendor %s after ingestion", vendor_id, exc_info=True)
