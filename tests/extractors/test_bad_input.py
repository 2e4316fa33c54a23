"""Every kind of bad input gets the contract's error code and a message a user can act on; nothing raises."""

from __future__ import annotations

import hashlib
import io
import math
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption

from extractors import ocr
from extractors.limits import Limits
from extractors.model import Extraction
from extractors.reader import extract_bytes, extract_file
from extractors.worker import IsolatedExtractor

from . import make_pdf


@pytest.fixture(scope="module")
def report() -> bytes:
    return make_pdf.report_pdf(4)


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("VA_TESSERACT", "")
    ocr.tesseract_path.cache_clear()
    yield
    ocr.tesseract_path.cache_clear()


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buf, format="PNG")
    return buf.getvalue()


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_a_good_pdf_reads_without_error(report: bytes) -> None:
    result = extract_bytes(report, "report.pdf")
    assert result.error is None
    assert result.file.pages == 4
    assert result.file.sha256 == hashlib.sha256(report).hexdigest()


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (_png(), "PNG image"),
        (_docx(), "ZIP archive"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "HTML page"),
        (b"Vendor: Acme\nSOC 2 Type 2\n", "plain text"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_content_that_is_not_a_pdf_is_refused_whatever_its_name(data: bytes, looks_like: str) -> None:
    result = extract_bytes(data, "soc2-report.pdf")
    assert result.error is not None and result.error.code == "not_pdf"
    assert looks_like in result.error.message
    assert result.file.name == "soc2-report.pdf" and result.file.bytes == len(data)


def test_a_pdf_with_the_wrong_extension_is_still_read(report: bytes) -> None:
    assert extract_bytes(report, "scan.txt").error is None


def test_junk_before_the_header_within_1024_bytes_is_accepted_as_viewers_do(report: bytes) -> None:
    assert extract_bytes(b"\r\n" * 100 + report, "padded.pdf").error is None


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\x00" * 64])
def test_empty_files(data: bytes) -> None:
    result = extract_bytes(data, "empty.pdf")
    assert result.error is not None and result.error.code == "empty"


def test_a_pdf_without_pages_is_empty() -> None:
    result = extract_bytes(make_pdf.zero_page_pdf(), "nopages.pdf")
    assert result.error is not None and result.error.code == "empty"


def test_a_pdf_with_blank_pages_is_empty() -> None:
    result = extract_bytes(make_pdf.blank_pdf(2), "blank.pdf")
    assert result.error is not None and result.error.code == "empty"
    assert "blank" in result.error.message


def test_a_password_protected_pdf_is_encrypted() -> None:
    data = make_pdf.text_pdf([make_pdf.LOREM], encrypt=StandardEncryption("s3cret", ownerPassword="owner"))
    result = extract_bytes(data, "locked.pdf")
    assert result.error is not None and result.error.code == "encrypted"
    assert "password" in result.error.message


def test_a_pdf_with_only_an_owner_password_opens() -> None:
    """Vendors often restrict printing/copying; that encryption has an empty user password and must not block us."""
    data = make_pdf.text_pdf([make_pdf.LOREM * 2], encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    result = extract_bytes(data, "restricted.pdf")
    assert result.error is None


def test_a_corrupt_file_after_an_encrypted_one_is_not_called_encrypted() -> None:
    """pdfium's last-error value is sticky across calls."""
    locked = make_pdf.text_pdf([make_pdf.LOREM], encrypt=StandardEncryption("pw", ownerPassword="o"))
    assert extract_bytes(locked, "a.pdf").error.code == "encrypted"  # type: ignore[union-attr]
    garbage = b"%PDF-1.7\n" + b"\x8f\x01garbage" * 200 + b"\n%%EOF\n"
    result = extract_bytes(garbage, "b.pdf")
    assert result.error is not None and result.error.code == "corrupt"


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_corrupt(report: bytes, fraction: float) -> None:
    data = report[: int(len(report) * fraction)]
    result = extract_bytes(data, "cut.pdf")
    assert result.error is not None and result.error.code == "corrupt"
    assert "truncated" in result.error.message


def test_trailing_whitespace_after_the_end_marker_is_fine(report: bytes) -> None:
    assert extract_bytes(report + b"\n" * 3000, "padded.pdf").error is None


def test_junk_appended_after_the_end_marker_is_ignored_with_a_warning(report: bytes) -> None:
    """Mail gateways and download scripts append text; the PDF before it is complete."""
    result = extract_bytes(report + b"\n--boundary--\n" + b"QUJD" * 1000, "mailed.pdf")
    assert result.error is None
    assert any("after the end of the PDF were ignored" in w for w in result.warnings)


def test_an_update_cut_off_after_an_earlier_end_marker_is_corrupt(report: bytes) -> None:
    cut_update = report + b"\n7 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n" + b"% padding\n" * 200
    result = extract_bytes(cut_update, "cut-update.pdf")
    assert result.error is not None and result.error.code == "corrupt"


def test_a_damaged_cross_reference_is_repaired_or_reported(report: bytes) -> None:
    damaged = report.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx")
    result = extract_bytes(damaged, "damaged.pdf")
    # pdfium rebuilds a broken xref table by scanning; either outcome is an answer, never an exception
    assert result.error is None or result.error.code == "corrupt"


def test_over_the_size_limit(report: bytes) -> None:
    result = extract_bytes(report, "big.pdf", limits=Limits(max_bytes=len(report) - 1))
    assert result.error is not None and result.error.code == "too_large"
    assert "--max-bytes" in result.error.message


def test_a_file_over_the_size_limit_is_refused_from_disk_with_its_hash(report: bytes, tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(report)
    result = extract_file(path, limits=Limits(max_bytes=1024))
    assert result.error is not None and result.error.code == "too_large"
    assert result.file.sha256 == hashlib.sha256(report).hexdigest() and result.file.bytes == len(report)


def test_over_the_page_limit(report: bytes) -> None:
    result = extract_bytes(report, "long.pdf", limits=Limits(max_pages=3))
    assert result.error is not None and result.error.code == "too_large"
    assert "4 pages" in result.error.message and "--max-pages" in result.error.message


def test_over_the_time_limit(report: bytes) -> None:
    result = extract_bytes(report, "slow.pdf", limits=Limits(timeout_seconds=1e-6))
    assert result.error is not None and result.error.code == "timeout"
    assert "--timeout" in result.error.message


def test_scanned_pdf_without_tesseract_says_how_to_install_it(no_tesseract: None) -> None:
    data = make_pdf.scanned_pdf([["Independent Service Auditor's Report", "Ernst & Young LLP"]])
    result = extract_bytes(data, "scan.pdf")
    assert result.error is not None and result.error.code == "no_text_layer"
    assert "Tesseract" in result.error.message and "apt-get install tesseract-ocr" in result.error.message


def test_partly_scanned_pdf_without_tesseract_is_read_with_a_warning(no_tesseract: None) -> None:
    data = make_pdf.mixed_pdf(make_pdf.LOREM * 3, ["Report of Independent Accountants"])
    result = extract_bytes(data, "mixed.pdf")
    assert result.error is None
    assert any("page 2" in w and "apt-get install tesseract-ocr" in w for w in result.warnings)


# --- the limits themselves ---------------------------------------------------------------------------------------


def test_limit_defaults_are_sensible() -> None:
    limits = Limits.from_env({})
    assert limits.max_bytes == 50 * 1024 * 1024 and limits.max_pages == 500 and limits.timeout_seconds == 120
    assert limits.max_memory_mb == 640
    assert (limits.max_ocr_pages, limits.max_ocr_seconds) == (50, 30.0)
    assert limits.max_image_pixels == 64_000_000 and limits.max_stream_bytes == 32 * 1024 * 1024


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_bytes": 0},
        {"max_pages": -1},
        {"max_pages": 2.5},
        {"max_pages": True},
        {"timeout_seconds": 0},
        {"timeout_seconds": math.nan},
        {"timeout_seconds": math.inf},
        {"timeout_seconds": "10"},
        {"max_memory_mb": 64},
    ],
)
def test_invalid_limits_raise_a_clear_value_error(kwargs: dict[str, object]) -> None:
    name = next(iter(kwargs))
    with pytest.raises(ValueError, match=name):
        Limits(**kwargs)  # type: ignore[arg-type]


def test_limits_from_environment_and_overrides() -> None:
    env = {"VA_MAX_BYTES": "10MB", "VA_MAX_PAGES": "42", "VA_TIMEOUT_SECONDS": "7.5"}
    limits = Limits.from_env(env, max_pages=None, timeout_seconds=3)
    assert limits == Limits(max_bytes=10 * 1024 * 1024, max_pages=42, timeout_seconds=3)


@pytest.mark.parametrize(
    ("var", "raw"), [("VA_MAX_PAGES", "many"), ("VA_MAX_BYTES", "5 parsecs"), ("VA_TIMEOUT_SECONDS", "x")]
)
def test_a_bad_environment_value_names_the_variable(var: str, raw: str) -> None:
    with pytest.raises(ValueError, match=var):
        Limits.from_env({var: raw})


def test_an_explicit_override_wins_over_a_malformed_variable() -> None:
    assert Limits.from_env({"VA_MAX_PAGES": "lots"}, max_pages=7).max_pages == 7


def test_an_environment_value_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="max_pages"):
        Limits.from_env({"VA_MAX_PAGES": "0"})


