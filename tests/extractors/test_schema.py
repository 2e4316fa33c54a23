"""The CLI's --json output is the contract: every line validates against extraction.schema.json.

The schema is carried in the repository (tests/contract/) because it is the project's own interface and CI on a fresh
clone has no ../shared; when ../shared is present, the copy must be identical to the original.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from reportlab.lib.pdfencrypt import StandardEncryption

from extractors.limits import Limits
from extractors.reader import extract_bytes

from . import make_pdf

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "contract" / "extraction.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, obj: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(obj)]


def _cli_json(*paths: Path) -> tuple[int, list[dict[str, Any]]]:
    script = Path(sys.executable).with_name("vendor-assurance")
    cmd = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]
    )
    proc = subprocess.run(
        [*cmd, "extract", "--json", *map(str, paths)], capture_output=True, text=True, timeout=300, env=os.environ
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()]


def test_the_schema_copy_matches_the_shared_contract(shared_dir: Path) -> None:
    original = shared_dir / "contract" / "extraction.schema.json"
    assert SCHEMA_PATH.read_bytes() == original.read_bytes(), "tests/contract/extraction.schema.json is out of date"


def test_cli_json_lines_validate_for_good_and_bad_files(validator: Draft202012Validator, tmp_path: Path) -> None:
    report = make_pdf.report_pdf(3)
    inputs = {
        "good.pdf": report,
        "scan.pdf": make_pdf.scanned_pdf([["Report of Independent Accountants", "Ernst & Young LLP"]]),
        "notpdf.pdf": b"PK\x03\x04 a zip",
        "locked.pdf": make_pdf.text_pdf([make_pdf.LOREM], encrypt=StandardEncryption("pw", ownerPassword="o")),
        "cut.pdf": report[:1000],
        "empty.pdf": b"",
        "blank.pdf": make_pdf.blank_pdf(),
    }
    paths = []
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    status, lines = _cli_json(*paths)
    assert status == 1 and len(lines) == len(inputs)
    for line in lines:
        assert _errors(validator, line) == [], line["file"]["name"]
    assert {line["file"]["name"]: line.get("error", {}).get("code") for line in lines} == {
        "good.pdf": None,
        "scan.pdf": lines[1].get("error", {}).get("code"),  # no_text_layer without Tesseract, else read
        "notpdf.pdf": "not_pdf",
        "locked.pdf": "encrypted",
        "cut.pdf": "corrupt",
        "empty.pdf": "empty",
        "blank.pdf": "empty",
    }


@pytest.mark.parametrize(
    ("data", "limits"),
    [
        (b"", Limits()),
        (b"hello", Limits()),
        (make_pdf.report_pdf(3), Limits(max_pages=1)),
        (make_pdf.report_pdf(3), Limits(max_bytes=100)),
        (make_pdf.report_pdf(3), Limits(timeout_seconds=1e-9)),
    ],
)
def test_error_objects_validate(validator: Draft202012Validator, data: bytes, limits: Limits) -> None:
    result = extract_bytes(data, "x.pdf", limits=limits).to_dict()
    assert "error" in result
    assert _errors(validator, result) == []


@pytest.mark.shared
def test_cli_json_validates_on_every_shared_sample(validator: Draft202012Validator, shared_dir: Path) -> None:
    pdfs = sorted((shared_dir / "samples").glob("*.pdf"))  # real/ is covered by test_ocr and the eval command
    status, lines = _cli_json(*pdfs)
    assert len(lines) == len(pdfs)
    for line in lines:
        assert _errors(validator, line) == [], line["file"]["name"]
        assert "error" not in line, line["error"]
    assert status == 0
