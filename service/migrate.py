"""Bring the database schema to the latest Alembic revision; run by every process on start.

Several processes may start at once (``serve`` and two ``worker``s), so the upgrade holds a lock: an advisory
lock on PostgreSQL, a file lock beside the SQLite database otherwise.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from .engine import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY = 0x7661_6D69  # "vami"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["url"] = url
    return cfg


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def upgrade(url: str, data_dir: Path) -> None:
    """Apply every pending migration to the database at ``url``."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
                try:
                    cfg = alembic_config(url)
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    conn.commit()
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                    conn.commit()
        else:
            with _file_lock(data_dir / ".migrate.lock"), engine.connect() as conn:
                cfg = alembic_config(url)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.commit()
    finally:
        engine.dispose()
