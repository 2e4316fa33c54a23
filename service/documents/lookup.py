"""Finding one stored document by its id: the one thing both the documents' service and the reviewers' corrections
need of each other (the service re-applies corrections after a re-parse), so it sits below both of them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .models import Document


class DocumentNotFound(LookupError):
    """No document with that id."""


def get(*, db_session: Session, document_id: int) -> Document | None:
    """The document with its status and extraction, or None."""
    return db_session.get(Document, document_id)


def get_or_raise(*, db_session: Session, document_id: int) -> Document:
    """The document; raises DocumentNotFound (a 404 in the API) when there is none."""
    doc = db_session.get(Document, document_id)
    if doc is None:
        raise DocumentNotFound(f"document {document_id} does not exist")
    return doc