# --- the killable worker -----------------------------------------------------------------------------------------


def test_worker_gives_the_same_answer_as_in_process(report: bytes) -> None:
    with IsolatedExtractor(Limits()) as worker:
        isolated = worker.extract_bytes(report, "r.pdf")
        bad = worker.extract_bytes(b"not a pdf", "x.pdf")
    assert isolated.to_dict() == extract_bytes(report, "r.pdf").to_dict()
    assert bad.error is not None and bad.error.code == "not_pdf"


@pytest.mark.skipif(not ocr.available(), reason="needs the tesseract binary to keep the child busy")
def test_worker_kills_a_file_that_overruns_and_serves_the_next(report: bytes) -> None:
    """The hard stop: the child is killed mid-OCR (a native call the cooperative deadline cannot interrupt)."""
    scanned = make_pdf.scanned_pdf([["Ernst & Young LLP"] * 20] * 3)
    ticks: list[float] = []
    notes: list[str | None] = []

    def tick(waited: float, note: str | None) -> None:
        ticks.append(waited)
        notes.append(note)

    with IsolatedExtractor(Limits(timeout_seconds=30), kill_after_seconds=0.3) as worker:
        stopped = worker.extract_bytes(scanned, "stuck.pdf", tick=tick)
        worker.kill_after = 30.0  # the next file gets a fresh child and time for it: 0.3 s is only for the stuck one
        after = worker.extract_bytes(report, "next.pdf")
    assert stopped.error is not None and stopped.error.code == "timeout"
    assert stopped.file.sha256 == hashlib.sha256(scanned).hexdigest()
    assert ticks and max(ticks) < 2
    assert any(notes)  # the child said what it was doing ("page 1 of 3", "OCR of scanned pages ...")
    assert after.error is None and after.file.pages == 4


