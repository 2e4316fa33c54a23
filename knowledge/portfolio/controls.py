"""The buyer's own controls, and which of them owns each complementary user entity control (CUEC) of a vendor.

A vendor's SOC 2 report lists controls the buyer must run for the vendor's controls to work ("User entities are
responsible for removing access of terminated users", CC6.2). Someone in the buyer's company must own each one.
The buyer describes its controls once, in YAML::

    controls:
      - id: IAM-03
        title: Leaver access removal
        owner: it-identity@example.com
        criteria: [CC6.2, CC6.3]
        keywords: [terminated, leaver, deprovision, access removal]

A CUEC goes to the control sharing most of its criteria and words (two points per shared criterion, one per
keyword found in its text; keywords match at a word start, so "password" finds "passwords"); ties go to the control
listed first; a CUEC sharing nothing with any control is unowned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_CRITERION = re.compile(r"^(?:CC|PI|A|C|P)\d{1,2}\.\d{1,2}$")
_KEYS = ("id", "title", "owner", "criteria", "keywords")


class ControlsError(ValueError):
    """The controls file is not valid; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Control:
    id: str
    title: str
    owner: str
    criteria: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    _patterns: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "owner": self.owner}


@dataclass(frozen=True, slots=True)
class CuecOwner:
    """The control a CUEC was given to (None: unowned), with what matched, for the reviewer to check."""

    control: Control | None
    score: int = 0
    matched: tuple[str, ...] = ()


def parse_controls(text: str, source: str = "<controls>") -> tuple[Control, ...]:
    """Read and validate a controls file; raises ControlsError naming the entry at fault."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ControlsError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("controls"), list):
        raise ControlsError(f"{source}: expected a mapping with a 'controls' list")
    out: list[Control] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["controls"], 1):
        where = f"{source}: controls[{i}]"
        if not isinstance(raw, dict):
            raise ControlsError(f"{where}: each control is a mapping with {', '.join(_KEYS)}")
        unknown = sorted(set(map(str, raw)) - set(_KEYS))
        if unknown:
            raise ControlsError(f"{where}: unknown key(s) {', '.join(unknown)} (expected: {', '.join(_KEYS)})")
        for key in ("id", "title", "owner"):
            if not isinstance(raw.get(key), str | int) or not str(raw.get(key)).strip():
                raise ControlsError(f"{where}: '{key}' is required (text)")
        cid = str(raw["id"]).strip()
        if cid in seen:
            raise ControlsError(f"{where}: id {cid!r} is used twice")
        seen.add(cid)
        criteria = _strings(raw.get("criteria"), f"{where}.criteria")
        bad = [c for c in criteria if not _CRITERION.match(c)]
        if bad:
            raise ControlsError(f"{where}.criteria: {', '.join(bad)} is not a Trust Services criterion (e.g. CC6.2)")
        keywords = tuple(k.lower() for k in _strings(raw.get("keywords"), f"{where}.keywords"))
        if not criteria and not keywords:
            raise ControlsError(f"{where}: give 'criteria' or 'keywords', or nothing can be matched to it")
        patterns = tuple(re.compile(r"\b" + r"\s+".join(map(re.escape, k.split())), re.IGNORECASE) for k in keywords)
        out.append(Control(cid, str(raw["title"]).strip(), str(raw["owner"]).strip(), criteria, keywords, patterns))
    return tuple(out)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ControlsError(f"{where}: expected a list of text")
    return tuple(str(v).strip() for v in value if str(v).strip())


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int) -> tuple[Control, ...]:
    return parse_controls(Path(path).read_text(encoding="utf-8"), path)


def load_controls(path: str | Path) -> tuple[Control, ...]:
    """The controls file at ``path`` (re-read when it changes). Raises ControlsError, or OSError if unreadable."""
    p = Path(path)
    return _load(str(p), p.stat().st_mtime_ns)


def match_cuec(text: str, criteria: Sequence[str], controls: Sequence[Control]) -> CuecOwner:
    """The control that owns this CUEC, or an unowned result."""
    best = CuecOwner(None)
    wanted = set(criteria)
    for control in controls:
        shared = [c for c in control.criteria if c in wanted]
        words = [k for k, p in zip(control.keywords, control._patterns, strict=True) if p.search(text)]
        score = 2 * len(shared) + len(words)
        if score > best.score:
            why = tuple([f"criterion {c}" for c in shared] + [f"word '{w}'" for w in words])
            best = CuecOwner(control, score, why)
    return best
