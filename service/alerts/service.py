"""The daily alert scan, alert delivery through notifiers, and the reviewer's acknowledge / snooze."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..config import Settings
from ..database import begin_write, utcnow
from ..documents.models import Document
from ..profiles import get_profile
from ..queries import equals_if_given, newest_first
from ..vendors.models import Vendor
from . import triggers
from .models import Alert, AlertDelivery, AlertRead, ScanResult, UpcomingAlert
from .notifiers import Notifier

log = logging.getLogger(__name__)

CLAIM_STALE = timedelta(minutes=15)


class AlertNotFound(LookupError):
    """No alert with that id."""


def soc_freshness_months(settings: Settings) -> int | None:
    """How old a SOC report may be, from the default profile (its SOC options' ``max_age_months``), or None to use
    FRESHNESS_DAYS when the profile cannot be read."""
    try:
        profile = get_profile(settings=settings, name=None)
    except Exception:  # noqa: BLE001 - a broken profile must not stop the alerts; fall back to the setting
        log.warning("default profile unavailable; SOC freshness falls back to %s days", settings.freshness_days)
        return None
    return profile.soc_max_age_months


def _rows(db_session: Session, document_ids: Collection[int] | None = None) -> list[triggers.DocRow]:
    stmt = (
        select(
            Document.id,
            Document.vendor_id,
            Vendor.name,
            Document.filename,
            Document.status,
            Document.kind,
            Document.standards,
            Document.period_end,
            Document.issue_date,
            Document.original_issue_date,
            Document.expiry_date,
            Document.error_message,
        )
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(Document.status.in_(("parsed", "failed")))
    )
    if document_ids is not None:
        stmt = stmt.where(Document.id.in_(list(document_ids)))
    return [triggers.DocRow(*cast(tuple[Any, ...], row)) for row in db_session.execute(stmt)]


def insert_new_alerts(db_session: Session, values: list[dict[str, object]]) -> int:
    """Insert alert rows, skipping those whose (document, kind, threshold) exists: the unique key makes 'once' hold."""
    if not values:
        return 0
    dialect = db_session.get_bind().dialect.name
    created = 0
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        # RETURNING counts what was really inserted; rowcount is unreliable for multi-row inserts on some drivers
        if dialect == "postgresql":
            stmt = postgresql.insert(Alert).values(chunk).on_conflict_do_nothing().returning(Alert.id)
            created += len(db_session.execute(stmt).all())
        else:
            lite = sqlite.insert(Alert).values(chunk).on_conflict_do_nothing().returning(Alert.id)
            created += len(db_session.execute(lite).all())
    return created


def raise_due(
    *, db_session: Session, settings: Settings, today: date, document_ids: Collection[int] | None = None
) -> tuple[int, int]:
    """Insert the alerts due today that do not exist yet (commits); returns (documents scanned, alerts created).

    Snoozed alerts whose day has come are put back to pending, so they are sent again once. With ``document_ids``
    only those documents are looked at (a document just parsed: an expired certificate is an alert at once, not
    at the next daily scan) and snoozed alerts are left to the daily scan.
    """
    rows = _rows(db_session, document_ids)
    months = soc_freshness_months(settings)
    existing_stmt = select(Alert.document_id, Alert.kind, Alert.threshold)
    if document_ids is not None:
        existing_stmt = existing_stmt.where(Alert.document_id.in_(list(document_ids)))
    existing = {(d, k, t) for d, k, t in db_session.execute(existing_stmt)}
    now = utcnow()
    new: list[dict[str, object]] = []
    for row in rows:
        for c in triggers.due(
            row,
            today=today,
            thresholds=settings.alert_thresholds_days,
            freshness_days=settings.freshness_days,
            freshness_months=months,
        ):
            if (c.document_id, c.kind, c.threshold) in existing:
                continue
            new.append(
                {
                    "document_id": c.document_id,
                    "vendor_id": c.vendor_id,
                    "kind": c.kind,
                    "threshold": c.threshold,
                    "due_date": c.due_date,
                    "message": c.message,
                    "status": "pending",
                    "attempts": 0,
                    "created_at": now,
                }
            )
    begin_write(db_session)
    created = insert_new_alerts(db_session, new)
    woken: Sequence[int] = []
    if document_ids is None:
        woken = (
            db_session.execute(select(Alert.id).where(Alert.status == "snoozed", Alert.snoozed_until <= today))
            .scalars()
            .all()
        )
    if woken:
        db_session.execute(delete(AlertDelivery).where(AlertDelivery.alert_id.in_(woken)))
        db_session.execute(
            update(Alert)
            .where(Alert.id.in_(woken))
            .values(status="pending", snoozed_until=None)
            .execution_options(synchronize_session=False)
        )
    db_session.commit()
    if woken:
        db_session.scalars(select(Alert).where(Alert.id.in_(woken)).execution_options(populate_existing=True)).all()
        db_session.commit()
    return len(rows), created


def _to_read(db_session: Session, alerts: Sequence[Alert], settings: Settings) -> list[AlertRead]:
    vendor_ids = {a.vendor_id for a in alerts if a.vendor_id is not None}
    doc_ids = {a.document_id for a in alerts}
    names = (
        dict(db_session.execute(select(Vendor.id, Vendor.name).where(Vendor.id.in_(vendor_ids))).all())
        if vendor_ids
        else {}
    )
    files = (
        dict(db_session.execute(select(Document.id, Document.filename).where(Document.id.in_(doc_ids))).all())
        if doc_ids
        else {}
    )
    base = settings.public_base_url.rstrip("/")
    out = []
    for a in alerts:
        read = AlertRead.model_validate(a)
        read.vendor_name = names.get(a.vendor_id) if a.vendor_id is not None else None
        read.filename = files.get(a.document_id)
        read.url = f"{base}/documents/{a.document_id}"
        out.append(read)
    return out


def deliver(*, db_session: Session, settings: Settings, notifiers: Sequence[Notifier]) -> tuple[int, int]:
    """Send pending alerts through each notifier that has not had them yet; returns (sent, failed).

    Alerts are claimed with a token first, so two workers never send the same alert; a claim left by a crashed
    worker expires after CLAIM_STALE. An alert is ``sent`` when every notifier delivered it.
    """
    token = uuid.uuid4().hex
    now = utcnow()
    begin_write(db_session)
    db_session.execute(
        update(Alert)
        .where(or_(Alert.status == "pending", (Alert.status == "sending") & (Alert.claimed_at < now - CLAIM_STALE)))
        .values(status="sending", claim_token=token, claimed_at=now, attempts=Alert.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db_session.commit()
    claimed = list(
        db_session.scalars(
            select(Alert).where(Alert.claim_token == token).order_by(Alert.id).execution_options(populate_existing=True)
        )
    )
    if not claimed:
        return 0, 0
    done = {
        (a, n)
        for a, n in db_session.execute(
            select(AlertDelivery.alert_id, AlertDelivery.notifier).where(
                AlertDelivery.alert_id.in_([a.id for a in claimed])
            )
        )
    }
    reads = _to_read(db_session, claimed, settings)
    errors: dict[int, str] = {}
    for notifier in notifiers:
        batch = [r for r in reads if (r.id, notifier.name) not in done and r.id not in errors]
        if not batch:
            continue
        try:
            notifier.send(batch)
        except Exception as exc:  # noqa: BLE001 - one notifier down must not lose the others' deliveries
            log.warning("notifier %s failed: %s", notifier.name, exc)
            for r in batch:
                errors[r.id] = f"{notifier.name}: {exc}"[:1000]
            continue
        begin_write(db_session)
        db_session.add_all(AlertDelivery(alert_id=r.id, notifier=notifier.name) for r in batch)
        db_session.commit()
    begin_write(db_session)
    sent = failed = 0
    for alert in claimed:
        alert = db_session.get(Alert, alert.id) or alert
        alert.claim_token = None
        alert.claimed_at = None
        if alert.id in errors:
            alert.status = "pending"
            alert.last_error = errors[alert.id]
            failed += 1
        else:
            alert.status = "sent"
            alert.sent_at = alert.sent_at or utcnow()
            alert.last_error = None
            sent += 1
    db_session.commit()
    return sent, failed


def run_scan(*, db_session: Session, settings: Settings, today: date, notifiers: Sequence[Notifier]) -> ScanResult:
    """The daily job: raise today's alerts (each once per document, kind and threshold) and deliver them."""
    started = time.perf_counter()
    documents, created = raise_due(db_session=db_session, settings=settings, today=today)
    sent, failed = deliver(db_session=db_session, settings=settings, notifiers=notifiers)
    return ScanResult(
        today=today,
        documents=documents,
        created=created,
        sent=sent,
        failed=failed,
        seconds=round(time.perf_counter() - started, 3),
    )


def list_alerts(
    *,
    db_session: Session,
    settings: Settings,
    status: str | None = None,
    vendor_id: int | None = None,
    limit: int = 100,
) -> list[AlertRead]:
    """Raised alerts, newest first."""
    stmt = newest_first(
        Alert, equals_if_given(Alert.status, status), equals_if_given(Alert.vendor_id, vendor_id), limit=limit
    )
    alerts = list(db_session.scalars(stmt))
    return _to_read(db_session, alerts, settings)


def upcoming(
    *, db_session: Session, settings: Settings, today: date, days: int = 90, vendor_id: int | None = None
) -> list[UpcomingAlert]:
    """Alerts that will fire within ``days`` and have not been raised yet, soonest first."""
    existing = {(d, k, t) for d, k, t in db_session.execute(select(Alert.document_id, Alert.kind, Alert.threshold))}
    horizon = today + timedelta(days=days)
    months = soc_freshness_months(settings)
    out: list[UpcomingAlert] = []
    for row in _rows(db_session):
        if vendor_id is not None and row.vendor_id != vendor_id:
            continue
        cands = triggers.candidates(
            row,
            thresholds=settings.alert_thresholds_days,
            freshness_days=settings.freshness_days,
            freshness_months=months,
        )
        for c in cands:
            if today < c.fires_on <= horizon and (c.document_id, c.kind, c.threshold) not in existing:
                out.append(
                    UpcomingAlert(
                        document_id=c.document_id,
                        vendor_id=c.vendor_id,
                        vendor_name=row.vendor_name,
                        kind=c.kind,
                        threshold=c.threshold,
                        due_date=c.due_date,
                        fires_on=c.fires_on,
                        message=c.message,
                    )
                )
    return sorted(out, key=lambda u: (u.fires_on, u.document_id))


def acknowledge(*, db_session: Session, alert_id: int, by: str | None = None) -> Alert:
    """A person has seen the alert and is acting on it (commits); it is not sent again."""
    begin_write(db_session)
    alert = db_session.get(Alert, alert_id)
    if alert is None:
        db_session.rollback()
        raise AlertNotFound(f"alert {alert_id} does not exist")
    alert.status = "acknowledged"
    alert.acknowledged_at = utcnow()
    alert.acknowledged_by = by
    alert.snoozed_until = None
    db_session.commit()
    return alert


def snooze(*, db_session: Session, alert_id: int, until: date) -> Alert:
    """Hold the alert and send it again on ``until`` (commits)."""
    begin_write(db_session)
    alert = db_session.get(Alert, alert_id)
    if alert is None:
        db_session.rollback()
        raise AlertNotFound(f"alert {alert_id} does not exist")
    alert.status = "snoozed"
    alert.snoozed_until = until
    db_session.commit()
    return alert


def list_one(*, db_session: Session, settings: Settings, alert: Alert) -> AlertRead:
    """One alert as the API shows it."""
    return _to_read(db_session, [alert], settings)[0]
