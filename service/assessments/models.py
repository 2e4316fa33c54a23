"""An assessment answer: the knowledge engine's verdict and cited findings over a vendor's current documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow


class StoredAssessment(Base):
    """The latest answer per vendor and profile, with the fingerprint of what it was computed from (documents,
    vendor record, profile, day): served while the fingerprint matches, so answers survive restarts and the daily
    refresh makes the first question of the day fast."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    profile: Mapped[str] = mapped_column(String(200))
    as_of: Mapped[date] = mapped_column(Date)
    fingerprint: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("vendor_id", "profile", name="uq_assessments_vendor_profile"),)


class AssessedDocument(BaseModel):
    id: int
    filename: str
    kind: str | None
    period_end: date | None
    expiry_date: date | None


class AssessmentRead(BaseModel):
    """``result`` is ``knowledge.Assessment.to_dict()``: verdict, options tried, findings with document/page/quote."""

    vendor_id: int
    vendor_name: str
    profile: str
    as_of: date
    verdict: str
    documents: list[AssessedDocument]
    result: dict[str, Any]


class ProfileRead(BaseModel):
    name: str
    description: str
    source: str
