"""Reading uploaded PDFs with the extractor's hard limits, from a server's threads.

An uploaded PDF is untrusted: a page built to make pdfium spin cannot be interrupted inside the native call, so a
reader running in a thread that is abandoned on timeout keeps the CPU, its memory and the process-wide pdfium lock,
and every later document waits behind it. The extractor's own answer is ``IsolatedExtractor``: a long-lived child
process that is killed when a file overruns and replaced for the next one, with a memory cap. Children are reused
across files (starting one in a threaded host costs a fresh interpreter, about a second), one per concurrent caller,
so the bot's synchronous upload path pays that cost once per process, not per file.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from dataclasses import replace

import pypdfium2

from extractors import Extraction
from extractors.document import PDFIUM_LOCK
from extractors.limits import Limits
from extractors.model import ExtractionError
from extractors.reader import error_result
from extractors.worker import IsolatedExtractor

from ..config import Settings

log = logging.getLogger(__name__)

__all__ = ["count_pages", "limits_for", "run_extraction", "shutdown_extractors"]

_pool_lock = threading.Lock()
_idle: dict[Limits, list[IsolatedExtractor]] = {}
_pool_pid = os.getpid()


def limits_for(settings: Settings) -> Limits:
    """The extractor's limits from the service's settings (``VA_MAX_MEMORY_MB`` still applies from the environment)."""
    return Limits.from_env(
        max_bytes=settings.max_upload_bytes,
        max_pages=settings.max_pages,
        timeout_seconds=settings.parse_timeout_seconds,
    )


def _checkout(limits: Limits) -> IsolatedExtractor:
    global _pool_pid
    with _pool_lock:
        if os.getpid() != _pool_pid:  # a forked process: the children belong to the parent, start our own
            _idle.clear()
            _pool_pid = os.getpid()
        idle = _idle.get(limits)
        if idle:
            return idle.pop()
    return IsolatedExtractor(limits)


def _checkin(extractor: IsolatedExtractor) -> None:
    with _pool_lock:
        if os.getpid() == _pool_pid:
            _idle.setdefault(extractor.limits, []).append(extractor)
            return
    extractor.close()


def shutdown_extractors() -> None:
    """Stop the idle reader processes (at exit; tests call it to check nothing is left running)."""
    with _pool_lock:
        pools = [ex for idle in _idle.values() for ex in idle] if os.getpid() == _pool_pid else []
        _idle.clear()
    for extractor in pools:
        extractor.close()


atexit.register(shutdown_extractors)


def run_extraction(*, data: bytes, filename: str, settings: Settings) -> Extraction:
    """The extractor in a child process, bounded by the settings' size, page and time limits; never raises.

    A file over the time limit has its child killed and comes back as ``timeout``; over the page limit as
    ``too_large``; a reader crash as ``corrupt``. The reason is in ``error``; the caller records it and keeps the file.
    """
    limits = limits_for(settings)
    extractor = _checkout(limits)
    try:
        result = extractor.extract_bytes(data, filename)
    except Exception as exc:  # noqa: BLE001 - recorded as the failure reason, never lost
        log.exception("extraction of %s crashed", filename)
        extractor.close()
        return error_result(data, filename, "corrupt", f"the reader failed: {type(exc).__name__}: {exc}")
    _checkin(extractor)
    if result.error is not None:
        result = replace(result, error=ExtractionError(result.error.code, _service_hints(result.error.message)))
    return result


# The extractor's messages name its CLI flags and variables; a service user raises the service's settings instead.
_HINTS = {
    "--max-pages or VA_MAX_PAGES": "the MAX_PAGES setting",
    "--timeout or VA_TIMEOUT_SECONDS": "the PARSE_TIMEOUT_SECONDS setting",
    "--max-bytes or VA_MAX_BYTES": "the MAX_UPLOAD_BYTES setting",
}


def _service_hints(message: str) -> str:
    for cli, setting in _HINTS.items():
        message = message.replace(cli, setting)
    return message


def count_pages(data: bytes) -> int | None:
    """Pages in a PDF, cheaply, for a progress message ("reading 87 pages..."); None when pdfium cannot open it.

    Under the extractor's pdfium lock (pdfium is not thread-safe); if a stuck document holds the lock, no count.
    """
    if not PDFIUM_LOCK.acquire(timeout=2.0):
        return None
    try:
        pdf = pypdfium2.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - not a PDF, encrypted or broken: the extraction says which, clearly
        return None
    finally:
        PDFIUM_LOCK.release()
