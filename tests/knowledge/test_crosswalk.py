"""The project's own crosswalk: every id real, every criterion and control accounted for, every link reasoned."""

from __future__ import annotations

import pytest

import knowledge.crosswalk as cwmod
from knowledge.catalogues import RELATIONSHIPS, CatalogueError, catalogues
from knowledge.crosswalk import controls_for, criteria_for, crosswalk, delta, resolve_iso_id


def test_every_id_in_the_crosswalk_exists_in_its_catalogue() -> None:
    cat = catalogues()
    for link in crosswalk().links:
        assert link.tsc_id in cat.tsc
        assert link.iso_id in cat.annex_a or link.iso_id in cat.clauses
    for u in crosswalk().unmapped:
        assert u.id in (cat.tsc if u.framework == "tsc" else cat.annex_a)


def test_all_61_criteria_and_93_controls_are_linked_or_listed_without_counterpart() -> None:
    cat = catalogues()
    cw = crosswalk()
    linked_tsc = {link.tsc_id for link in cw.links}
    linked_iso = {link.iso_id for link in cw.links}
    listed = {u.id for u in cw.unmapped}
    assert set(cat.tsc) == (linked_tsc | listed) & set(cat.tsc)
    assert set(cat.annex_a) == (linked_iso | listed) & set(cat.annex_a)
    assert not (linked_tsc | linked_iso) & listed


def test_every_link_is_typed_and_reasoned_and_unique() -> None:
    links = crosswalk().links
    assert all(link.relationship in RELATIONSHIPS and len(link.reason) > 20 for link in links)
    assert len({(link.tsc_id, link.iso_id) for link in links}) == len(links)
    assert all(len(u.reason) > 20 for u in crosswalk().unmapped)
    # ISMS clauses appear as well as Annex A controls.
    assert any(link.iso_kind == "clause" for link in links)


@pytest.mark.parametrize(("criterion", "expected"), [("CC6.1", "A.8.5"), ("CC8.1", "A.8.32"), ("CC3.2", "6.1.2"),
                                                     ("A1.2", "A.8.13"), ("cc7.3", "A.5.25")])
def test_controls_for_a_criterion(criterion: str, expected: str) -> None:
    assert expected in {link.iso_id for link in controls_for(criterion)}


@pytest.mark.parametrize(("control", "expected"), [("A.8.28", "CC8.1"), ("8.28", "CC8.1"), ("A.5.25", "CC7.3"),
                                                   ("9.2", "CC4.1")])
def test_criteria_for_a_control_or_clause(control: str, expected: str) -> None:
    assert expected in {link.tsc_id for link in criteria_for(control)}


def test_ambiguous_bare_numbers_prefer_clauses_then_controls() -> None:
    assert resolve_iso_id("9.2") == "9.2"
    assert resolve_iso_id("8.28") == "A.8.28"


def test_delta_soc2_to_iso_names_the_isms_the_soa_and_controls_without_counterpart() -> None:
    d = delta("soc2", "iso27001")
    text = " ".join(d.management_system)
    assert "Statement of Applicability" in text and "9.2 Internal audit" in text
    ids = {u.id for u in d.items_without_counterpart}
    assert ids and ids <= set(catalogues().annex_a)


def test_delta_iso_to_soc2_names_report_features_and_criteria_without_counterpart() -> None:
    d = delta("iso27001", "soc2")
    assert any("Type 2" in line for line in d.management_system)
    assert {u.id for u in d.items_without_counterpart} <= set(catalogues().tsc)
    with pytest.raises(ValueError):
        delta("soc2", "soc2")


@pytest.mark.parametrize(("row", "message"), [
    ({"tsc_id": "CC9.9", "iso_id": "A.5.1", "relationship": "equal", "reason": "x"}, "not a TSC 2017 criterion"),
    ({"tsc_id": "CC1.1", "iso_id": "A.9.1", "relationship": "equal", "reason": "x"}, "not an Annex A 2022 control"),
    ({"tsc_id": "CC1.1", "iso_id": "A.5.1", "relationship": "related", "reason": "x"}, "relationship"),
    ({"tsc_id": "CC1.1", "iso_id": "A.5.1", "relationship": "equal", "reason": ""}, "one-line reason"),
])
def test_a_damaged_crosswalk_file_is_refused_with_its_line(monkeypatch: pytest.MonkeyPatch, row: dict[str, str],
                                                           message: str) -> None:
    real = cwmod._rows

    def rows(name: str) -> list[dict[str, str]]:
        return [row, *real(name)] if name == "crosswalk.csv" else real(name)

    monkeypatch.setattr(cwmod, "_rows", rows)
    with pytest.raises(CatalogueError, match=message) as info:
        cwmod._load()
    assert "line 2" in str(info.value)


def test_incomplete_coverage_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cwmod._rows
    monkeypatch.setattr(cwmod, "_rows", lambda name: [r for r in real(name) if r.get("id") != "A.7.7"])
    with pytest.raises(CatalogueError, match="A.7.7"):
        cwmod._load()
