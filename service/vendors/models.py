"""A vendor the buyer buys from: its names (for fuzzy lookup), what is bought from it, and who owns the relationship."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow
from ..inputs import check_text


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300), unique=True)
    aliases: Mapped[list[str]] = mapped_column(default=list)
    tier: Mapped[str | None] = mapped_column(String(40))
    services: Mapped[list[str]] = mapped_column(default=list)
    processes_data_with_ai: Mapped[bool | None] = mapped_column(default=None)
    owner: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_vendors_updated_at", "updated_at"),)


def _clean_names(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    seen: dict[str, str] = {}
    for item in value:
        text = " ".join(str(item).split())
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())


class _Text(BaseModel):
    """Vendor text fields hold no NUL, control character or lone surrogate: PostgreSQL cannot store a NUL and
    neither driver can encode a surrogate, so they are refused up front (a 422, see ``service.inputs``)."""

    @field_validator("*")
    @classmethod
    def _safe_text(cls, value: object) -> object:
        return check_text(value)


class VendorBase(_Text):
    aliases: list[str] = Field(default_factory=list, max_length=50)
    tier: str | None = Field(default=None, max_length=40)
    services: list[str] = Field(default_factory=list, max_length=100)
    processes_data_with_ai: bool | None = None
    owner: str | None = Field(default=None, max_length=200)

    @field_validator("aliases", "services")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        return _clean_names(value) or []


class VendorCreate(VendorBase):
    name: str = Field(min_length=1, max_length=300, pattern=r"\S")


class VendorUpdate(_Text):
    """Only the fields given change; ``aliases`` and ``services`` replace the lists."""

    name: str | None = Field(default=None, min_length=1, max_length=300, pattern=r"\S")
    aliases: list[str] | None = Field(default=None, max_length=50)
    tier: str | None = Field(default=None, max_length=40)
    services: list[str] | None = Field(default=None, max_length=100)
    processes_data_with_ai: bool | None = None
    owner: str | None = Field(default=None, max_length=200)

    @field_validator("aliases", "services")
    @classmethod
    def _names(cls, value: list[str] | None) -> list[str] | None:
        return _clean_names(value)

    @field_validator("name")
    @classmethod
    def _name_not_null(cls, value: str | None) -> str | None:
        """A vendor always has a name: an explicit null is refused (leave the field out to keep the name)."""
        if value is None:
            raise ValueError("name cannot be null; leave it out to keep the current name")
        return value


class VendorRead(VendorBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    created_at: datetime
    updated_at: datetime


class VendorMatch(BaseModel):
    """One search hit: the vendor, its score (0-100) and the name or alias that matched."""

    vendor: VendorRead
    score: float
    matched: str
