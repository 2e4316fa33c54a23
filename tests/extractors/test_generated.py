"""The extractor on generated documents: a fixed set of seeds for every builder, every asserted field checked.

The documents come from tests/generator (layouts, phrasings, date formats, tables across pages, headers,
footers and watermarks vary with the seed); their expected values come from what the generator printed.
A field listed in KNOWN_GAPS is left out of the assertion for that builder, with the reason, so the gap
stays visible instead of hidden in a weaker test.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import extract_bytes
from tests.generator import BUILDERS, build
from tests.generator.compare import ALL_FIELDS, compare, evidence_problems, is_interleaved, is_scanned
from tests.generator.expect import page_texts
from tests.generator.golden import stable

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "service" / "examples"

SEEDS: dict[str, Sequence[int]] = {
    "soc2_type2": range(8),
    "soc2_type1": range(4),
    "soc3": range(4),
    "soc2_type2_columns": range(3),
    "soc1_type2": range(3),
    "bridge_letter": [0, 1, 2, 3, 4, 6, 31],  # 6 and 31 print the bridge period's year once
    "iso_27001_2022": range(4),
    "iso_27001_2013": range(3),
    "iso_27001_27017_27018": range(3),
    "iso_27701": range(3),
    "iso_42001": range(3),
    "iso_27001_27701": range(2),
    **{f"iso_27001_{lang}": range(2) for lang in ("de", "fr", "es", "it", "nl", "pt")},  # see test_iso_languages
    "pentest_letter": range(3),
    "whitepaper": range(3),
    "soc2_certificate": range(3),
    "iso_readiness_letter": range(2),
    "soc2_readiness_letter": range(3),
    # Scans go through OCR (a few seconds a page): one each keeps the suite fast.
    "scan_iso_27001_2022": range(1),
    "scan_bridge_letter": range(1),
}

# Fields a negative (not an assurance report) is checked on: what it is, whose it is, and that nothing
# an assurance report would state is invented for it.
NEGATIVE_FIELDS = ("kind", "vendor", "issuer", "certificate_number", "report_date", "period_start", "period_end",
                   "issue_date", "expiry_date", "opinion", "tsc_categories", "subservice_organizations", "cuecs",
                   "exceptions")

NEGATIVES = ("pentest_letter", "whitepaper", "soc2_certificate", "iso_readiness_letter", "soc2_readiness_letter")

# (builder, field) -> why it is not asserted yet.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def asserted_fields(builder: str) -> tuple[str, ...]:
    base = NEGATIVE_FIELDS if builder in NEGATIVES else ALL_FIELDS
    return tuple(f for f in base if (builder, f) not in KNOWN_GAPS)


CASES = [(b, s) for b, seeds in SEEDS.items() for s in seeds]


@cache
def generated(builder: str, seed: int) -> tuple[bytes, dict[str, Any]]:
    return build(builder, seed)


def test_every_builder_is_exercised() -> None:
    assert set(SEEDS) == set(BUILDERS)


@pytest.mark.parametrize(("builder", "seed"), CASES, ids=[f"{b}-{s}" for b, s in CASES])
def test_extraction_matches_generated_document(builder: str, seed: int) -> None:
    pdf, expected = generated(builder, seed)
    got = extract_bytes(pdf, expected["file"]["name"]).to_dict()
    misses = compare(expected, got, asserted_fields(builder))
    variant = expected["x-generator"]["variant"]
    assert not misses, f"{builder} seed {seed} {variant}:\n" + "\n".join(f"  {k}: {v}" for k, v in misses.items())


TEXT_LAYER_CASES = [(b, s) for b, s in CASES[::3] if not b.startswith("scan_")]


@pytest.mark.parametrize(("builder", "seed"), TEXT_LAYER_CASES, ids=[f"{b}-{s}" for b, s in TEXT_LAYER_CASES])
def test_every_quote_is_on_the_page_it_cites(builder: str, seed: int) -> None:
    pdf, expected = generated(builder, seed)
    got = extract_bytes(pdf, expected["file"]["name"]).to_dict()
    assert evidence_problems(got, page_texts(pdf), columns=is_interleaved(expected)) == []


FAST_BUILDERS = [b for b in sorted(SEEDS) if (b, "kind") not in KNOWN_GAPS and not b.startswith("scan_")]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(builder=st.sampled_from(FAST_BUILDERS), seed=st.integers(min_value=1000, max_value=10**6))
def test_any_seed_gets_the_kind_right_and_cites_real_quotes(builder: str, seed: int) -> None:
    """Beyond the fixed seeds: whatever the variant, the kind is right and every quote is where it says."""
    pdf, expected = build(builder, seed)
    got = extract_bytes(pdf, expected["file"]["name"]).to_dict()
    assert compare(expected, got, ("kind",)) == {}
    assert is_scanned(expected) or evidence_problems(got, page_texts(pdf), columns=is_interleaved(expected)) == []


def test_generator_is_deterministic() -> None:
    for builder in ("soc2_type2", "bridge_letter", "iso_27001_27017_27018", "whitepaper"):
        a, b = build(builder, 3), build(builder, 3)
        assert a[0] == b[0]
        assert a[1] == b[1]


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_generator_matches_golden_file(path: Path) -> None:
    golden = json.loads(path.read_text())
    builder, seed = golden["builder"], golden["seed"]
    _, expected = build(builder, seed)
    assert stable(expected) == golden["expected"], "if intended: python -m tests.generator.golden --write"


def test_golden_files_exist() -> None:
    assert len(list(GOLDEN.glob("*.json"))) >= 4


def test_expected_values_follow_the_contract(shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "extraction.schema.json").read_text())
    for builder in BUILDERS:
        _, expected = generated(builder, 0)
        jsonschema.validate(expected, schema)


def _extract_example(name: str) -> dict[str, Any]:
    path = EXAMPLES / name
    return extract_bytes(path.read_bytes(), name).to_dict()


def test_bundled_examples_are_small_pdfs() -> None:
    pdfs = sorted(EXAMPLES.glob("*.pdf"))
    assert len(pdfs) >= 4
    for p in pdfs:
        assert p.read_bytes().startswith(b"%PDF-")
        assert p.stat().st_size < 30 * 1024, p.name


def test_bundled_soc2_example_shows_an_exception_and_a_carve_out() -> None:
    got = _extract_example("quillfeather-soc2-type2-2026.pdf")
    f = got["fields"]
    assert got["kind"] == "soc2_type2"
    assert f["vendor"]["value"].startswith("Quillfeather Analytics")
    assert (f["period_start"]["value"], f["period_end"]["value"]) == ("2025-07-01", "2026-06-30")
    assert len(f["exceptions"]) == 1 and f["exceptions"][0]["management_response"]
    assert [(s["value"], s["method"]) for s in f["subservice_organizations"]] == [
        ("Cumulus Hosting Services, Inc.", "carve-out")]


def test_bundled_certificates_show_expiry_and_the_old_edition() -> None:
    cert = _extract_example("quillfeather-iso27001-2022-certificate.pdf")
    assert cert["kind"] == "iso_certificate"
    assert cert["fields"]["expiry_date"]["value"] == "2027-02-14"
    assert [s["value"] for s in cert["fields"]["standards"]] == ["ISO/IEC 27001:2022"]
    old = _extract_example("pebblestack-iso27001-2013-certificate.pdf")
    assert [s["value"] for s in old["fields"]["standards"]] == ["ISO/IEC 27001:2013"]
    assert any("2013" in w for w in old["warnings"])
    bridge = _extract_example("quillfeather-bridge-letter-2026.pdf")
    assert bridge["kind"] == "bridge_letter"
    assert (bridge["fields"]["period_start"]["value"], bridge["fields"]["period_end"]["value"]) == (
        "2026-07-01", "2026-10-09")
