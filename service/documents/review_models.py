"""A reviewer's corrections: the active one per field, and an append-only log of every change.

The active row keeps the extractor's original field (so an undo restores it exactly, and a re-parse can apply the
correction again); the log keeps every correction, confirmation and undo with who, when and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow

ReviewAction = Literal["corrected", "confirmed", "undone", "dismissed"]


class FieldReview(Base):
    """The reviewer's value for one field of one document, in force until undone."""

    __tablename__ = "field_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    page: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)
    original: Mapped[Any] = mapped_column(JSON, nullable=True)  # the extractor's field as it was (None: not read)
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("document_id", "field", name="uq_field_reviews_document_field"),)


class FieldReviewLog(Base):
    """Every change a reviewer made, never updated or deleted (except with its document)."""

    __tablename__ = "field_review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    previous: Mapped[Any] = mapped_column(JSON, nullable=True)  # the value in force before this change
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_field_review_log_document_id", "document_id"),)


class ReviewDismissal(Base):
    """A review-queue item a person has dealt with without changing a field: a warning read, a failure accepted."""

    __tablename__ = "review_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(60))
    dismissed_by: Mapped[str] = mapped_column(String(200))
    dismissed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("document_id", "key", name="uq_review_dismissals_document_key"),)


class FieldCorrection(BaseModel):
    """A reviewer's value for a field. ``value`` null on a single field means "the document does not state it";
    ``page`` and ``quote`` say where the reviewer read it (default: where the extractor read it)."""

    value: Any = None
    note: str | None = Field(default=None, max_length=2000)
    page: int | None = Field(default=None, ge=1, le=100_000)
    quote: str | None = Field(default=None, max_length=400)

    @field_validator("note", "quote")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("text may not contain NUL characters")
        return value.strip() or None if value is not None else None


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    document_id: int
    field: str
    action: str
    value: Any
    page: int | None
    quote: str | None
    original: Any
    note: str | None
    reviewed_by: str
    reviewed_at: datetime


class ReviewLogRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document_id: int
    field: str
    action: str
    value: Any
    previous: Any
    note: str | None
    actor: str
    at: datetime


class VerdictChange(BaseModel):
    """The vendor's verdict before and after the change (default profile), recomputed at once."""

    vendor_id: int
    profile: str
    before: str | None
    after: str


class ReviewResult(BaseModel):
    """What a correction or an undo returns: the field now in force, the review (None after an undo), the verdict."""

    document_id: int
    field: str
    current: Any
    review: ReviewRead | None
    assessment: VerdictChange | None
