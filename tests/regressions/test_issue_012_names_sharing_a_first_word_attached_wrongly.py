"""Issue 12: "of 100 documents from 100 distinct generated vendors, 44 waited as "uncertain" and one was attached
to the wrong company (two names sharing their first word)."

A wrong automatic attach is worse than an uncertain one: a certificate of one company never lands on another that
only shares its first word. (A guard: the pair that was attached wrongly came from the generator's names and is
not known; this pair already stayed apart on the code before the fix, and tests/service/test_vendor_identity.py
holds the 100-vendor measure.)
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token

from .documents import Certificate, certificate_pdf


def test_issue_012_a_shared_first_word_never_attaches_to_the_other_company(client: TestClient,
                                                                           settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    on_record = client.post("/vendors", json={"name": "Harrowgate Freight Analytics Ltd"}, headers=h).json()
    pdf = certificate_pdf(Certificate(vendor="Harrowgate Lane Logistics Ltd", number="HLL-012-3"))
    up = client.post("/documents", files={"file": ("harrowgate-lane.pdf", pdf, "application/pdf")}, headers=h)
    assert up.status_code == 202, up.text
    document = client.get(f"/documents/{up.json()['id']}", headers=h).json()
    assert document["status"] == "parsed"
    assert document["vendor_id"] != on_record["id"]
