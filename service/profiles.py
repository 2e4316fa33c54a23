"""The requirement profiles an assessment is run against: the bundled ones plus the folder in ``PROFILES_DIR``.

A module of its own, below the domains, because the assessments and the alerts both read the default profile (the
alerts take the SOC freshness from it); it imports no domain, so either can import it when it loads.
"""

from __future__ import annotations

import threading
import time

from knowledge import Profile, list_profiles

from .assessments.models import ProfileRead
from .config import Settings


class AssessmentUnavailable(RuntimeError):
    """What an assessment needs from the operator cannot be used: a malformed profile file in PROFILES_DIR, or an
    unusable CONTROLS_FILE (the API answers 503 and says which)."""


class ProfileNotFound(LookupError):
    """No requirement profile by that name."""


_PROFILE_TTL = 30.0
_profiles_lock = threading.Lock()
_profiles_cache: dict[str, tuple[float, dict[str, Profile]]] = {}


def profiles(*, settings: Settings) -> dict[str, Profile]:
    """Profiles by name (bundled, then PROFILES_DIR, which wins); re-read at most every 30 seconds."""
    key = str(settings.profiles_dir or "")
    now = time.monotonic()
    cached = _profiles_cache.get(key)
    if cached is not None and now - cached[0] < _PROFILE_TTL:
        return cached[1]
    try:
        found = dict(list_profiles(settings.profiles_dir))
    except ValueError as exc:  # a malformed profile file: say which file and line instead of failing obscurely
        raise AssessmentUnavailable(f"requirement profiles could not be loaded: {exc}") from exc
    with _profiles_lock:
        _profiles_cache[key] = (now, found)
    return found


def list_profile_summaries(*, settings: Settings) -> list[ProfileRead]:
    """Every profile's name, description and the file it came from."""
    return [
        ProfileRead(name=name, description=p.description or "", source=str(p.source or ""))
        for name, p in sorted(profiles(settings=settings).items())
    ]


def get_profile(*, settings: Settings, name: str | None) -> Profile:
    """The profile called ``name`` (None: the default profile). Raises ProfileNotFound or AssessmentUnavailable."""
    wanted = name or settings.default_profile
    found = profiles(settings=settings)
    if wanted not in found:
        raise ProfileNotFound(f"no profile named {wanted!r} (have: {', '.join(sorted(found))})")
    return found[wanted]
