"""Tables for channel profiles and handled events (migration 0003)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, utcnow


class ChannelProfile(Base):
    """The requirement profile a chat channel answers with; channels without a row use the default profile."""

    __tablename__ = "channel_profiles"

    channel: Mapped[str] = mapped_column(String(100), primary_key=True)
    profile: Mapped[str] = mapped_column(String(100))
    set_by: Mapped[str | None] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)


class HandledEvent(Base):
    """An event key recorded by its first handler: the primary key makes "handle once" hold across threads,
    processes and restarts (Slack retries events it thinks were lost, and shares a file in two events)."""

    __tablename__ = "handled_events"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
