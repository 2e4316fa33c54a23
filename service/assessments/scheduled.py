"""The daily refresh of stored assessments (a Huey periodic task), with its own database session."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..config import Settings
from ..database import get_database
from .service import refresh


def refresh_daily(settings: Settings, *, today: date | None = None) -> int:
    """Re-assess every vendor with documents against the default profile for today (UTC); returns how many."""
    with get_database(settings).session() as db_session:
        return refresh(db_session=db_session, settings=settings, today=today or datetime.now(UTC).date())
