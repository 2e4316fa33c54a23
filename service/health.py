"""``GET /health``: is this instance able to serve? No token needed, nothing secret in the answer.

A load balancer or ``docker compose`` health check polls it. It checks what every request and every upload needs:
the database answers a query and the job queue answers a call. 200 when both do, 503 naming the one that does not
(the reason goes to the log, not to an anonymous caller).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from . import jobs
from .database import Database

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


def _database_ok(db: Database) -> bool:
    try:
        with db.session() as db_session:
            db_session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "down"; the log has the reason
        log.warning("health: the database did not answer", exc_info=True)
        return False


def _queue_ok() -> bool:
    try:
        jobs.huey().storage.queue_size()
        return True
    except Exception:  # noqa: BLE001
        log.warning("health: the job queue did not answer", exc_info=True)
        return False


@router.get("/health", responses={503: {"description": "The database or the job queue is down."}})
async def health(request: Request) -> JSONResponse:
    """``{"status": "ok", "database": "ok", "queue": "ok"}``, or 503 with ``"down"`` where a check failed."""
    db: Database = request.app.state.db
    checks = {
        "database": await run_in_threadpool(_database_ok, db),
        "queue": await run_in_threadpool(_queue_ok),
    }
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **{k: "ok" if v else "down" for k, v in checks.items()}}
    return JSONResponse(body, status_code=status.HTTP_200_OK if healthy else status.HTTP_503_SERVICE_UNAVAILABLE)
