"""Assess a vendor against a requirement profile, over all of its current documents together.

The judgment lives in ``knowledge`` (pure); this module only gathers the evidence from the database, picks the
profile (bundled ones plus the folder in ``PROFILES_DIR``) and caches answers, since a vendor's answer changes only
when its documents, its record, the profile or the day change.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from extractors import Extraction
from knowledge import assess

from ..config import Settings
from ..database import begin_write, utcnow
from ..documents import service as documents
from ..documents.models import Document
from ..portfolio.controls import ControlsUnavailable, controls_for
from ..portfolio.models import DocumentSignals, NearDuplicate
from ..profiles import AssessmentUnavailable, ProfileNotFound, get_profile
from ..vendors import service as vendors
from ..vendors.models import Vendor
from .models import AssessedDocument, AssessmentRead, AssessmentResult, StoredAssessment

log = logging.getLogger(__name__)

# The profiles are loaded in ``service.profiles`` (the alerts read the default one and must not import this module,
# which reads the documents); the names imported above with ``as`` stay part of this module's face for its callers.


_cache_lock = threading.Lock()
_cache: OrderedDict[tuple[Any, ...], _Answer] = OrderedDict()
_CACHE_SIZE = 4096


_digests: dict[int, tuple[Any, str]] = {}


def _profile_digest(profile: Any) -> str:
    """A stable digest of the profile's content: profiles are re-read into new objects every 30 s, and the stored
    answers must stay valid across processes while the content is the same."""
    cached = _digests.get(id(profile))
    if cached is not None and cached[0] is profile:
        return cached[1]
    digest = hashlib.sha256(repr(profile).encode()).hexdigest()[:16]
    if len(_digests) > 64:
        _digests.clear()
    _digests[id(profile)] = (profile, digest)
    return digest


def _controls(settings: Settings) -> tuple[Any, str]:
    """The buyer's controls (CONTROLS_FILE) and a digest of them for the answer's fingerprint ("" when unset)."""
    if not settings.controls_file:
        return None, ""
    try:
        controls, _ = controls_for(settings)
    except ControlsUnavailable as exc:
        raise AssessmentUnavailable(f"the controls file (CONTROLS_FILE) cannot be used: {exc}") from None
    return controls, hashlib.sha256(repr(controls).encode()).hexdigest()[:16]


_OTHER = Document.__table__.alias("other")
# Built once, like the statements below: constructing a select with a join and an alias costs more than running it.
_SIGNALS = (
    select(Document.sha256, DocumentSignals.signals)
    .join(DocumentSignals, DocumentSignals.document_id == Document.id)
    .where(Document.id.in_(bindparam("ids", expanding=True)))
)
_DUPLICATES = (
    select(Document.sha256, _OTHER.c.filename, Vendor.name, NearDuplicate.similarity)
    .join(NearDuplicate, NearDuplicate.document_id == Document.id)
    .join(_OTHER, _OTHER.c.id == NearDuplicate.other_document_id)
    .outerjoin(Vendor, Vendor.id == _OTHER.c.vendor_id)
    .where(Document.id.in_(bindparam("ids", expanding=True)))
    .order_by(NearDuplicate.similarity.desc())
)


def _portfolio_inputs(conn: Any, ids: list[int]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Stored text signals and near-duplicate pairs of these documents, keyed by each document's SHA-256."""
    if not ids:
        return {}, {}
    signals = {sha: _as_dict(data) for sha, data in conn.execute(_SIGNALS, {"ids": ids})}
    duplicates: dict[str, list[dict[str, Any]]] = {}
    for sha, filename, vendor_name, similarity in conn.execute(_DUPLICATES, {"ids": ids}):
        duplicates.setdefault(sha, []).append(
            {"document": filename, "vendor": vendor_name or "an unassigned vendor", "similarity": similarity}
        )
    return signals, duplicates


