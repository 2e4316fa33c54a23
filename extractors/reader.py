"""Entry points: bytes or a path in, an Extraction out. Never raises for bad input: sets ``error``.

The service calls ``extract_bytes`` with uploaded bytes, the CLI ``extract_file``; both go through the same checks so
a file gets the same answer whichever way it arrives. For a hard stop on a pathological file (one native call that
never returns) run them through ``extractors.worker.IsolatedExtractor``.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import stat
from dataclasses import replace
from pathlib import Path

from . import document, sniff
from .limits import Deadline, Limits, human_bytes
from .model import DocumentError, ErrorCode, Extraction, ExtractionError, FileInfo
from .pipeline import read_fields

log = logging.getLogger(__name__)


def extract_bytes(
    data: bytes, name: str, *, limits: Limits | None = None, progress: document.Progress | None = None
) -> Extraction:
    """Read one document. Errors come back as ``Extraction.error`` with the contract's code, never as exceptions.

    ``progress`` is told what is being done ("page 41 of 120", "OCR of scanned pages...") for a progress display.
    """
    data = bytes(data)  # a bytearray or memoryview from an upload handler behaves like bytes from here on
    limits = limits or Limits.from_env()
    deadline = Deadline(limits.timeout_seconds)
    info = FileInfo(name=name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    doc: document.Document | None = None
    try:
        tolerated = sniff.check(data, name, limits)
        doc = document.load(data, limits=limits, deadline=deadline, progress=progress)
        doc.warnings[:0] = tolerated
        info = replace(info, pages=len(doc.pages))
        if progress is not None:
            progress("reading the fields")
        try:
            result = read_fields(doc, info)
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001 - a reader bug must not become a traceback or a half record
            log.debug("field reader failed on %s", name, exc_info=True)
            return _failed(
                info, "corrupt", f"{name} could not be read (reading its fields failed: {type(exc).__name__}: {exc})"
            )
        deadline.check("reading its fields")
    except DocumentError as exc:
        return _failed(info, exc.code, _named(name, exc.message))
    except MemoryError:
        return _failed(info, "too_large", f"{name} needs more memory to read than is available")
    except RecursionError:
        return _failed(info, "corrupt", f"{name} is corrupt: its objects nest without end")
    except Exception as exc:  # noqa: BLE001 - any other parser failure is a damaged file to the user
        log.debug("PDF parser failed on %s", name, exc_info=True)
        return _failed(info, "corrupt", f"{name} could not be read as a PDF ({type(exc).__name__}: {exc})")
    finally:
        if doc is not None:
            doc.close()
    for warning in doc.warnings:
        if warning not in result.warnings:
            result.warnings.append(warning)
    return result


def extract_file(path: str | Path, *, limits: Limits | None = None) -> Extraction:
    """Read one file. A file over the size limit is hashed in chunks and refused without being loaded.

    Raises OSError when the path cannot be read at all (missing, a directory, no permission): that is the caller's
    mistake, not the document's, and there are no bytes to describe in the contract's ``file`` object.
    """
    limits = limits or Limits.from_env()
    loaded = read_input(path, limits)
    if isinstance(loaded, Extraction):
        return loaded
    return extract_bytes(loaded, Path(path).name, limits=limits)


def read_input(path: str | Path, limits: Limits) -> bytes | Extraction:
    """The file's bytes, or a ``too_large`` Extraction without loading them.

    A regular file's size is known up front; a pipe or device (``<(curl ...)``, ``/dev/zero``) is read only up to
    the limit, so an endless stream cannot fill memory.
    """
    p = Path(path)
    st = p.stat()
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(p))
    if stat.S_ISREG(st.st_mode):
        if st.st_size <= limits.max_bytes:
            return p.read_bytes()
        digest = hashlib.sha256()
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        info = FileInfo(name=p.name, sha256=digest.hexdigest(), bytes=st.st_size)
        return _failed(info, "too_large", _too_big(p.name, st.st_size, limits))
    with p.open("rb") as fh:
        data = fh.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        info = FileInfo(name=p.name, sha256=hashlib.sha256(data).hexdigest(), bytes=None)
        return _failed(info, "too_large", f"{p.name} is a stream longer than the {human_bytes(limits.max_bytes)} limit")
    return data


def _too_big(name: str, size: int, limits: Limits) -> str:
    return (
        f"{name} is {human_bytes(size)}, over the {human_bytes(limits.max_bytes)} limit "
        "(raise it with --max-bytes or VA_MAX_BYTES)"
    )


def error_result(data: bytes, name: str, code: ErrorCode, message: str) -> Extraction:
    """An error Extraction for bytes that never reached the reader (the worker died, was killed)."""
    info = FileInfo(name=name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    return _failed(info, code, message)


def _failed(info: FileInfo, code: ErrorCode, message: str) -> Extraction:
    return Extraction(file=info, error=ExtractionError(code, message))


def _named(name: str, message: str) -> str:
    """Reader messages say "the PDF ..."; prefix the file's name so a batch's output says which file."""
    return message if message.startswith(name) else f"{name}: {message}"
