"""`vendor-assurance` console script: one argparse parser, one module per group of subcommands.

The command line sits on top of every other package (extractors < knowledge < service < bots, web < cli), so it
calls them directly. It also starts often (a loop, a script, a CI job), so each command module is cheap to import:
it only declares its options, and imports what the command needs (pdfium, spaCy, the service, the database, Slack)
inside the function that runs it. ``--help`` therefore loads argparse and these modules, nothing else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import (
    bots_cmd,
    cuecs_cmd,
    eval_cmd,
    extract_cmd,
    import_cmd,
    knowledge_cmd,
    report_cmd,
    serve_cmd,
)

# The order of the subcommands in ``--help``.
MODULES = [extract_cmd, eval_cmd, knowledge_cmd, serve_cmd, import_cmd, report_cmd, cuecs_cmd, bots_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vendor-assurance",
        description="Read vendor assurance documents (SOC 2, SOC 3, bridge letters, ISO certificates) and assess them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
