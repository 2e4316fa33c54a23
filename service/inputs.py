"""What the service accepts from a stranger: text it can store on every database, and dates it can compute with.

PostgreSQL cannot store a NUL character, neither SQLite's nor PostgreSQL's driver can encode a lone UTF-16
surrogate (``"\\ud800"`` is valid JSON), and other control characters in a name only end up in a log line, a file
name or a Slack message where they do harm. So every string the API stores is checked here and a bad one is a 422
naming the field, instead of a 500 from the driver halfway through a write.

Dates are limited to 1970-2100: assurance documents live within it, and arithmetic on ``date.max``
(``9999-12-31`` plus a 90-day threshold) raises OverflowError deep inside an assessment.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator

# C0 controls other than tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2100, 12, 31)


class UnsafeText(ValueError):
    """Text that cannot be stored safely (NUL, control characters, lone surrogates)."""


def unsafe_reason(text: str) -> str | None:
    """Why ``text`` may not be stored, or None when it may."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return "NUL characters are not allowed"
    if "\ud800" <= char <= "\udfff":
        return "unpaired surrogate code points are not allowed"
    return f"control characters (U+{ord(char):04X}) are not allowed"


def check_text(value: Any) -> Any:
    """A pydantic validator for a string, a list of strings or None: raise ValueError on unsafe text."""
    items = value if isinstance(value, list | tuple) else [value]
    for item in items:
        if isinstance(item, str):
            reason = unsafe_reason(item)
            if reason is not None:
                raise ValueError(f"text may not contain such characters: {reason}")
    return value


def strip_unsafe(text: str) -> str:
    """``text`` without the characters ``check_text`` refuses (for names taken from files, not typed by a user)."""
    return _UNSAFE.sub("", text)


def check_date(value: date | None) -> date | None:
    """A pydantic validator: dates outside 1970-2100 are refused."""
    if value is not None and not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"the date must be between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}")
    return value


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` within 1970-2100, for CLI flags; ValueError with a message a person can act on."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
    try:
        check_date(value)
    except ValueError as exc:
        raise ValueError(f"{text}: {exc}") from None
    return value


SafeStr = Annotated[str, AfterValidator(check_text)]
SaneDate = Annotated[date, AfterValidator(check_date)]
