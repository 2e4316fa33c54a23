"""Score the extractor on generated documents, field by field: ``python -m tests.generator.score``.

Prints, per builder, how many seeds got each field right, and with ``--show`` every miss with the
variant that produced it, which is how a failing layout or phrasing is found.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from . import BUILDERS, build
from .compare import ALL_FIELDS, compare, evidence_problems, is_interleaved, is_scanned
from .expect import page_texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--builders", nargs="*", default=sorted(BUILDERS))
    ap.add_argument("--show", action="store_true", help="print every miss")
    args = ap.parse_args(argv)

    from extractors import extract_bytes

    hits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total_miss = 0
    for name in args.builders:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            pdf, expected = build(name, seed)
            got = extract_bytes(pdf, expected["file"]["name"]).to_dict()
            misses = compare(expected, got)
            ev = [] if is_scanned(expected) else evidence_problems(
                got, page_texts(pdf), columns=is_interleaved(expected))
            if ev:
                misses["evidence"] = "; ".join(ev)
            for f in (*ALL_FIELDS, "evidence"):
                hits[name][f] += f not in misses
            total_miss += len(misses)
            if args.show:
                for f, why in misses.items():
                    print(f"{name}:{seed} {f}: {why}  [{expected['x-generator']['variant']}]")
    cols = (*ALL_FIELDS, "evidence")
    short = {f: f[:6] for f in cols}
    print(f"{'builder':24}" + "".join(f"{short[f]:>7}" for f in cols))
    for name in args.builders:
        print(f"{name:24}" + "".join(f"{hits[name][f]:>7}" for f in cols))
    print(f"seeds per builder: {args.seeds}; misses: {total_miss}")
    return 0 if total_miss == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
