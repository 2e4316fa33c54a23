"""What every listener needs, handed to ``register(app, deps)`` instead of being put in Bolt's context.

Bolt deep-copies the context for lazy listeners, and a database engine must not be copied, so the listeners
close over this object instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from service.config import Settings
from service.database import Database

from .. import memory
from ..brain.reply import Context


@dataclass
class Deps:
    settings: Settings
    db: Database
    today: date | None = None  # fixed in tests; otherwise the UTC day of each request
    allowed_channels: frozenset[str] = field(default_factory=frozenset)

    @property
    def token(self) -> str:
        secret = self.settings.slack_bot_token
        return secret.get_secret_value() if secret is not None else ""

    def day(self) -> date:
        return self.today or datetime.now(UTC).date()

    def may_show_details(self, channel: str | None, channel_type: str | None = None) -> bool:
        """Reports are under NDA: full details only in a DM with the bot or in a channel on the allowed list."""
        if not channel:
            return False
        if channel_type == "im" or channel.startswith("D"):
            return True
        return channel in self.allowed_channels

    @contextmanager
    def context(self, channel: str | None, *, profile: str | None = None) -> Iterator[Context]:
        """A brain context for a conversation: a session, today, and the channel's bound profile."""
        with self.db.session() as db_session:
            bound = profile or memory.channel_profile(db_session, channel)
            yield Context(
                db_session=db_session,
                settings=self.settings,
                today=self.day(),
                profile=bound,
                bind_profile=(lambda name: memory.bind_channel_profile(self.db, channel, name, None))
                if channel else None,
            )

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as db_session:
            yield db_session
