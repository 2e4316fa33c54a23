"""The buyer's controls (``CONTROLS_FILE``), which own the CUECs of the vendors' SOC reports.

A module of its own because the assessments read them too (an answer's fingerprint includes them) and must not
import the portfolio's questions, which read the documents' service.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.portfolio import Control, ControlsError, load_controls

from ..config import Settings


class ControlsUnavailable(ValueError):
    """The controls file is missing or invalid; the message says which and why."""


def controls_for(settings: Settings, path: str | Path | None = None) -> tuple[tuple[Control, ...] | None, str | None]:
    """The buyer's controls from ``path`` or ``CONTROLS_FILE`` (None, None when neither is set).

    Raises ControlsUnavailable with the reason when the file cannot be read or is not valid."""
    chosen = path or settings.controls_file
    if not chosen:
        return None, None
    try:
        return load_controls(chosen), str(chosen)
    except OSError as exc:
        raise ControlsUnavailable(f"cannot read the controls file {chosen}: {exc.strerror or exc}") from None
    except ControlsError as exc:
        raise ControlsUnavailable(str(exc)) from None
