"""The concentration alert: a provider that carries more than ``CONCENTRATION_SHARE`` of the critical vendors.

It is raised by the daily alert job beside the per-document alerts, so it goes out through every notifier (log,
webhook, the Slack digest), once, and can be acknowledged or snoozed like any other. An alert row belongs to a
document; this one belongs to the newest document of the first critical vendor that names the provider, and its
threshold is the number of critical vendors, so the alert is raised again when one more critical vendor comes to
depend on the same provider.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..alerts.service import insert_new_alerts
from ..config import Settings
from ..database import begin_write, utcnow
from ..documents.models import Document
from .service import concentration

KIND = "provider_concentration"


def raise_concentration(*, db_session: Session, settings: Settings) -> int:
    """Insert today's concentration alerts that do not exist yet (commits); returns how many were created."""
    rows: list[dict[str, object]] = []
    now = utcnow()
    for found in concentration(db_session=db_session, settings=settings):
        anchor = found.vendors[0]
        document_id = db_session.scalar(
            select(Document.id).where(Document.vendor_id == anchor.id).order_by(Document.id.desc()).limit(1)
        )
        if document_id is None:
            continue
        names = ", ".join(v.name for v in found.vendors)
        rows.append(
            {
                "document_id": document_id,
                "vendor_id": anchor.id,
                "kind": KIND,
                "threshold": found.critical_vendors,
                "due_date": None,
                "message": (
                    f"{found.provider} carries {found.critical_vendors} of {found.of_critical} critical vendors "
                    f"({found.share:.0%}, more than the {found.threshold:.0%} set in CONCENTRATION_SHARE): {names}"
                ),
                "status": "pending",
                "attempts": 0,
                "created_at": now,
            }
        )
    if not rows:
        return 0  # no write lock taken on the usual day, when nothing is concentrated
    begin_write(db_session)
    created = insert_new_alerts(db_session, rows)
    db_session.commit()
    return created
