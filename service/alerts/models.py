"""Alerts about documents that expire, go stale or failed, each raised once per document, kind and threshold.

The unique key (document, kind, threshold) is what makes "once" hold with several workers and after a restart:
whoever inserts second gets nothing. Deliveries are recorded per notifier, so a webhook that was down is retried
without sending the log or Slack message twice.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow
from ..inputs import SafeStr, SaneDate

AlertKind = Literal[
    "certificate_expiry",
    "certificate_expired",
    "soc_report_stale",
    "bridge_letter_expired",
    "iso_2013_edition",
    "surveillance_due",
    "parse_failed",
    "provider_concentration",
]
AlertStatus = Literal["pending", "sending", "sent", "acknowledged", "snoozed"]


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    threshold: Mapped[int] = mapped_column(Integer, default=0)
    due_date: Mapped[date | None] = mapped_column(Date)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    claim_token: Mapped[str | None] = mapped_column(String(40))
    claimed_at: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
    acknowledged_at: Mapped[datetime | None] = mapped_column()
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    snoozed_until: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("document_id", "kind", "threshold", name="uq_alerts_document_kind_threshold"),
        Index("ix_alerts_status", "status"),
    )


class AlertDelivery(Base):
    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    notifier: Mapped[str] = mapped_column(String(60))
    delivered_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("alert_id", "notifier", name="uq_alert_deliveries_alert_notifier"),)


class AlertRead(BaseModel):
    """An alert as notifiers and the API see it; ``url`` points at the document in the API."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    document_id: int
    vendor_id: int | None
    vendor_name: str | None = None
    filename: str | None = None
    kind: str
    threshold: int
    due_date: date | None
    message: str
    status: str
    created_at: datetime
    sent_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    snoozed_until: date | None
    url: str | None = None


class UpcomingAlert(BaseModel):
    """An alert the daily job will raise on ``fires_on`` unless something changes (a new document, say)."""

    document_id: int
    vendor_id: int | None
    vendor_name: str | None
    kind: str
    threshold: int
    due_date: date | None
    fires_on: date
    message: str


class AlertList(BaseModel):
    upcoming: list[UpcomingAlert]
    alerts: list[AlertRead]


class AlertSnooze(BaseModel):
    until: SaneDate = Field(description="Send the alert again on this day (1970-2100).")


class AlertAck(BaseModel):
    by: SafeStr | None = Field(default=None, max_length=200)


class ScanResult(BaseModel):
    today: date
    documents: int
    created: int
    sent: int
    failed: int
    seconds: float
