"""What a stranger can send: nothing exhausts the server or reaches a 500 (issue 11), on SQLite and PostgreSQL.

Request sizes are refused before authentication and parsing, validation errors do not echo their input, names that
cannot be stored are a 422 before anything is written, and the first start tells the truth.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from huey import RedisHuey

from service import jobqueue, jobs
from service.api import create_app
from service.config import Settings
from service.database import Database, get_database
from service.documents import service as documents

from .conftest import bearer, make_token
from .docs import generated

# Every route that takes a body, with a path that exists in shape (ids need not exist: the limit comes first).
BODY_ROUTES = [
    ("POST", "/vendors"),
    ("PATCH", "/vendors/1"),
    ("POST", "/tokens"),
    ("PUT", "/documents/1/vendor"),
    ("POST", "/alerts/1/snooze"),
    ("POST", "/alerts/1/ack"),
]


def raw_multipart(filename: str, data: bytes, *, vendor: str | None = None) -> tuple[bytes, str]:
    """A multipart upload written byte for byte, as a hostile client would: httpx itself percent-encodes control
    characters in file names, a raw client need not."""
    boundary = "hostileboundary7MA4YWxk"
    parts = []
    if vendor is not None:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="vendor"\r\n\r\n'.encode()
                     + vendor.encode("utf-8", "surrogatepass") + b"\r\n")
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="'.encode()
                 + filename.encode("utf-8", "surrogatepass") + b'"\r\nContent-Type: application/pdf\r\n\r\n'
                 + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _stored_files(settings: Settings) -> list[Path]:
    return [p for p in settings.files_dir.rglob("*") if p.is_file()] if settings.files_dir.exists() else []


# --- request size ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_a_large_body_is_a_413_before_authentication(client: TestClient, method: str, path: str) -> None:
    body = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = client.request(method, path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_a_streamed_body_without_length_is_cut_off_at_the_limit(client: TestClient) -> None:
    """Chunked, so no Content-Length to refuse up front: counted as it arrives (over real HTTP, with memory
    measured, in test_memory.py)."""

    def chunks() -> Iterator[bytes]:
        for _ in range(8):
            yield b" " * (1024 * 1024)

    response = client.post("/vendors", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_uploads_have_their_own_larger_limit(settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_bytes": 300_000, "max_request_bytes": 2048})
    with TestClient(create_app(small, immediate=True)) as client:
        token = make_token(small, "write")
        pdf, _ = generated("iso_27001_2022", 3)
        assert len(pdf) > 2048
        ok = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=bearer(token))
        assert ok.status_code == 202, ok.text
        big = client.post("/documents", files={"file": ("big.pdf", b"%PDF-1.7\n" + b"0" * 400_000)},
                          headers=bearer(token))
        assert big.status_code == 413
        anonymous = client.post("/documents", files={"file": ("big.pdf", b"%PDF-1.7\n" + b"0" * 400_000)})
        assert anonymous.status_code == 413
        assert client.post("/vendors", json={"name": "x" * 5000}, headers=bearer(token)).status_code == 413


def test_validation_errors_echo_only_a_short_excerpt(client: TestClient, settings: Settings) -> None:
    token = make_token(settings, "write")
    name = "N" * 900_000
    response = client.post("/vendors", json={"name": name, "tier": ["a"] * 1000}, headers=bearer(token))
    assert response.status_code == 422
    assert len(response.content) < 4000
    detail = response.json()["detail"]
    assert any("900000 characters" in str(e.get("input")) for e in detail)


def test_a_body_that_is_not_json_or_nested_too_deep_is_a_4xx(client: TestClient, settings: Settings) -> None:
    token = make_token(settings, "admin")
    for body in (b"[" * 200_000, b"\xff\xfe", b'{"name": "\\ud800"}', b"{" * 10):
        response = client.post("/vendors", content=body, headers={**bearer(token), "content-type": "application/json"})
        assert 400 <= response.status_code < 500, (body[:10], response.status_code)


# --- names and dates that cannot be stored ------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["a\x00b", "a\x07b", "\ud800", "x\x1b[31m"], ids=["nul", "bell", "surrogate", "ansi"])
def test_unsafe_text_is_a_422_everywhere_it_is_stored(client: TestClient, settings: Settings, bad: str) -> None:
    admin = make_token(settings, "admin")
    h = {**bearer(admin), "content-type": "application/json"}

    def post(path: str, body: object) -> int:  # JSON as a client writes it, "\ud800" escapes included
        return client.post(path, content=json.dumps(body).encode(), headers=h).status_code

    assert post("/vendors", {"name": bad}) == 422
    assert post("/vendors", {"name": "Fine Co", "aliases": [bad]}) == 422
    assert post("/tokens", {"name": bad, "scopes": ["read"]}) == 422
    assert post("/alerts/1/ack", {"by": bad}) == 422
    pdf, _ = generated("iso_27001_2022", 3)
    for filename, vendor in ((f"c{bad}.pdf", None), ("c.pdf", bad)):
        body, content_type = raw_multipart(filename, pdf, vendor=vendor)
        response = client.post("/documents", content=body, headers={**h, "content-type": content_type})
        assert response.status_code == 422, response.text
    assert _stored_files(settings) == []  # refused before the file was stored: no file without its row
    assert client.get("/documents", headers=h).json() == []


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1969-12-31", "2101-01-01"])
def test_dates_outside_1970_2100_are_a_422(client: TestClient, settings: Settings, day: str) -> None:
    h = bearer(make_token(settings, "admin"))
    vendor = client.post("/vendors", json={"name": "Dated Co"}, headers=h).json()
    assert client.get(f"/vendors/{vendor['id']}/assessment", params={"as_of": day}, headers=h).status_code == 422
    assert client.post("/alerts/1/snooze", json={"until": day}, headers=h).status_code == 422


def test_a_download_keeps_a_non_latin_name(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    name = "Şirket raporu 报告 отчёт.pdf"
    pdf, _ = generated("iso_27001_2022", 3)
    up = client.post("/documents", files={"file": (name, pdf, "application/pdf")}, headers=h)
    assert up.status_code == 202
    got = client.get(up.json()["file_url"], headers=h)
    assert got.status_code == 200 and got.content == pdf
    disposition = got.headers["content-disposition"]
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == name
    assert 'filename="' in disposition  # an ASCII stand-in for old clients


# --- uploads, tokens and scopes ----------------------------------------------------------------------------------


def test_a_second_file_part_is_a_422_and_nothing_is_stored(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "write"))
    a, _ = generated("iso_27001_2022", 3)
    b, _ = generated("iso_27001_2022", 4)
    response = client.post("/documents", files=[("file", ("a.pdf", a, "application/pdf")),
                                                ("file", ("b.pdf", b, "application/pdf"))], headers=h)
    assert response.status_code == 422
    assert "one file" in response.json()["detail"]
    assert _stored_files(settings) == []


def test_the_last_admin_token_cannot_be_revoked(client: TestClient, settings: Settings) -> None:
    first = make_token(settings, "admin", name="first")
    tokens = client.get("/tokens", headers=bearer(first)).json()
    first_id = next(t["id"] for t in tokens if t["name"] == "first")
    refused = client.delete(f"/tokens/{first_id}", headers=bearer(first))
    assert refused.status_code == 409 and "last admin token" in refused.json()["detail"]
    second = make_token(settings, "admin", name="second")
    reader = make_token(settings, "read", name="reader")
    assert client.delete(f"/tokens/{first_id}", headers=bearer(second)).status_code == 200
    second_id = next(t["id"] for t in client.get("/tokens", headers=bearer(second)).json() if t["name"] == "second")
    assert client.delete(f"/tokens/{second_id}", headers=bearer(second)).status_code == 409
    reader_id = next(t["id"] for t in client.get("/tokens", headers=bearer(second)).json() if t["name"] == "reader")
    assert client.delete(f"/tokens/{reader_id}", headers=bearer(second)).status_code == 200
    assert client.get("/tokens", headers=bearer(reader)).status_code == 401


def test_write_only_tokens_get_ids_not_records(client: TestClient, settings: Settings) -> None:
    writer = bearer(make_token(settings, "write"))
    admin = bearer(make_token(settings, "admin"))
    created = client.post("/vendors", json={"name": "Secretive Ltd", "owner": "alice"}, headers=writer)
    assert created.status_code == 201 and created.json() == {"id": created.json()["id"]}
    vendor_id = created.json()["id"]
    patched = client.patch(f"/vendors/{vendor_id}", json={"tier": "critical"}, headers=writer)
    assert patched.status_code == 200 and patched.json() == {"id": vendor_id}
    pdf, _ = generated("iso_27001_2022", 3)
    first = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=admin).json()
    again = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=writer).json()
    assert again["id"] == first["id"] and again["first_uploaded_by"] is None and again["first_uploaded_at"] is None
    assigned = client.put(f"/documents/{first['id']}/vendor", json={"vendor_id": vendor_id}, headers=writer)
    assert assigned.status_code == 200 and assigned.json() == {"id": first["id"]}
    # a reader-writer still gets the record
    full = client.patch(f"/vendors/{vendor_id}", json={"tier": "high"}, headers=admin).json()
    assert full["tier"] == "high" and full["owner"] == "alice"


# --- health, docs and the first start -----------------------------------------------------------------------------


def test_health_needs_no_token_and_reports_each_dependency(app: FastAPI, client: TestClient,
                                                          settings: Settings) -> None:
    ok = client.get("/health")
    assert ok.status_code == 200 and ok.json() == {"status": "ok", "database": "ok", "queue": "ok"}
    real_db = app.state.db
    app.state.db = Database(f"sqlite:///{settings.data_dir}/missing-dir/x/db.sqlite")
    try:
        down = client.get("/health")
    finally:
        app.state.db = real_db
    assert down.status_code == 503 and down.json()["database"] == "down" and down.json()["queue"] == "ok"
    real_huey = jobqueue._state["huey"]
    jobqueue._state["huey"] = RedisHuey("va-health-test", url="redis://127.0.0.1:9/0")  # nothing listens on port 9
    try:
        down = client.get("/health")
    finally:
        jobqueue._state["huey"] = real_huey
    assert down.status_code == 503 and down.json() == {"status": "unavailable", "database": "ok", "queue": "down"}


def test_api_docs_are_served_from_the_package(client: TestClient) -> None:
    for page, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = client.get(page)
        assert html.status_code == 200
        assert "https://" not in html.text and "http://" not in html.text, "no script from a CDN"
        src = next(part.split('"')[0] for part in html.text.split('src="')[1:] if asset in part)
        script = client.get(src)
        assert script.status_code == 200 and len(script.content) > 100_000


def test_documents_queued_at_start_are_not_called_interrupted(settings: Settings,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    jobs.init(settings, immediate=False)
    pdf, _ = generated("iso_27001_2022", 3)
    with get_database(settings).session() as s:
        waiting = documents.ingest(db_session=s, settings=settings, data=pdf, filename="new.pdf").document.id
        other, _ = generated("iso_27001_2022", 4)
        claimed = documents.ingest(db_session=s, settings=settings, data=other, filename="old.pdf").document.id
        assert documents.claim(db_session=s, document_id=claimed, stale_after=timedelta(seconds=1))
    with caplog.at_level(logging.INFO, logger="service.jobs"):
        ids = jobs.requeue_interrupted(settings, exclusive=True)
    assert set(ids) == {waiting, claimed}
    messages = [r.getMessage() for r in caplog.records]
    assert any("re-queued 1 interrupted" in m and str(claimed) in m for m in messages), messages
    assert any("queued 1 document(s) waiting" in m and str(waiting) in m for m in messages), messages
