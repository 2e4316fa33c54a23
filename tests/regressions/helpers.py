"""What every regression test needs: run the command line as a user does, read a field of its JSON, and write the
small text PDFs the fixtures are made of. Nothing here knows about any one bug."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cli import main
from tests.extractors.make_pdf import text_pdf


def run_cli(*args: str | Path, stdin: str | None = None) -> tuple[int, str, str]:
    """``vendor-assurance ARGS`` in this process: (exit status, stdout, stderr); a usage error's exit is a status.
    ``stdin``: what the command reads from its standard input (the chat's questions, one a line)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        if stdin is not None:
            stack.enter_context(_stdin(stdin))
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:  # argparse refuses a bad flag by exiting, as the real command does
            status = exc.code if isinstance(exc.code, int) else 2
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def write_pdf(folder: Path, name: str, pages: Sequence[str] | bytes) -> Path:
    """A PDF file in ``folder``: ``pages`` are the texts of its pages (one string each), or ready-made bytes."""
    path = folder / name
    path.write_bytes(pages if isinstance(pages, bytes) else text_pdf(pages))
    return path


def extract(folder: Path, name: str, pages: Sequence[str] | bytes) -> dict[str, Any]:
    """What ``vendor-assurance extract FILE --json`` prints for the document, as the contract's object."""
    path = write_pdf(folder, name, pages)
    status, out, err = run_cli("extract", path, "--json", "--in-process")
    assert "Traceback" not in err, err
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 1, out
    result: dict[str, Any] = json.loads(lines[0])
    return result


def value(result: dict[str, Any], name: str) -> Any:
    """The value of one contract field (None when the field is null)."""
    found = result["fields"][name]
    return found["value"] if isinstance(found, dict) else found


def values(result: dict[str, Any], name: str) -> list[Any]:
    """The values of a list field (exceptions, CUECs, subservice organizations, categories)."""
    return [item["value"] for item in result["fields"][name]]


def check(files: Sequence[Path], as_of: str, *extra: str) -> dict[str, Any]:
    """What ``vendor-assurance check FILES --as-of DATE --json`` prints: the verdict and findings."""
    status, out, err = run_cli("check", *files, "--as-of", as_of, "--json", *extra)
    assert "Traceback" not in err, err
    assert status in (0, 1), err
    result: dict[str, Any] = json.loads(out)
    return result
