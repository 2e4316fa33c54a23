"""One way in for a document (service.documents.intake): every path stores the bytes once, parses or queues them, and
stores the vendor's answer once parsed - the console and a chat upload included, not only the queue."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.assessments.models import StoredAssessment
from service.config import Settings
from service.documents import intake

from .docs import generated


def test_parse_now_stores_the_document_and_the_vendors_answer(settings: Settings, db_session: Session) -> None:
    pdf, _ = generated("iso_27001_2022", 3)
    first = intake.receive(db_session=db_session, settings=settings, data=pdf, filename="c.pdf", parse="now")
    assert first.created and first.started
    assert first.document.status == "parsed" and first.document.vendor_id is not None
    stored = db_session.scalar(select(func.count()).select_from(StoredAssessment)
                               .where(StoredAssessment.vendor_id == first.document.vendor_id))
    assert stored == 1
    again = intake.receive(db_session=db_session, settings=settings, data=pdf, filename="copy.pdf", parse="now")
    assert (again.created, again.started, again.document.id) == (False, False, first.document.id)


def test_none_leaves_it_waiting_and_a_later_call_starts_it(settings: Settings, db_session: Session) -> None:
    pdf, _ = generated("iso_27001_2022", 4)
    waiting = intake.receive(db_session=db_session, settings=settings, data=pdf, filename="c.pdf", parse="none")
    assert waiting.created and not waiting.started and waiting.document.status == "queued"
    later = intake.receive(db_session=db_session, settings=settings, data=pdf, filename="c.pdf", parse="now")
    assert not later.created and later.started and later.document.status == "parsed"
