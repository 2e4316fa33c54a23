"""Score the extractor on the fourth family: ``python -m tests.generator4.score [--seeds N] [--show]``.

The second family's scorer (hits, misses and WRONG values per builder and field, never added together) over this
family's builders.
"""

from __future__ import annotations

import sys

from tests.generator2.score import Family, main

from . import BUILDERS, build, fields_for

if __name__ == "__main__":
    sys.exit(main(family=Family(BUILDERS, build, fields_for), doc=__doc__))
