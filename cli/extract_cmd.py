"""`vendor-assurance extract FILE... [--json]`: read assurance documents and print what they state.

``--json`` prints the contract (shared/contract/extraction.schema.json), one object per file per line, flushed per
file so a pipeline sees each result as soon as it exists. Without it each file gets a table a reviewer can read, with
the page every value came from. Files are read in killable worker processes (one per core, printed in the order
given) so the time limit holds even against a file built to hang the parser; a bad file never stops the others, and
the exit status is 1 if any file failed.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.status import Status
    from rich.text import Text

    from extractors.limits import Limits
    from extractors.model import Extraction, Found
    from extractors.worker import IsolatedExtractor

# rich and the extractors are imported by the functions that use them: `vendor-assurance --help` loads neither, and
# `extract` loads the readers once, in this process, before the worker children fork from it (extractors.worker).

PROGRESS_AFTER = 0.5  # seconds: below this a spinner would only flicker
POLL_SECONDS = 0.1
QUOTE_WIDTH = 90
PIPE_WIDTH = 100_000  # "no width" for rich when the output is not a terminal


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="read assurance documents and print what they state",
        description="Read SOC 2 / SOC 3 reports, bridge letters and ISO certificates (PDF) and print each field with "
        "the page and words it was read from. Exit status 1 if any file could not be read.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per file, per line (the contract)")
    p.add_argument("--max-bytes", type=_size, metavar="SIZE", help="refuse larger files, e.g. 80MB (VA_MAX_BYTES)")
    p.add_argument("--max-pages", type=_positive_int, metavar="N", help="refuse longer PDFs (VA_MAX_PAGES)")
    p.add_argument(
        "--timeout", type=_positive_float, metavar="SECONDS", help="time limit per file (VA_TIMEOUT_SECONDS)"
    )
    p.add_argument(
        "--in-process",
        action="store_true",
        help="read in this process (starts faster; the time limit is then checked between pages only)",
    )
    p.set_defaults(func=run)


class _Stderr:
    """The rich console on stderr, made on first use: ``extract --json`` into a pipe, with no error to report, never
    loads rich (a tenth of its start-up), and prints exactly what the console would have printed otherwise."""

    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        # rich decides from the same environment variables and isatty(); without any of them there is no terminal
        if self._console is None and not sys.stderr.isatty() and not _TERMINAL_ENV & os.environ.keys():
            return False
        return self.console.is_terminal

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*objects, **options)

    def status(self, *args: Any, **options: Any) -> Status:
        return self.console.status(*args, **options)


_TERMINAL_ENV = {"FORCE_COLOR", "TTY_COMPATIBLE"}


def run(args: argparse.Namespace) -> int:
    from extractors.limits import Limits
    from extractors.worker import IsolatedExtractor

    err = _Stderr()
    try:
        limits = Limits.from_env(max_bytes=args.max_bytes, max_pages=args.max_pages, timeout_seconds=args.timeout)
    except ValueError as exc:
        from rich.markup import escape

        err.print(f"[red]vendor-assurance extract:[/] {escape(str(exc))}", highlight=False)
        return 2
    out = None if args.json else _stdout()
    workers = [] if args.in_process else [IsolatedExtractor(limits) for _ in range(_parallel(len(args.files)))]
    for worker in workers:
        worker.start()  # forked now, before the reading threads exist: no second interpreter to load the readers
    pool = _Pool(workers, args.files) if workers else None
    try:
        return _run_files(args, limits, pool, out, err)
    except BrokenPipeError:
        # The reader went away (`... --json | head -1`): stop quietly, as Unix tools do, without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        if pool is not None:
            pool.close()


def _stdout() -> Console:
    from rich.console import Console

    # Piped or redirected, the output is for grep and scripts: whole quotes on one line each, no terminal width.
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)


def _parallel(files: int) -> int:
    """Files read at once: one child process per core (at most 4). Most of a certificate's time is a single
    Tesseract call on its artwork, which uses one core, so a second file keeps the other core busy."""
    return max(1, min(files, os.cpu_count() or 1, 4))


class _Pool:
    """Reads the files in the background, each through a free child process, while the results are printed in
    the order the files were given."""

    def __init__(self, workers: list[IsolatedExtractor], paths: list[str]) -> None:
        self._workers = workers
        self._free: queue.Queue[IsolatedExtractor] = queue.Queue()
        for worker in workers:
            self._free.put(worker)
        self._notes: dict[int, str | None] = {}
        self.seconds: dict[int, float] = {}  # how long each file took to read, whenever that was
        self._executor = ThreadPoolExecutor(len(workers), thread_name_prefix="extract")
        self._futures = [self._executor.submit(self._read, i, path) for i, path in enumerate(paths)]

    def _read(self, index: int, path: str) -> Extraction:
        worker = self._free.get()
        started = time.monotonic()
        try:
            return worker.extract_file(path, tick=lambda _waited, note: self._notes.__setitem__(index, note))
        finally:
            self.seconds[index] = time.monotonic() - started
            self._free.put(worker)

    def result(self, index: int, progress: _Progress) -> Extraction:
        """The file's result (raises what reading it raised), ticking ``progress`` while it is not ready."""
        future = self._futures[index]
        progress.start_waiting()
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except FutureTimeout:
                progress.tick(progress.waited, self._notes.get(index))

    def close(self) -> None:
        for worker in self._workers:
            worker.abort()  # after Ctrl-C or a closed pipe, files still queued or in progress are not wanted
        self._executor.shutdown(wait=True, cancel_futures=True)
        for worker in self._workers:
            worker.close()


