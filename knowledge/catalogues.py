"""The frameworks as data: ISO/IEC 27001:2022 (clauses and Annex A), the 2013 Annex A and its mapping to 2022,
AICPA TSC 2017, ISO/IEC 42001:2023 Annex A and the NIST AI RMF.

The files under ``knowledge/data`` hold identifiers and short titles only (facts; sources in docs/crosswalk.md).
They are read once per process and checked on load, so a damaged data file stops the program at start-up with a
message naming the file, instead of giving a quietly wrong verdict later.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Relationship = Literal["equal", "subset", "superset", "intersect"]
RELATIONSHIPS: tuple[Relationship, ...] = ("equal", "subset", "superset", "intersect")

TSC_CATEGORIES = ("security", "availability", "processing_integrity", "confidentiality", "privacy")


class CatalogueError(ValueError):
    """A package data file is missing, malformed or has the wrong number of entries."""


@dataclass(frozen=True, slots=True)
class AnnexAControl:
    id: str  # "A.8.28"
    theme: str  # Organizational | People | Physical | Technological
    title: str
    new_in_2022: bool


@dataclass(frozen=True, slots=True)
class Clause:
    id: str  # "6.1.2"
    parent: str | None
    level: int
    title: str


@dataclass(frozen=True, slots=True)
class Control2013:
    id: str  # "A.12.1.2"
    title: str


@dataclass(frozen=True, slots=True)
class Correspondence:
    """One row of ISO's published 2013 -> 2022 correspondence (ISO/IEC 27002:2022 Annex B)."""

    kind: Literal["annex_a", "clause"]
    iso2013_id: str
    iso2022_id: str
    relationship: Relationship


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str  # "CC6.1"
    category: str  # one of TSC_CATEGORIES
    series: str  # "CC6"
    series_name: str
    title: str


@dataclass(frozen=True, slots=True)
class AIControl:
    id: str  # ISO/IEC 42001 Annex A "A.6.2.4"
    group_id: str
    group_title: str
    title: str


@dataclass(frozen=True, slots=True)
class RmfItem:
    id: str  # "GOVERN", "GOVERN 1", "GOVERN 1.1"
    level: Literal["function", "category", "subcategory"]
    function: str
    text: str


@dataclass(frozen=True, slots=True)
class Catalogues:
    annex_a: dict[str, AnnexAControl]
    clauses: dict[str, Clause]
    annex_a_2013: dict[str, Control2013]
    correspondence: tuple[Correspondence, ...]
    tsc: dict[str, Criterion]
    iso42001: dict[str, AIControl]
    nist_ai_rmf: dict[str, RmfItem]

    def controls_2022_for_2013(self, iso2013_id: str) -> list[Correspondence]:
        """Read a 2013 control (or clause) in 2022 terms, so a 2013 certificate or SoA can be compared."""
        key = normalize_iso_id(iso2013_id)
        return [c for c in self.correspondence if c.iso2013_id == key]

    def iso_ids(self) -> set[str]:
        """Every 2022 identifier a crosswalk link may point at: Annex A controls and ISMS clauses."""
        return set(self.annex_a) | set(self.clauses)


# The expected shape of each catalogue; checked on load.
ANNEX_A_THEMES = {"Organizational": 37, "People": 8, "Physical": 14, "Technological": 34}
NEW_IN_2022 = frozenset(
    {"A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11", "A.8.12", "A.8.16", "A.8.23", "A.8.28"}
)
TSC_COUNTS = {"security": 33, "availability": 3, "confidentiality": 2, "processing_integrity": 5, "privacy": 18}
ANNEX_A_2013_COUNT = 114
ISO42001_COUNT = 38
RMF_FUNCTIONS = 4
RMF_CATEGORIES = 19


