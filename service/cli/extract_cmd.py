"""`vendor-assurance extract FILE... [--json]`."""

from __future__ import annotations

import argparse
import json
import sys

from extractors import extract_file


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("extract", help="read assurance documents and print what they state")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per file, per line (the contract)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        result = extract_file(path)
        if result.error is not None:
            status = 1
        if args.json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print(json.dumps(result.to_dict(), indent=2))
    return status