def _run_files(args: argparse.Namespace, limits: Limits, pool: _Pool | None, out: Console | None,
               err: _Stderr) -> int:
    status = 0
    total = len(args.files)
    for index, path in enumerate(args.files, 1):
        progress = _Progress(err, f"{Path(path).name} ({index}/{total})")
        try:
            result = _extract(path, index - 1, limits, pool, progress)
        except OSError as exc:
            from rich.markup import escape

            progress.stop()
            err.print(f"[red]✗ {escape(path)}:[/] cannot read it: {escape(exc.strerror or str(exc))}")
            status = 1
            continue
        finally:
            progress.stop()  # also on Ctrl-C: a spinner left running would leave the terminal's cursor hidden
        if result.error is not None:
            status = 1
        if args.json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            assert out is not None  # made for the table whenever --json is not given
            render(out, result, elapsed=pool.seconds.get(index - 1) if pool is not None else progress.elapsed)
    return status


def _extract(path: str, index: int, limits: Limits, pool: _Pool | None, progress: _Progress) -> Extraction:
    from extractors.reader import extract_file

    if pool is None:
        progress.start_now()
        return extract_file(path, limits=limits)
    return pool.result(index, progress)


class _Progress:
    """A spinner on stderr, shown only on a terminal and only once a file has taken longer than a moment."""

    def __init__(self, console: Console | _Stderr, label: str) -> None:
        self.console = console
        self.label = label
        self.started = time.monotonic()
        self.elapsed = 0.0
        self._status: Status | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._done = False

    def start_now(self) -> None:
        """In-process reading blocks this thread, so a timer thread shows the spinner if the file is still going."""
        if self.console.is_terminal:
            self._timer = threading.Timer(PROGRESS_AFTER, self._show)
            self._timer.daemon = True
            self._timer.start()

    def start_waiting(self) -> None:
        """Time the wait from when this file's result is wanted: it may have been read while others printed."""
        self.started = time.monotonic()

    @property
    def waited(self) -> float:
        return time.monotonic() - self.started

    def tick(self, waited: float, note: str | None = None) -> None:
        if not self.console.is_terminal:
            return
        from rich.markup import escape

        if self._status is None and waited >= PROGRESS_AFTER:
            self._show()
        elif self._status is not None:
            doing = f" · {escape(note)}" if note else ""
            self._status.update(f"Reading {escape(self.label)}{doing} · {waited:.0f} s")

    def _show(self) -> None:
        from rich.markup import escape

        with self._lock:
            if self._status is None and not self._done:
                self._status = self.console.status(f"Reading {escape(self.label)}…", spinner="dots")
                self._status.start()

    def stop(self) -> None:
        self.elapsed = time.monotonic() - self.started
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._done = True
            if self._status is not None:
                self._status.stop()
                self._status = None


# --- the human-readable summary ----------------------------------------------------------------------------------


def render(console: Console, result: Extraction, *, elapsed: float | None = None, whole: bool | None = None) -> None:
    """One file's summary: a header line, a table of fields with page and quote, then warnings.

    On a terminal long quotes are shortened to fit; otherwise (``whole``, the default when not on a terminal)
    every quote is written in full on its row, so a pipe into grep or a file keeps what the reader quoted."""
    from rich.table import Table
    from rich.text import Text

    whole = not console.is_terminal if whole is None else whole
    info = result.file
    if result.error is not None:
        message = result.error.message
        if message.startswith(info.name):
            message = message[len(info.name) :].lstrip(": ")
        console.print(Text.assemble(("✗ ", "bold red"), (info.name, "bold"), "  ", (result.error.code, "red")))
        console.print(Text("  " + message))
        console.print()
        return
    from extractors.model import KIND_LABELS

    meta = [KIND_LABELS.get(result.kind, result.kind)]
    if info.pages is not None:
        meta.append(f"{info.pages} page{'s' if info.pages != 1 else ''}")
    if elapsed is not None:
        meta.append(f"{elapsed:.1f} s")
    console.print(Text.assemble(("✓ ", "bold green"), (info.name, "bold"), "  ", (" · ".join(meta), "cyan")))

    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False, box=None)
    table.add_column("Field", style="bold", no_wrap=True)
    if whole:
        table.add_column("Value", no_wrap=True)
        table.add_column("Page", justify="right", no_wrap=True)
        table.add_column("Quote", style="dim", no_wrap=True)
    else:
        table.add_column("Value", overflow="fold", max_width=60 if console.width >= 110 else 28)
        table.add_column("Page", justify="right", no_wrap=True)
        table.add_column("Quote", style="dim", overflow="fold", max_width=QUOTE_WIDTH)
    # On a narrow terminal a folded quote would take a dozen lines per field: show its first line's worth instead.
    room = None if whole or console.width >= 110 else max(12, console.width - 64)
    for label, value, page, quote in rows(result, whole=whole):
        if room is not None and len(quote) > room:
            quote = quote[: room - 1] + "…"
        table.add_row(label, value, page, quote)
    console.print(table)
    for warning in result.warnings:
        console.print(Text.assemble(("  ! ", "bold yellow"), (warning, "yellow")))
    console.print()


