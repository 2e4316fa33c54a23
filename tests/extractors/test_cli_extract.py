"""`vendor-assurance extract` as a user runs it: a real subprocess, several files, one of them bad."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractors import ocr

from . import make_pdf


def cli() -> list[str]:
    script = Path(sys.executable).with_name("vendor-assurance")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from service.cli import main; sys.exit(main())"]


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli(), "extract", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("cli")
    report = make_pdf.report_pdf(3)
    out = {
        "good": d / "report.pdf",
        "other": d / "second report.pdf",
        "fake": d / "invoice.pdf",
        "cut": d / "download.pdf",
        "empty": d / "empty.pdf",
    }
    out["good"].write_bytes(report)
    out["other"].write_bytes(make_pdf.report_pdf(2))
    out["fake"].write_text("<html><body>Session expired</body></html>")
    out["cut"].write_bytes(report[: len(report) // 2])
    out["empty"].write_bytes(b"")
    return out


def _lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_json_one_line_per_file_in_order_and_exit_1_when_one_is_bad(files: dict[str, Path]) -> None:
    proc = run(files["good"], files["fake"], files["cut"], files["empty"], files["other"], "--json")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = _lines(proc.stdout)
    assert [line["file"]["name"] for line in lines] == [  # type: ignore[index]
        "report.pdf",
        "invoice.pdf",
        "download.pdf",
        "empty.pdf",
        "second report.pdf",
    ]
    codes = [line.get("error", {}).get("code") for line in lines]  # type: ignore[attr-defined]
    assert codes == [None, "not_pdf", "corrupt", "empty", None]
    assert lines[0]["file"]["pages"] == 3 and lines[4]["file"]["pages"] == 2  # type: ignore[index]


def test_all_good_files_exit_0(files: dict[str, Path]) -> None:
    proc = run(files["good"], files["other"], "--json")
    assert proc.returncode == 0, proc.stderr
    assert len(_lines(proc.stdout)) == 2


def test_readable_summary_without_json(files: dict[str, Path]) -> None:
    proc = run(files["good"], files["fake"])
    assert proc.returncode == 1
    assert "✓ report.pdf" in proc.stdout and "3 pages" in proc.stdout
    assert "Field" in proc.stdout and "Vendor" in proc.stdout and "Page" in proc.stdout
    assert "✗ invoice.pdf" in proc.stdout and "not_pdf" in proc.stdout and "HTML page" in proc.stdout
    assert proc.stderr == ""  # no progress indicator when stderr is not a terminal


def test_a_missing_path_is_reported_and_the_rest_still_processed(files: dict[str, Path], tmp_path: Path) -> None:
    proc = run(tmp_path / "nope.pdf", files["good"], "--json")
    assert proc.returncode == 1
    assert "nope.pdf" in proc.stderr and "cannot read" in proc.stderr and "Traceback" not in proc.stderr
    assert [line["file"]["name"] for line in _lines(proc.stdout)] == ["report.pdf"]  # type: ignore[index]


def test_limit_flags(files: dict[str, Path]) -> None:
    proc = run(files["good"], "--json", "--max-pages", "2")
    assert _lines(proc.stdout)[0]["error"]["code"] == "too_large"  # type: ignore[index]
    proc = run(files["good"], "--json", "--max-bytes", "1KB")
    assert _lines(proc.stdout)[0]["error"]["code"] == "too_large"  # type: ignore[index]
    proc = run(files["good"], "--json", "--timeout", "0.000001")
    assert _lines(proc.stdout)[0]["error"]["code"] == "timeout"  # type: ignore[index]
    assert proc.returncode == 1


def test_limits_from_the_environment_and_a_bad_value(files: dict[str, Path]) -> None:
    proc = run(files["good"], "--json", env={"VA_MAX_PAGES": "1"})
    assert _lines(proc.stdout)[0]["error"]["code"] == "too_large"  # type: ignore[index]
    proc = run(files["good"], "--json", env={"VA_MAX_PAGES": "lots"})
    assert proc.returncode == 2 and "VA_MAX_PAGES" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_a_bad_flag_value_is_a_usage_error(files: dict[str, Path]) -> None:
    proc = run(files["good"], "--timeout", "-3")
    assert proc.returncode == 2 and "positive" in proc.stderr


def test_in_process_mode_gives_the_same_json(files: dict[str, Path]) -> None:
    isolated = run(files["good"], files["fake"], "--json")
    direct = run(files["good"], files["fake"], "--json", "--in-process")
    assert _lines(isolated.stdout) == _lines(direct.stdout)
    assert direct.returncode == 1


def test_a_directory_and_an_endless_stream_are_refused_cleanly(files: dict[str, Path], tmp_path: Path) -> None:
    proc = run(tmp_path, "/dev/zero", files["good"], "--json", "--max-bytes", "1MB")
    assert proc.returncode == 1 and "is a directory" in proc.stderr and "Traceback" not in proc.stderr
    lines = _lines(proc.stdout)
    assert [line["file"]["name"] for line in lines] == ["zero", "report.pdf"]  # type: ignore[index]
    assert lines[0]["error"]["code"] == "too_large"  # type: ignore[index]


@pytest.mark.skipif(not ocr.available(), reason="needs tesseract for a file that takes a moment")
@pytest.mark.parametrize("mode", [[], ["--in-process"]])
def test_json_is_flushed_per_file_and_progress_shows_on_a_terminal(
    files: dict[str, Path], tmp_path: Path, mode: list[str]
) -> None:
    slow = tmp_path / "scan.pdf"
    slow.write_bytes(make_pdf.scanned_pdf([["Ernst & Young LLP", "Independent Service Auditor's Report"] * 8] * 2))
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*cli(), "extract", str(files["good"]), str(slow), "--json", *mode],
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(slave)
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        assert first["file"]["name"] == "report.pdf"
        assert proc.poll() is None  # the first result arrived while the scan was still being read
        rest = proc.stdout.read()
        assert proc.wait(timeout=120) == 0
        assert json.loads(rest)["file"]["name"] == "scan.pdf"
        shown = _drain(master)
        assert "Reading scan.pdf (2/2)" in shown
        assert "report.pdf (1/2)" not in shown  # a quick file shows no spinner
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()


def _drain(fd: int) -> str:
    chunks = []
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_reader_that_stops_early_gets_no_traceback(files: dict[str, Path]) -> None:
    """`vendor-assurance extract *.pdf --json | head -1`"""
    proc = subprocess.Popen(
        [*cli(), "extract", "--json", *(str(files["good"]) for _ in range(40))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["file"]["name"] == "report.pdf"
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (0, 1)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_piped_output_keeps_whole_quotes(tmp_path: Path) -> None:
    """Not on a terminal (a pipe, a file), every quote is written whole, on one line, whatever its length."""
    from tests.generator import soc

    pdf, _expected = soc.build("soc2_type2", 3, controls=12, filler_pages=2)
    path = tmp_path / "soc2.pdf"
    path.write_bytes(pdf)
    as_json = json.loads(run(path, "--json").stdout)
    quotes = [" ".join(str(f["quote"]).split()) for f in as_json["fields"].values()
              if isinstance(f, dict) and f.get("quote")]
    assert quotes and max(len(q) for q in quotes) > 100  # long enough that a terminal would have shortened one
    plain = run(path, env={"COLUMNS": "80"}).stdout
    for quote in quotes:
        assert quote in plain, quote
