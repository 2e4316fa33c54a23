"""Channel profiles and handle-once event keys, as plain service functions (each commits its own change)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..database import begin_write, utcnow
from .models import ChannelProfile, HandledEvent

KEEP_EVENTS = timedelta(days=2)  # Slack stops retrying after about an hour; older keys are dropped

__all__ = ["KEEP_EVENTS", "bind_profile", "first_time", "forget_old_events", "profile_for"]


def first_time(*, db_session: Session, key: str) -> bool:
    """True for the first caller with ``key`` (recorded, commits), False for every later one, in any process."""
    begin_write(db_session)
    db_session.add(HandledEvent(key=key[:200], seen_at=utcnow()))
    try:
        db_session.commit()
    except IntegrityError:
        db_session.rollback()
        return False
    return True


def forget_old_events(*, db_session: Session, older_than: timedelta = KEEP_EVENTS) -> int:
    """Drop event keys older than ``older_than`` (commits); the table stays small."""
    begin_write(db_session)
    result = db_session.execute(delete(HandledEvent).where(HandledEvent.seen_at < utcnow() - older_than))
    db_session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def profile_for(*, db_session: Session, channel: str | None) -> str | None:
    """The profile bound to ``channel``, or None (the default applies). Ends the read transaction."""
    if not channel:
        return None
    value = db_session.scalar(select(ChannelProfile.profile).where(ChannelProfile.channel == channel))
    db_session.commit()
    return value


def bind_profile(*, db_session: Session, channel: str, profile: str, set_by: str | None = None) -> None:
    """Bind ``profile`` to ``channel``, replacing an earlier binding (commits)."""
    for attempt in range(2):
        begin_write(db_session)
        row = db_session.get(ChannelProfile, channel, populate_existing=True)
        if row is None:
            db_session.add(ChannelProfile(channel=channel, profile=profile, set_by=set_by, set_at=utcnow()))
        else:
            row.profile, row.set_by, row.set_at = profile, set_by, utcnow()
        try:
            db_session.commit()
            return
        except IntegrityError:
            db_session.rollback()  # another process bound this channel first: update its row instead
            if attempt:
                raise
