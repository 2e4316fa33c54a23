"""What ``extractors`` offers callers at the package level: the reader, its limits and the isolated reader."""

from __future__ import annotations

import subprocess
import sys

import extractors
from extractors import IsolatedExtractor, Limits, extract_bytes
from extractors.limits import Limits as LimitsFromModule
from extractors.worker import IsolatedExtractor as IsolatedFromModule


def test_exports_are_the_modules_own_classes_and_sorted() -> None:
    assert Limits is LimitsFromModule and IsolatedExtractor is IsolatedFromModule
    assert extractors.__all__ == sorted(extractors.__all__)
    assert all(hasattr(extractors, name) for name in extractors.__all__)


def test_isolated_reader_from_the_package_reads_a_file() -> None:
    from .make_pdf import text_pdf

    pdf = text_pdf(["Hello world"])
    with IsolatedExtractor(Limits(timeout_seconds=30)) as reader:
        got = reader.extract_bytes(pdf, "hello.pdf")
    assert got.to_dict()["file"]["name"] == "hello.pdf"
    assert got.kind == extract_bytes(pdf, "hello.pdf").kind


def test_importing_the_package_does_not_load_the_worker_module() -> None:
    """``python -m extractors.worker`` (the fresh child) must not find itself imported already."""
    code = "import sys, extractors; print('extractors.worker' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
