"""/tokens: admins create, list and revoke API tokens."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from ..deps import Admin, IdPath, SessionDep
from . import service
from .models import TokenCreate, TokenCreated, TokenRead

router = APIRouter(prefix="/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenRead])
def list_tokens(db_session: SessionDep, _: Admin) -> list[TokenRead]:
    """Every token (never the token text, which is not stored)."""
    return [TokenRead.model_validate(t) for t in service.list_tokens(db_session=db_session)]


@router.post("", response_model=TokenCreated, status_code=status.HTTP_201_CREATED)
def create_token(db_session: SessionDep, _: Admin, body: TokenCreate) -> TokenCreated:
    """A new token; its text is in this answer only."""
    record, token = service.create(db_session=db_session, name=body.name, scopes=body.scopes)
    return TokenCreated(**TokenRead.model_validate(record).model_dump(), token=token)


@router.delete("/{token_id}", response_model=TokenRead)
def revoke(db_session: SessionDep, _: Admin, token_id: IdPath) -> TokenRead:
    """Revoke a token; requests with it get 401 within seconds."""
    record = service.revoke(db_session=db_session, token_id=token_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"token {token_id} does not exist")
    return TokenRead.model_validate(record)
