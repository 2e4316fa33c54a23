"""A hard time limit: run extractions in a child process that can be killed.

The deadline inside ``extract_bytes`` is checked between pages and OCR calls, which bounds almost every slow file,
but it cannot interrupt one native call (a page built to make the parser spin, a decompression bomb). So callers
that take files from strangers run extractions here: one long-lived child process serves file after file (the cost
of starting it is paid once, not per file); when a file overruns its time limit the child is killed, the file gets
the contract's ``timeout`` error, and the next file starts a fresh child. A child that dies (a crash in the native
parser, the kernel's OOM killer) costs only that file, reported as ``corrupt``.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .api import error_result, extract_bytes, read_input
from .limits import Limits
from .model import Extraction

Tick = Callable[[float, "str | None"], None]  # (seconds waited, what the child last said it was doing)
POLL = 0.1
PROGRESS_EVERY = 0.2


class IsolatedExtractor:
    """``with IsolatedExtractor(limits) as ex: ex.extract_file(path)`` - same results as the in-process API."""

    def __init__(self, limits: Limits | None = None, *, kill_after_seconds: float | None = None) -> None:
        """``kill_after_seconds`` defaults to the time limit plus a little grace, so the child's own cooperative
        deadline (whose message says what it was doing) normally answers first."""
        self.limits = limits or Limits.from_env()
        timeout = self.limits.timeout_seconds
        self.kill_after = kill_after_seconds or timeout + min(2.0, max(0.5, 0.1 * timeout))
        self._proc: Any = None
        self._conn: Connection | None = None

    def extract_file(self, path: str | Path, *, tick: Tick | None = None) -> Extraction:
        """Like ``api.extract_file`` (raises OSError for an unreadable path); ``tick`` runs while waiting."""
        loaded = read_input(path, self.limits)
        if isinstance(loaded, Extraction):
            return loaded  # refused from its size, without reading it all
        return self.extract_bytes(loaded, Path(path).name, tick=tick)

    def extract_bytes(self, data: bytes, name: str, *, tick: Tick | None = None) -> Extraction:
        if len(data) > self.limits.max_bytes:
            return extract_bytes(data, name, limits=self.limits)  # cheap refusal, no need for the child
        try:
            conn = self._ensure_started()
            conn.send((data, name))
        except (OSError, EOFError, ValueError):
            self._stop(kill=True)
            return extract_bytes(data, name, limits=self.limits)  # no child available: the cooperative limit only
        started = time.monotonic()
        note: str | None = None
        try:
            while True:
                if conn.poll(POLL):
                    kind, payload = conn.recv()
                    if kind == "result":
                        result: Extraction = payload
                        return result
                    note = payload  # "progress": what the child is doing now
                waited = time.monotonic() - started
                if tick is not None:
                    tick(waited, note)
                if waited >= self.kill_after:
                    self._stop(kill=True)
                    return error_result(
                        data,
                        name,
                        "timeout",
                        f"{name}: stopped after {waited:.1f} s (time limit {self.limits.timeout_seconds:g} s; "
                        "raise it with --timeout or VA_TIMEOUT_SECONDS)",
                    )
        except (EOFError, OSError):
            proc = self._proc
            self._stop(kill=True)
            return _crashed(data, name, proc.exitcode if proc is not None else None, self.limits)
        except BaseException:
            self._stop(kill=True)  # Ctrl-C: do not leave a child parsing in the background
            raise

    def close(self) -> None:
        self._stop(kill=False)

    def __enter__(self) -> IsolatedExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure_started(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._stop(kill=True)
        ctx: Any = mp.get_context(_start_method())
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.limits), name="va-extract", daemon=True)
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        return parent

    def _stop(self, *, kill: bool) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            if not kill:
                try:
                    conn.send(None)
                except (OSError, ValueError):
                    kill = True
            conn.close()
        if proc is not None:
            if kill:
                _kill_group(proc)
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)


def _start_method() -> str:
    """``fork`` is instant and inherits the loaded reader, but forking a process with other threads can deadlock the
    child on a lock one of them held; then use ``forkserver`` (or ``spawn`` where fork does not exist)."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _crashed(data: bytes, name: str, exitcode: int | None, limits: Limits) -> Extraction:
    """The child died on this file. pdfium aborts when an allocation fails, which the memory cap makes happen."""
    if exitcode in (-signal.SIGABRT, -signal.SIGKILL):
        return error_result(
            data,
            name,
            "too_large",
            f"{name}: reading it took more than the {limits.max_memory_mb} MB memory limit (VA_MAX_MEMORY_MB); "
            "the PDF may be built to exhaust memory",
        )
    return error_result(data, name, "corrupt", f"{name}: the PDF reader crashed on this file (exit status {exitcode})")


def _limit_memory(megabytes: int) -> None:
    """Cap the child's address space so a memory bomb fails the file, not the machine.

    The cap is counted on top of what the child already maps (a forked child inherits its parent's address space,
    which in a server can be large), so the limit means "memory one file may take".
    """
    try:
        import resource
    except ImportError:  # not on POSIX
        return
    limit = megabytes * 1024 * 1024 + _mapped_bytes()
    with suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _mapped_bytes() -> int:
    """This process's current virtual size (Linux); 0 where /proc is not available."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _kill_group(proc: Any) -> None:
    """Kill the child and the Tesseract processes it started (they share its process group)."""
    with suppress(OSError):
        if proc.pid is not None and os.getpgid(proc.pid) == proc.pid:
            os.killpg(proc.pid, signal.SIGKILL)
            return
    proc.kill()


def _serve(conn: Connection, limits: Limits) -> None:
    """The child's loop: bytes in, Extraction out, until told to stop or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    faulthandler.disable()  # a deliberate abort (the memory cap) is reported by the parent, not as a stack dump
    with suppress(OSError):
        os.setpgid(0, 0)
    _limit_memory(limits.max_memory_mb)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        data, name = message
        last = 0.0

        def progress(note: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY:  # a few updates a second is all a display needs
                last = now
                with suppress(OSError, ValueError):
                    conn.send(("progress", note))

        conn.send(("result", extract_bytes(data, name, limits=limits, progress=progress)))
