"""Score the extractor on the second family: ``python -m tests.generator2.score [--seeds N] [--show]``.

Per builder and per field it counts hits, misses (null or empty where the document states a value) and WRONG
values (a value, or a kind, different from what the document states, or a value where it states none). A wrong
value is worse than a null (a verdict rests on it), so the two are never added together.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tests.generator.compare import ALL_FIELDS, compare, evidence_problems, is_scanned, norm, text_match

from . import BUILDERS, build, fields_for
from .expect import page_texts

HIT, MISS, WRONG = "hit", "miss", "wrong"


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return value.get("value") in (None, "", [])
    return value in (None, "", [])


def classify(field: str, expected: dict[str, Any], got: dict[str, Any], why: str | None) -> str:
    """hit, miss or wrong for one field, given compare()'s explanation (None when it agrees)."""
    if why is None:
        return HIT
    gf = got.get("fields") or {}
    if field == "kind":
        # "unknown" for a document that is something: the extractor declined, which is a null, not a wrong kind.
        return MISS if got.get("kind") == "unknown" else WRONG
    if field == "warnings":
        return MISS
    if field == "ai":
        want = bool((expected["fields"].get("ai") or {}).get("covered"))
        have = bool((gf.get("ai") or {}).get("covered"))
        return MISS if want and not have else WRONG
    if "runs on" in why:
        return WRONG
    if field in ("subservice_organizations", "cuecs", "exceptions"):
        exp: list[Any] = expected["fields"].get(field) or []
        found: list[Any] = gf.get(field) or []
        if not found:
            return MISS
        if field in ("subservice_organizations", "cuecs") and len(found) <= len(exp) and all(
                any(text_match(h.get("value"), e.get("value")) and h.get("method") in (None, e.get("method"))
                    and _criteria_agree(h, e) for e in exp) for h in found):
            return MISS  # every one found is right, only fewer of them or without the method: not wrong
        return WRONG
    return MISS if _empty(gf.get(field)) else WRONG