# The answering path's statements, built once: constructing and cache-keying a select costs more CPU than running
# it against an indexed table. The vendor, the dated columns of its parsed documents (enough to pick the current
# ones and to know whether a remembered answer still holds) and the fingerprint of its stored answer come in one
# round trip; the stored answer itself, or the extractions, in a second one only when needed.
_VENDOR_AND_DATED = (
    select(
        Vendor.id.label("vendor_id"),
        Vendor.name.label("vendor_name"),
        Vendor.updated_at.label("vendor_updated_at"),
        Vendor.services.label("vendor_services"),
        Vendor.processes_data_with_ai.label("vendor_ai"),
        *documents.DATED_COLUMNS,
    )
    .add_columns(StoredAssessment.fingerprint.label("stored_fingerprint"))
    .outerjoin(Document, and_(Document.vendor_id == Vendor.id, Document.status == "parsed"))
    .outerjoin(
        StoredAssessment,
        and_(StoredAssessment.vendor_id == Vendor.id, StoredAssessment.profile == bindparam("profile")),
    )
    .where(Vendor.id == bindparam("vendor_id"))
)


@dataclass(frozen=True, slots=True)
class _VendorFacts:
    """What an answer needs of the vendor record."""

    id: int
    name: str
    updated_at: Any
    services: list[str]
    processes_data_with_ai: bool | None


_STORED = select(StoredAssessment.answer).where(
    StoredAssessment.vendor_id == bindparam("vendor_id"),
    StoredAssessment.profile == bindparam("profile"),
    StoredAssessment.fingerprint == bindparam("fingerprint"),
)
_EXTRACTIONS = select(Document.id, Document.extraction).where(Document.id.in_(bindparam("ids", expanding=True)))


class _Answer:
    """An answer as the JSON it is sent and stored as, parsed into the model (for the bot and the jobs) only when
    asked for. What is remembered between requests is the JSON alone: thousands of remembered models would be
    millions of small objects for the garbage collector to walk on every full collection, pausing every request
    in flight (measured: 30 to 60 ms pauses with 4,096 models kept, in the middle of a 20-client load)."""

    __slots__ = ("_model", "json")

    def __init__(self, json: bytes, model: AssessmentRead | None = None) -> None:
        self.json = json
        self._model = model

    @property
    def model(self) -> AssessmentRead:
        return self._model if self._model is not None else AssessmentRead.model_validate_json(self.json)


def assess_vendor(
    *,
    db_session: Session,
    settings: Settings,
    vendor_id: int,
    profile: str | None = None,
    today: date | None = None,
    store: bool = False,
) -> AssessmentRead:
    """The verdict and cited findings for a vendor against ``profile`` (default profile if None) as of ``today``.

    An answer stored for the same documents, vendor record, profile and day is served as is; ``store`` keeps a new
    answer for other processes and restarts (the daily refresh and the ingestion job do; a question does not
    write, so reads never wait on the database's write lock). Raises VendorNotFound, ProfileNotFound or
    AssessmentUnavailable.
    """
    keep = (lambda answer, fingerprint: _store_many(db_session, [(answer, fingerprint)])) if store else None
    return _answer(db_session, settings, vendor_id, profile, today, keep).model


def assess_vendor_json(
    *, db_session: Session, settings: Settings, vendor_id: int, profile: str | None = None, today: date | None = None
) -> bytes:
    """``assess_vendor`` as the API's JSON, for the hot HTTP path: a remembered or stored answer is sent as the
    bytes it was kept as, without being parsed and serialized again."""
    return _answer(db_session, settings, vendor_id, profile, today, None).json


_Keep = Callable[[_Answer, str], None]  # where a new answer goes to be stored


def _loads(stored: str, vendor_id: int) -> AssessmentRead | None:
    """A stored answer read as the typed model, or None when it does not read (written by other code, or damaged in
    the database): it is then computed again and overwritten, never sent half-read or raised to the person asking."""
    try:
        return AssessmentRead.model_validate_json(stored)
    except ValidationError:
        log.warning("the stored answer of vendor %s does not read as an assessment; computing it again", vendor_id)
        return None


