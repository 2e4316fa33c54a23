"""The project's own crosswalk between AICPA TSC 2017 and ISO/IEC 27001:2022 (Annex A controls and ISMS clauses).

Every link is a judgment, so each carries a relationship and a one-line reason (knowledge/data/crosswalk.csv).
The relationship reads from the criterion's side: ``subset`` means the criterion asks for less than (is contained
in) the ISO item, ``superset`` that it asks for more, ``equal`` the same, ``intersect`` that they overlap.
Every criterion and every Annex A control either has links or is listed in crosswalk_unmapped.csv with the
reason it has no counterpart. How it was built: docs/crosswalk.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from .catalogues import RELATIONSHIPS, CatalogueError, Relationship, catalogues, normalize_iso_id

Framework = Literal["soc2", "iso27001"]


@dataclass(frozen=True, slots=True)
class Link:
    tsc_id: str
    iso_id: str  # "A.8.28" or an ISMS clause "6.1.2"
    relationship: Relationship
    reason: str

    @property
    def iso_kind(self) -> Literal["annex_a", "clause"]:
        return "annex_a" if self.iso_id.startswith("A.") else "clause"


@dataclass(frozen=True, slots=True)
class Unmapped:
    framework: Literal["tsc", "annex_a"]
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Crosswalk:
    links: tuple[Link, ...]
    unmapped: tuple[Unmapped, ...]
    # the links grouped both ways, built once: an assessment looks up every required criterion
    _by_tsc: dict[str, tuple[Link, ...]] = field(init=False, repr=False, compare=False)
    _by_iso: dict[str, tuple[Link, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_tsc: dict[str, list[Link]] = {}
        by_iso: dict[str, list[Link]] = {}
        for link in self.links:
            by_tsc.setdefault(link.tsc_id, []).append(link)
            by_iso.setdefault(link.iso_id, []).append(link)
        object.__setattr__(self, "_by_tsc", {k: tuple(v) for k, v in by_tsc.items()})
        object.__setattr__(self, "_by_iso", {k: tuple(v) for k, v in by_iso.items()})

    def controls_for(self, criterion: str) -> list[Link]:
        """Annex A controls and ISMS clauses that speak to a TSC criterion."""
        return list(self._by_tsc.get(criterion.strip().upper(), ()))

    def criteria_for(self, iso_id: str) -> list[Link]:
        """TSC criteria that speak to an Annex A control ('A.8.28', '8.28') or an ISMS clause ('9.2')."""
        return list(self._by_iso.get(resolve_iso_id(iso_id), ()))

    def unmapped_reason(self, item_id: str) -> str | None:
        key = item_id.strip().upper() if _is_tsc(item_id) else resolve_iso_id(item_id)
        return next((u.reason for u in self.unmapped if u.id == key), None)


def _is_tsc(item_id: str) -> bool:
    return item_id.strip().upper() in catalogues().tsc


def resolve_iso_id(raw: str) -> str:
    """'8.28' is ambiguous between Annex A 8.28 and clause 8.2/8.3; a bare number with a known Annex A control
    and no clause of that id resolves to the control."""
    s = raw.strip()
    cat = catalogues()
    if s in cat.clauses:
        return s
    candidate = normalize_iso_id(s if s.upper().startswith("A") else "A." + s)
    return candidate if candidate in cat.annex_a else s


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("knowledge.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _load() -> Crosswalk:
    cat = catalogues()
    links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for n, r in enumerate(_rows("crosswalk.csv"), 2):
        where = f"knowledge/data/crosswalk.csv line {n}"
        tsc, iso, rel, reason = r["tsc_id"].strip(), r["iso_id"].strip(), r["relationship"].strip(), r["reason"].strip()
        if tsc not in cat.tsc:
            raise CatalogueError(f"{where}: {tsc!r} is not a TSC 2017 criterion")
        if iso not in cat.annex_a and iso not in cat.clauses:
            raise CatalogueError(f"{where}: {iso!r} is not an Annex A 2022 control or ISMS clause")
        if rel not in RELATIONSHIPS:
            raise CatalogueError(f"{where}: relationship {rel!r} is not one of {RELATIONSHIPS}")
        if not reason:
            raise CatalogueError(f"{where}: every link needs a one-line reason")
        if (tsc, iso) in seen:
            raise CatalogueError(f"{where}: duplicate link {tsc} -> {iso}")
        seen.add((tsc, iso))
        links.append(Link(tsc, iso, rel, reason))
    unmapped: list[Unmapped] = []
    for n, r in enumerate(_rows("crosswalk_unmapped.csv"), 2):
        where = f"knowledge/data/crosswalk_unmapped.csv line {n}"
        fw, item, reason = r["framework"].strip(), r["id"].strip(), r["reason"].strip()
        known = cat.tsc if fw == "tsc" else cat.annex_a if fw == "annex_a" else None
        if known is None or item not in known:
            raise CatalogueError(f"{where}: {fw} {item!r} is not in its catalogue")
        if not reason:
            raise CatalogueError(f"{where}: say why {item} has no counterpart")
        unmapped.append(Unmapped(fw, item, reason))  # type: ignore[arg-type]
    linked_tsc = {link.tsc_id for link in links}
    linked_iso = {link.iso_id for link in links}
    for u in unmapped:
        if u.id in linked_tsc or u.id in linked_iso:
            raise CatalogueError(f"knowledge/data/crosswalk_unmapped.csv: {u.id} is listed as unmapped but has links")
    listed = {u.id for u in unmapped}
    missing_tsc = set(cat.tsc) - linked_tsc - listed
    missing_iso = set(cat.annex_a) - linked_iso - listed
    if missing_tsc or missing_iso:
        raise CatalogueError(
            "knowledge/data/crosswalk.csv: coverage incomplete; neither linked nor listed as unmapped: "
            + ", ".join(sorted(missing_tsc | missing_iso))
        )
    return Crosswalk(tuple(links), tuple(unmapped))


@cache
def crosswalk() -> Crosswalk:
    """The crosswalk, read and validated (ids exist, coverage complete) once per process."""
    return _load()


def controls_for(criterion: str) -> list[Link]:
    return crosswalk().controls_for(criterion)


def criteria_for(iso_id: str) -> list[Link]:
    return crosswalk().criteria_for(iso_id)


@dataclass(frozen=True, slots=True)
class Delta:
    """What holding ``adds`` brings on top of holding ``held``."""

    held: Framework
    adds: Framework
    management_system: tuple[str, ...]  # ISMS clauses (iso27001) or report-level features (soc2)
    items_without_counterpart: tuple[Unmapped, ...]
    partly_covered: tuple[str, ...]  # items whose every link is only an intersect: the other framework overlaps but
    # does not cover them


_SOC2_ONLY_FEATURES = (
    "An independent CPA firm's opinion on whether controls operated effectively throughout a period (Type 2), "
    "tested by sampling, rather than a certification decision on a management system",
    "The system description: boundaries, infrastructure, data flows, subservice organizations and carve-outs",
    "Complementary user entity controls (CUECs) that name what the customer must do itself",
    "Each control's test and result, with any exceptions (deviations) and management's responses",
    "Categories beyond security, each with its own criteria: availability, processing integrity, confidentiality, "
    "privacy",
)
_ISO_ONLY_FEATURES = (
    "A certified information security management system (clauses 4-10): context and scope (4), leadership (5), "
    "risk assessment and treatment planning (6), resources, competence, documented information (7), operation (8), "
    "internal audit and management review (9), continual improvement and corrective action (10)",
    "The Statement of Applicability (clause 6.1.3 d): every Annex A control declared included or excluded, "
    "with the justification",
    "A three-year certification cycle with annual surveillance audits by an accredited certification body",
)


def delta(held: Framework, adds: Framework) -> Delta:
    """'We hold SOC 2, what does ISO 27001 add?' (and the other way round)."""
    cw = crosswalk()
    cat = catalogues()
    if held == adds or {held, adds} != {"soc2", "iso27001"}:
        raise ValueError("delta compares soc2 with iso27001, in either direction")
    if adds == "iso27001":
        linked = {link.iso_id for link in cw.links}
        clauses = tuple(
            f"{c.id} {c.title}"
            + ("" if any(i == c.id or i.startswith(c.id + ".") for i in linked) else " (no TSC counterpart)")
            for c in cat.clauses.values() if c.level == 2
        )
        without = tuple(u for u in cw.unmapped if u.framework == "annex_a")
        partly = tuple(
            a for a in cat.annex_a
            if (ls := [link for link in cw.links if link.iso_id == a])
            and all(x.relationship == "intersect" for x in ls)
        )
        return Delta(held, adds, _ISO_ONLY_FEATURES + clauses, without, partly)
    without = tuple(u for u in cw.unmapped if u.framework == "tsc")
    partly = tuple(
        t for t in cat.tsc
        if (ls := [link for link in cw.links if link.tsc_id == t]) and all(x.relationship == "intersect" for x in ls)
    )
    return Delta(held, adds, _SOC2_ONLY_FEATURES, without, partly)
