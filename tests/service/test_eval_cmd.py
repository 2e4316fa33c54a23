"""`vendor-assurance eval`: scores both kinds of labelled folder through the real CLI, on PDFs built in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from service.cli.eval_cmd import norm, text_match
from tests.extractors.make_pdf import text_pdf

CERT = (
    "NORTHGATE CERTIFICATION\nCERTIFICATE OF REGISTRATION\nThis is to certify that the management system of\n"
    "Corvane Systems, Inc.\n400 Glenwood Avenue, Raleigh\nhas been registered as meeting the requirements of\n"
    "ISO/IEC 27001:2022\nCertificate number: NCL-ISMS-04512\nDate of issue: 15 March 2025\nExpiry date: 14 March 2028\n"
    "For and on behalf of Northgate Certification Ltd\nUKAS"
)


def _found(value: str) -> dict[str, object]:
    return {"value": value, "page": 1, "quote": value}


def _expected(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "vendor": _found("Corvane Systems, Inc."),
        "issuer": _found("Northgate Certification Ltd"),
        "accreditation_body": _found("UKAS"),
        "certificate_number": _found("NCL-ISMS-04512"),
        "standards": [_found("ISO/IEC 27001:2022")],
        "issue_date": {"value": "2025-03-15", "page": 1, "quote": "Date of issue: 15 March 2025"},
        "expiry_date": {"value": "2028-03-14", "page": 1, "quote": "Expiry date: 14 March 2028"},
        "report_date": None,
        "period_start": None,
        "period_end": None,
        "original_issue_date": None,
        "opinion": None,
        "tsc_categories": [],
        "scope": None,
        "subservice_organizations": [],
        "cuecs": [],
        "exceptions": [],
        "ai": {"covered": False, "evidence": []},
    }
    fields.update(overrides)
    return {"schema_version": "1", "kind": "iso_certificate", "fields": fields}


@pytest.fixture
def generated_folder(tmp_path: Path) -> Path:
    (tmp_path / "cert.pdf").write_bytes(text_pdf([CERT]))
    (tmp_path / "cert.expected.json").write_text(json.dumps(_expected()), encoding="utf-8")
    return tmp_path


def test_generated_folder_scores_every_field(generated_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(generated_folder), "--show-misses", "--evidence"]) == 0
    out = capsys.readouterr().out
    assert "all-field accuracy 100.0%" in out
    assert "evidence:issue_date" in out


def test_a_wrong_label_is_reported_as_a_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "cert.pdf").write_bytes(text_pdf([CERT]))
    wrong = _expected(expiry_date={"value": "2029-01-01", "page": 1, "quote": "x"})
    (tmp_path / "cert.expected.json").write_text(json.dumps(wrong), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--show-misses"]) == 0
    out = capsys.readouterr().out
    assert "cert.pdf: expiry_date: WRONG 2028-03-14 vs 2029-01-01" in out
    assert "all-field accuracy 100.0%" not in out


def test_labels_tsv_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "corvane_iso27001.pdf").write_bytes(text_pdf([CERT]))
    header = [
        "file",
        "kind",
        "vendor",
        "issuer",
        "standard_version",
        "report_date",
        "expiry_date",
        "certificate_number",
    ]
    row = [
        "corvane_iso27001.pdf",
        "iso27001_cert",
        "Corvane Systems",
        "Northgate Certification (NCL)",
        "ISO/IEC 27001:2022",
        "2025-03-15",
        "2028-03-14",
        "NCL-ISMS-04512",
    ]
    (tmp_path / "labels.tsv").write_text("\t".join(header) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "stated-field accuracy 100.0% (7/7" in out


def test_not_a_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["eval", str(tmp_path)]) == 2
    assert "no labelled PDFs" in capsys.readouterr().err


def test_name_matching_is_lenient_the_published_way() -> None:
    assert norm("Halvorsen & Pike LLP") == "halvorsen and pike"
    assert text_match("Microsoft Corporation", "Microsoft Corporation - Microsoft Azure (Azure & Azure Government)")
    assert not text_match("Deloitte & Touche LLP", "Ernst & Young LLP")
    assert not text_match(None, "Anything")


def test_a_wrong_value_is_counted_apart_from_a_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The expiry read differs from the label (a wrong value); the certificate number is labelled but the PDF has
    none, so it is read as null (a miss, not a wrong value)."""
    (tmp_path / "cert.pdf").write_bytes(text_pdf([CERT.replace("Certificate number: NCL-ISMS-04512\n", "")]))
    wrong = _expected(expiry_date={"value": "2029-01-01", "page": 1, "quote": "x"})
    (tmp_path / "cert.expected.json").write_text(json.dumps(wrong), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--show-misses"]) == 0
    out = capsys.readouterr().out
    assert "cert.pdf: expiry_date: WRONG 2028-03-14 vs 2029-01-01" in out
    assert "cert.pdf: certificate_number: None vs 'NCL-ISMS-04512'" in out
    expiry_row = next(line for line in out.splitlines() if line.startswith("expiry_date "))
    number_row = next(line for line in out.splitlines() if line.startswith("certificate_number "))
    assert expiry_row.split()[-1] == "1"
    assert number_row.split()[-1] == "0"
    assert "wrong values 1 (" in out
