"""Golden files pin what a few generated documents state: ``python -m tests.generator.golden --write``.

They catch an unintended change to the generator (a quote that moved page, a value that changed) without
committing PDFs: the test regenerates the document and compares. Rewrite them when a change is intended.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import build

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = (("soc2_type2", 2), ("soc3", 1), ("bridge_letter", 1), ("iso_27001_27017_27018", 0), ("iso_27001_2013", 1))


def stable(expected: dict[str, Any]) -> dict[str, Any]:
    return {"kind": expected["kind"], "pages": expected["file"]["pages"], "fields": expected["fields"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    GOLDEN.mkdir(exist_ok=True)
    changed = 0
    for builder, seed in CASES:
        _, expected = build(builder, seed)
        doc = {"builder": builder, "seed": seed, "expected": stable(expected)}
        path = GOLDEN / f"{builder}-{seed}.json"
        text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
        same = path.exists() and path.read_text() == text
        changed += not same
        if args.write and not same:
            path.write_text(text)
        print(f"{'same   ' if same else 'CHANGED'} {path}")
    return 1 if changed and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
