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
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path

from .limits import Limits
from .model import Extraction
from .reader import error_result, extract_bytes, read_input

Tick = Callable[[float, "str | None"], None]  # (seconds waited, what the child last said it was doing)
POLL = 0.1
PROGRESS_EVERY = 0.2


class ExtractionAborted(RuntimeError):
    """The run was given up (``IsolatedExtractor.abort``) while this file was being read."""


class IsolatedExtractor:
    """``with IsolatedExtractor(limits) as ex: ex.extract_file(path)`` - same results as the in-process API."""

    def __init__(self, limits: Limits | None = None, *, kill_after_seconds: float | None = None) -> None:
        """``kill_after_seconds`` defaults to the time limit plus a little grace, so the child's own cooperative
        deadline (whose message says what it was doing) normally answers first."""
        self.limits = limits or Limits.from_env()
        timeout = self.limits.timeout_seconds
        self.kill_after = kill_after_seconds or timeout + min(2.0, max(0.5, 0.1 * timeout))
        self._proc: _Child | None = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()  # one file at a time through the one child, whichever thread asks
        self._aborted = threading.Event()

    def extract_file(self, path: str | Path, *, tick: Tick | None = None) -> Extraction:
        """Like ``api.extract_file`` (raises OSError for an unreadable path); ``tick`` runs while waiting."""
        loaded = read_input(path, self.limits)
        if isinstance(loaded, Extraction):
            return loaded  # refused from its size, without reading it all
        return self.extract_bytes(loaded, Path(path).name, tick=tick)

    def extract_bytes(self, data: bytes, name: str, *, tick: Tick | None = None) -> Extraction:
        if len(data) > self.limits.max_bytes:
            return extract_bytes(data, name, limits=self.limits)  # cheap refusal, no need for the child
        with self._lock:
            return self._extract_in_child(bytes(data), name, tick)

    def _extract_in_child(self, data: bytes, name: str, tick: Tick | None) -> Extraction:
        if self._aborted.is_set():
            raise ExtractionAborted(name)
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
                if self._aborted.is_set():  # another thread gave up on the whole run (Ctrl-C)
                    self._stop(kill=True)
                    raise ExtractionAborted(name)
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

    def start(self) -> None:
        """Start the child now. A caller about to hand files to threads calls this first, while it still runs one
        thread, so the child is forked (instant, the readers already loaded) instead of a fresh interpreter that
        imports them all again; if starting fails, the first file tries again and reports what it can."""
        with self._lock:
            try:
                self._ensure_started()
            except (OSError, ValueError):
                self._stop(kill=True)

    def abort(self) -> None:
        """Stop the file in progress from any thread, without waiting for it: the child is killed within ``POLL``
        seconds and the call reading it raises ExtractionAborted. Later calls are refused the same way."""
        self._aborted.set()

    def close(self) -> None:
        with self._lock:
            self._stop(kill=False)

    def __enter__(self) -> IsolatedExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure_started(self) -> Connection:
        if self._proc is not None and self._proc.alive() and self._conn is not None:
            return self._conn
        self._stop(kill=True)
        self._proc, self._conn = _fork_child(self.limits) if _can_fork() else _exec_child(self.limits)
        return self._conn

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
                _kill_group(proc.pid)
            if not proc.wait(5):
                _kill_group(proc.pid)
                proc.wait(5)


class _Child:
    """The child process, whichever way it was started (multiprocessing fork, or a fresh interpreter)."""

    def __init__(self, handle: mp.process.BaseProcess | subprocess.Popen[bytes]) -> None:
        self.handle = handle
        self.pid: int = handle.pid or 0

    def alive(self) -> bool:
        if isinstance(self.handle, subprocess.Popen):
            return self.handle.poll() is None
        return self.handle.is_alive()

    def wait(self, timeout: float) -> bool:
        """True once the process has ended (and been reaped)."""
        if isinstance(self.handle, subprocess.Popen):
            try:
                self.handle.wait(timeout)
            except subprocess.TimeoutExpired:
                return False
            return True
        self.handle.join(timeout)
        return not self.handle.is_alive()

    @property
    def exitcode(self) -> int | None:
        """Negative signal number when killed by a signal, as both kinds report it."""
        if isinstance(self.handle, subprocess.Popen):
            return self.handle.poll()
        return self.handle.exitcode


def _can_fork() -> bool:
    """``fork`` is instant and inherits the loaded reader, but forking a process that runs other threads can leave
    the child stuck on a lock one of them held. Then (a server) start a fresh interpreter instead: slower once, and
    unlike multiprocessing's spawn/forkserver it never re-imports the host program's ``__main__``."""
    return "fork" in mp.get_all_start_methods() and threading.active_count() == 1


def _fork_child(limits: Limits) -> tuple[_Child, Connection]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child, limits), name="va-extract", daemon=True)
    proc.start()
    child.close()
    return _Child(proc), parent


def _exec_child(limits: Limits) -> tuple[_Child, Connection]:
    ours, theirs = socket.socketpair()
    root = str(Path(__file__).resolve().parent.parent)  # so the child imports this very copy of ``extractors``
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "extractors.worker", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
    finally:
        theirs.close()
    conn = Connection(ours.detach())
    conn.send(limits)
    return _Child(proc), conn


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


def _kill_group(pid: int) -> None:
    """Kill the child and the Tesseract processes it started (they share its process group)."""
    if not pid:
        return
    with suppress(OSError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
            return
    with suppress(OSError):
        os.kill(pid, signal.SIGKILL)


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


if __name__ == "__main__":  # the fresh-interpreter child: ``python -m extractors.worker FD``
    _conn = Connection(int(sys.argv[1]))
    _serve(_conn, _conn.recv())
