"""`vendor-assurance` console script: one argparse parser, one module per group of subcommands.

Each module exposes ``register(subparsers)`` and sets ``func`` on its parser; a subcommand returns
its exit status. Front-ends above the service (the Slack bot, the console chat) add their
subcommands through the ``vendor_assurance.plugins`` entry point, so the service never imports them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import extract_cmd

_MODULES = [extract_cmd]


def _optional_modules() -> list[object]:
    """Subcommand groups that other parts of the service may not have built yet are imported if present."""
    import importlib

    found: list[object] = []
    for name in ("eval_cmd", "knowledge_cmd", "serve_cmd", "import_cmd", "report_cmd", "cuecs_cmd"):
        try:
            found.append(importlib.import_module(f"{__name__}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    return found


def build_parser() -> argparse.ArgumentParser:
    from ..plugins import load_plugins

    parser = argparse.ArgumentParser(
        prog="vendor-assurance",
        description="Read vendor assurance documents (SOC 2, SOC 3, bridge letters, ISO certificates) and assess them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in [*_MODULES, *_optional_modules()]:
        module.register(sub)  # type: ignore[attr-defined]
    for plugin in load_plugins():
        register = getattr(plugin, "register_cli", None)
        if register is not None:
            register(sub)
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
