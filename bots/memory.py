"""What the bot must remember, kept by the service (``service.channels``): events already handled, channel profiles.

Slack retries an event it thinks was lost (X-Slack-Retry-Num), and a PDF shared in a channel arrives twice (a
``message`` with subtype ``file_share`` and a ``file_shared`` event); the service records each key with a unique
insert, so "handle once" holds across threads, processes and restarts. The tables are the service's, created by its
migrations; this module only adapts the bot's calls (a Database, or a session it already holds) to them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.channels import service as channels
from service.database import Database

KEEP = channels.KEEP_EVENTS


def first_time(db: Database, key: str) -> bool:
    """True for the first caller with ``key`` (recorded), False for every later one, in any process."""
    with db.session() as db_session:
        return channels.first_time(db_session=db_session, key=key)


def forget_old(db: Database) -> int:
    """Drop keys older than KEEP (called now and then; the table stays small)."""
    with db.session() as db_session:
        return channels.forget_old_events(db_session=db_session)


def channel_profile(db_session: Session, channel: str | None) -> str | None:
    """The profile bound to ``channel``, or None (the default applies)."""
    return channels.profile_for(db_session=db_session, channel=channel)


def bind_channel_profile(db: Database, channel: str, profile: str, set_by: str | None) -> None:
    """Bind ``profile`` to ``channel`` (replacing an earlier binding)."""
    with db.session() as db_session:
        channels.bind_profile(db_session=db_session, channel=channel, profile=profile, set_by=set_by)
