"""ISO management-system certificates: the three-year cycle, annual surveillance, expiry, and the 2013 edition.

Certification runs in three-year cycles with a surveillance audit in each of the two years between
recertifications; a certificate is valid through its expiry date (that day included). ISO/IEC 27001:2013
certificates lapsed at the end of the transition period, 31 October 2025, whatever date they print.
ISO/IEC 27017, 27018 and 27701 extend a 27001 ISMS and prove nothing without it; ISO/IEC 42001 is the
AI management system standard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .dates import add_months

TRANSITION_END_2013 = date(2025, 10, 31)
CYCLE_YEARS = 3
EXPIRY_THRESHOLDS_DAYS = (90, 60, 30, 7)

Family = Literal["27001", "27017", "27018", "27701", "42001", "other"]
_KNOWN = re.compile(r"\b(27001|27017|27018|27701|42001)(?:\s*[:\-]\s*((?:19|20)\d\d))?\b")
_ISO_OTHER = re.compile(r"\bISO\s*/?\s*(?:IEC)?\s*(\d{3,5})(?:\s*[:\-]\s*((?:19|20)\d\d))?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Standard:
    family: Family
    edition: str | None  # "2022", "2013", ... when the document states it


def parse_standard(text: str) -> Standard:
    """'ISO/IEC 27001:2022' -> Standard('27001', '2022'); unknown numbers -> family 'other'."""
    m = _KNOWN.search(text or "")
    if m:
        return Standard(m.group(1), m.group(2))  # type: ignore[arg-type]
    m = _ISO_OTHER.search(text or "")
    if not m:
        return Standard("other", None)
    family: Family = "other"
    return Standard(family, m.group(2))


ExpiryState = Literal["valid", "expiring", "expired", "unknown"]


@dataclass(frozen=True, slots=True)
class ExpiryStatus:
    state: ExpiryState
    expiry: date | None
    days_left: int | None  # negative once expired
    threshold: int | None = None  # the smallest alert threshold (days) already reached, for deduplicated alerts


def certificate_expiry(expiry: date | None, today: date, warning_days: int = 90,
                       thresholds: tuple[int, ...] = EXPIRY_THRESHOLDS_DAYS) -> ExpiryStatus:
    """Valid through the expiry day; 'expiring' within ``warning_days``; 'expired' from the day after."""
    if expiry is None:
        return ExpiryStatus("unknown", None, None)
    days_left = (expiry - today).days
    reached = [t for t in thresholds if days_left <= t]
    threshold = min(reached) if reached and days_left >= 0 else None
    if days_left < 0:
        return ExpiryStatus("expired", expiry, days_left)
    if days_left <= warning_days:
        return ExpiryStatus("expiring", expiry, days_left, threshold)
    return ExpiryStatus("valid", expiry, days_left, threshold)


@dataclass(frozen=True, slots=True)
class EditionStatus:
    lapsed: bool
    transition_end: date
    days_to_transition_end: int


def edition_2013_status(today: date) -> EditionStatus:
    """A 27001:2013 certificate is void after 31 October 2025 (the last day of the transition still counts)."""
    return EditionStatus(today > TRANSITION_END_2013, TRANSITION_END_2013, (TRANSITION_END_2013 - today).days)


@dataclass(frozen=True, slots=True)
class CycleStatus:
    plausible: bool
    cycle_days: int | None


def cycle_length(issue: date | None, expiry: date | None) -> CycleStatus:
    """A certificate whose validity runs past three years (plus a month's slack) is not a normal cycle."""
    if issue is None or expiry is None:
        return CycleStatus(True, None)
    days = (expiry - issue).days
    return CycleStatus(0 < days <= (add_months(issue, CYCLE_YEARS * 12 + 1) - issue).days, days)


@dataclass(frozen=True, slots=True)
class Surveillance:
    next_due: date | None  # the next anniversary audit inside the cycle; None when recertification is next
    last_due: date | None  # the most recent anniversary already passed (its audit should have happened)
    recertification_due: date | None


def surveillance_due(issue: date | None, expiry: date | None, today: date) -> Surveillance:
    """Annual surveillance audits fall on the first and second anniversaries of the cycle's issue date."""
    if issue is None:
        return Surveillance(None, None, expiry)
    anniversaries = [add_months(issue, 12 * k) for k in (1, 2)]
    if expiry is not None:
        anniversaries = [a for a in anniversaries if a < expiry]
    past = [a for a in anniversaries if a <= today]
    future = [a for a in anniversaries if a > today]
    return Surveillance(future[0] if future else None, past[-1] if past else None, expiry)


def is_extension(family: Family) -> bool:
    """27017/27018/27701 are certified only on top of a 27001 ISMS."""
    return family in ("27017", "27018", "27701")


def issued_in_future(issue: date | None, today: date) -> bool:
    return issue is not None and issue > today + timedelta(days=1)
