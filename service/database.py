"""Engine, sessions and the declarative base.

SQLite is the embedded default, so it gets the settings that make it safe under a threaded server plus a worker:
WAL (readers never block the writer), a busy timeout, foreign keys, and ``BEGIN IMMEDIATE`` for sessions that are
about to write (a deferred transaction that later upgrades to a writer fails at once with "database is locked"
when another writer committed meanwhile). Each service function that changes state commits its own transaction.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from .config import Settings
from .inputs import UnsafeText

_IMMEDIATE = "va_begin_immediate"


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


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the per-dialect settings above."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=20)
        _sqlite_pragmas(engine)
        return engine
    engine = create_engine(url, pool_size=20, max_overflow=20)
    _ping_idle_connections(engine)
    return engine


_IDLE_SINCE = "va_idle_since"
PING_AFTER_IDLE_SECONDS = 30.0


def _ping_idle_connections(engine: Engine) -> None:
    """Test a pooled connection before use only when it has been idle a while (SQLAlchemy's pessimistic recipe).

    ``pool_pre_ping`` pings on every checkout, a round trip that costs a busy API a fifth of its time per request.
    A connection returned moments ago is known to work; one idle for longer may have been cut by a restart or a
    firewall, and is replaced (the pool retries the checkout) instead of failing the request. Should the server
    restart while connections are busy, the request that meets the broken one fails and SQLAlchemy discards the
    whole pool, so the next ones reconnect.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            cursor = dbapi_conn.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi_conn.rollback()
        except Exception as exc:  # noqa: BLE001 - any failure means the connection is unusable
            raise DisconnectionError(f"a pooled connection idle for {time.monotonic() - since:.0f} s is gone") from exc


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
    db_session.connection(execution_options={_IMMEDIATE: True})


_databases: dict[str, Database] = {}
_lock = threading.Lock()


def get_database(settings: Settings) -> Database:
    """The process-wide Database for these settings' URL (created, and its schema migrated, on first use)."""
    url = settings.db_url
    with _lock:
        db = _databases.get(url)
        if db is None:
            from .migrate import upgrade

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
