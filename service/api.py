"""The FastAPI application: routers, error mapping, the embedded worker, and the plugins' endpoints.

``create_app(settings)`` is the one factory: ``serve`` runs it under uvicorn, tests under TestClient. Start-up
migrates the database, sets up the job queue, re-queues documents a crash left unparsed, and (by default) runs the
queue's workers in-process so a single command is a working service.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from . import jobs
from .alerts.service import AlertNotFound
from .alerts.views import router as alerts_router
from .apidocs import mount_docs
from .assessments.views import router as assessments_router
from .auth.service import LastAdminToken
from .auth.views import router as tokens_router
from .config import Settings, get_settings
from .database import get_database
from .documents.pages import router as pages_router
from .documents.reviews import router as reviews_router
from .documents.service import DocumentNotFound, UnsupportedContent, UploadTooLarge
from .documents.views import router as documents_router
from .errors import validation_error
from .health import router as health_router
from .inputs import UnsafeText
from .middleware import UPLOAD_ENVELOPE, BodyLimit, allow_uploads
from .plugins import load_plugins
from .portfolio.views import router as portfolio_router
from .profiles import AssessmentUnavailable, ProfileNotFound
from .vendors.service import VendorExists, VendorNotFound
from .vendors.views import router as vendors_router
from .warmup import warm_up

log = logging.getLogger(__name__)

_ERRORS: dict[type[Exception], int] = {
    VendorNotFound: status.HTTP_404_NOT_FOUND,
    DocumentNotFound: status.HTTP_404_NOT_FOUND,
    AlertNotFound: status.HTTP_404_NOT_FOUND,
    ProfileNotFound: status.HTTP_404_NOT_FOUND,
    VendorExists: status.HTTP_409_CONFLICT,
    LastAdminToken: status.HTTP_409_CONFLICT,
    UnsafeText: status.HTTP_422_UNPROCESSABLE_CONTENT,
    UploadTooLarge: status.HTTP_413_CONTENT_TOO_LARGE,
    UnsupportedContent: status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    AssessmentUnavailable: status.HTTP_503_SERVICE_UNAVAILABLE,
}


def _error_handler(code: int) -> Any:
    async def handle(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=code)

    return handle


def create_app(
    settings: Settings | None = None, *, start_worker: bool | None = None, immediate: bool = False
) -> FastAPI:
    """The API for ``settings``. ``start_worker`` overrides EMBEDDED_WORKER; ``immediate`` runs jobs inline (tests)."""
    settings = settings or get_settings()
    run_worker = settings.embedded_worker if start_worker is None else start_worker

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        consumer = None
        if run_worker and not immediate:
            consumer = jobs.start_embedded_consumer(settings)
        # the only consumer of the embedded queue may reset every "parsing" document; one of several may not
        exclusive = run_worker and not settings.redis_url and settings.web_workers == 1
        jobs.requeue_interrupted(settings, exclusive=exclusive)
        warm_up(settings, app.state.db)
        try:
            yield
        finally:
            if consumer is not None:
                consumer.stop(graceful=True)

    app = FastAPI(
        title="vendor-assurance",
        version="0.1.0",
        description="Reads vendors' SOC 2 / SOC 3 reports, bridge letters and ISO certificates and assesses them. "
        "Every endpoint needs a bearer token (`vendor-assurance token create --scope read`).",
        lifespan=lifespan,
        docs_url=None,  # served from the package by mount_docs, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.upload_paths = set()
    allow_uploads(app, "POST", "/documents")
    app.add_middleware(
        BodyLimit, limit=settings.max_request_bytes, upload_limit=settings.max_upload_bytes + UPLOAD_ENVELOPE
    )
    app.state.db = get_database(settings)
    jobs.init(settings, immediate=immediate)
    for exc_type, code in _ERRORS.items():
        app.add_exception_handler(exc_type, _error_handler(code))
    app.add_exception_handler(RequestValidationError, validation_error)
    for router in (documents_router, vendors_router, assessments_router, alerts_router, tokens_router,
                   portfolio_router, health_router):
        app.include_router(router)
    for router in (pages_router, reviews_router):  # page images; reviewers' corrections
        app.include_router(router)
    mount_docs(app)
    for plugin in load_plugins():
        mount = getattr(plugin, "mount_api", None)
        if mount is None:
            continue
        try:
            mount(app, settings)
        except Exception:  # noqa: BLE001 - a broken front-end must not take the API down
            log.exception("plugin %s failed to mount", plugin.__name__)
    return app


def create_app_from_env() -> FastAPI:
    """The app from environment settings: the factory uvicorn calls in each process of ``serve --workers N``."""
    return create_app(Settings())