def rows(result: Extraction, *, whole: bool = False) -> list[tuple[str, Text | str, str, str]]:
    """The table's rows: single fields as stated or "not stated", lists summarized with their first evidence."""
    from rich.text import Text

    f = result.fields
    iso = result.kind == "iso_certificate"
    out: list[tuple[str, Text | str, str, str]] = []

    def single(label: str, found: Found[Any] | None, *, always: bool = True) -> None:
        if found is None:
            if always:
                out.append((label, Text("not stated", style="dim italic"), "", ""))
            return
        out.append((label, str(found.value), _page(found.page), _quote(found.quote, whole)))

    def many(label: str, items: list[Any], describe: Any = None, *, always: bool = False) -> None:
        if not items:
            if always:
                out.append((label, Text("none stated", style="dim italic"), "", ""))
            return
        values = [describe(i) if describe else str(i.value) for i in items]
        pages = sorted({i.page for i in items if i.page is not None})
        shown = "; ".join(values[:6]) + (f"; … ({len(values)} in all)" if len(values) > 6 else "")
        out.append((label, shown, _pages(pages), _quote(items[0].quote, whole)))

    single("Vendor", f.vendor)
    single("Auditor / certification body" if iso else "Auditor", f.issuer)
    single("Accreditation body", f.accreditation_body, always=iso)
    single("Certificate number", f.certificate_number, always=iso)
    many("Standards", f.standards, always=True)
    single("Report date", f.report_date, always=not iso)
    if f.period_start is not None or f.period_end is not None or not iso:
        single("Period start", f.period_start, always=result.kind not in ("soc2_type1",) and not iso)
        single("As of" if result.kind == "soc2_type1" else "Period end", f.period_end)
    single("Issue date", f.issue_date, always=iso)
    single("Original issue date", f.original_issue_date, always=False)
    single("Expiry date", f.expiry_date, always=iso)
    single("Opinion", f.opinion, always=not iso)
    many("Trust Services categories", f.tsc_categories, always=not iso)
    single("Scope", f.scope)
    many(
        "Subservice organizations",
        f.subservice_organizations,
        lambda s: f"{s.value} ({s.method})" if s.method else str(s.value),
    )
    if f.cuecs:
        out.append(("CUECs", f"{len(f.cuecs)} listed", _pages(sorted({c.page for c in f.cuecs if c.page})), ""))
    if f.exceptions:
        ids = [e.control or "?" for e in f.exceptions]
        out.append(
            (
                "Exceptions",
                Text(f"{len(ids)}: {', '.join(ids[:8])}" + (" …" if len(ids) > 8 else ""), style="bold yellow"),
                _pages(sorted({e.page for e in f.exceptions if e.page})),
                _quote(f.exceptions[0].quote, whole),
            )
        )
    elif result.kind == "soc2_type2":
        out.append(("Exceptions", "none found", "", ""))
    ai = f.ai
    ai_pages = _pages(sorted({e.page for e in ai.evidence if e.page}))
    out.append(
        (
            "AI in scope",
            "yes" if ai.covered else "no evidence",
            ai_pages,
            _quote(ai.evidence[0].quote, whole) if ai.evidence else "",
        )
    )
    return out


def _page(page: int | None) -> str:
    return "" if page is None else str(page)


def _pages(pages: list[int]) -> str:
    if len(pages) > 4:
        return f"{pages[0]}–{pages[-1]}"
    return ", ".join(str(p) for p in pages)


def _quote(quote: str | None, whole: bool = False) -> str:
    if not quote:
        return ""
    text = " ".join(quote.split())
    return f"“{text[: QUOTE_WIDTH * 2 - 3]}…”" if len(text) > QUOTE_WIDTH * 2 and not whole else f"“{text}”"


# --- argument types: argparse shows their ValueError messages as usage errors --------------------------------------


def _size(raw: str) -> int:
    from extractors.limits import parse_size

    try:
        value = parse_size(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return value


def _positive_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value
