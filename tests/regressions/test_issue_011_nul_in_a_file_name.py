"""Issue 11: "a NUL in a file name on PostgreSQL (and the stored file left without its row)" was a 500.

A name that cannot be stored is refused (422) before the file is written, on every database: no 500, and no file
on disk that no row points to.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token

from .documents import certificate_pdf


def test_issue_011_a_nul_in_the_name_is_a_422_and_nothing_is_stored(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    boundary = "regressionboundary011"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="report\x00.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode() + certificate_pdf() + f"\r\n--{boundary}--\r\n".encode()
    response = client.post("/documents", content=body,
                           headers={**h, "content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 422, response.text
    stored = [p for p in settings.files_dir.rglob("*") if p.is_file()] if settings.files_dir.exists() else []
    assert stored == []
    assert client.get("/documents", headers=h).json() == []