def _answer(
    db_session: Session,
    settings: Settings,
    vendor_id: int,
    profile: str | None,
    today: date | None,
    keep: _Keep | None,
) -> _Answer:
    # Core statements on the session's connection: the ORM's result machinery costs more than these indexed reads
    conn = db_session.connection()
    prof = get_profile(settings=settings, name=profile)
    rows = conn.execute(_VENDOR_AND_DATED, {"vendor_id": vendor_id, "profile": prof.name}).all()
    if not rows:
        raise vendors.VendorNotFound(f"vendor {vendor_id} does not exist")
    first = rows[0]
    vendor = _VendorFacts(
        first.vendor_id, first.vendor_name, first.vendor_updated_at, first.vendor_services or [], first.vendor_ai
    )
    day = today or utcnow().date()  # the day in UTC, as the daily refresh and the alerts count it
    docs = documents.pick_current([row for row in rows if row.id is not None])
    controls, controls_digest = _controls(settings)
    fingerprint = _fingerprint(vendor.id, vendor.updated_at, prof, day, controls_digest, docs)
    key = (str(db_session.get_bind().engine.url), fingerprint)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
    if hit is not None and keep is None:
        return hit
    kept = None
    if first.stored_fingerprint == fingerprint:
        kept = conn.execute(
            _STORED, {"vendor_id": vendor.id, "profile": prof.name, "fingerprint": fingerprint}
        ).scalar()
    model = _loads(kept, vendor.id) if kept is not None else None
    if kept is not None and model is not None:
        data = kept.encode()
        _remember(key, _Answer(data))  # remembered as JSON alone, see _Answer
        return _Answer(data, model)
    if hit is not None and keep is not None:  # known in this process, not yet stored
        keep(hit, fingerprint)
        return hit
    ids = [d.id for d in docs]
    stored: dict[int, Any] = dict(conn.execute(_EXTRACTIONS, {"ids": ids}).all())
    evidence = [Extraction.from_dict(_as_dict(stored[i])) for i in ids if stored.get(i)]
    signals, duplicates = _portfolio_inputs(conn, ids)
    result = assess(evidence, prof, day, vendor_uses_ai=vendor.processes_data_with_ai,
                    service=vendor.services[0] if vendor.services else None,
                    controls=controls, signals=signals, duplicates=duplicates)
    typed = AssessmentResult.of(result)
    model = AssessmentRead(
        vendor_id=vendor.id,
        vendor_name=vendor.name,
        profile=prof.name,
        as_of=day,
        verdict=typed.verdict,
        documents=[
            AssessedDocument(
                id=d.id, filename=d.filename, kind=d.kind, period_end=d.period_end, expiry_date=d.expiry_date
            )
            for d in docs
        ],
        result=typed,
    )
    answer = _Answer(model.model_dump_json().encode(), model)
    _remember(key, _Answer(answer.json))
    if keep is not None:  # stored now (a single answer) or with the others of a refresh
        keep(answer, fingerprint)
    return answer


def _fingerprint(vendor_id: int, updated_at: Any, prof: Any, day: date, controls_digest: str, docs: list[Any]) -> str:
    """What an answer was computed from: the vendor record, the profile, the day, the buyer's controls and the
    current documents (each with its last change)."""
    basis = "|".join(
        [str(vendor_id), updated_at.isoformat(), _profile_digest(prof), day.isoformat(), controls_digest]
        + [f"{d.id}@{d.updated_at.isoformat()}" for d in docs]
    )
    return hashlib.sha256(basis.encode()).hexdigest()


