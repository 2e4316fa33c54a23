"""What the portfolio questions keep per document, computed once at ingestion from the document's text.

The extraction (the contract JSON) holds the fields; red flags and near-duplicate detection also need the text,
which is not kept. So ingestion stores what they need: the text signals (a small JSON object: who signed, who
tested, organizations the scope names, a certificate's stated term), the MinHash fingerprint of the description and
tests, one row per band of it in an indexed table (the candidate search), and the near-duplicate pairs found.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Index, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow


class DocumentSignals(Base):
    __tablename__ = "document_signals"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    signals: Mapped[dict[str, Any]] = mapped_column(JSON)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    shingles: Mapped[int] = mapped_column(Integer, default=0)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class MinhashBand(Base):
    __tablename__ = "minhash_bands"

    id: Mapped[int] = mapped_column(primary_key=True)
    band: Mapped[int] = mapped_column(BigInteger)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))

    __table_args__ = (Index("ix_minhash_bands_band", "band"), Index("ix_minhash_bands_document_id", "document_id"))


class NearDuplicate(Base):
    """Two documents of different vendors whose description and tests share most of their text (both ways)."""

    __tablename__ = "near_duplicates"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    other_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    similarity: Mapped[float] = mapped_column(Float)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)


class VendorRef(BaseModel):
    id: int
    name: str
    method: str | None


class FourthParty(BaseModel):
    """A provider and the vendors whose reports name it as a subservice organization."""

    provider: str
    vendors: list[VendorRef]


class ConcentrationAlert(BaseModel):
    provider: str
    critical_vendors: int
    of_critical: int
    share: float
    threshold: float
    vendors: list[VendorRef]


class CoverageSpan(BaseModel):
    start: date
    end: date
    days: int
    kind: str
    certificate: bool
    document: str
    document_id: int | None


class CoverageGap(BaseModel):
    start: date
    end: date
    days: int
    certificate: str | None


class CoverageRead(BaseModel):
    vendor_id: int
    vendor_name: str
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    days: int
    covered_days: int
    complete: bool
    covered: list[CoverageSpan]
    gaps: list[CoverageGap]


class ControlRef(BaseModel):
    id: str
    title: str
    owner: str


class CuecRead(BaseModel):
    document_id: int
    document: str
    text: str
    page: int | None
    quote: str | None
    criteria: list[str]
    control: ControlRef | None
    matched: list[str]


class VendorCuecs(BaseModel):
    vendor_id: int
    vendor_name: str
    controls_file: str | None
    owned: int
    unowned: int
    cuecs: list[CuecRead]
