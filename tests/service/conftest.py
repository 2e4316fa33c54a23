"""Fixtures for the service: real SQLite files, and a real PostgreSQL when DATABASE_URL_TEST is set.

Each PostgreSQL test gets its own schema (through the connection's search_path), so tests never see each other's
rows and nothing has to be dropped table by table.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from service.api import create_app
from service.auth import service as auth_service
from service.config import Settings
from service.database import Database, forget_databases, get_database

PG_URL = os.environ.get("DATABASE_URL_TEST")
REDIS_URL = os.environ.get("REDIS_URL_TEST")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres",
        id="postgres",
        marks=[pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="DATABASE_URL_TEST is not set")],
    ),
]


def _pg_schema_url(base: str) -> Iterator[str]:
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        forget_databases()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings on a fresh data directory, with the database on SQLite (a file) or PostgreSQL."""
    base = Settings(data_dir=tmp_path / "data", parse_timeout_seconds=60)
    if request.param == "sqlite":
        yield base
        forget_databases()
        return
    assert PG_URL is not None
    for url in _pg_schema_url(PG_URL):
        yield base.model_copy(update={"database_url": url})


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Iterator[Settings]:
    yield Settings(data_dir=tmp_path / "data", parse_timeout_seconds=60)
    forget_databases()


@pytest.fixture
def db(settings: Settings) -> Database:
    return get_database(settings)


@pytest.fixture
def db_session(db: Database) -> Iterator[Session]:
    with db.session() as session:
        yield session


def make_token(settings: Settings, *scopes: str, name: str = "test") -> str:
    with get_database(settings).session() as session:
        _record, token = auth_service.create(db_session=session, name=name, scopes=scopes)
    return token


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """The API with jobs run inline (the queue itself is tested in test_jobs.py)."""
    return create_app(settings, immediate=True)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def bearer(token: str) -> dict[str, Any]:
    return {"Authorization": f"Bearer {token}"}
