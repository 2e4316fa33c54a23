"""The extractor on the second generator family (tests/generator2): documents in layouts and wording it was not
written against (other firms' SOC reports, attestation letters, certificates of bodies of several countries).

Every scored field is asserted for a fixed set of seeds, except the gaps listed in KNOWN_GAPS with what breaks. The
list only shrinks: when a gap closes for every seed, test_known_gap_is_still_open fails until its entry is removed,
so an improvement is locked in by the suite. Nothing here is tuned to: the family exists to find what breaks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.generator.compare import ALL_FIELDS
from tests.generator2 import BUILDERS, build, fields_for
from tests.generator2.expect import page_texts
from tests.generator2.score import HIT, MISS, WRONG, check, classify, main

from .families import FamilyCheck

SEEDS: dict[str, Sequence[int]] = {
    "soc2_type2": range(6),  # seed % 3 picks the house style: two reports of each firm
    "soc2_type1": range(3),
    "soc3": range(3),
    "attestation_letter": range(4),  # even: Type 2, odd: Type 1
    "bridge_letter": range(4),
    "soc2_certificate": range(3),
    "lead_auditor_certificate": range(2),
    "hitrust_letter": range(3),
    "iso_27001_2022": range(4),
    "iso_42001": range(3),
    "iso_27001_27701": range(3),
    "iso_27001_local": range(4),
    "scan_iso_27001_2022": range(1),  # OCR of a whole page: one keeps the module fast
}

# (builder, field) -> what breaks today (tests/generator2/FINDINGS.md has the detail by class).
_ACCREDITATION = "the mark is an image and only its number is text ('0123', 'C 123', '4-0675', 'D-ZM-...', 'MSCB-123')"

# (builder, field) -> what breaks today (tests/generator2/FINDINGS.md has the detail by class).
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("iso_27001_2022", "accreditation_body"): _ACCREDITATION,
}


def asserted_fields(builder: str) -> tuple[str, ...]:
    base = (*(fields_for(builder) or ALL_FIELDS), "evidence")
    return tuple(f for f in base if (builder, f) not in KNOWN_GAPS)


CASES = [(b, s) for b, seeds in SEEDS.items() for s in seeds]


_FAMILY = FamilyCheck(build)
generated, extracted, failures = _FAMILY.generated, _FAMILY.extracted, _FAMILY.failures


def test_every_builder_is_exercised() -> None:
    assert set(SEEDS) == set(BUILDERS)


@pytest.mark.parametrize(("builder", "seed"), CASES, ids=[f"{b}-{s}" for b, s in CASES])
def test_extraction_matches_generated_document(builder: str, seed: int) -> None:
    misses = failures(builder, seed, asserted_fields(builder))
    variant = generated(builder, seed)[1]["x-generator"]["variant"]
    assert not misses, f"{builder} seed {seed} {variant}:\n" + "\n".join(f"  {k}: {v}" for k, v in misses.items())


GAPS = sorted(KNOWN_GAPS)


@pytest.mark.parametrize(("builder", "field"), GAPS, ids=[f"{b}-{f}" for b, f in GAPS])
def test_known_gap_is_still_open(builder: str, field: str) -> None:
    """A gap that no seed shows any more must leave KNOWN_GAPS, so the assertion above covers it from now on."""
    still = [s for s in SEEDS[builder] if field in failures(builder, seed=s, fields=(field,))]
    assert still, f"({builder!r}, {field!r}) now passes for seeds {list(SEEDS[builder])}: remove it from KNOWN_GAPS"


def test_generator_is_deterministic() -> None:
    for builder in ("soc2_type2", "attestation_letter", "iso_27001_local"):
        a, b = build(builder, 4), build(builder, 4)
        assert a[0] == b[0]
        assert a[1] == b[1]


def test_house_styles_and_artwork_vary_with_the_seed() -> None:
    tiers = {generated("soc2_type2", s)[1]["x-generator"]["variant"]["tier"] for s in range(3)}
    assert tiers == {"big", "national", "lowcost"}
    modes = {build("iso_27001_2022", s)[1]["x-generator"]["variant"]["accreditation"] for s in range(12)}
    assert {"mark_number", "mark_prefixed", "text", "none"} <= modes


def test_a_signature_drawn_as_an_image_is_not_in_the_text_layer() -> None:
    seed = next(s for s in range(30) if build("soc2_type2", s)[1]["x-generator"]["variant"]["signature"] == "image")
    pdf, expected = build("soc2_type2", seed)
    assert b"/Subtype /Image" in pdf
    report_date = expected["fields"]["report_date"]
    page = page_texts(pdf)[report_date["page"] - 1]
    assert report_date["quote"] in page  # the city and date under the picture are text


def test_expected_values_follow_the_contract(shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "extraction.schema.json").read_text())
    for builder in BUILDERS:
        if builder.startswith("scan_"):
            continue
        jsonschema.validate(generated(builder, 0)[1], schema)


def test_a_null_is_a_miss_and_another_value_is_wrong() -> None:
    _, expected = generated("iso_27001_2022", 0)
    right = {"kind": "iso_certificate", "fields": dict(expected["fields"])}
    assert classify("expiry_date", expected, right, None) == HIT
    null = {"kind": "iso_certificate", "fields": {**expected["fields"], "expiry_date": None}}
    assert classify("expiry_date", expected, null, "None != x") == MISS
    other = {**expected["fields"]["expiry_date"], "value": "1999-01-01"}
    wrong = {"kind": "iso_certificate", "fields": {**expected["fields"], "expiry_date": other}}
    assert classify("expiry_date", expected, wrong, "1999-01-01 != x") == WRONG
    assert classify("kind", expected, {"kind": "unknown"}, "unknown != iso_certificate") == MISS
    assert classify("kind", expected, {"kind": "soc2_type2"}, "soc2_type2 != iso_certificate") == WRONG


def test_score_command_prints_hits_misses_and_wrong_values(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--seeds", "1", "--builders", "attestation_letter", "iso_27001_2022"])
    out = capsys.readouterr().out
    assert "field checks" in out and "WRONG" in out and "misses" in out
    assert "attestation_letter" in out


def test_an_exception_that_runs_on_into_the_next_rows_is_wrong() -> None:
    _, expected = generated("soc2_type2", 0)
    exc = expected["fields"]["exceptions"][0]
    rest = " CC6.1-09 CC6.1 Single sign-on with hardware-backed second factors is enforced for the cloud console."
    got = {"kind": "soc2_type2", "fields": {**expected["fields"], "exceptions": [
        {**e, "value": e["value"] + (rest * 2 if e is exc else "")} for e in expected["fields"]["exceptions"]]}}
    whys = check(expected, got, ("exceptions",))
    assert "runs on" in whys["exceptions"]
    assert classify("exceptions", expected, got, whys["exceptions"]) == WRONG
    assert check(expected, {"kind": "soc2_type2", "fields": expected["fields"]}, ("exceptions",)) == {}
