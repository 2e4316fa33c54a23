"""Issue 11: "two `file` parts in one upload silently drop the first."

An upload carries one file; a second ``file`` part is a 422 and nothing is stored.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token

from .documents import Certificate, certificate_pdf


def test_issue_011_two_file_parts_are_a_422_and_nothing_is_stored(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "write"))
    first = certificate_pdf(Certificate(number="TWO-PARTS-1"))
    second = certificate_pdf(Certificate(number="TWO-PARTS-2"))
    response = client.post("/documents", headers=h, files=[
        ("file", ("first.pdf", first, "application/pdf")), ("file", ("second.pdf", second, "application/pdf")),
    ])
    assert response.status_code == 422
    assert client.get("/documents", headers=bearer(make_token(settings, "read"))).json() == []
