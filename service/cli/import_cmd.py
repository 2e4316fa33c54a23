"""`vendor-assurance import FOLDER [--data-dir D]`: every PDF under a folder into the service, in parallel.

A progress bar on a terminal, one plain line per file otherwise (logs, CI); ends with "N new, M already there,
K failed" and each failure's reason. Exit status 1 when any file failed, 2 for a bad folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .serve_cmd import settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="store and parse every PDF under a folder (resumable, idempotent)",
        description="Store and parse every PDF under FOLDER (recursively), one extractor process per core. "
        "Documents are content-addressed: a second run adds nothing, an interrupted run resumes.",
    )
    p.add_argument("folder", type=Path, metavar="FOLDER")
    p.add_argument("--data-dir", type=Path, default=None, help="where the database and files live (DATA_DIR)")
    p.add_argument("--workers", type=int, default=None, help="files parsed at once (default: one per core)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..portfolio.importer import FileResult, import_folder, iter_lines

    err = Console(stderr=True, highlight=False)
    if not args.folder.is_dir():
        err.print(f"[red]vendor-assurance import:[/] {args.folder} is not a folder")
        return 2
    if args.workers is not None and args.workers < 1:
        err.print("[red]vendor-assurance import:[/] --workers must be at least 1")
        return 2
    settings = settings_from(args)
    bar: Progress | None = None
    task = None
    seen = [0]

    def stored(n: int) -> None:
        nonlocal task
        if bar is not None:
            task = bar.add_task("parsing", total=n)
        else:
            print(f"{n} file(s) to parse", file=sys.stderr, flush=True)

    def done(result: FileResult) -> None:
        seen[0] += 1
        what = result.outcome if result.outcome != "existing" else "already there"
        detail = f" ({result.kind}, {result.vendor})" if result.kind and result.outcome != "failed" else ""
        reason = f": {result.reason}" if result.reason else ""
        if bar is not None:
            if task is not None and result.outcome != "existing" and not (result.reason or "").endswith("run)"):
                bar.advance(task)
            if result.outcome == "failed":
                bar.console.print(f"[red]✗[/] {result.path}{reason}")
        else:
            print(f"[{seen[0]}] {result.path}: {what}{detail}{reason}", file=sys.stderr, flush=True)

    if err.is_terminal:
        bar = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TimeRemainingColumn(), console=err, transient=False,
        )
        bar.start()
    try:
        summary = import_folder(args.folder, settings=settings, workers=args.workers, on_stored=stored, on_done=done)
    finally:
        if bar is not None:
            bar.stop()
    for line in iter_lines(summary):
        print(line, flush=True)
    return 1 if summary.failed else 0
