"""The frameworks' shape: counts and identifiers as the standards publish them."""

from __future__ import annotations

from collections import Counter

import pytest

from knowledge.catalogues import catalogues, normalize_iso_id


def test_annex_a_2022_has_93_controls_in_four_themes() -> None:
    annex = catalogues().annex_a
    assert len(annex) == 93
    assert Counter(c.theme for c in annex.values()) == {
        "Organizational": 37, "People": 8, "Physical": 14, "Technological": 34}


def test_eleven_controls_are_new_in_2022() -> None:
    new = {c.id for c in catalogues().annex_a.values() if c.new_in_2022}
    assert new == {"A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11", "A.8.12", "A.8.16",
                   "A.8.23", "A.8.28"}


def test_isms_clauses_4_to_10() -> None:
    clauses = catalogues().clauses
    assert sorted((c.id for c in clauses.values() if c.level == 1), key=int) == ["4", "5", "6", "7", "8", "9", "10"]
    assert {"6.1.2", "6.1.3", "9.2", "9.3", "10.2"} <= set(clauses)


def test_annex_a_2013_has_114_controls_all_mapped_to_2022() -> None:
    cat = catalogues()
    assert len(cat.annex_a_2013) == 114
    mapped = {c.iso2013_id for c in cat.correspondence if c.kind == "annex_a"}
    assert mapped == set(cat.annex_a_2013)
    assert all(c.iso2022_id in cat.annex_a for c in cat.correspondence if c.kind == "annex_a")


@pytest.mark.parametrize(("old", "new"), [("A.12.1.2", "A.8.32"), ("A.6.1.2", "A.5.3"), ("a 9.4.5", None)])
def test_2013_control_reads_in_2022_terms(old: str, new: str | None) -> None:
    rows = catalogues().controls_2022_for_2013(old)
    if new is None:
        assert all(r.iso2022_id.startswith("A.") for r in rows)
    else:
        assert new in {r.iso2022_id for r in rows}


def test_tsc_2017_has_61_criteria_by_category() -> None:
    tsc = catalogues().tsc
    assert len(tsc) == 61
    assert Counter(c.category for c in tsc.values()) == {
        "security": 33, "availability": 3, "confidentiality": 2, "processing_integrity": 5, "privacy": 18}


def test_iso42001_annex_a_has_38_controls() -> None:
    assert len(catalogues().iso42001) == 38


def test_nist_ai_rmf_has_4_functions_and_19_categories() -> None:
    levels = Counter(i.level for i in catalogues().nist_ai_rmf.values())
    assert levels["function"] == 4
    assert levels["category"] == 19
    assert {i.id for i in catalogues().nist_ai_rmf.values() if i.level == "function"} == {
        "GOVERN", "MAP", "MEASURE", "MANAGE"}


@pytest.mark.parametrize(("raw", "want"), [("8.28", "8.28"), ("A 8.28", "A.8.28"), ("a.5.7", "A.5.7"),
                                           ("A.8.28", "A.8.28")])
def test_normalize_iso_id(raw: str, want: str) -> None:
    assert normalize_iso_id(raw) == want


def test_every_42001_group_links_to_real_nist_ai_rmf_categories() -> None:
    from knowledge.ai import ai_links, nist_categories_not_reached, nist_categories_reached

    cat = catalogues()
    groups = {c.group_id for c in cat.iso42001.values()}
    assert len(groups) == 9
    assert {link.group_id for link in ai_links()} == groups
    reached = nist_categories_reached()
    assert {c.split()[0] for c in reached} == {"GOVERN", "MAP", "MEASURE", "MANAGE"}
    assert len(reached) + len(nist_categories_not_reached()) == 19
