"""The documents' job, beside the domain it works on: parse one uploaded document through the ingestion use case
(``intake.parse_now``: the signals, the alerts and the vendor's answer follow the parse as on every other path).

The queue (``service.jobs``) runs it with the process's settings; a duplicate job is a no-op (``process`` claims the
document first), so the queue may deliver it twice.
"""

from __future__ import annotations

from ..config import Settings
from ..database import get_database
from . import intake


def ingest_document(settings: Settings, document_id: int) -> str:
    """The queued job: parse one document and record the result (idempotent); returns the document's status."""
    with get_database(settings).session() as db_session:
        return intake.parse_now(db_session=db_session, settings=settings, document_id=document_id).status
