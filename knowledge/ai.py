"""AI coverage in framework terms: ISO/IEC 42001 Annex A groups read against the NIST AI RMF categories.

The link table (knowledge/data/ai_42001_nist_rmf.csv) is the project's own judgment, one reason per link, like
the TSC crosswalk. It lets an assessment say what an ISO/IEC 42001 certificate reaches, and what a security scope
that merely includes AI systems does not.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .catalogues import CatalogueError, catalogues


@dataclass(frozen=True, slots=True)
class AILink:
    group_id: str  # ISO/IEC 42001 Annex A group, e.g. "A.6"
    nist_category: str  # e.g. "MEASURE 2"
    reason: str


@cache
def ai_links() -> tuple[AILink, ...]:
    """The 42001 -> NIST AI RMF links, read and checked once: both ends exist, every group is linked."""
    cat = catalogues()
    groups = {c.group_id for c in cat.iso42001.values()}
    categories = {i.id for i in cat.nist_ai_rmf.values() if i.level == "category"}
    text = resources.files("knowledge.data").joinpath("ai_42001_nist_rmf.csv").read_text(encoding="utf-8")
    out: list[AILink] = []
    for n, r in enumerate(csv.DictReader(io.StringIO(text)), 2):
        where = f"knowledge/data/ai_42001_nist_rmf.csv line {n}"
        if r["group_id"] not in groups:
            raise CatalogueError(f"{where}: {r['group_id']!r} is not an ISO/IEC 42001 Annex A group")
        if r["nist_category"] not in categories:
            raise CatalogueError(f"{where}: {r['nist_category']!r} is not a NIST AI RMF category")
        if not r["reason"].strip():
            raise CatalogueError(f"{where}: every link needs a reason")
        out.append(AILink(r["group_id"], r["nist_category"], r["reason"].strip()))
    missing = groups - {link.group_id for link in out}
    if missing:
        raise CatalogueError(f"knowledge/data/ai_42001_nist_rmf.csv: groups without a link: {sorted(missing)}")
    return tuple(out)


def nist_categories_reached() -> list[str]:
    """NIST AI RMF categories an ISO/IEC 42001 management system reaches through its Annex A."""
    order = [i.id for i in catalogues().nist_ai_rmf.values() if i.level == "category"]
    reached = {link.nist_category for link in ai_links()}
    return [c for c in order if c in reached]


def nist_categories_not_reached() -> list[str]:
    order = [i.id for i in catalogues().nist_ai_rmf.values() if i.level == "category"]
    reached = set(nist_categories_reached())
    return [c for c in order if c not in reached]
