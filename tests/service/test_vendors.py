"""Vendor records and fuzzy search, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from service.vendors import service
from service.vendors.models import VendorCreate, VendorUpdate
from service.vendors.names import NameIndex, normalize


def _seed(db_session: Session) -> dict[str, int]:
    ids = {}
    for name, aliases in [
        ("ACME Cloud, Inc.", ["Acme", "acme.io"]),
        ("Globex Corporation", []),
        ("Initech LLC", ["Initrode"]),
        ("Umbrella Health Systems GmbH", []),
        ("Acumen Data Labs Ltd", []),
    ]:
        ids[name] = service.create(db_session=db_session, vendor_in=VendorCreate(name=name, aliases=aliases)).id
    return ids


def test_normalize_drops_case_punctuation_and_legal_suffixes() -> None:
    assert normalize("ACME Cloud, Inc.") == "acme cloud"
    assert normalize("Société Générale S.A.") == "societe generale"
    assert normalize("Inc.") == "inc"  # a name made only of a suffix keeps it rather than vanishing


def test_search_finds_names_aliases_and_typos(db_session: Session) -> None:
    ids = _seed(db_session)
    acme = ids["ACME Cloud, Inc."]
    for query in ("acme", "ACME cloud", "acme clod", "Acmee Cloud Inc", "acme.io"):
        hits = service.search(db_session=db_session, q=query)
        assert hits, query
        assert hits[0].vendor.id == acme, (query, [(h.vendor.name, h.score) for h in hits])
    initrode = service.search(db_session=db_session, q="initrode")
    assert initrode[0].vendor.id == ids["Initech LLC"] and initrode[0].matched == "Initrode"
    assert service.search(db_session=db_session, q="zzqx") == []
    scores = [h.score for h in service.search(db_session=db_session, q="ac")]
    assert scores == sorted(scores, reverse=True)


def test_search_sees_new_and_renamed_vendors_at_once(db_session: Session) -> None:
    _seed(db_session)
    assert service.search(db_session=db_session, q="hooli") == []
    hooli = service.create(db_session=db_session, vendor_in=VendorCreate(name="Hooli XYZ"))
    assert service.search(db_session=db_session, q="hooli")[0].vendor.id == hooli.id
    service.update(db_session=db_session, vendor_id=hooli.id, vendor_in=VendorUpdate(aliases=["Nucleus"]))
    assert service.search(db_session=db_session, q="nucleus")[0].vendor.id == hooli.id


def test_create_refuses_a_duplicate_name_and_update_changes_only_given_fields(db_session: Session) -> None:
    ids = _seed(db_session)
    with pytest.raises(service.VendorExists):
        service.create(db_session=db_session, vendor_in=VendorCreate(name="acme cloud inc"))
    vid = ids["Globex Corporation"]
    service.update(
        db_session=db_session,
        vendor_id=vid,
        vendor_in=VendorUpdate(tier="critical", services=["payroll"], processes_data_with_ai=True, owner="kim"),
    )
    v = service.update(db_session=db_session, vendor_id=vid, vendor_in=VendorUpdate(owner="lee"))
    assert (v.tier, v.services, v.processes_data_with_ai, v.owner) == ("critical", ["payroll"], True, "lee")
    with pytest.raises(service.VendorExists):
        service.update(db_session=db_session, vendor_id=vid, vendor_in=VendorUpdate(name="Initech"))
    with pytest.raises(service.VendorNotFound):
        service.update(db_session=db_session, vendor_id=999_999, vendor_in=VendorUpdate(owner="x"))


def test_match_name_attaches_clear_matches_and_flags_uncertain_ones(db_session: Session) -> None:
    ids = _seed(db_session)
    exact = service.match_name(db_session=db_session, name="Acme Cloud Inc.", auto=92, floor=75)
    assert (exact.status, exact.vendor_id) == ("exact", ids["ACME Cloud, Inc."])
    alias = service.match_name(db_session=db_session, name="Initrode", auto=92, floor=75)
    assert (alias.status, alias.vendor_id) == ("exact", ids["Initech LLC"])
    suffix_typo = service.match_name(db_session=db_session, name="Globex Corporaton", auto=92, floor=75)
    assert (suffix_typo.status, suffix_typo.vendor_id) == ("exact", ids["Globex Corporation"])
    typo = service.match_name(db_session=db_session, name="Umbrela Health Systems", auto=92, floor=75)
    assert (typo.status, typo.vendor_id) == ("fuzzy", ids["Umbrella Health Systems GmbH"])
    unsure = service.match_name(db_session=db_session, name="Acme Cloud Services", auto=92, floor=75)
    assert unsure.status == "uncertain" and unsure.vendor_id is None
    assert unsure.candidate_id == ids["ACME Cloud, Inc."]
    new = service.match_name(db_session=db_session, name="Wayne Enterprises", auto=92, floor=75)
    assert (new.status, new.vendor_id) == ("created", None)
    assert service.match_name(db_session=db_session, name=None, auto=92, floor=75).status == "unknown"


def test_name_index_scales_to_ten_thousand_names() -> None:
    import time

    entries = [(i, f"Vendor{i:05d} {('Cloud', 'Data', 'Labs', 'Systems')[i % 4]} Inc") for i in range(10_000)]
    entries.append((10_000, "ACME Cloud, Inc."))
    index = NameIndex(entries)
    started = time.perf_counter()
    for _ in range(20):
        hits = index.search("acme")
    elapsed = (time.perf_counter() - started) / 20
    assert hits[0].vendor_id == 10_000
    assert index.search("vendor01234 labs")[0].vendor_id == 1234
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms per search"
