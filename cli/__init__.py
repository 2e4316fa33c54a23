"""`vendor-assurance` console script: one argparse parser, one module per group of subcommands.

The command line sits on top of every other package (extractors < knowledge < service < bots, web < cli), so it
calls them directly. It also starts often (a loop, a script, a CI job), so each command module is cheap to import:
it only declares its options, and imports what the command needs (pdfium, spaCy, the service, the database, Slack)
inside the function that runs it. ``--help`` therefore loads argparse and these modules, nothing else.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

# The command modules in the order of ``--help``, each with the subcommands it registers (tests/test_cli_startup.py
# holds this table to what ``register`` adds). A named command imports and sets up only its own module: importing
# and building all fifteen parsers in argparse is several milliseconds of every start of `extract`.
COMMANDS: dict[str, tuple[str, ...]] = {
    "extract_cmd": ("extract",),
    "eval_cmd": ("eval",),
    "knowledge_cmd": ("crosswalk", "check"),
    "serve_cmd": ("serve", "worker", "token", "alerts"),
    "import_cmd": ("import",),
    "report_cmd": ("report",),
    "cuecs_cmd": ("cuecs",),
    "bots_cmd": ("chat", "slack"),
}


def command_module(name: str) -> ModuleType:
    """``cli.<name>``, one of ``COMMANDS``' modules, imported now."""
    return importlib.import_module(f"{__name__}.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``command`` (a subcommand's name) only the module that runs it: the same
    parser as far as that command's arguments, usage and errors go. An unknown name gets the whole parser, whose
    error lists the commands there are."""
    parser = argparse.ArgumentParser(
        prog="vendor-assurance",
        description="Read vendor assurance documents (SOC 2, SOC 3, bridge letters, ISO certificates) and assess them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    owner = [name for name, commands in COMMANDS.items() if command in commands]
    for name in owner or COMMANDS:
        command_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv else None)
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
