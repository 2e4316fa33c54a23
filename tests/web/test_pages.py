"""The web app's pages over HTTP without a browser (TestClient, real database, the bundled examples parsed):
sign-in, sessions and CSRF, scopes, the forms' effects, the review queue, the form upload. Runs without Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.alerts.models import Alert
from service.api import create_app
from service.config import Settings
from service.database import forget_databases, get_database
from service.examples import load_examples
from service.portfolio.models import DocumentSignals
from tests.service.conftest import make_token
from tests.service.docs import certificate, generated


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Settings]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("pages") / "data", parse_timeout_seconds=60)
    with TestClient(create_app(settings, immediate=True)) as client:
        load_examples(settings)
        yield client, settings
    forget_databases()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the form"
    return found.group(1)


def _login(client: TestClient, token: str) -> None:
    client.cookies.clear()
    page = client.get("/ui/login")
    done = client.post("/ui/login", data={"token": token, "csrf_token": _csrf(page.text), "next": "/ui/review"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/ui/review"


def _documents(client: TestClient, settings: Settings) -> dict[str, Any]:
    h = {"Authorization": f"Bearer {make_token(settings, 'read')}"}
    return {d["filename"]: d for d in client.get("/documents", headers=h).json()}


def test_pages_need_a_session_and_login_sets_a_strict_cookie(site: tuple[TestClient, Settings]) -> None:
    client, settings = site
    client.cookies.clear()
    for path in ("/ui/", "/ui/vendors/1", "/ui/documents/1", "/ui/review", "/ui/upload"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/ui/login?next="), path
    page = client.get("/ui/login")
    assert page.status_code == 200 and 'name="token"' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    no_csrf = client.post("/ui/login", data={"token": make_token(settings, "read")})
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.text
    wrong = client.post("/ui/login", data={"token": "va_nope", "csrf_token": _csrf(page.text)})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    page = client.get("/ui/login?next=https://evil.example/")
    done = client.post("/ui/login", data={"token": make_token(settings, "read"), "csrf_token": _csrf(page.text),
                                          "next": "https://evil.example/"}, follow_redirects=False)
    assert done.headers["location"] == "/ui/"  # never off-site
    cookie = next(v for k, v in done.headers.items() if k == "set-cookie" and v.startswith("va_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    fresh = _csrf(client.get("/ui/login").text)
    behind_tls = client.post("/ui/login", headers={"X-Forwarded-Proto": "https"}, follow_redirects=False,
                             data={"token": make_token(settings, "read"), "csrf_token": fresh})
    assert "Secure" in behind_tls.headers["set-cookie"]


def test_every_page_renders(site: tuple[TestClient, Settings]) -> None:
    client, settings = site
    _login(client, make_token(settings, "read"))
    docs = _documents(client, settings)
    soc2 = docs["quillfeather-soc2-type2-2026.pdf"]
    for path, must in (
        ("/ui/", "Vendors by verdict"),
        (f"/ui/vendors/{soc2['vendor_id']}", "Coverage over time"),
        (f"/ui/documents/{soc2['id']}", "Opinion"),
        ("/ui/review", "Review queue"),
        ("/ui/upload", "Upload a document"),
        ("/ui/?q=quilfeather", "Quillfeather Analytics"),
        ("/ui/?q=%00quil%00feather", "Find a vendor"),
    ):
        r = client.get(path)
        assert r.status_code == 200 and must in r.text, path
    vendor = client.get(f"/ui/vendors/{soc2['vendor_id']}").text
    assert f'src="/documents/{soc2["id"]}/pages/' in vendor and "highlight=" in vendor
    assert client.get("/ui/vendors/999999").status_code == 404
    assert client.get("/ui/documents/999999").status_code == 404
    # a read-only token sees no change buttons and cannot post a change
    page = client.get(f"/ui/documents/{soc2['id']}").text
    assert "Save correction" not in page
    csrf = _csrf(client.get("/ui/").text)
    refused = client.post(f"/ui/documents/{soc2['id']}/fields/opinion",
                          data={"action": "correct", "value": "qualified", "csrf_token": csrf})
    assert refused.status_code == 403 and "write scope" in refused.text


def test_a_form_correction_shows_the_verdict_and_is_logged(site: tuple[TestClient, Settings]) -> None:
    client, settings = site
    _login(client, make_token(settings, "read", "write", name="carol"))
    doc = _documents(client, settings)["quillfeather-iso27001-2022-certificate.pdf"]
    url = f"/ui/documents/{doc['id']}"
    csrf = _csrf(client.get(url).text)
    bad = client.post(f"{url}/fields/expiry_date", data={"action": "correct", "value": "31/12/2030",
                                                         "csrf_token": csrf})
    assert bad.status_code == 200 and "YYYY-MM-DD" in bad.text  # back on the page with the reason
    without = client.post(f"{url}/fields/expiry_date", data={"action": "correct", "value": "2030-12-31"})
    assert without.status_code == 403
    done = client.post(f"{url}/fields/expiry_date", data={"action": "correct", "value": "2026-01-31",
                                                          "note": "the stamp says January", "csrf_token": csrf})
    assert done.status_code == 200
    assert "Expiry date corrected" in done.text and "Verdict:" in done.text
    assert "Corrected</strong> by carol" in done.text and "the stamp says January" in done.text
    assert "2026-01-31" in client.get(f"/ui/vendors/{doc['vendor_id']}").text
    undone = client.post(f"{url}/fields/expiry_date", data={"action": "undo", "csrf_token": csrf})
    assert "restored" in undone.text and "Corrected</strong> by carol" not in undone.text
    confirm = client.post(f"{url}/fields/issuer", data={"action": "confirm", "csrf_token": csrf})
    assert "Confirmed</strong> by carol" in confirm.text
    client.post(f"{url}/fields/issuer", data={"action": "undo", "csrf_token": csrf})
    assert "Audit log" in client.get(url).text


def test_review_queue_items_resolve_in_one_click(site: tuple[TestClient, Settings]) -> None:
    client, settings = site
    _login(client, make_token(settings, "read", "write"))
    page = client.get("/ui/review").text
    warnings = re.findall(r'name="key" value="(w:[0-9a-f]+)"', page)
    assert warnings, "the examples have warnings"
    doc_id = re.search(r'action="/ui/review/(\d+)"[^>]*>\s*<input type="hidden" name="csrf_token" value="[^"]+">\s*'
                       rf'<input type="hidden" name="key" value="{warnings[0]}"', page)
    assert doc_id
    after = client.post(f"/ui/review/{doc_id.group(1)}", data={"action": "dismiss", "key": warnings[0],
                                                              "csrf_token": _csrf(page)})
    assert "Dismissed." in after.text and warnings[0] not in after.text


def test_upload_without_script_goes_to_the_parsed_document(site: tuple[TestClient, Settings], tmp_path: Path) -> None:
    client, settings = site
    _login(client, make_token(settings, "read", "write"))
    pdf, expected = generated("iso_27001_2022", 31)
    csrf = _csrf(client.get("/ui/upload").text)
    r = client.post("/ui/upload", data={"csrf_token": csrf}, files={"file": ("cert.pdf", pdf, "application/pdf")})
    assert r.status_code == 200 and "Uploaded." in r.text and 'data-status="parsed"' in r.text
    assert expected["fields"]["vendor"]["value"] in r.text
    not_pdf = client.post("/ui/upload", data={"csrf_token": csrf}, files={"file": ("x.pdf", b"hello", "text/plain")})
    assert not_pdf.status_code == 200 and 'class="flash error"' in not_pdf.text


def test_a_form_upload_is_followed_by_signals_and_alerts(site: tuple[TestClient, Settings]) -> None:
    """The form goes through the one way in (service.documents.intake), as the API does: once parsed, the red-flag
    signals are stored and an expired certificate is an alert at once."""
    client, settings = site
    _login(client, make_token(settings, "read", "write"))
    pdf, _ = certificate(51, date.today() - timedelta(days=20))
    csrf = _csrf(client.get("/ui/upload").text)
    r = client.post("/ui/upload", data={"csrf_token": csrf}, files={"file": ("old.pdf", pdf, "application/pdf")})
    assert r.status_code == 200 and "Uploaded." in r.text
    doc_id = _documents(client, settings)["old.pdf"]["id"]
    with get_database(settings).session() as s:
        assert s.get(DocumentSignals, doc_id) is not None
        assert "certificate_expired" in set(s.scalars(select(Alert.kind).where(Alert.document_id == doc_id)))


def test_text_read_from_documents_is_escaped(site: tuple[TestClient, Settings]) -> None:
    """Vendor names and quotes come from PDFs nobody controls: they are shown as text, never as markup."""
    client, settings = site
    h = {"Authorization": f"Bearer {make_token(settings, 'admin')}"}
    made = client.post("/vendors", json={"name": 'Evil <script>alert("x")</script> Ltd'}, headers=h)
    assert made.status_code == 201, made.text
    _login(client, make_token(settings, "read"))
    for path in ("/ui/?q=Evil", f"/ui/vendors/{made.json()['id']}"):
        page = client.get(path).text
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page, path


def test_signing_out_ends_the_session_even_for_a_copied_cookie(site: tuple[TestClient, Settings]) -> None:
    client, settings = site
    _login(client, make_token(settings, "read"))
    copied = client.cookies.get("va_session")
    assert copied and client.get("/ui/").status_code == 200
    out = client.post("/ui/logout", data={"csrf_token": _csrf(client.get("/ui/").text)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/ui/login"
    client.cookies.clear()
    client.cookies.set("va_session", copied)
    assert client.get("/ui/", follow_redirects=False).status_code == 303
    assert client.get("/documents").status_code == 401  # the API refuses it too
    client.cookies.clear()


def test_the_upload_form_takes_files_over_the_request_limit(site: tuple[TestClient, Settings]) -> None:
    """/ui/upload is registered for the upload limit (service.middleware.allow_uploads), so a PDF over
    MAX_REQUEST_BYTES (1 MB) is read, while the form's other routes keep the 1 MB limit."""
    client, settings = site
    _login(client, make_token(settings, "read", "write"))
    csrf = _csrf(client.get("/ui/upload").text)
    big = b"%PDF-1.7\n" + b"0" * (settings.max_request_bytes + 100_000)
    r = client.post("/ui/upload", data={"csrf_token": csrf}, files={"file": ("big.pdf", big, "application/pdf")})
    assert r.status_code == 200, r.status_code  # read and answered (a flash: not a readable PDF), not a 413
    too_big = client.post("/ui/login", content=b"token=" + b"x" * (settings.max_request_bytes + 1),
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert too_big.status_code == 413
