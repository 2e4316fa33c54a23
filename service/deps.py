"""Request dependencies: settings, a database session per request, and the caller's token with its scopes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from .auth import service as auth_service
from .auth.service import Principal
from .config import Settings
from .database import Database

_bearer = HTTPBearer(auto_error=False, description="An API token from `vendor-assurance token create`.")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db_session(request: Request) -> Iterator[Session]:
    db: Database = request.app.state.db
    with db.session() as db_session:
        yield db_session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db_session)]


def current_principal(
    db_session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """Who is calling; 401 without a valid, unrevoked bearer token."""
    principal = None
    if credentials is not None and credentials.scheme.lower() == "bearer":
        principal = auth_service.authenticate(db_session=db_session, token=credentials.credentials)
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return principal


def require(scope: str) -> Callable[[Principal], Principal]:
    """A dependency that lets the request through only with ``scope`` (admin has every scope)."""

    def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.allows(scope):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this token lacks the {scope!r} scope")
        return principal

    return check


Reader = Annotated[Principal, Depends(require("read"))]
Writer = Annotated[Principal, Depends(require("write"))]
Admin = Annotated[Principal, Depends(require("admin"))]

# Ids fit a 32-bit column everywhere; larger numbers would overflow SQLite's driver instead of giving a 404.
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]
