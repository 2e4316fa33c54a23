"""The daily alert job, with its own database session (Huey calls it; so do ``alerts run`` and ``POST /alerts/run``)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..config import Settings
from ..database import get_database
from ..portfolio.scheduled import raise_concentration
from .models import ScanResult
from .notifiers import configured_notifiers
from .service import run_scan


def run_daily(settings: Settings, *, today: date | None = None) -> ScanResult:
    """Raise and send today's alerts (UTC day) through every configured notifier, the concentration alert included."""
    with get_database(settings).session() as db_session:
        raise_concentration(db_session=db_session, settings=settings)
        return run_scan(
            db_session=db_session,
            settings=settings,
            today=today or datetime.now(UTC).date(),
            notifiers=configured_notifiers(settings),
        )
