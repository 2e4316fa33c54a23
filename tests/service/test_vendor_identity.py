"""Vendor identity: 100 distinct vendors never attach to one another; short names people use find their vendor."""

from __future__ import annotations

import random
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.config import Settings
from service.vendors import service as vendors
from service.vendors.models import Vendor, VendorCreate
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


def test_upload_form_vendor_goes_through_the_same_index(settings: Settings, db_session: Session) -> None:
    """The upload's ``vendor`` field: a short name finds the vendor on record instead of creating a second one; a
    name two vendors share pins nothing and creates nothing, and one call confirms the right one."""
    from service.documents import service as documents

    from .docs import generated

    one = vendors.create(db_session=db_session, vendor_in=VendorCreate(name="Amazon Web Services, Inc.")).id
    pdf, _expected = generated("iso_27001_2022", 11)
    doc = documents.ingest(db_session=db_session, settings=settings, data=pdf, filename="a.pdf", vendor="AWS").document
    assert (doc.vendor_id, doc.vendor_match) == (one, "manual")
    before = db_session.scalar(select(func.count(Vendor.id)))
    a = vendors.create(db_session=db_session, vendor_in=VendorCreate(name="Tallowmere Analytics, Inc.")).id
    b = vendors.create(db_session=db_session, vendor_in=VendorCreate(name="Tallowmere Payments GmbH")).id
    pdf2, _ = generated("iso_27001_2022", 12)
    doc2 = documents.ingest(db_session=db_session, settings=settings, data=pdf2, filename="b.pdf",
                            vendor="Tallowmere").document
    assert doc2.vendor_id is None and doc2.vendor_match == "uncertain" and doc2.vendor_candidate_id in {a, b}
    assert db_session.scalar(select(func.count(Vendor.id))) == before + 2  # nothing created for the hint
    done = documents.assign_vendor(db_session=db_session, document_id=doc2.id, vendor_id=b)  # the one call
    assert (done.vendor_id, done.vendor_match) == (b, "manual")
