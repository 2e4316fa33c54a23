"""`vendor-assurance crosswalk` and `vendor-assurance check`, run through the real CLI parser on real PDFs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from tests.extractors.make_pdf import text_pdf

CERT = """CERTIFICATE OF REGISTRATION
This is to certify that the information security management system of
Acme Cloud Ltd
has been assessed and found to conform to the requirements of
ISO/IEC 27001:2022
Scope: The provision of the Acme Data Platform.
Certificate number: NCL-ISMS-1
Original certification date: 15 March 2019
Issue date: 15 March 2025
Expiry date: 14 March 2028
Issued by Northgate Certification Ltd
Accredited by UKAS, management systems 0001"""


@pytest.fixture()
def cert_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "acme-iso27001.pdf"
    path.write_bytes(text_pdf([CERT]))
    return path


def test_crosswalk_for_a_control(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crosswalk", "A.8.28"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A.8.28 Secure coding") and "new in 2022" in out and "CC8.1" in out


def test_crosswalk_for_a_criterion_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crosswalk", "CC6.1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "CC6.1"
    assert {"A.5.15", "A.8.5"} <= {link["id"] for link in data["links"]}
    assert all(link["relationship"] and link["reason"] for link in data["links"])


def test_crosswalk_reads_a_2013_control_in_2022_terms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crosswalk", "A.12.1.2"]) == 0
    out = capsys.readouterr().out
    assert "ISO/IEC 27001:2013" in out and "A.8.32" in out and "CC8.1" in out
    assert main(["crosswalk", "A.12.1.2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["iso2022"][0]["id"] == "A.8.32"


def test_crosswalk_for_an_item_without_counterpart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crosswalk", "A.7.7"]) == 0
    assert "no TSC 2017 counterpart" in capsys.readouterr().out


def test_crosswalk_delta_both_ways(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crosswalk", "--delta", "soc2", "iso27001"]) == 0
    out = capsys.readouterr().out
    assert "Statement of Applicability" in out and "A.5.32" in out
    assert main(["crosswalk", "--delta", "iso27001", "soc2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "P8.1" in {u["id"] for u in data["without_counterpart"]}


@pytest.mark.parametrize("argv", [["crosswalk", "ZZ9"], ["crosswalk"], ["crosswalk", "--delta", "soc2", "soc2"]])
def test_crosswalk_bad_input_is_a_clear_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("vendor-assurance: ") and "Traceback" not in err


def test_check_a_certificate_pdf(cert_pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--as-of", "2026-11-30", "--json", str(cert_pdf)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "meets"
    assert data["relied_on"] == cert_pdf.name
    for f in data["findings"]:
        assert f["severity"] and f["reason"] and (f["evidence"] or f["absence"])
    # the day after expiry
    assert main(["check", "--as-of", "2028-03-15", "--json", str(cert_pdf)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "does_not_meet"
    expired = next(f for f in data["findings"] if f["code"] == "ISO_EXPIRED")
    assert expired["evidence"][0]["page"] == 1 and "14 March 2028" in expired["evidence"][0]["quote"]


def test_check_prints_a_readable_verdict(cert_pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--as-of", "2026-11-30", "--profile", "low-risk-tool", str(cert_pdf)]) == 0
    out = capsys.readouterr().out
    assert "MEETS the profile 'low-risk-tool'" in out and "p. 1" in out


def test_check_with_a_malformed_profile_names_file_and_line(cert_pdf: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\naccept:\n  - soc2:\n      opinions: [clean]\n", encoding="utf-8")
    assert main(["check", "--profile", str(bad), str(cert_pdf)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4:" in err and "'clean'" in err


@pytest.mark.parametrize("argv", [["check", "missing.pdf"], ["check", "--profile", "nope", "x.pdf"]])
def test_check_bad_input_is_a_clear_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("vendor-assurance: ")


def test_check_a_file_that_is_not_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("hello", encoding="utf-8")
    assert main(["check", "--json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "insufficient_evidence"
    assert "DOCUMENT_UNREADABLE" in {f["code"] for f in data["findings"]}


def test_agreement_with_the_reference_crosswalks(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crosswalk", "--agreement", str(shared_dir / "reference"), "--json"]) == 0
    rows = {r["reference"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"crosswalk_tsc_iso2022.csv", "crosswalk_tsc_pof_iso2022.csv",
                         "crosswalk_tsc_series_iso2022_mit.csv"}
    for r in rows.values():
        assert 0 < r["jaccard"] <= 1 and r["shared"] <= min(r["ours"], r["ref"])


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1969-12-31", "2101-01-01", "2026-02-30", "soon"])
def test_check_as_of_outside_a_sane_range_is_a_usage_error(
    day: str, cert_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--as-of", day, str(cert_pdf)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--as-of" in err and "Traceback" not in err