def _as_dict(value: Any) -> Any:
    """A JSON column read through Core is already decoded by the dialect; a driver returning text is decoded here."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _remember(key: tuple[str, str], answer: _Answer) -> None:
    with _cache_lock:
        _cache[key] = answer
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


_REFRESH_BATCH = 200


def _store_many(db_session: Session, answers: list[tuple[_Answer, str]]) -> None:
    """Upsert answers in one transaction (commits). Best effort: a lost race or a busy database only means the next
    caller computes the answer again."""
    if not answers:
        return
    now = utcnow()
    try:
        begin_write(db_session)
        postgres = db_session.get_bind().dialect.name == "postgresql"
        for stored, fingerprint in answers:
            answer = stored.model
            values = {
                "vendor_id": answer.vendor_id,
                "profile": answer.profile,
                "as_of": answer.as_of,
                "fingerprint": fingerprint,
                "verdict": answer.verdict,
                "answer": stored.json.decode(),
                "computed_at": now,
            }
            changes = {k: values[k] for k in ("as_of", "fingerprint", "verdict", "answer", "computed_at")}
            if postgres:
                pg = postgresql.insert(StoredAssessment).values(values)
                db_session.execute(pg.on_conflict_do_update(constraint="uq_assessments_vendor_profile", set_=changes))
            else:
                lite = sqlite.insert(StoredAssessment).values(values)
                db_session.execute(lite.on_conflict_do_update(index_elements=["vendor_id", "profile"], set_=changes))
        db_session.commit()
    except SQLAlchemyError:
        db_session.rollback()
        log.warning("could not store %d assessment(s)", len(answers), exc_info=True)


def refresh(*, db_session: Session, settings: Settings, today: date, profile: str | None = None) -> int:
    """Assess every vendor that has parsed documents against ``profile`` (default) as of ``today``, storing the
    answers; the daily job runs it so the day's first questions are answered from storage. Returns how many.

    Answers are written 200 to a transaction: one commit per vendor made the refresh of 10,000 vendors on
    PostgreSQL wait for 10,000 flushes of its log to disk."""
    ids = db_session.scalars(
        select(Document.vendor_id).where(Document.status == "parsed", Document.vendor_id.is_not(None)).distinct()
    ).all()
    db_session.commit()
    done = 0
    pending: list[tuple[_Answer, str]] = []
    for vendor_id in ids:
        if vendor_id is None:
            continue
        try:
            _answer(db_session, settings, vendor_id, profile, today, lambda a, f: pending.append((a, f)))
            done += 1
        except (vendors.VendorNotFound, AssessmentUnavailable, ProfileNotFound) as exc:
            log.warning("refresh of vendor %s skipped: %s", vendor_id, exc)
        if len(pending) >= _REFRESH_BATCH:
            _store_many(db_session, pending)
            pending.clear()
    _store_many(db_session, pending)
    return done


def assess_many(
    *, db_session: Session, settings: Settings, vendor_ids: list[int], today: date, profile: str | None = None,
    store: bool = True, current: dict[int, list[Any]] | None = None,
) -> Iterator[tuple[int, AssessmentRead]]:
    """Each vendor's answer, for reports over every vendor.

    A stored or remembered answer is reused; new ones are stored 200 to a transaction (``store``), so the next
    report, the API and the bot answer from storage."""
    pending: list[tuple[_Answer, str]] = []
    keep: _Keep | None = (lambda a, f: pending.append((a, f))) if store else None
    ready = stored_answers(db_session=db_session, settings=settings, today=today, profile=profile, current=current)
    for vendor_id in vendor_ids:
        kept = ready.get(vendor_id)
        model = _loads(kept, vendor_id) if kept is not None else None
        if model is not None:
            yield vendor_id, model
            continue
        answer = _answer(db_session, settings, vendor_id, profile, today, keep)
        yield vendor_id, answer.model
        if len(pending) >= _REFRESH_BATCH:
            _store_many(db_session, pending)
            pending.clear()
    _store_many(db_session, pending)


def stored_answers(
    *, db_session: Session, settings: Settings, today: date, profile: str | None = None,
    current: dict[int, list[Any]] | None = None,
) -> dict[int, str]:
    """Every vendor's stored answer that still holds (same vendor record, profile, day, controls and documents),
    in three queries: a report over 10,000 vendors would otherwise make 20,000 round trips. ``current``: the
    vendors' current documents when the caller has them (``documents.current_documents_by_vendor``)."""
    prof = get_profile(settings=settings, name=profile)
    _, controls_digest = _controls(settings)
    vendors_at = dict(db_session.execute(select(Vendor.id, Vendor.updated_at)).all())
    docs = current if current is not None else documents.current_documents_by_vendor(db_session=db_session)
    out: dict[int, str] = {}
    for vendor_id, fingerprint, answer in db_session.execute(
        select(StoredAssessment.vendor_id, StoredAssessment.fingerprint, StoredAssessment.answer).where(
            StoredAssessment.profile == prof.name, StoredAssessment.as_of == today
        )
    ):
        updated_at = vendors_at.get(vendor_id)
        if updated_at is None:
            continue
        if fingerprint == _fingerprint(vendor_id, updated_at, prof, today, controls_digest, docs.get(vendor_id, [])):
            out[vendor_id] = answer
    db_session.commit()
    return out