@pytest.fixture(scope="module")
def parser_bomb() -> bytes:
    """~120 KB whose single page keeps pdfium busy ~4 s inside one native call (and ~800 MB).

    Its content stream inflates to 50 MB, which ``max_stream_bytes`` refuses before pdfium opens the file
    (tests/extractors/test_budgets.py); the tests here raise that limit (``_NO_STREAM_CHECK``) to show the hard stops
    behind it: the kill on time and the memory ceiling."""
    return make_pdf.content_stream_bomb(2_000_000)


_NO_STREAM_CHECK = {"max_stream_bytes": 1 << 40}
# The deadline tests lift the memory ceiling so that the kill on time, not the ceiling, is what stops the bomb.
_NO_MEMORY_CAP = {"max_memory_mb": 1 << 16}


def test_worker_hard_stops_a_file_the_deadline_cannot_interrupt(parser_bomb: bytes, report: bytes) -> None:
    started = time.monotonic()
    with IsolatedExtractor(Limits(timeout_seconds=1.0, **_NO_STREAM_CHECK, **_NO_MEMORY_CAP)) as worker:
        stopped = worker.extract_bytes(parser_bomb, "bomb.pdf")
        elapsed = time.monotonic() - started
        after = worker.extract_bytes(report, "next.pdf")
    assert stopped.error is not None and stopped.error.code == "timeout"
    assert elapsed < 2.5  # the limit plus the grace, not the ~4 s the page would take
    assert after.error is None


