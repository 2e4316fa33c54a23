"""/vendors/{id}/assessment and /profiles."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Query, Response

from ..deps import DatabaseDep, IdPath, Reader, SessionDep, SettingsDep, run_read
from ..inputs import SaneDate
from ..profiles import list_profile_summaries
from . import service
from .models import AssessmentRead, ProfileRead

router = APIRouter(tags=["assessments"])


@router.get("/vendors/{vendor_id}/assessment", response_model=AssessmentRead)
async def assess(
    db_session: SessionDep,
    settings: SettingsDep,
    db: DatabaseDep,
    _: Reader,
    vendor_id: IdPath,
    profile: Annotated[str | None, Query(max_length=200, description="A profile name; the default if omitted.")] = None,
    as_of: Annotated[
        SaneDate | None, Query(description="Judge as of this day (1970-2100; default today).")
    ] = None,
) -> AssessmentRead:
    """The verdict and findings (each citing document, page and quote) over the vendor's current documents."""
    answer = functools.partial(
        service.assess_vendor_json,
        db_session=db_session,
        settings=settings,
        vendor_id=vendor_id,
        profile=profile,
        today=as_of,
    )
    body = await run_read(db, answer)
    # already serialized once: the framework does not validate and serialize it again (a hot path)
    return Response(body, media_type="application/json")  # type: ignore[return-value]


@router.get("/profiles", response_model=list[ProfileRead])
def list_profiles(settings: SettingsDep, _: Reader) -> list[ProfileRead]:
    """The requirement profiles: bundled ones and those in PROFILES_DIR."""
    return list_profile_summaries(settings=settings)
