#!/usr/bin/env python3
"""Print how far the project's TSC <-> ISO/IEC 27001:2022 crosswalk agrees with each reference crosswalk.

Usage: scripts/crosswalk_agreement.py [REFERENCE_DIR]   (default: ../shared/reference, or $VA_SHARED_DIR/reference)
Same as `vendor-assurance crosswalk --agreement [DIR]`. The references are read, never copied into the project.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from knowledge.agreement import agreement, format_table
from knowledge.crosswalk import crosswalk


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    default = Path(os.environ.get("VA_SHARED_DIR", root.parent / "shared")) / "reference"
    folder = Path(argv[0]) if argv else default
    if not folder.is_dir():
        print(f"crosswalk_agreement: no reference folder at {folder}", file=sys.stderr)
        return 2
    rows = agreement(folder)
    if not rows:
        print(f"crosswalk_agreement: no reference crosswalks in {folder}", file=sys.stderr)
        return 2
    cw = crosswalk()
    print(f"Project crosswalk: {len(cw.links)} links, {len(cw.unmapped)} items with no counterpart.")
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
