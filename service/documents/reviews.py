"""/documents/{id}/fields/{field}: a reviewer corrects, confirms or undoes a field, and the verdict follows at once.

Kept apart from ``views.py`` so the document routes and the review routes change independently.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Path, status
from sqlalchemy.orm import Session

from ..assessments import service as assessments
from ..config import Settings
from ..deps import IdPath, Reader, SessionDep, SettingsDep, Writer
from ..profiles import AssessmentUnavailable, ProfileNotFound
from ..vendors.service import VendorNotFound
from . import corrections
from .lookup import get_or_raise
from .models import Document
from .review_models import FieldCorrection, ReviewLogRead, ReviewRead, ReviewResult, VerdictChange

log = logging.getLogger(__name__)

router = APIRouter(prefix="/documents", tags=["reviews"])

FieldPathParam = Annotated[
    str,
    Path(
        max_length=40,
        pattern=r"^[a-z_]+(\.evidence)?(\.\d{1,4})?$",
        description="A contract field (`period_end`, `opinion`) or a list item (`exceptions.0`, `cuecs.3`).",
    ),
]


def _verdict(db_session: Session, settings: Settings, vendor_id: int | None, *, store: bool) -> tuple[str, str] | None:
    """(profile, verdict) of the vendor against the default profile; None without a vendor or an engine."""
    if vendor_id is None:
        return None
    try:
        answer = assessments.assess_vendor(
            db_session=db_session, settings=settings, vendor_id=vendor_id, store=store
        )
    except (AssessmentUnavailable, ProfileNotFound, VendorNotFound) as exc:
        log.warning("no verdict for vendor %s after a review: %s", vendor_id, exc)
        return None
    finally:
        db_session.commit()  # end the read snapshot before the next write
    return answer.profile, answer.verdict


def _result(
    db_session: Session, settings: Settings, doc: Document, field: str, review: Any, before: tuple[str, str] | None
) -> ReviewResult:
    path = corrections.parse_path(field)
    current = corrections.get_field(doc.extraction or {}, path)
    read = ReviewRead.model_validate(review) if review is not None else None
    after = _verdict(db_session, settings, doc.vendor_id, store=True)
    change = None
    if after is not None and doc.vendor_id is not None:
        change = VerdictChange(
            vendor_id=doc.vendor_id, profile=after[0], before=before[1] if before else None, after=after[1]
        )
    return ReviewResult(document_id=doc.id, field=str(path), current=current, review=read, assessment=change)


def _http(exc: Exception) -> HTTPException:
    if isinstance(exc, corrections.InvalidCorrection):
        return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc))
    if isinstance(exc, corrections.NotReviewable):
        return HTTPException(status.HTTP_409_CONFLICT, str(exc))
    return HTTPException(status.HTTP_404_NOT_FOUND, str(exc))


_ERRORS = (corrections.InvalidCorrection, corrections.NotReviewable, corrections.FieldNotFound)


@router.put("/{document_id}/fields/{field}", response_model=ReviewResult)
def correct_field(
    db_session: SessionDep,
    settings: SettingsDep,
    principal: Writer,
    document_id: IdPath,
    field: FieldPathParam,
    body: Annotated[FieldCorrection, Body()],
) -> ReviewResult:
    """Store a reviewer's value for the field (the extractor's value again is a confirmation); the vendor's
    verdict is recomputed at once and returned with the one before."""
    before = _verdict(db_session, settings, get_or_raise(db_session=db_session, document_id=document_id).vendor_id,
                      store=False)
    try:
        doc, review = corrections.correct(
            db_session=db_session, document_id=document_id, field=field, body=body, actor=principal.name
        )
    except _ERRORS as exc:
        db_session.rollback()
        raise _http(exc) from exc
    return _result(db_session, settings, doc, field, review, before)


@router.delete("/{document_id}/fields/{field}", response_model=ReviewResult)
def undo_field(
    db_session: SessionDep, settings: SettingsDep, principal: Writer, document_id: IdPath, field: FieldPathParam
) -> ReviewResult:
    """Withdraw the correction: the extractor's value is in force again, and the verdict follows."""
    before = _verdict(db_session, settings, get_or_raise(db_session=db_session, document_id=document_id).vendor_id,
                      store=False)
    try:
        doc = corrections.undo(db_session=db_session, document_id=document_id, field=field, actor=principal.name)
    except _ERRORS as exc:
        db_session.rollback()
        raise _http(exc) from exc
    return _result(db_session, settings, doc, field, None, before)


@router.get("/{document_id}/reviews", response_model=dict[str, list[Any]])
def list_reviews(db_session: SessionDep, _: Reader, document_id: IdPath) -> dict[str, list[Any]]:
    """The corrections in force and the audit log of every change to this document's fields."""
    get_or_raise(db_session=db_session, document_id=document_id)
    active = corrections.reviews_of(db_session=db_session, document_id=document_id)
    history = corrections.log_of(db_session=db_session, document_id=document_id)
    return {
        "reviews": [ReviewRead.model_validate(r).model_dump(mode="json") for r in active],
        "log": [ReviewLogRead.model_validate(r).model_dump(mode="json") for r in history],
    }
