"""The engine's connection handling on a real PostgreSQL server, and the start-up warm-up."""

from __future__ import annotations

import gc
import logging

import pytest
from sqlalchemy import create_engine, text

from service import database, engine
from service.config import Settings
from service.database import get_database
from service.warmup import warm_up

from .conftest import PG_URL


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="DATABASE_URL_TEST is not set")
@pytest.mark.parametrize("settings", ["postgres"], indirect=True)
def test_a_pooled_connection_cut_while_idle_is_replaced_not_failed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server (a restart, a firewall) drops a connection that sat idle in the pool: the next request gets a
    fresh one instead of an error."""
    db = get_database(settings)
    assert not db.is_sqlite
    with db.engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
    admin = create_engine(settings.db_url)  # another client, as a server restart would be
    with admin.begin() as killer:
        assert killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar() is True
    admin.dispose()
    monkeypatch.setattr(engine, "PING_AFTER_IDLE_SECONDS", 0.0)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar() != pid


def test_warm_up_loads_the_knowledge_and_freezes_once(sqlite_settings: Settings) -> None:
    from service.vendors import service as vendors

    warm_up(sqlite_settings, get_database(sqlite_settings))
    with get_database(sqlite_settings).session() as s:
        assert vendors.fresh_index(s) is not None  # the name index is built: the first search needs no query
    frozen = gc.get_freeze_count()
    assert frozen > 0
    warm_up(sqlite_settings, get_database(sqlite_settings))
    assert gc.get_freeze_count() == frozen  # a second app in the same process does not freeze its leftovers


def test_warm_up_survives_a_malformed_profile(tmp_path: object, caplog: pytest.LogCaptureFixture) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "profiles"
    folder.mkdir()
    (folder / "bad.yaml").write_text("name: bad\naccept: [nonsense\n", encoding="utf-8")
    settings = Settings(data_dir=Path(str(tmp_path)) / "data", profiles_dir=folder)
    with caplog.at_level(logging.WARNING, logger="service.warmup"):
        warm_up(settings, get_database(settings))
    assert any("could not be preloaded" in r.getMessage() for r in caplog.records)
    database.forget_databases()
