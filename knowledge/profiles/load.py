"""Finding requirement profiles: the bundled ones, a file, or a buyer's folder (``PROFILES_DIR``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from .model import Profile, ProfileError
from .parse import parse_profile

_loaded: dict[str, tuple[str, Profile]] = {}


def load_profile(path: str | Path) -> Profile:
    """Read and validate one profile file. Raises ProfileError naming the file and line.

    A file whose text is unchanged since it was last read is not parsed again: services re-list their profiles
    folder every few seconds to see a buyer's edits, and reading a small file costs far less than parsing YAML."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(str(p), None, f"cannot read the profile: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ProfileError(str(p), None, "the profile is not UTF-8 text") from None
    known = _loaded.get(str(p))
    if known is not None and known[0] == text:
        return known[1]
    profile = parse_profile(text, str(p))
    if len(_loaded) >= 256:
        _loaded.clear()
    _loaded[str(p)] = (text, profile)
    return profile


def bundled_profile_names() -> list[str]:
    """Names of the profiles shipped with the package (default, low-risk-tool, critical-data-processor)."""
    folder = resources.files("knowledge.profiles")
    return sorted(e.name[:-5] for e in folder.iterdir() if e.name.endswith(".yaml"))


@cache
def bundled_profile(name: str) -> Profile:
    """A profile shipped with the package, read once (package data does not change while the process runs)."""
    folder = resources.files("knowledge.profiles")
    entry = folder.joinpath(f"{name}.yaml")
    if not entry.is_file():
        have = ", ".join(bundled_profile_names())
        raise ProfileError(name, None, f"no bundled profile named {name!r} (have: {have})")
    return parse_profile(entry.read_text(encoding="utf-8"), f"knowledge/profiles/{name}.yaml")


def default_profile() -> Profile:
    return bundled_profile("default")


def list_profiles(folder: str | Path | None = None) -> dict[str, Profile]:
    """Profiles by name: the bundled ones, then every ``*.yaml``/``*.yml`` in ``folder``, which win on a name clash.

    A malformed file in the folder raises ProfileError (file, line, what is wrong) rather than being skipped,
    so a buyer's typo never silently falls back to another profile.
    """
    found: dict[str, Profile] = {n: bundled_profile(n) for n in bundled_profile_names()}
    if folder is not None and str(folder).strip():
        d = Path(folder)
        if not d.is_dir():
            raise ProfileError(str(d), None, "the profiles folder does not exist")
        seen: dict[str, Path] = {}
        for path in sorted([*d.glob("*.yaml"), *d.glob("*.yml")]):
            profile = load_profile(path)
            if profile.name in seen:
                other = seen[profile.name]
                raise ProfileError(str(path), 1, f"profile name {profile.name!r} is already used by {other}")
            seen[profile.name] = path
            found[profile.name] = profile
    return found


def resolve_profile(ref: str | Path | None, folder: str | Path | None = None) -> Profile:
    """A profile from a file path, or by name among ``list_profiles(folder)``; None gives the default."""
    if ref is None:
        return default_profile()
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") or p.is_file():
        return load_profile(p)
    profiles = list_profiles(folder)
    if str(ref) in profiles:
        return profiles[str(ref)]
    raise ProfileError(str(ref), None, f"no profile file or named profile {str(ref)!r} (have: {', '.join(profiles)})")