def test_worker_memory_cap_turns_a_memory_bomb_into_too_large(parser_bomb: bytes, report: bytes) -> None:
    with IsolatedExtractor(Limits(timeout_seconds=60, max_memory_mb=300, **_NO_STREAM_CHECK)) as worker:
        result = worker.extract_bytes(parser_bomb, "bomb.pdf")
        after = worker.extract_bytes(report, "next.pdf")
    assert result.error is not None and result.error.code == "too_large"
    assert "memory" in result.error.message and "VA_MAX_MEMORY_MB" in result.error.message
    assert after.error is None


def test_worker_in_a_threaded_host_starts_a_fresh_interpreter(parser_bomb: bytes, report: bytes) -> None:
    """A server has threads, so forking it is unsafe: the child is then ``python -m extractors.worker``."""
    import threading

    from extractors import worker as worker_module

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not worker_module._can_fork()
        with IsolatedExtractor(Limits(timeout_seconds=1.0, **_NO_STREAM_CHECK, **_NO_MEMORY_CAP)) as worker:
            same = worker.extract_bytes(report, "r.pdf")
            stopped = worker.extract_bytes(parser_bomb, "bomb.pdf")
            after = worker.extract_bytes(report, "r.pdf")
            assert worker._proc is not None and isinstance(worker._proc.handle, subprocess.Popen)
    finally:
        stop.set()
        thread.join()
    assert same.to_dict() == extract_bytes(report, "r.pdf").to_dict() == after.to_dict()
    assert stopped.error is not None and stopped.error.code == "timeout"


def test_a_broken_tesseract_is_named_not_called_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed but failing (say the English data is missing): the message passes on Tesseract's own words."""
    broken = tmp_path / "tesseract"
    broken.write_text('#!/bin/sh\necho "Error opening data file eng.traineddata" >&2\nexit 1\n')
    broken.chmod(0o755)
    monkeypatch.setenv("VA_TESSERACT", str(broken))
    ocr.tesseract_path.cache_clear()
    try:
        result = extract_bytes(make_pdf.scanned_pdf([["Ernst & Young LLP"]]), "scan.pdf")
    finally:
        ocr.tesseract_path.cache_clear()
    assert result.error is not None and result.error.code == "no_text_layer"
    assert "OCR failed" in result.error.message and "eng.traineddata" in result.error.message


@pytest.mark.skipif(not ocr.available(), reason="needs the tesseract binary to keep the child busy")
def test_worker_abort_stops_a_file_in_progress_from_another_thread() -> None:
    """How `extract` gives up a run that reads several files at once (Ctrl-C, a closed pipe)."""
    import threading

    from extractors.worker import ExtractionAborted

    scanned = make_pdf.scanned_pdf([["Ernst & Young LLP"] * 20] * 3)
    outcome: list[BaseException | Extraction] = []
    with IsolatedExtractor(Limits(timeout_seconds=60)) as worker:

        def read() -> None:
            try:
                outcome.append(worker.extract_bytes(scanned, "busy.pdf"))
            except ExtractionAborted as exc:
                outcome.append(exc)

        thread = threading.Thread(target=read)
        thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        worker.abort()
        thread.join(10)
        assert time.monotonic() - started < 2
        assert len(outcome) == 1 and isinstance(outcome[0], ExtractionAborted)
        with pytest.raises(ExtractionAborted):
            worker.extract_bytes(scanned, "later.pdf")
