"""The extractor on the fourth generator family (tests/generator4): SOC report structures and letters the first
three never printed, and documents that name SOC 2 without being a report.

As for the other families: every scored field is asserted for a fixed set of seeds (tests/generator4/FINDINGS.md has
the measurements before and after the rules these documents led to).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.generator.compare import ALL_FIELDS
from tests.generator2.expect import page_texts
from tests.generator4 import BUILDERS, build, fields_for

from .families import FamilyCheck

SEEDS: dict[str, Sequence[int]] = {
    "soc2_type2": range(7),  # Section I-V / 1.-5., Other Information, HIPAA and CSA STAR tables, two systems
    "soc2_type1": range(3),
    "soc1": range(2),
    "soc3": range(4),  # old- and new-style auditor's reports
    "bridge_letter": range(3),
    "readiness_letter": range(3),
    "marketing_page": range(3),
    "soc2_type2_wave2": (0, 4, 11),  # qualified opinions split after "In our opinion,"
    "soc2_type1_wave2": (2, 6),  # CUECs beside the criterion's wording
}
CASES = [(b, s) for b, seeds in SEEDS.items() for s in seeds]


_FAMILY = FamilyCheck(build)
generated, extracted = _FAMILY.generated, _FAMILY.extracted


def test_every_builder_is_exercised() -> None:
    assert set(SEEDS) == set(BUILDERS)


@pytest.mark.parametrize(("builder", "seed"), CASES, ids=[f"{b}-{s}" for b, s in CASES])
def test_extraction_matches_generated_document(builder: str, seed: int) -> None:
    misses = _FAMILY.failures(builder, seed, (*(fields_for(builder) or ALL_FIELDS), "evidence"))
    variant = generated(builder, seed)[1]["x-generator"]["variant"]
    assert not misses, f"{builder} seed {seed} {variant}:\n" + "\n".join(f"  {k}: {v}" for k, v in misses.items())


def test_the_family_covers_what_it_claims() -> None:
    soc = [build(k, s)[1]["x-generator"]["variant"] for k in ("soc2_type2", "soc2_type1") for s in range(12)]
    wave2 = [build(k, s)[1]["x-generator"]["variant"] for k in ("soc2_type2_wave2", "soc2_type1_wave2")
             for s in range(12)]
    assert {"criterion_text", "numbered", "plain"} == {v["cuec_style"] for v in wave2}
    assert {True, False} == {v["qualified"] for v in wave2} == {v["v_table"] for v in wave2}
    assert {"roman", "roman_upper", "decimal"} == {v["headings"] for v in soc}
    assert {"none", "hipaa", "csa"} == {v["extra"] for v in soc}
    for flag in ("other_info", "two_systems", "split_opinion", "assertion_style", "carve_list", "cuec_two_col"):
        assert {True, False} == {v[flag] for v in soc}, flag
    assert {"SOC 2 Type II", "SOC 2® Type 2", "SOC 2 Type I", "SOC 2® Type 1"} <= {v["type_words"] for v in soc}
    assert {True, False} == {build("soc3", s)[1]["x-generator"]["variant"]["old_style"] for s in range(8)}


def test_other_information_restates_exceptions_that_are_counted_once() -> None:
    """Section V repeats each exception under "Control X" with management's response: the response is attached,
    the repetition is no second exception (the test above compares the whole list; this pins the case down)."""
    seed = next(s for s in range(12) if (v := build("soc2_type2", s)[1]["x-generator"]["variant"])["other_info"]
                and v["extra"] != "none")
    pdf, expected = generated("soc2_type2", seed)
    text = " ".join(page_texts(pdf))
    assert "Other Information Provided by" in text
    got = extracted("soc2_type2", seed)["fields"]["exceptions"]
    assert sorted(e["control"] for e in got) == sorted(e["control"] for e in expected["fields"]["exceptions"])
    for e in got:
        assert e["management_response"] and not e["management_response"].lower().startswith("management’s response")
        assert text.count(e["value"].split(": ", 1)[-1][:30]) >= 2  # stated in the tests and again in Section V


@pytest.mark.parametrize("builder", ["readiness_letter", "marketing_page"])
def test_documents_that_only_name_soc2_say_why_they_are_not_reports(builder: str) -> None:
    got = extracted(builder, 0)
    assert got["kind"] == "unknown"
    assert any(w.startswith("Not a SOC") for w in got["warnings"]), got["warnings"]


def test_soc1_is_never_a_soc2_report() -> None:
    for seed in range(3):
        assert extracted("soc1", seed)["kind"] == "soc1"
