"""Exceptions (deviations) found in SOC 2 Type 2 testing, and the criteria they touch."""

from __future__ import annotations

import re

from extractors.model import ExceptionRow

from ..catalogues import catalogues

_CRITERION = re.compile(r"\b(CC\d\.\d|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)(?:\.\d+)?\b", re.IGNORECASE)


def exception_criteria(row: ExceptionRow) -> tuple[str, ...]:
    """The TSC criteria an exception touches: as the report maps them, else read from a criterion-style control id.

    Many reports number controls after the criterion they serve (CC8.1.1 serves CC8.1); others use their own
    ids (AC-05), and then only the report's own mapping can tell.
    """
    known = catalogues().tsc
    found = [c.upper() for c in row.criteria if c.upper() in known]
    if not found and row.control:
        found = [m.group(1).upper() for m in _CRITERION.finditer(row.control) if m.group(1).upper() in known]
    return tuple(dict.fromkeys(found))


def touches_required(row: ExceptionRow, required: set[str]) -> tuple[str, ...]:
    """The required criteria this exception falls in (empty when none, or when its criteria are unknown)."""
    return tuple(c for c in exception_criteria(row) if c in required)
