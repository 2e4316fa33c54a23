"""Bridge (gap) letters: the service organization's own statement covering the time after a SOC report's period.

A bridge letter is management's assertion, not an auditor's opinion, so buyers accept it only for a short time
past the report's period end (default three months). The rule says whether a letter connects to the report,
how far it reaches, and whether it has lapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .dates import add_months

BridgeState = Literal["not_needed", "none", "covers", "lapsed", "disconnected"]


@dataclass(frozen=True, slots=True)
class BridgeStatus:
    state: BridgeState
    accepted_until: date  # the SOC period end plus the accepted bridge months
    covered_until: date | None = None  # last day the letter speaks for
    uncovered_days: int = 0  # days from the end of what is covered to today


def bridge_letter_status(
    soc_period_end: date,
    today: date,
    letter_start: date | None,
    letter_end: date | None,
    max_months: int = 3,
) -> BridgeStatus:
    """Judge one bridge letter (or its absence when ``letter_end`` is None) against its SOC report.

    - not_needed: today is the period end itself (nothing to bridge);
    - none: no letter; ``uncovered_days`` is the gap since the period end;
    - disconnected: the letter starts after the day following the period end, leaving a hole;
    - lapsed: today is past the period end plus ``max_months``, so the letter is no longer accepted;
    - covers: the letter connects and is still accepted (``uncovered_days`` counts days past its own end).
    """
    accepted_until = add_months(soc_period_end, max_months)
    if today <= soc_period_end:
        return BridgeStatus("not_needed", accepted_until)
    if letter_end is None:
        return BridgeStatus("none", accepted_until, None, (today - soc_period_end).days)
    if letter_start is not None and letter_start > soc_period_end + timedelta(days=1):
        return BridgeStatus("disconnected", accepted_until, letter_end, (today - soc_period_end).days)
    uncovered = max(0, (today - letter_end).days)
    if today > accepted_until:
        return BridgeStatus("lapsed", accepted_until, letter_end, uncovered)
    return BridgeStatus("covers", accepted_until, letter_end, uncovered)
