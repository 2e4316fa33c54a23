"""How far the project's crosswalk agrees with public reference crosswalks.

The references are read from a folder at run time (../shared/reference in development) and never shipped: two
of them are AGPL-licensed and are consulted, not copied. Agreement is measured on link sets:

- ``shared``: links both hold; ``ours_only`` / ``ref_only``: links only one holds;
- ``recall``: share of the reference's links we also hold; ``precision``: share of our links, restricted to the
  criteria the reference covers, that the reference also holds; ``jaccard``: shared / union over those criteria.

The MIT reference maps TSC series (CC6) rather than criteria, so ours is lifted to series level for it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .crosswalk import crosswalk

REFERENCES = {
    "crosswalk_tsc_iso2022.csv": "ciso-assistant, criterion level (AGPL-3.0, consulted only)",
    "crosswalk_tsc_pof_iso2022.csv": "ciso-assistant, points of focus aggregated to criteria (AGPL-3.0, consulted)",
    "crosswalk_tsc_series_iso2022_mit.csv": "workmcg/control-crosswalk, series level (MIT)",
}


@dataclass(frozen=True, slots=True)
class Agreement:
    reference: str
    description: str
    level: str  # "criterion" | "series"
    ours: int  # our links considered (restricted to the criteria/series the reference covers)
    ref: int
    shared: int
    ref_keys_covered: int  # criteria (or series) the reference maps
    ours_keys_covered: int  # of those, how many we also map
    weighted_recall: float | None = None  # PoF-weighted: share of point-of-focus links whose pair we hold

    @property
    def recall(self) -> float:
        return self.shared / self.ref if self.ref else 0.0

    @property
    def precision(self) -> float:
        return self.shared / self.ours if self.ours else 0.0

    @property
    def jaccard(self) -> float:
        union = self.ours + self.ref - self.shared
        return self.shared / union if union else 0.0


def _series(tsc_id: str) -> str:
    m = re.match(r"([A-Z]+\d)", tsc_id)
    return m.group(1) if m else tsc_id


def _our_pairs(level: str) -> set[tuple[str, str]]:
    links = crosswalk().links
    if level == "series":
        return {(_series(link.tsc_id), link.iso_id) for link in links if link.iso_kind == "annex_a"}
    return {(link.tsc_id, link.iso_id) for link in links}


def _compare(name: str, level: str, ref_pairs: set[tuple[str, str]],
             weights: Counter[tuple[str, str]] | None = None) -> Agreement:
    ours_all = _our_pairs(level)
    keys = {k for k, _ in ref_pairs}
    ours = {p for p in ours_all if p[0] in keys}
    shared = ours & ref_pairs
    weighted = None
    if weights:
        total = sum(weights.values())
        weighted = sum(n for pair, n in weights.items() if pair in ours_all) / total if total else 0.0
    return Agreement(name, REFERENCES[name], level, len(ours), len(ref_pairs), len(shared), len(keys),
                     len({k for k, _ in ours}), weighted)


def agreement(reference_dir: str | Path) -> list[Agreement]:
    """Agreement with each reference crosswalk found in ``reference_dir`` (missing files are skipped)."""
    folder = Path(reference_dir)
    out: list[Agreement] = []
    path = folder / "crosswalk_tsc_iso2022.csv"
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            pairs = {(r["tsc_id"], r["iso_id"]) for r in csv.DictReader(fh)}
        out.append(_compare(path.name, "criterion", pairs))
    path = folder / "crosswalk_tsc_pof_iso2022.csv"
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            weights = Counter((r["tsc_id"], r["iso_id"]) for r in csv.DictReader(fh))
        out.append(_compare(path.name, "criterion", set(weights), weights))
    path = folder / "crosswalk_tsc_series_iso2022_mit.csv"
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            pairs = {(r["tsc_series"], r["iso_id"]) for r in csv.DictReader(fh)}
        out.append(_compare(path.name, "series", pairs))
    return out


def format_table(rows: list[Agreement]) -> str:
    """A plain-text table for the terminal and for docs/crosswalk.md."""
    head = (f"{'reference':40} {'level':9} {'covers':>7} {'ours':>5} {'ref':>5} {'shared':>6} "
            f"{'recall':>6} {'prec.':>6} {'jacc.':>6} {'PoF-w':>6}")
    lines = [head, "-" * len(head)]
    for a in rows:
        w = f"{a.weighted_recall:6.2f}" if a.weighted_recall is not None else f"{'':>6}"
        lines.append(f"{a.reference:40} {a.level:9} {a.ours_keys_covered:>3}/{a.ref_keys_covered:<3} {a.ours:>5} "
                     f"{a.ref:>5} {a.shared:>6} {a.recall:6.2f} {a.precision:6.2f} {a.jaccard:6.2f} {w}")
    return "\n".join(lines)
