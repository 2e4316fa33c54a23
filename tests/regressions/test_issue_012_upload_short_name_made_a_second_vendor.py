"""Issue 12: "the upload form's `vendor` field matches names exactly, so a short name created a second vendor beside
the full legal name".

Through the API as the web form sends it: the short name people type finds the vendor on record.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token

from .documents import Certificate, certificate_pdf

LEGAL = "Orchardline Payments, Inc."


def test_issue_012_a_short_name_in_the_upload_form_finds_the_vendor_on_record(client: TestClient,
                                                                               settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    vendor = client.post("/vendors", json={"name": LEGAL}, headers=h).json()
    pdf = certificate_pdf(Certificate(vendor=LEGAL, number="OP-012-7"))
    up = client.post("/documents", files={"file": ("orchardline.pdf", pdf, "application/pdf")},
                     data={"vendor": "Orchardline"}, headers=h)
    assert up.status_code == 202, up.text
    document = client.get(f"/documents/{up.json()['id']}", headers=h).json()
    assert document["vendor_id"] == vendor["id"]
    assert len(client.get("/vendors", headers=h).json()) == 1
