"""API tokens: only a SHA-256 of each token is stored, with its scopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow
from ..inputs import SafeStr

Scope = Literal["read", "write", "admin"]
SCOPES: tuple[Scope, ...] = ("read", "write", "admin")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the token's id, name and scopes (from an API token, or a web session acting for one)."""

    token_id: int
    name: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        return "admin" in self.scopes or scope in self.scopes


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()


class SignedOutSession(Base):
    """A web session signed out before its cookie expired: its cookie is refused from then on (kept until expiry)."""

    __tablename__ = "signed_out_sessions"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column()


class TokenCreate(BaseModel):
    name: SafeStr = Field(default="api", min_length=1, max_length=200)
    scopes: list[Scope] = Field(min_length=1)


class TokenRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None


class TokenCreated(TokenRead):
    """Returned once, at creation: the token itself is not stored and cannot be shown again."""

    token: str