def _rows(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("knowledge.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(f"knowledge/data/{name} is missing from the package") from exc
    return list(csv.DictReader(io.StringIO(text)))


def _check_unique(name: str, ids: list[str]) -> None:
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    if dupes:
        raise CatalogueError(f"knowledge/data/{name}: duplicate ids {sorted(dupes)}")


def _expect(name: str, what: str, got: object, want: object) -> None:
    if got != want:
        raise CatalogueError(f"knowledge/data/{name}: expected {want} {what}, found {got}")


def normalize_iso_id(raw: str) -> str:
    """'8.28', 'A 8.28', 'a.8.28' -> 'A.8.28'; clause ids ('6.1.2') stay as they are when they are clauses."""
    s = raw.strip().replace(" ", "")
    if s[:1] in ("A", "a") and len(s) > 1:
        s = "A." + s[1:].lstrip(".")
    return s


def _load() -> Catalogues:
    rows = _rows("annex_a_2022.csv")
    annex = {
        r["id"]: AnnexAControl(r["id"], r["theme"], r["title"], r["new_in_2022"] == "yes") for r in rows
    }
    _check_unique("annex_a_2022.csv", [r["id"] for r in rows])
    _expect("annex_a_2022.csv", "controls", len(annex), 93)
    _expect("annex_a_2022.csv", "controls per theme", dict(Counter(c.theme for c in annex.values())), ANNEX_A_THEMES)
    _expect("annex_a_2022.csv", "new controls", {c.id for c in annex.values() if c.new_in_2022}, set(NEW_IN_2022))

    rows = _rows("iso_clauses.csv")
    clauses = {r["id"]: Clause(r["id"], r["parent"] or None, int(r["level"]), r["title"]) for r in rows}
    _check_unique("iso_clauses.csv", [r["id"] for r in rows])
    for c in clauses.values():
        if c.parent is not None and c.parent not in clauses:
            raise CatalogueError(f"knowledge/data/iso_clauses.csv: clause {c.id} has unknown parent {c.parent}")
    _expect("iso_clauses.csv", "top-level clauses", sorted(c.id for c in clauses.values() if c.level == 1),
            ["10", "4", "5", "6", "7", "8", "9"])

    rows = _rows("annex_a_2013.csv")
    a2013 = {r["id"]: Control2013(r["id"], r["title"]) for r in rows}
    _check_unique("annex_a_2013.csv", [r["id"] for r in rows])
    _expect("annex_a_2013.csv", "controls", len(a2013), ANNEX_A_2013_COUNT)

    corr: list[Correspondence] = []
    for r in _rows("iso_2013_to_2022.csv"):
        if r["relationship"] not in RELATIONSHIPS:
            raise CatalogueError(f"knowledge/data/iso_2013_to_2022.csv: unknown relationship {r['relationship']!r}")
        kind = r["kind"]
        if kind == "annex_a":
            if r["iso2013_id"] not in a2013 or r["iso2022_id"] not in annex:
                raise CatalogueError(f"knowledge/data/iso_2013_to_2022.csv: unknown id in {r}")
        elif kind == "clause":
            if r["iso2022_id"] not in clauses:
                raise CatalogueError(f"knowledge/data/iso_2013_to_2022.csv: unknown clause in {r}")
        else:
            raise CatalogueError(f"knowledge/data/iso_2013_to_2022.csv: unknown kind {kind!r}")
        corr.append(Correspondence(kind, r["iso2013_id"], r["iso2022_id"], r["relationship"]))  # type: ignore[arg-type]
    unmapped = set(a2013) - {c.iso2013_id for c in corr if c.kind == "annex_a"}
    if unmapped:
        raise CatalogueError(f"knowledge/data/iso_2013_to_2022.csv: 2013 controls without a 2022 mapping {unmapped}")

    rows = _rows("tsc_2017.csv")
    tsc = {r["id"]: Criterion(r["id"], r["category"], r["series"], r["series_name"], r["title"]) for r in rows}
    _check_unique("tsc_2017.csv", [r["id"] for r in rows])
    _expect("tsc_2017.csv", "criteria per category", dict(Counter(c.category for c in tsc.values())), TSC_COUNTS)

    rows = _rows("iso42001_annex_a.csv")
    ai = {r["id"]: AIControl(r["id"], r["group_id"], r["group_title"], r["title"]) for r in rows}
    _check_unique("iso42001_annex_a.csv", [r["id"] for r in rows])
    _expect("iso42001_annex_a.csv", "controls", len(ai), ISO42001_COUNT)

    rows = _rows("nist_ai_rmf_1.0.csv")
    rmf = {r["id"]: RmfItem(r["id"], r["level"], r["function"], r["text"]) for r in rows}  # type: ignore[arg-type]
    _check_unique("nist_ai_rmf_1.0.csv", [r["id"] for r in rows])
    levels = Counter(i.level for i in rmf.values())
    _expect("nist_ai_rmf_1.0.csv", "functions", levels["function"], RMF_FUNCTIONS)
    _expect("nist_ai_rmf_1.0.csv", "categories", levels["category"], RMF_CATEGORIES)

    return Catalogues(annex, clauses, a2013, tuple(corr), tsc, ai, rmf)


@cache
def catalogues() -> Catalogues:
    """The catalogues, read and validated once per process."""
    return _load()
