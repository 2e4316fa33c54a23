"""An assessment answer: the knowledge engine's verdict and cited findings over a vendor's current documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel


class AssessedDocument(BaseModel):
    id: int
    filename: str
    kind: str | None
    period_end: date | None
    expiry_date: date | None


class AssessmentRead(BaseModel):
    """``result`` is ``knowledge.Assessment.to_dict()``: verdict, options tried, findings with document/page/quote."""

    vendor_id: int
    vendor_name: str
    profile: str
    as_of: date
    verdict: str
    documents: list[AssessedDocument]
    result: dict[str, Any]


class ProfileRead(BaseModel):
    name: str
    description: str
    source: str
