"""An uploaded document: its bytes (stored by SHA-256), its parsing status, and what was read from it.

The extraction is kept whole as the contract JSON; the few values the service filters and schedules on (vendor,
kind, dates, standards) are copied into indexed columns so the alert scan and vendor pages never parse JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow

Status = Literal["queued", "parsing", "parsed", "failed"]
STATUSES: tuple[Status, ...] = ("queued", "parsing", "parsed", "failed")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100), default="application/pdf")
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column()
    uploaded_by: Mapped[str | None] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    parsed_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    vendor_hint: Mapped[str | None] = mapped_column(String(300))
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id", ondelete="SET NULL"))
    vendor_match: Mapped[str | None] = mapped_column(String(20))
    vendor_candidate_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id", ondelete="SET NULL"))
    vendor_match_score: Mapped[float | None] = mapped_column()

    kind: Mapped[str | None] = mapped_column(String(30))
    vendor_name: Mapped[str | None] = mapped_column(String(300))
    standards: Mapped[str | None] = mapped_column(String(300))
    report_date: Mapped[date | None] = mapped_column(Date)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    issue_date: Mapped[date | None] = mapped_column(Date)
    original_issue_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_documents_vendor_id", "vendor_id"),
        Index("ix_documents_expiry_date", "expiry_date"),
        Index("ix_documents_kind", "kind"),
    )


class DocumentRead(BaseModel):
    """A document's record; ``extraction`` is the contract JSON once parsed."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    sha256: str
    filename: str
    content_type: str
    size: int
    pages: int | None
    status: str
    error_code: str | None
    error_message: str | None
    attempts: int
    uploaded_by: str | None
    uploaded_at: datetime
    parsed_at: datetime | None
    vendor_id: int | None
    vendor_match: str | None
    vendor_candidate_id: int | None
    vendor_match_score: float | None
    kind: str | None
    vendor_name: str | None
    standards: list[str]
    period_start: date | None
    period_end: date | None
    issue_date: date | None
    expiry_date: date | None
    extraction: dict[str, Any] | None = None

    @classmethod
    def from_document(cls, doc: Document, *, with_extraction: bool = True) -> DocumentRead:
        data = {k: getattr(doc, k) for k in cls.model_fields if k not in {"standards", "extraction"}}
        data["standards"] = split_standards(doc.standards)
        data["extraction"] = doc.extraction if with_extraction else None
        return cls.model_validate(data)


class DocumentAccepted(BaseModel):
    """The answer to an upload: where to watch it, and whether these bytes were seen before (and by whom)."""

    id: int
    status: str
    status_url: str
    file_url: str
    sha256: str
    created: bool
    first_uploaded_by: str | None = Field(description="Withheld (null) from a token without the read scope.")
    first_uploaded_at: datetime | None = Field(description="Withheld (null) from a token without the read scope.")


class VendorAssign(BaseModel):
    """A person's decision on a document's vendor (confirming a flagged match, or correcting it)."""

    vendor_id: int = Field(ge=1, le=2_147_483_647)


def split_standards(text: str | None) -> list[str]:
    return [s for s in (text or "").split("|") if s]
