"""One way in for a document, whoever brings it (the API, the examples, the console chat; the web app and Slack
can call it too): store the bytes once, then parse now or queue the parsing, and once it is parsed store the vendor's
answer, so the first question after an upload is answered from storage on every path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from .. import jobs
from ..config import Settings
from . import service as documents
from .models import Document
from .tasks import parse_now

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
        jobs.enqueue_ingest(doc.id)
    elif waiting and parse == "now":
        doc = parse_now(db_session, settings, doc.id)
    return Received(doc, result.created, waiting and parse != "none")
