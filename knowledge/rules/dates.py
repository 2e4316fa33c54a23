"""Calendar arithmetic the rules share: reading contract dates and adding whole months."""

from __future__ import annotations

import calendar
from datetime import date


def parse_date(value: object) -> date | None:
    """A contract date ('YYYY-MM-DD') or None when absent or unreadable; rules treat None as 'not stated'."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """Same day-of-month ``months`` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (floor), for plain-language reasons."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months
