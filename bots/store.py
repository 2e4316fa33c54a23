"""What the bot itself must remember, in the service's database: events already handled and channel profiles.

Slack retries an event it thinks was lost (X-Slack-Retry-Num), and a PDF shared in a channel arrives twice (a
``message`` with subtype ``file_share`` and a ``file_shared`` event). Recording a key with a unique insert makes
"handle once" hold across threads, processes and restarts. These two small tables belong to the bot, not to the
service's schema, so they are created here (``CREATE TABLE IF NOT EXISTS``) the first time a database is used.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, Engine, MetaData, String, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.database import Database

metadata = MetaData()

seen = Table(
    "bot_seen_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("seen_at", DateTime(), nullable=False),
)

channel_profiles = Table(
    "bot_channel_profiles",
    metadata,
    Column("channel", String(100), primary_key=True),
    Column("profile", String(100), nullable=False),
    Column("set_by", String(100)),
    Column("set_at", DateTime(), nullable=False),
)

KEEP = timedelta(days=2)  # Slack stops retrying after about an hour; keys older than this are dropped

_ready: set[str] = set()
_lock = threading.Lock()


def ensure_tables(engine: Engine) -> None:
    """Create the bot's tables once per database URL in this process."""
    key = str(engine.url)
    if key in _ready:
        return
    with _lock:
        if key not in _ready:
            metadata.create_all(engine, checkfirst=True)
            _ready.add(key)


def _now() -> datetime:
    """Naive UTC: both SQLite and PostgreSQL store it as written, so comparisons agree."""
    return datetime.now(UTC).replace(tzinfo=None)


def first_time(db: Database, key: str) -> bool:
    """True for the first caller with ``key`` (recorded), False for every later one, in any process."""
    ensure_tables(db.engine)
    try:
        with db.engine.begin() as conn:
            conn.execute(insert(seen).values(key=key[:200], seen_at=_now()))
    except IntegrityError:
        return False
    return True


def forget_old(db: Database) -> int:
    """Drop keys older than KEEP (called now and then; the table stays small)."""
    ensure_tables(db.engine)
    with db.engine.begin() as conn:
        result = conn.execute(delete(seen).where(seen.c.seen_at < _now() - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)


def channel_profile(db_session: Session, channel: str | None) -> str | None:
    """The profile bound to ``channel``, or None (the default applies)."""
    if not channel:
        return None
    ensure_tables(db_session.get_bind().engine)
    value = db_session.execute(
        select(channel_profiles.c.profile).where(channel_profiles.c.channel == channel)
    ).scalar_one_or_none()
    db_session.commit()  # end the read transaction: the caller may write next
    return value


def bind_channel_profile(db: Database, channel: str, profile: str, set_by: str | None) -> None:
    """Bind ``profile`` to ``channel`` (replacing an earlier binding)."""
    ensure_tables(db.engine)
    with db.engine.begin() as conn:
        conn.execute(delete(channel_profiles).where(channel_profiles.c.channel == channel))
        conn.execute(
            insert(channel_profiles).values(channel=channel, profile=profile, set_by=set_by, set_at=_now())
        )