def _criteria_agree(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """A CUEC tied to criteria it does not serve (a row shifted in its table) is a wrong value, not a miss; criteria
    left out are only a miss."""
    have, should = set(got.get("criteria") or ()), set(want.get("criteria") or ())
    return not have or not should or have <= should


def _longer(got: object, want: object) -> bool:
    """A value that holds the expected text and much more: it ran on into the next rows or items."""
    g, e = norm(got), norm(want)
    return bool(e) and e in g and len(g) > 1.5 * len(e) + 40


def run_on(expected: dict[str, Any], got: dict[str, Any], fields: Sequence[str]) -> dict[str, str]:
    """compare() matches texts leniently (either contains the other), so an exception or a CUEC whose text ran on
    into the following rows passes it; this catches those."""
    ef, gf = expected["fields"], got.get("fields") or {}
    out: dict[str, str] = {}
    if "exceptions" in fields:
        for h in gf.get("exceptions") or []:
            e = next((e for e in ef.get("exceptions") or [] if str(e["control"]) == str(h.get("control"))), None)
            if e is not None and _longer(h.get("value"), e["value"]):
                out["exceptions"] = f"{h.get('control')} text runs on: {str(h.get('value'))[:120]!r}"
    if "cuecs" in fields:
        for h in gf.get("cuecs") or []:
            if any(_longer(h.get("value"), e["value"]) for e in ef.get("cuecs") or []):
                out["cuecs"] = f"a CUEC runs on: {str(h.get('value'))[:120]!r}"
    return out


def check(expected: dict[str, Any], got: dict[str, Any], fields: Sequence[str]) -> dict[str, str]:
    """Why each failing field fails: tests/generator/compare.py's verdict, then the run-on check."""
    whys = compare(expected, got, [f for f in fields if f != "evidence"])
    for f, why in run_on(expected, got, fields).items():
        whys.setdefault(f, why)
    return whys


def score_one(name: str, seed: int, family: Family | None = None) -> tuple[dict[str, str], dict[str, str],
                                                                       dict[str, Any], float]:
    """(outcome per field, compare()'s explanation per failing field, the expected JSON, seconds to extract)."""
    from extractors import extract_bytes

    fam = family or Family(BUILDERS, build, fields_for)
    pdf, expected = fam.build(name, seed)
    fields = fam.fields_for(name) or ALL_FIELDS
    t0 = time.perf_counter()
    got = extract_bytes(pdf, expected["file"]["name"]).to_dict()
    took = time.perf_counter() - t0
    whys = check(expected, got, fields)
    outcome = {f: classify(f, expected, got, whys.get(f)) for f in fields}
    if not is_scanned(expected):
        ev = evidence_problems(got, page_texts(pdf))
        outcome["evidence"] = WRONG if ev else HIT
        if ev:
            whys["evidence"] = "; ".join(ev)
    return outcome, whys, expected, took


@dataclass(frozen=True)
class Family:
    """A generator family to score: its builders, its build function and the fields it scores per builder."""

    builders: Mapping[str, Callable[[int], tuple[bytes, dict[str, Any]]]]
    build: Callable[[str, int], tuple[bytes, dict[str, Any]]]
    fields_for: Callable[[str], tuple[str, ...] | None]


def main(argv: list[str] | None = None, family: Family | None = None, doc: str | None = None) -> int:
    fam = family or Family(BUILDERS, build, fields_for)
    ap = argparse.ArgumentParser(description=doc or __doc__)
    ap.add_argument("--seeds", type=int, default=6)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--builders", nargs="*", default=list(fam.builders))
    ap.add_argument("--show", action="store_true", help="print every miss and wrong value with its variant")
    args = ap.parse_args(argv)
    unknown = sorted(set(args.builders) - set(fam.builders))
    if unknown:
        ap.error(f"unknown builder(s) {', '.join(unknown)}; choose from {', '.join(fam.builders)}")

    table: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    totals: Counter[str] = Counter()
    seconds = 0.0
    for name in args.builders:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            outcome, whys, expected, took = score_one(name, seed, fam)
            seconds += took
            for f, o in outcome.items():
                table[name][f][o] += 1
                totals[o] += 1
            if args.show:
                for f, why in whys.items():
                    tag = outcome.get(f, WRONG).upper()
                    print(f"{tag:5} {name}:{seed} {f}: {why}  [{expected['x-generator']['variant']}]")
    fields = [f for f in (*ALL_FIELDS, "evidence") if any(f in table[b] for b in table)]
    print(f"\n{'builder':22} {'field':26} {'hit':>5} {'miss':>5} {'WRONG':>6}")
    for name in args.builders:
        for f in fields:
            c = table[name].get(f)
            if c is None or (c[MISS] == 0 and c[WRONG] == 0):
                continue
            print(f"{name:22} {f:26} {c[HIT]:>5} {c[MISS]:>5} {c[WRONG]:>6}")
        n = sum(sum(c.values()) for c in table[name].values())
        h = sum(c[HIT] for c in table[name].values())
        print(f"{name:22} {'(all fields)':26} {h:>5} {n - h - sum(c[WRONG] for c in table[name].values()):>5} "
              f"{sum(c[WRONG] for c in table[name].values()):>6}   {100 * h / max(n, 1):.1f} % hit")
    n = sum(totals.values())
    print(f"\ntotal: {n} field checks, {totals[HIT]} hits ({100 * totals[HIT] / max(n, 1):.1f} %), "
          f"{totals[MISS]} misses ({100 * totals[MISS] / max(n, 1):.1f} %), {totals[WRONG]} WRONG "
          f"({100 * totals[WRONG] / max(n, 1):.1f} %); seeds per builder: {args.seeds}; extraction {seconds:.1f} s")
    return 0 if totals[MISS] == 0 and totals[WRONG] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
