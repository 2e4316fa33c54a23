"""/fourth-parties, /fourth-parties/concentration, /vendors/{id}/coverage and /vendors/{id}/cuecs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from ..deps import IdPath, Reader, SessionDep, SettingsDep
from ..inputs import SaneDate
from . import service
from .controls import ControlsUnavailable
from .models import ConcentrationAlert, CoverageRead, FourthParty, VendorCuecs

router = APIRouter(tags=["portfolio"])


@router.get("/fourth-parties", response_model=list[FourthParty])
def fourth_parties(
    db_session: SessionDep,
    _: Reader,
    provider: Annotated[str | None, Query(max_length=200, description="Only this provider (any of its names).")] = None,
) -> list[FourthParty]:
    """Subservice organizations across all vendors' current SOC reports, names normalized to one provider each,
    with the vendors that carve them out or include them."""
    if provider is not None:
        found = service.who_depends_on(db_session=db_session, provider=provider)
        return [found] if found is not None else []
    return service.fourth_parties(db_session=db_session)


@router.get("/fourth-parties/concentration", response_model=list[ConcentrationAlert])
def concentration(db_session: SessionDep, settings: SettingsDep, _: Reader) -> list[ConcentrationAlert]:
    """Providers carrying more than CONCENTRATION_SHARE of the critical vendors (tiers in CRITICAL_TIERS)."""
    return service.concentration(db_session=db_session, settings=settings)


@router.get("/vendors/{vendor_id}/coverage", response_model=CoverageRead, response_model_by_alias=True)
def coverage(
    db_session: SessionDep,
    _: Reader,
    vendor_id: IdPath,
    from_: Annotated[
        SaneDate, Query(alias="from", description="First day of the buyer's audit window (YYYY-MM-DD, 1970-2100).")
    ],
    to: Annotated[SaneDate, Query(description="Last day of the window (YYYY-MM-DD, 1970-2100).")],
) -> CoverageRead:
    """The days of the window covered by SOC report periods and bridge letters (certificates shown, marked as
    such, without closing a gap), and the gaps."""
    if to < from_:
        raise HTTPException(422, f"'to' ({to.isoformat()}) is before 'from' ({from_.isoformat()})")
    if (to - from_).days > 3660:
        raise HTTPException(422, "the window is longer than ten years")
    return service.coverage(db_session=db_session, vendor_id=vendor_id, start=from_, end=to)


@router.get("/vendors/{vendor_id}/cuecs", response_model=VendorCuecs)
def cuecs(db_session: SessionDep, settings: SettingsDep, _: Reader, vendor_id: IdPath) -> VendorCuecs:
    """Each CUEC of the vendor's current SOC reports (page, quote, criteria) with the buyer's control that owns it
    (from CONTROLS_FILE), or null when none does."""
    try:
        return service.vendor_cuecs(db_session=db_session, settings=settings, vendor_id=vendor_id)
    except ControlsUnavailable as exc:
        raise HTTPException(503, str(exc)) from None
