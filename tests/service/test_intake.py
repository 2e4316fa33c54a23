"""One way in for a document (service.documents.intake): every path stores the bytes once, parses or queues them, and
stores the vendor's answer once parsed - the console and a chat upload included, not only the queue."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import jobs
from service.alerts.models import Alert
from service.assessments.models import StoredAssessment
from service.config import Settings
from service.database import get_database
from service.documents import intake
from service.documents import service as documents
from service.documents.models import Document
from service.examples import load_examples
from service.portfolio.importer import import_folder
from service.portfolio.models import DocumentSignals

from .docs import certificate, generated


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


# What follows a parse happens on every path (intake.parse_now): the red-flag signals are stored and the alerts the
# document is already due for are raised, without waiting for the daily scan. An expired certificate is due one.
EXPIRED = date.today() - timedelta(days=20)


def assert_followed_by_signals_and_alerts(settings: Settings, document_id: int) -> None:
    with get_database(settings).session() as s:
        doc = s.get(Document, document_id)
        assert doc is not None and doc.status == "parsed", doc and doc.error_message
        assert s.get(DocumentSignals, document_id) is not None, "the red-flag signals were not stored"
        kinds = set(s.scalars(select(Alert.kind).where(Alert.document_id == document_id)))
        assert "certificate_expired" in kinds, kinds


def test_the_queued_job_is_followed_by_signals_and_alerts(settings: Settings) -> None:
    """The Huey task (documents.tasks, as the API and the web form queue it), run inline by the queue."""
    jobs.init(settings, immediate=True)
    pdf, _ = certificate(31, EXPIRED)
    with get_database(settings).session() as s:
        received = intake.receive(db_session=s, settings=settings, data=pdf, filename="c.pdf", parse="queue")
    assert received.started
    assert_followed_by_signals_and_alerts(settings, received.document.id)


def test_parse_now_is_followed_by_signals_and_alerts(settings: Settings) -> None:
    """A Slack upload and the console parse in their own process."""
    pdf, _ = certificate(32, EXPIRED)
    with get_database(settings).session() as s:
        doc = intake.receive(db_session=s, settings=settings, data=pdf, filename="c.pdf", parse="now").document
    assert_followed_by_signals_and_alerts(settings, doc.id)


def test_parsing_again_is_followed_by_signals_and_alerts(settings: Settings) -> None:
    jobs.init(settings, immediate=False)
    pdf, _ = certificate(33, EXPIRED)
    with get_database(settings).session() as s:
        doc_id = documents.ingest(db_session=s, settings=settings, data=pdf, filename="c.pdf").document.id
    jobs.init(settings, immediate=True)
    with get_database(settings).session() as s:
        intake.parse_again(db_session=s, document_id=doc_id)
    assert_followed_by_signals_and_alerts(settings, doc_id)


def test_the_examples_are_followed_by_signals_and_alerts(settings: Settings, tmp_path: Path) -> None:
    jobs.init(settings, immediate=True)
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "c.pdf").write_bytes(certificate(34, EXPIRED)[0])
    loaded = load_examples(settings, folder, queue=True)
    assert loaded.new == 1
    assert_followed_by_signals_and_alerts(settings, loaded.document_ids[0])


def test_a_folder_import_is_followed_by_signals_and_alerts(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "c.pdf").write_bytes(certificate(35, EXPIRED)[0])
    summary = import_folder(folder, settings=settings, workers=1)
    [result] = summary.results
    assert result.outcome == "new" and result.document_id is not None
    assert_followed_by_signals_and_alerts(settings, result.document_id)


def test_the_documents_service_only_parses_and_records(settings: Settings, db_session: Session) -> None:
    """Below the use case, ``process`` parses and records; what follows is the caller's (here: nothing)."""
    pdf, _ = certificate(36, EXPIRED)
    doc = documents.ingest(db_session=db_session, settings=settings, data=pdf, filename="c.pdf").document
    seen: list[tuple[int, int]] = []
    done = documents.process(db_session=db_session, settings=settings, document_id=doc.id,
                             after_parse=lambda d, data: seen.append((d.id, len(data))))
    assert done.status == "parsed" and seen == [(doc.id, len(pdf))]
    assert db_session.get(DocumentSignals, doc.id) is None
    assert not db_session.scalars(select(Alert).where(Alert.document_id == doc.id)).all()
    again = documents.process(db_session=db_session, settings=settings, document_id=doc.id,
                              after_parse=lambda d, data: seen.append((d.id, len(data))))
    assert again.status == "parsed" and len(seen) == 1  # already parsed: nothing recorded, nothing follows
