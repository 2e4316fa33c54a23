"""Vendor identity: 100 distinct vendors never attach to one another; short names people use find their vendor."""

from __future__ import annotations

import random
import time

from sqlalchemy.orm import Session

from service.vendors import service as vendors
from service.vendors.models import VendorCreate
from service.vendors.names import normalize


def test_hundred_distinct_vendors_no_wrong_attach(db_session: Session) -> None:
    """100 documents from 100 distinct vendors, in the generator's naming style (names sharing first words,
    suffixes in several languages): no document goes to another vendor, at most 10 % wait as uncertain."""
    from tests.generator import words

    rng = random.Random(12)
    names: dict[str, str] = {}
    while len(names) < 100:
        org = words.vendor(rng, european=rng.random() < 0.4)
        names.setdefault(normalize(org.name), org.name)
    created: dict[str, int] = {}
    uncertain = wrong = 0
    started = time.perf_counter()
    for name in names.values():
        match = vendors.match_name(db_session=db_session, name=name, auto=92, floor=75)
        if match.status == "uncertain":
            uncertain += 1
            continue
        if match.vendor_id is not None:
            wrong += 1
            continue
        created[name] = vendors.create(db_session=db_session, vendor_in=VendorCreate(name=name)).id
    assert wrong == 0
    assert uncertain <= 10, uncertain
    assert time.perf_counter() - started < 30


def test_short_names_and_acronyms_find_their_vendor(db_session: Session) -> None:
    ids = {n: vendors.create(db_session=db_session, vendor_in=VendorCreate(name=n)).id for n in (
        "Amazon Web Services, Inc.", "Google Cloud Platform LLC", "Microsoft Corporation",
        "Quillfeather Analytics, Inc.", "Quillfeather Payments GmbH", "Brightpath Health Technologies, LLC",
        "Northwind Traders Ltd d/b/a QuickShip")}
    for typed, name in (("AWS", "Amazon Web Services, Inc."), ("GCP", "Google Cloud Platform LLC"),
                        ("MSFT", "Microsoft Corporation"), ("QuickShip", "Northwind Traders Ltd d/b/a QuickShip"),
                        ("Brightpath Health", "Brightpath Health Technologies, LLC")):
        hit = vendors.resolve_hint(db_session=db_session, name=typed, auto=92, floor=75)
        assert hit.vendor_id == ids[name], (typed, hit)
    # two vendors share the short name: the uploader picks, nothing is attached or created
    both = vendors.resolve_hint(db_session=db_session, name="Quillfeather", auto=92, floor=75)
    assert both.status == "uncertain" and both.vendor_id is None
    assert both.candidate_id in {ids["Quillfeather Analytics, Inc."], ids["Quillfeather Payments GmbH"]}
