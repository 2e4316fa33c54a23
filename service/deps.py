"""Request dependencies: settings, a database session per request, and the caller's token with its scopes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy.orm import Session

from .auth import service as auth_service
from .auth import sessions
from .auth.service import Principal
from .config import Settings
from .database import Database

_bearer = HTTPBearer(auto_error=False, description="An API token from `vendor-assurance token create`.")


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db_session(request: Request) -> AsyncIterator[Session]:
    """A session for the request. Async so FastAPI does not hop to a thread to open and again to close it: creating
    a session does no I/O (the connection is taken when the endpoint, in its thread, first queries)."""
    db: Database = request.app.state.db
    db_session = db.sessionmaker()
    try:
        yield db_session
    finally:
        db_session.close()


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


T = TypeVar("T")

# Reads on a server database run on at most two threads. Python runs one thread at a time, so more threads only
# queue for the interpreter and hand it back and forth: with 20 clients asking for assessments on PostgreSQL, the
# default pool of 40 threads gave a p95 of 89 ms, two threads 69 ms.
_READ_THREADS = anyio.CapacityLimiter(2)


async def run_read(db: Database, read: Callable[[], T]) -> T:
    """Run a hot-path read (``read`` takes no arguments) where it costs least.

    On SQLite, inline: the database is a library call into a local file, and a few indexed reads cost less than
    the hop to a thread and back. On a server database, on a worker thread: a network round trip must not hold up
    the event loop.
    """
    if db.is_sqlite:
        return read()
    return await anyio.to_thread.run_sync(read, limiter=_READ_THREADS)


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_db)]
SessionDep = Annotated[Session, Depends(get_db_session)]


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """Who is calling; 401 without a valid, unrevoked bearer token.

    Async because the answer is cached for a few seconds: the rare lookup (one indexed row) runs inline rather
    than costing every request a hop to the thread pool.
    """
    principal = None
    if credentials is not None and credentials.scheme.lower() == "bearer":
        principal = auth_service.cached(credentials.credentials)
        if principal is None:
            db: Database = request.app.state.db
            with db.session() as db_session:
                principal = auth_service.authenticate(db_session=db_session, token=credentials.credentials)
    elif credentials is None and sessions.COOKIE in request.cookies:
        principal = _session_principal(request)
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return principal


def _session_principal(request: Request) -> Principal | None:
    """The web app's signed-in person (``service.auth.sessions``); a change made with the cookie alone, without
    the CSRF token in the ``X-CSRF-Token`` header, is refused."""
    settings: Settings = request.app.state.settings
    session = sessions.read(settings.data_dir, request.cookies.get(sessions.COOKIE))
    if session is None:
        return None
    if request.method not in sessions.SAFE_METHODS and not sessions.csrf_ok(
        session, request.headers.get(sessions.CSRF_HEADER)
    ):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the CSRF token is missing or wrong: reload the page")
    db: Database = request.app.state.db
    with db.session() as db_session:
        return sessions.principal(db_session, session)


def require(scope: str) -> Callable[[Principal], Coroutine[Any, Any, Principal]]:
    """A dependency that lets the request through only with ``scope`` (admin has every scope)."""

    async def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.allows(scope):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this token lacks the {scope!r} scope")
        return principal

    return check


Reader = Annotated[Principal, Depends(require("read"))]
Writer = Annotated[Principal, Depends(require("write"))]
Admin = Annotated[Principal, Depends(require("admin"))]

# Ids fit a 32-bit column everywhere; larger numbers would overflow SQLite's driver instead of giving a 404.
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]


class Written(BaseModel):
    """The answer to a write-only token: the id of what it wrote, not the record.

    ``write`` does not imply ``read`` (an upload robot's token must not read reports back), so the record a write
    returns to a reader is withheld from a token that could not GET it."""

    id: int


R = TypeVar("R")


def written(principal: Principal, record: R, record_id: int) -> R | Written:
    """``record`` for a principal that may read it, else only its id."""
    return record if principal.allows("read") else Written(id=record_id)
