"""The extractor on the third generator family (tests/generator3): held-out documents of other certification bodies,
languages and layouts, SOC reports in other wording and gap letters.

Every field is asserted for a fixed set of seeds: the family has no known gap left (the second family keeps its
KNOWN_GAPS list and the test that holds it; a gap found here would go in such a list with what breaks).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.generator.compare import ALL_FIELDS
from tests.generator2.expect import page_texts
from tests.generator3 import BUILDERS, build

from .families import FamilyCheck

SEEDS: dict[str, Sequence[int]] = {
    "iso_27001": range(6),  # NQA, BSI, IMQ, Schellman, Kiwa, Bureau Veritas: four languages, all four layouts
    "iso_multi": range(4),
    "iso_42001": range(3),
    "soc2_type2": range(4),
    "soc2_type1": range(3),
    "soc3": range(3),
    "gap_letter": range(3),
    "iso_wave2": range(1, 4),
    "scan_iso_27001": range(1, 2),  # OCR of a whole page: one keeps the module fast
    "iso_wave3": range(8),  # each of the four layouts twice
    "scan_iso_wave3": range(2, 3),  # "three years from the date above", scanned
}

def asserted_fields(builder: str) -> tuple[str, ...]:
    return (*ALL_FIELDS, "evidence")


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


def test_the_family_covers_what_it_claims() -> None:
    """Languages, layouts, opinions and the places of management's response all occur within the seeds."""
    iso = [build(b, s)[1]["x-generator"]["variant"] for b in ("iso_27001", "iso_multi") for s in range(20)]
    assert {"de", "fr", "es", "it", "nl", "ja", "en"} <= {v["lang"] for v in iso}
    assert {"portrait", "landscape", "annex", "sentence"} <= {v["layout"] for v in iso}
    soc = [build("soc2_type2", s)[1]["x-generator"]["variant"] for s in range(20)]
    assert {"unqualified", "qualified", "adverse"} <= {v["opinion"] for v in soc}
    assert {"column", "cell", "section"} <= {v["responses"] for v in soc}


def test_japanese_dates_are_in_the_text_layer() -> None:
    seed = next(s for s in range(40) if build("iso_27001", s)[1]["x-generator"]["variant"]["dates"] == "ja")
    pdf, expected = build("iso_27001", seed)
    assert "年" in " ".join(page_texts(pdf))
    assert expected["fields"]["expiry_date"]["value"] == extracted("iso_27001", seed)["fields"]["expiry_date"]["value"]


def test_generator_is_deterministic() -> None:
    for builder in ("soc2_type2", "iso_multi", "gap_letter"):
        a, b = build(builder, 7), build(builder, 7)
        assert a[0] == b[0]
        assert a[1] == b[1]
