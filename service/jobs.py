"""The job queue (Huey): document ingestion (with the vendor's answer stored once it is parsed), the daily alert scan
and the daily refresh of stored answers.

Embedded by default (SqliteHuey in the data directory, consumed by threads inside ``serve``); with ``REDIS_URL``
the queue is Redis and any number of ``vendor-assurance worker`` processes share it. The database, not the queue,
is the record of what still needs parsing: at start every process re-enqueues documents left ``queued`` or
``parsing`` by a crash (see documents.service.requeue_interrupted), and the claim in ``process`` makes a duplicate
job a no-op. The daily scan may be scheduled by several consumers; the alerts' unique key keeps it to one send.

This module wires the domains' tasks onto the queue, so it sits above them; work is put on the queue through
``service.jobqueue`` (its ``enqueue_*`` and ``huey`` are also reachable here), which imports no domain, so the
ingestion use case (``documents.intake``) can queue the parse that the task then runs through it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer

from . import jobqueue
from .alerts.scheduled import run_daily
from .assessments.scheduled import refresh_daily
from .config import Settings
from .database import get_database
from .documents import service as documents
from .documents import tasks as documents_tasks
from .jobqueue import enqueue_alert_scan as enqueue_alert_scan
from .jobqueue import enqueue_ingest as enqueue_ingest
from .jobqueue import huey as huey

log = logging.getLogger(__name__)

# The tasks live beside their domains (documents/tasks.py, alerts/scheduled.py, assessments/scheduled.py); these are
# the queue's entry points, with the settings this process was started with. Their names are the queue's task names.


def ingest_document(document_id: int) -> str:
    """The ingestion job: parse one document, then store its vendor's answer."""
    return documents_tasks.ingest_document(jobqueue.settings(), document_id)


def daily_alerts() -> dict[str, Any]:
    """The periodic job: raise today's alerts and send them through every configured notifier."""
    return run_daily(jobqueue.settings()).model_dump(mode="json")


def refresh_assessments() -> int:
    """The periodic job: store today's answer for every vendor, so the first questions of the day are fast."""
    return refresh_daily(jobqueue.settings())


def init(settings: Settings, *, immediate: bool = False) -> Huey:
    """Create this process's queue for ``settings`` and register the tasks on it (replacing any earlier one)."""
    queue: Huey
    if settings.redis_url:
        queue = RedisHuey(settings.queue_name, url=settings.redis_url, results=False, utc=True)
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        queue = SqliteHuey(settings.queue_name, filename=str(settings.queue_path), results=False, utc=True)
    queue.immediate = immediate
    tasks = {
        "ingest": queue.task(retries=2, retry_delay=30, name="ingest_document")(ingest_document),
        "scan": queue.task(name="alerts_scan")(daily_alerts),
        "periodic": queue.periodic_task(crontab(minute="0", hour=str(settings.alert_hour_utc)),
                                        name="daily_alerts")(daily_alerts),
        "refresh": queue.periodic_task(crontab(minute="15", hour=str(settings.alert_hour_utc)),
                                       name="refresh_assessments")(refresh_assessments),
    }
    jobqueue.install(settings, queue, tasks)
    return queue


def requeue_interrupted(settings: Settings, *, exclusive: bool) -> list[int]:
    """Queue again every document a crash or stop left unparsed; returns their ids."""
    with get_database(settings).session() as db_session:
        interrupted = documents.interrupted_ids(db_session=db_session, exclusive=exclusive)
        ids = documents.requeue_interrupted(db_session=db_session, exclusive=exclusive)
    for document_id in ids:
        enqueue_ingest(document_id)
    again = [i for i in ids if i in interrupted]
    waiting = [i for i in ids if i not in interrupted]
    if again:
        log.info("re-queued %d interrupted document(s): %s", len(again), again)
    if waiting:
        log.info("queued %d document(s) waiting to be parsed (or being parsed elsewhere): %s", len(waiting), waiting)
    return ids


class EmbeddedConsumer(Consumer):
    """Huey's consumer running inside another program: it leaves the host's signal handlers alone."""

    def _set_signal_handlers(self) -> None:
        return None


def start_embedded_consumer(settings: Settings) -> Consumer:
    """Run the queue's workers and scheduler as threads of this process (``serve``'s in-process worker)."""
    consumer = EmbeddedConsumer(
        huey(),
        workers=settings.worker_concurrency,
        periodic=True,
        worker_type="thread",
        check_worker_health=False,
    )
    consumer.start()
    return consumer


def run_consumer(settings: Settings) -> None:
    """Run the queue's workers in the foreground until interrupted (``vendor-assurance worker``)."""
    consumer = huey().create_consumer(workers=settings.worker_concurrency, worker_type="thread", periodic=True)
    log.info("worker started at %s", datetime.now(UTC).isoformat(timespec="seconds"))
    consumer.run()
