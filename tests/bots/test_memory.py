"""The bot's own records: "handle once" keys under concurrency, and channel profiles, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bots import memory
from service.config import Settings
from service.database import Database, forget_databases, get_database
from tests.service.conftest import BACKENDS, PG_URL, _pg_schema_url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    settings = Settings(data_dir=tmp_path / "data")
    if request.param == "sqlite":
        yield get_database(settings)
        forget_databases()
        return
    assert PG_URL is not None
    for url in _pg_schema_url(PG_URL):
        yield get_database(settings.model_copy(update={"database_url": url}))


def test_a_key_is_first_only_once_even_when_raced(db: Database) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        barrier.wait()
        results.append(memory.first_time(db, "event:Ev-race"))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    assert memory.first_time(db, "event:Ev-other") is True


def test_channel_profiles_are_per_channel(db: Database) -> None:
    with db.session() as s:
        assert memory.channel_profile(s, "C1") is None
    memory.bind_channel_profile(db, "C1", "low-risk-tool", "U1")
    memory.bind_channel_profile(db, "C1", "critical-data-processor", "U2")
    with db.session() as s:
        assert memory.channel_profile(s, "C1") == "critical-data-processor"
        assert memory.channel_profile(s, "C2") is None
    assert memory.forget_old(db) == 0  # nothing is older than two days
