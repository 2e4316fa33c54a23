"""Import a folder of PDFs: the same ingestion as an upload, for hundreds of files at once.

Every PDF under the folder (recursively) is stored once (content-addressed by SHA-256, so a second run adds nothing
and a file met twice is one document), then parsed in parallel, one thread per core, each thread driving its own
extractor child process (``documents.intake.parse_now``: the vendor is matched, the signals read and the alerts
raised exactly as for an upload; the answers are stored once per vendor at the end). An interrupted run resumes:
documents it stored but did not parse are ``queued`` and are parsed by the next run; a Ctrl-C puts the ones in
progress back to ``queued``.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from ..assessments import service as assessments
from ..config import Settings
from ..database import Database, begin_write, get_database, utcnow
from ..documents import intake
from ..documents import service as documents
from ..documents.models import Document
from . import signals

log = logging.getLogger(__name__)

Outcome = str  # "new" | "existing" | "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    outcome: Outcome
    document_id: int | None = None
    reason: str | None = None
    kind: str | None = None
    vendor: str | None = None


@dataclass(slots=True)
class ImportSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.outcome == "failed"]

    def line(self) -> str:
        return f"{self.count('new')} new, {self.count('existing')} already there, {self.count('failed')} failed"


def find_pdfs(folder: Path, *, recursive: bool = True) -> list[Path]:
    """Every file under ``folder`` whose name ends in .pdf (any case), in a stable order; hidden folders skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        found += [Path(root) / f for f in sorted(files) if f.lower().endswith(".pdf") and not f.startswith(".")]
    return found


def workers_for(settings: Settings) -> int:
    return max(1, min(os.cpu_count() or 1, 8))


Progress = Callable[[FileResult], None]


def import_folder(
    folder: Path,
    *,
    settings: Settings,
    workers: int | None = None,
    recursive: bool = True,
    on_stored: Callable[[int], None] | None = None,
    on_done: Progress | None = None,
) -> ImportSummary:
    """Store and parse every PDF under ``folder``. ``on_stored(n)`` is told how many files need parsing,
    ``on_done`` each file's result as it finishes. Raises NotADirectoryError for a bad folder."""
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    db = get_database(settings)
    summary = ImportSummary()
    pending: dict[int, str] = {}
    stored: list[tuple[str, int]] = []
    with db.session() as db_session:
        for path in find_pdfs(folder, recursive=recursive):
            shown = str(path)
            try:
                data = path.read_bytes()
                result = documents.ingest(
                    db_session=db_session, settings=settings, data=data, filename=path.name, uploaded_by="import"
                )
            except OSError as exc:
                _done(summary, on_done, FileResult(shown, "failed", reason=f"cannot read it: {exc.strerror or exc}"))
                continue
            except (documents.UploadTooLarge, documents.UnsupportedContent) as exc:
                _done(summary, on_done, FileResult(shown, "failed", reason=str(exc)))
                continue
            doc = result.document
            if doc.id in pending or doc.id in {i for _, i in stored}:
                _done(summary, on_done, _existing(shown, doc))  # the same bytes twice in the folder
            elif doc.status in ("queued", "parsing"):
                pending[doc.id] = shown
            else:
                stored.append((shown, doc.id))
    for shown, doc_id in stored:
        with db.session() as db_session:
            doc = documents.get_or_raise(db_session=db_session, document_id=doc_id)
            _done(summary, on_done, _existing(shown, doc))
    if on_stored is not None:
        on_stored(len(pending))
    _parse_all(db, settings, pending, workers or workers_for(settings), summary, on_done)
    with db.session() as db_session:  # parsed by an earlier version, or the text pass failed: try again
        for doc_id in signals.missing(db_session=db_session):
            signals.record_safely(db_session=db_session, settings=settings, document_id=doc_id)
    _store_answers(db, settings, summary)
    return summary


def _store_answers(db: Database, settings: Settings, summary: ImportSummary) -> None:
    """As after an upload: the new documents' vendors are assessed (default profile) and the answers stored, once
    per vendor after all its documents are in. Best effort: a question computes the answer if this fails."""
    ids = [r.document_id for r in summary.results if r.outcome == "new" and r.document_id is not None]
    if not ids:
        return
    with db.session() as db_session:
        vendor_ids = sorted(
            {v for v in db_session.scalars(select(Document.vendor_id).where(Document.id.in_(ids))) if v is not None}
        )
        try:
            for _ in assessments.assess_many(
                db_session=db_session, settings=settings, vendor_ids=vendor_ids, today=utcnow().date()
            ):
                pass
        except Exception:  # noqa: BLE001 - the documents are recorded; answers are computed when asked for
            db_session.rollback()
            log.warning("could not store the assessments after the import", exc_info=True)


def _existing(shown: str, doc: Document) -> FileResult:
    if doc.status == "failed":
        why = f"{doc.error_code}: {doc.error_message}" if doc.error_code else (doc.error_message or "failed")
        return FileResult(shown, "failed", doc.id, f"{why} (an earlier run)", doc.kind, doc.vendor_name)
    return FileResult(shown, "existing", doc.id, None, doc.kind, doc.vendor_name)


def _done(summary: ImportSummary, on_done: Progress | None, result: FileResult) -> None:
    summary.results.append(result)
    if on_done is not None:
        on_done(result)


def _parse_all(
    db: Database, settings: Settings, pending: dict[int, str], workers: int, summary: ImportSummary,
    on_done: Progress | None,
) -> None:
    lock = threading.Lock()
    stale = timedelta(seconds=settings.parse_timeout_seconds * 2)

    def parse(doc_id: int) -> FileResult:
        with db.session() as db_session:
            doc = intake.parse_now(db_session=db_session, settings=settings, document_id=doc_id, stale_after=stale,
                                   store_answer=False)
            shown = pending[doc_id]
            if doc.status == "parsed":
                return FileResult(shown, "new", doc.id, None, doc.kind, doc.vendor_name)
            if doc.status == "failed":
                why = f"{doc.error_code}: {doc.error_message}" if doc.error_code else (doc.error_message or "")
                return FileResult(shown, "failed", doc.id, why, doc.kind, doc.vendor_name)
            return FileResult(shown, "failed", doc.id, f"another worker is parsing it ({doc.status})")

    pool = ThreadPoolExecutor(max(1, min(workers, len(pending) or 1)), thread_name_prefix="import")
    futures = {pool.submit(parse, doc_id): doc_id for doc_id in pending}
    try:
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - one file's crash is that file's failure, never the run's
                result = FileResult(pending[futures[future]], "failed", futures[future], f"{type(exc).__name__}: {exc}")
            with lock:
                _done(summary, on_done, result)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        _requeue(db, list(pending))
        raise
    pool.shutdown(wait=True)


def _requeue(db: Database, ids: list[int]) -> None:
    """After Ctrl-C: documents left ``parsing`` by this run go back to ``queued`` so the next run parses them."""
    with db.session() as db_session:
        begin_write(db_session)
        db_session.execute(
            update(Document)
            .where(Document.id.in_(ids), Document.status == "parsing")
            .values(status="queued", claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        db_session.commit()


def iter_lines(summary: ImportSummary) -> Iterator[str]:
    """The closing lines: the counts, then each failure with its reason."""
    yield summary.line()
    for r in summary.failed:
        yield f"  failed: {r.path}: {r.reason}"
