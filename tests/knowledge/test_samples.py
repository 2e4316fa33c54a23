"""The done-check: each ../shared sample against the default profile, as of 30 November 2026.

The expected verdicts are a reviewer's reading of each document (see docs/profiles.md for the reasoning); the
test runs both on the hand-checked expected JSON (the knowledge engine alone) and on the PDFs through the CLI
(extraction + assessment), and checks every finding is cited.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cli import main
from extractors.model import Extraction
from knowledge import assess, default_profile

AS_OF = date(2026, 11, 30)
# sample -> (verdict, a finding code the verdict rests on)
EXPECTED = {
    "brightpath-soc2-type2-fy2025": ("does_not_meet", "SOC_OPINION_QUALIFIED"),
    "corvane-iso27001-certificate": ("meets", "AI_COVERED"),
    "corvane-soc2-type2-2025": ("insufficient_evidence", "SOC_STALE"),
    "fernhill-soc3-2025": ("insufficient_evidence", "NO_ACCEPTED_EVIDENCE"),
    "halcyon-iso27701-certificate": ("insufficient_evidence", "ISO_EXTENSION_WITHOUT_BASE"),
    "halcyon-soc2-type1-2025": ("insufficient_evidence", "SOC2_TYPE1"),
    "ledgerline-bridge-letter-2026q2": ("insufficient_evidence", "BRIDGE_WITHOUT_REPORT"),
    "ledgerline-soc2-type2-2026": ("meets_with_findings", "EXCEPTION_REQUIRED"),
    "nimbleroot-soc2-type2-2026": ("meets_with_findings", "EXCEPTION_REQUIRED"),
    "ostrander-security-whitepaper": ("insufficient_evidence", "NO_EVIDENCE"),
    "parcelwise-soc2-type2-2026": ("meets_with_findings", "CARVE_OUT_HOSTING"),
    "pellucid-iso27001-2013-certificate": ("does_not_meet", "ISO_2013_LAPSED"),
    "sablewood-iso27001-27017-27018": ("meets", "ISO_SURVEILLANCE"),
    "tidewell-pentest-summary-2026": ("insufficient_evidence", "NO_EVIDENCE"),
    "tidewell-soc2-type2-2026": ("meets_with_findings", "EXCEPTION_REQUIRED"),
    "verdigris-iso42001-certificate": ("insufficient_evidence", "NO_ACCEPTED_EVIDENCE"),
}

pytestmark = pytest.mark.shared


def _cited(findings: list[dict[str, object]]) -> None:
    for f in findings:
        assert f["evidence"] or f["absence"], f
        for c in f["evidence"]:  # type: ignore[attr-defined]
            if c["quote"]:
                assert c["page"], f


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_expected_json_against_the_default_profile(shared_dir: Path, stem: str) -> None:
    data = json.loads((shared_dir / "samples" / f"{stem}.expected.json").read_text(encoding="utf-8"))
    result = assess([Extraction.from_dict(data)], default_profile(), AS_OF)
    verdict, code = EXPECTED[stem]
    assert result.verdict == verdict, [f.to_dict() for f in result.findings]
    assert code in {f.code for f in result.findings}
    _cited([f.to_dict() for f in result.findings])


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_check_each_sample_pdf(shared_dir: Path, stem: str, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = shared_dir / "samples" / f"{stem}.pdf"
    status = main(["check", "--as-of", AS_OF.isoformat(), "--json", str(pdf)])
    data = json.loads(capsys.readouterr().out)
    verdict, code = EXPECTED[stem]
    assert data["verdict"] == verdict
    assert status == (0 if verdict in ("meets", "meets_with_findings") else 1)
    assert code in {f["code"] for f in data["findings"]}
    _cited(data["findings"])


def test_a_vendors_documents_together(shared_dir: Path) -> None:
    """Ledgerline's report with its bridge letter: the letter has lapsed; Corvane's certificate carries its
    stale report."""
    samples = shared_dir / "samples"

    def load(stem: str) -> Extraction:
        return Extraction.from_dict(json.loads((samples / f"{stem}.expected.json").read_text(encoding="utf-8")))

    ledger = assess([load("ledgerline-soc2-type2-2026"), load("ledgerline-bridge-letter-2026q2")],
                    default_profile(), AS_OF)
    assert ledger.verdict == "meets_with_findings" and "BRIDGE_LAPSED" in {f.code for f in ledger.findings}
    corvane = assess([load("corvane-soc2-type2-2025"), load("corvane-iso27001-certificate")], default_profile(),
                     AS_OF)
    assert corvane.verdict == "meets" and corvane.relied_on == "corvane-iso27001-certificate.pdf"
