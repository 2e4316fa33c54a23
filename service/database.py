"""Sessions, the declarative base and the process-wide ``Database`` (engines: ``service.engine``).

SQLite is the embedded default, so it gets the settings that make it safe under a threaded server plus a worker:
WAL (readers never block the writer), a busy timeout, foreign keys, and ``BEGIN IMMEDIATE`` for sessions that are
about to write (a deferred transaction that later upgrades to a writer fails at once with "database is locked"
when another writer committed meanwhile). Each service function that changes state commits its own transaction.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from .config import Settings
from .engine import IMMEDIATE, make_engine
from .inputs import UnsafeText


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _refuse_unstorable_text(db_session: Session, _context: Any, _instances: Any) -> None:
    """The last line behind the API's validation (``service.inputs``): a string attribute with a NUL (PostgreSQL
    refuses it) or a lone surrogate (no driver can encode it) fails the flush with UnsafeText, a 422 at the API,
    before anything is written, the same way on every database."""
    for obj in (*db_session.new, *db_session.dirty):
        for key, value in vars(obj).items():
            if isinstance(value, str) and not key.startswith("_") and _UNSTORABLE.search(value):
                raise UnsafeText(f"{type(obj).__name__}.{key} contains a character that cannot be stored")


event.listen(Session, "before_flush", _refuse_unstorable_text)


class Database:
    """An engine with its session factory; one per process and database URL (see ``get_database``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one unit of work; whatever was not committed is rolled back on exit.

        Closing (rather than rolling back) keeps loaded objects readable after the block, so a caller can use the
        document a service function returned once the session is gone.
        """
        db_session = self.sessionmaker()
        try:
            yield db_session
        finally:
            db_session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def begin_write(db_session: Session) -> None:
    """Start the transaction of a state change: ``BEGIN IMMEDIATE`` on SQLite, a plain transaction elsewhere.

    A read-only transaction already open in this session is closed first, so the write starts from a fresh
    snapshot instead of failing to upgrade. Pending changes are never thrown away: with those we stay inside the
    caller's transaction.
    """
    if db_session.in_transaction():
        if db_session.new or db_session.dirty or db_session.deleted:
            return
        db_session.commit()
    db_session.connection(execution_options={IMMEDIATE: True})


_databases: dict[str, Database] = {}
_lock = threading.Lock()


def get_database(settings: Settings) -> Database:
    """The process-wide Database for these settings' URL (created, and its schema migrated, on first use)."""
    url = settings.db_url
    with _lock:
        db = _databases.get(url)
        if db is None:
            from .migrate import upgrade  # lazy: Alembic costs 70 ms, paid only when a database is opened

            settings.data_dir.mkdir(parents=True, exist_ok=True)
            upgrade(url, settings.data_dir)
            db = Database(url)
            _databases[url] = db
        return db


def forget_databases() -> None:
    """Dispose every cached engine (tests that create many data directories call this)."""
    with _lock:
        for db in _databases.values():
            db.dispose()
        _databases.clear()
