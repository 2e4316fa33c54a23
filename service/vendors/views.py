"""/vendors: list and fuzzy search, create, update, and the vendor's documents."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from ..deps import DatabaseDep, IdPath, Reader, SessionDep, Writer, Written, run_read, written
from . import service
from .models import VendorCreate, VendorMatch, VendorRead, VendorUpdate

router = APIRouter(prefix="/vendors", tags=["vendors"])
_MATCHES = TypeAdapter(list[VendorMatch])


@router.get("", response_model=list[VendorMatch])
async def list_or_search(
    db_session: SessionDep,
    db: DatabaseDep,
    _: Reader,
    q: Annotated[str | None, Query(max_length=300, description="Fuzzy: aliases and typos match.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[VendorMatch]:
    """Vendors by name, or with ``q`` the best fuzzy matches with their score (0-100)."""
    # serialized once here instead of validated again by the framework: this is the hot path
    if q is not None and q.strip():
        index = service.fresh_index(db_session)
        if index is not None:  # the usual case: answered from memory, on the event loop, without a thread hop
            found = service.index_search_json(index, q, limit=limit)
        else:  # the index must be checked against the database (at most once a second) or rebuilt
            found = await run_read(db, functools.partial(service.search_json, db_session=db_session, q=q, limit=limit))
        return Response(found, media_type="application/json")  # type: ignore[return-value]
    return Response(  # type: ignore[return-value]
        await run_in_threadpool(_listed, db_session, limit, offset), media_type="application/json"
    )


def _listed(db_session: Session, limit: int, offset: int) -> bytes:
    vendors = service.list_vendors(db_session=db_session, limit=limit, offset=offset)
    listed = [VendorMatch(vendor=VendorRead.model_validate(v), score=100.0, matched=v.name) for v in vendors]
    return _MATCHES.dump_json(listed)


@router.post("", response_model=VendorRead | Written, status_code=status.HTTP_201_CREATED)
def create(db_session: SessionDep, principal: Writer, vendor_in: VendorCreate) -> VendorRead | Written:
    """Create a vendor; 409 if one with the same name (ignoring case, punctuation, "Inc.") exists. A token without
    the read scope gets only the new id."""
    try:
        vendor = service.create(db_session=db_session, vendor_in=vendor_in)
    except service.VendorExists as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return written(principal, VendorRead.model_validate(vendor), vendor.id)


@router.get("/{vendor_id}", response_model=VendorRead)
def get(db_session: SessionDep, _: Reader, vendor_id: IdPath) -> VendorRead:
    """One vendor."""
    return VendorRead.model_validate(service.get_or_raise(db_session=db_session, vendor_id=vendor_id))


@router.patch("/{vendor_id}", response_model=VendorRead | Written)
def update(
    db_session: SessionDep, principal: Writer, vendor_id: IdPath, vendor_in: VendorUpdate
) -> VendorRead | Written:
    """Change aliases, tier, services bought, AI use or owner (only the fields sent); a write-only token gets the id."""
    try:
        vendor = service.update(db_session=db_session, vendor_id=vendor_id, vendor_in=vendor_in)
    except service.VendorExists as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return written(principal, VendorRead.model_validate(vendor), vendor.id)
