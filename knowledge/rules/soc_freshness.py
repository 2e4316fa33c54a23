"""SOC report freshness: a report describes a past period, and buyers accept it only for so long after it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import add_months


@dataclass(frozen=True, slots=True)
class Freshness:
    fresh: bool
    period_end: date
    stale_after: date  # the last day the report is still accepted
    days_since_period_end: int


def soc_freshness(period_end: date, today: date, max_age_months: int = 12) -> Freshness:
    """A report is fresh while its period ended no more than ``max_age_months`` ago (that last day included)."""
    stale_after = add_months(period_end, max_age_months)
    return Freshness(today <= stale_after, period_end, stale_after, (today - period_end).days)
