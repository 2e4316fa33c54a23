"""Issue 11: "downloading a stored file whose name is not Latin-1 (Turkish, Chinese, Cyrillic: `UnicodeEncodeError`
in the Content-Disposition header)" was a 500.

The download names the file the way RFC 6266/5987 allow (``filename*=UTF-8''...``), with an ASCII stand-in for old
clients.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token

from .documents import certificate_pdf


@pytest.mark.parametrize("name", ["Güvenlik sertifikası.pdf", "安全证书.pdf", "Сертификат безопасности.pdf"],
                         ids=["turkish", "chinese", "cyrillic"])
def test_issue_011_a_stored_file_downloads_under_its_own_name(client: TestClient, settings: Settings,
                                                              name: str) -> None:
    h = bearer(make_token(settings, "admin"))
    pdf = certificate_pdf()
    up = client.post("/documents", files={"file": (name, pdf, "application/pdf")}, headers=h)
    assert up.status_code == 202, up.text
    got = client.get(up.json()["file_url"], headers=h)
    assert got.status_code == 200
    assert got.content == pdf
    disposition = got.headers["content-disposition"]
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == name
