"""Engines with the per-dialect settings every process uses: the application's sessions (``service.database``)
and the schema upgrade (``service.migrate``) both build theirs here, so neither imports the other.

SQLite is the embedded default, so it gets the settings that make it safe under a threaded server plus a worker:
WAL (readers never block the writer), a busy timeout, foreign keys, and ``BEGIN IMMEDIATE`` for a connection whose
execution options carry ``IMMEDIATE`` (a session about to write).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError

# The execution option that makes a SQLite transaction begin as a writer (see ``database.begin_write``).
IMMEDIATE = "va_begin_immediate"


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
        immediate = conn.get_execution_options().get(IMMEDIATE)
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
