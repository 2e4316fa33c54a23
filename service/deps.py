"""Request dependencies: settings, a database session per request, and the caller's token with its scopes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from .auth import service as auth_service
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


SettingsDep = Annotated[Settings, Depends(get_settings)]
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
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return principal


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
