"""The real job queue: the embedded SQLite queue inside the app, crash recovery on start, and a Redis queue shared
by separate worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service import jobs
from service.api import create_app
from service.config import Settings
from service.database import get_database
from service.documents import service as documents
from service.documents.models import Document

from .conftest import REDIS_URL, bearer, make_token
from .docs import generated

CLI = "import sys; from cli import main; sys.exit(main(sys.argv[1:]))"


def _wait(check: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_embedded_worker_parses_uploads(settings: Settings) -> None:
    app = create_app(settings)  # the real SqliteHuey queue, consumed by threads inside the app
    h = bearer(make_token(settings, "read", "write"))
    pdf, _ = generated("iso_27001_2022", 51)
    with TestClient(app) as client:
        up = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=h).json()
        assert up["status"] in {"queued", "parsing", "parsed"}
        _wait(lambda: client.get(up["status_url"], headers=h).json()["status"] == "parsed")
    assert (settings.data_dir / "queue.db").exists() or settings.redis_url


def test_a_parse_interrupted_by_a_crash_is_finished_after_restart(settings: Settings) -> None:
    pdf, _ = generated("iso_27001_2022", 52)
    db = get_database(settings)
    with db.session() as s:
        doc = documents.ingest(db_session=s, settings=settings, data=pdf, filename="c.pdf").document
        assert documents.claim(db_session=s, document_id=doc.id, stale_after=timedelta(minutes=10))
    # the process died while parsing: the queue no longer holds the job, the database says "parsing"
    app = create_app(settings)
    with TestClient(app):

        def parsed() -> bool:
            with db.session() as s:
                return s.scalar(select(Document.status).where(Document.id == doc.id)) == "parsed"

        _wait(parsed)


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL_TEST is not set")
def test_redis_queue_is_shared_by_worker_processes(settings: Settings, tmp_path: Path) -> None:
    shared = settings.model_copy(update={"redis_url": REDIS_URL, "queue_name": "va-test-" + uuid.uuid4().hex[:8]})
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL or "",
        "QUEUE_NAME": shared.queue_name,
        "DATA_DIR": str(shared.data_dir),
    }
    if shared.database_url:
        env["DATABASE_URL"] = shared.database_url
    get_database(shared)  # migrate before the workers start
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", CLI, "worker", "--concurrency", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"worker{i}.log", "wb"),  # noqa: SIM115 - closed with the process
        )
        for i in range(2)
    ]
    try:
        jobs.init(shared)
        ids = []
        with get_database(shared).session() as s:
            for seed in range(60, 66):
                pdf, _ = generated("iso_27001_2022", seed)
                ids.append(
                    documents.ingest(db_session=s, settings=shared, data=pdf, filename=f"{seed}.pdf").document.id
                )
        for doc_id in ids:
            jobs.enqueue_ingest(doc_id)
            jobs.enqueue_ingest(doc_id)  # a duplicate job must not parse twice

        def all_parsed() -> bool:
            with get_database(shared).session() as s:
                rows = s.execute(select(Document.status, Document.attempts).where(Document.id.in_(ids))).all()
            return all(status == "parsed" for status, _ in rows)

        _wait(all_parsed, timeout=90)
        with get_database(shared).session() as s:
            attempts = s.scalars(select(Document.attempts).where(Document.id.in_(ids))).all()
        assert list(attempts) == [1] * len(ids)
        assert all(w.poll() is None for w in workers), "a worker died"
    finally:
        for w in workers:
            w.send_signal(signal.SIGINT)
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
        jobs.huey().flush()
