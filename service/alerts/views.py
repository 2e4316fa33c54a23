"""/alerts: upcoming and raised alerts, acknowledge, snooze, and running the scan now."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from ..deps import Admin, IdPath, Reader, SessionDep, SettingsDep, Writer, Written
from . import service
from .models import AlertAck, AlertList, AlertRead, AlertSnooze, ScanResult
from .scheduled import run_daily

router = APIRouter(prefix="/alerts", tags=["alerts"])


@router.get("", response_model=AlertList)
def list_alerts(
    db_session: SessionDep,
    settings: SettingsDep,
    _: Reader,
    status: Annotated[str | None, Query(pattern="^(pending|sending|sent|acknowledged|snoozed)$")] = None,
    vendor_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    days: Annotated[int, Query(ge=1, le=730, description="How far ahead to look for upcoming alerts.")] = 90,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AlertList:
    """Alerts already raised (newest first) and those coming within ``days``."""
    today = datetime.now(UTC).date()
    return AlertList(
        upcoming=service.upcoming(
            db_session=db_session, settings=settings, today=today, days=days, vendor_id=vendor_id
        ),
        alerts=service.list_alerts(
            db_session=db_session, settings=settings, status=status, vendor_id=vendor_id, limit=limit
        ),
    )


@router.post("/{alert_id}/ack", response_model=AlertRead | Written)
def acknowledge(
    db_session: SessionDep, settings: SettingsDep, principal: Writer, alert_id: IdPath, body: AlertAck
) -> AlertRead | Written:
    """Mark an alert as handled; it is not sent again. A write-only token gets the id."""
    alert = service.acknowledge(db_session=db_session, alert_id=alert_id, by=body.by or principal.name)
    if not principal.allows("read"):
        return Written(id=alert.id)
    return service.list_one(db_session=db_session, settings=settings, alert=alert)


@router.post("/{alert_id}/snooze", response_model=AlertRead | Written)
def snooze(
    db_session: SessionDep, settings: SettingsDep, principal: Writer, alert_id: IdPath, body: AlertSnooze
) -> AlertRead | Written:
    """Hold an alert until a day, when it is sent again. A write-only token gets the id."""
    alert = service.snooze(db_session=db_session, alert_id=alert_id, until=body.until)
    if not principal.allows("read"):
        return Written(id=alert.id)
    return service.list_one(db_session=db_session, settings=settings, alert=alert)


@router.post("/run", response_model=ScanResult)
def run_now(settings: SettingsDep, _: Admin) -> ScanResult:
    """Run the daily scan now (it is idempotent: an alert already raised is not raised or sent again)."""
    return run_daily(settings)
