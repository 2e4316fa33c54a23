"""The HTTP API end to end (TestClient over the real app, real database, real extractor and knowledge engine)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.config import Settings
from service.database import get_database
from service.portfolio.models import DocumentSignals

from .conftest import bearer, make_token
from .docs import certificate, expected_vendor, generated

PUBLIC = {"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}


def test_every_endpoint_needs_a_valid_token(app: FastAPI, client: TestClient, settings: Settings) -> None:
    schema = client.get("/openapi.json").json()
    checked = 0
    for path, methods in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        if path == "/health":  # public by design: a load balancer polls it (tests/service/test_hardening.py)
            continue
        for method in methods:
            for headers in ({}, bearer("va_not-a-token"), {"Authorization": "Basic dXNlcjpwYXNz"}):
                response = client.request(method.upper(), url, headers=headers)
                assert response.status_code == 401, (method, path, headers, response.status_code)
                checked += 1
    assert checked >= 40


def test_scopes_keep_reports_from_tokens_without_read(client: TestClient, settings: Settings) -> None:
    writer, reader = make_token(settings, "write"), make_token(settings, "read")
    pdf, _ = generated("iso_27001_2022", 3)
    up = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=bearer(writer))
    assert up.status_code == 202
    doc_id = up.json()["id"]
    assert "extraction" not in up.json()
    for url in (f"/documents/{doc_id}", f"/documents/{doc_id}/file", "/documents", "/vendors", "/alerts"):
        assert client.get(url, headers=bearer(writer)).status_code == 403, url
    assert client.get(f"/documents/{doc_id}", headers=bearer(reader)).status_code == 200
    denied = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=bearer(reader))
    assert denied.status_code == 403
    assert client.post("/vendors", json={"name": "X"}, headers=bearer(reader)).status_code == 403
    assert client.post("/alerts/run", headers=bearer(writer)).status_code == 403
    assert client.get("/tokens", headers=bearer(reader)).status_code == 403


def test_revoked_tokens_stop_working(client: TestClient, settings: Settings) -> None:
    admin = make_token(settings, "admin")
    created = client.post("/tokens", json={"name": "bot", "scopes": ["read"]}, headers=bearer(admin))
    assert created.status_code == 201
    token = created.json()["token"]
    assert client.get("/vendors", headers=bearer(token)).status_code == 200
    assert token not in str(client.get("/tokens", headers=bearer(admin)).json())
    assert client.delete(f"/tokens/{created.json()['id']}", headers=bearer(admin)).status_code == 200
    assert client.get("/vendors", headers=bearer(token)).status_code == 401


def test_upload_status_file_and_dedup(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write"))
    pdf, expected = generated("iso_27001_2022", 12)
    first = client.post("/documents", files={"file": ("a.pdf", pdf, "application/octet-stream")}, headers=h)
    assert first.status_code == 202
    body = first.json()
    assert body["created"] is True and body["status_url"] == f"/documents/{body['id']}"
    again = client.post("/documents", files={"file": ("b.pdf", pdf, "application/pdf")}, headers=h).json()
    assert again["id"] == body["id"] and again["created"] is False
    assert again["first_uploaded_at"] == body["first_uploaded_at"]
    status = client.get(body["status_url"], headers=h).json()
    assert status["status"] == "parsed" and status["extraction"]["kind"] == "iso_certificate"
    assert status["vendor_name"] == expected_vendor(expected)
    original = client.get(body["file_url"], headers=h)
    assert original.status_code == 200 and original.content == pdf
    assert original.headers["content-type"] == "application/pdf"
    assert client.get("/documents/999999", headers=h).status_code == 404


def test_upload_rejects_what_is_not_a_pdf_and_what_is_too_big(
    app: FastAPI, client: TestClient, settings: Settings
) -> None:
    h = bearer(make_token(settings, "read", "write"))
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    assert client.post("/documents", files={"file": ("r.pdf", png, "application/pdf")}, headers=h).status_code == 415
    app.state.settings = settings.model_copy(update={"max_upload_bytes": 1000})
    big = b"%PDF-1.4\n" + b"0" * 5000
    assert client.post("/documents", files={"file": ("big.pdf", big, "application/pdf")}, headers=h).status_code == 413
    app.state.settings = settings
    assert client.get("/documents", headers=h).json() == []
    missing = client.post("/documents", headers=h)
    assert missing.status_code == 422


def test_vendor_endpoints(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write"))
    made = client.post("/vendors", json={"name": "ACME Cloud, Inc.", "aliases": ["Roadrunner Labs"]}, headers=h)
    assert made.status_code == 201
    vid = made.json()["id"]
    assert client.post("/vendors", json={"name": "acme cloud"}, headers=h).status_code == 409
    found = client.get("/vendors", params={"q": "acme"}, headers=h).json()
    assert found[0]["vendor"]["id"] == vid and found[0]["score"] >= 90
    assert client.get("/vendors", params={"q": "roadruner"}, headers=h).json()[0]["vendor"]["id"] == vid
    patched = client.patch(
        f"/vendors/{vid}",
        json={"tier": "high", "processes_data_with_ai": True, "services": ["hosting"], "owner": "kim"},
        headers=h,
    )
    assert patched.status_code == 200
    assert {k: patched.json()[k] for k in ("tier", "processes_data_with_ai", "services", "owner", "aliases")} == {
        "tier": "high",
        "processes_data_with_ai": True,
        "services": ["hosting"],
        "owner": "kim",
        "aliases": ["Roadrunner Labs"],
    }
    assert client.patch("/vendors/424242", json={"tier": "x"}, headers=h).status_code == 404
    assert client.post("/vendors", json={"name": "   "}, headers=h).status_code == 422
    # an explicit null for a required column (what the property test once sent) is refused, not a database error
    assert client.patch(f"/vendors/{vid}", json={"name": None}, headers=h).status_code == 422
    assert client.get(f"/vendors/{vid}", headers=h).json()["name"] == "ACME Cloud, Inc."
    # PostgreSQL cannot store a NUL character: refused up front on every backend
    assert client.post("/vendors", json={"name": "Nul\x00Co"}, headers=h).status_code == 422
    assert client.patch(f"/vendors/{vid}", json={"aliases": ["a\x00b"]}, headers=h).status_code == 422
    pdf = b"%PDF-1.4 not parsed here"
    upload = client.post("/documents", files={"file": ("n.pdf", pdf)}, data={"vendor": "Nul\x00Co"}, headers=h)
    assert upload.status_code == 422


def test_profiles_are_listed(client: TestClient, settings: Settings) -> None:
    profiles = client.get("/profiles", headers=bearer(make_token(settings, "read"))).json()
    assert "default" in {p["name"] for p in profiles}


def test_end_to_end_upload_verdict_and_expiry_alert(client: TestClient, settings: Settings) -> None:
    """The README's promise: upload a PDF, see it parsed, get the vendor's verdict with cited reasons, see its alert."""
    h = bearer(make_token(settings, "admin"))
    expiry = date.today() + timedelta(days=60)
    pdf, expected = certificate(77, expiry)
    up = client.post("/documents", files={"file": ("cert.pdf", pdf, "application/pdf")}, headers=h).json()
    doc = client.get(up["status_url"], headers=h).json()
    assert doc["status"] == "parsed", doc["error_message"]
    assert doc["expiry_date"] == expiry.isoformat()
    with get_database(settings).session() as s:  # the parse was followed by its red-flag signals (intake)
        assert s.get(DocumentSignals, up["id"]) is not None
    vendor_id = doc["vendor_id"]
    hits = client.get("/vendors", params={"q": expected_vendor(expected).split()[0]}, headers=h).json()
    assert hits[0]["vendor"]["id"] == vendor_id

    verdict = client.get(f"/vendors/{vendor_id}/assessment", params={"profile": "default"}, headers=h)
    assert verdict.status_code == 200, verdict.text
    answer = verdict.json()
    assert answer["verdict"] in {"meets", "meets_with_findings", "does_not_meet", "insufficient_evidence"}
    assert [d["id"] for d in answer["documents"]] == [up["id"]]
    cited = [c for f in answer["result"]["findings"] for c in f["evidence"] if c.get("page")]
    assert cited and all(c["document"] == "cert.pdf" and c["quote"] for c in cited)
    assert client.get(f"/vendors/{vendor_id}/assessment", params={"profile": "nope"}, headers=h).status_code == 404

    upcoming = client.get("/alerts", headers=h).json()["upcoming"]
    coming = {(u["kind"], u["threshold"]) for u in upcoming if u["document_id"] == up["id"]}
    assert {("certificate_expiry", 30), ("certificate_expiry", 7), ("certificate_expired", 0)} <= coming
    assert ("certificate_expiry", 90) not in coming  # its day had come when it was parsed: raised at once
    raised = client.get("/alerts", headers=h).json()["alerts"]
    assert [(a["kind"], a["threshold"], a["status"]) for a in raised if a["document_id"] == up["id"]] == [
        ("certificate_expiry", 90, "pending")
    ]
    ran = client.post("/alerts/run", headers=h).json()
    assert ran["created"] == 0 and ran["sent"] >= 1  # the scan sends it; it does not raise it twice
    alerts = client.get("/alerts", headers=h).json()["alerts"]
    expiring = [a for a in alerts if a["kind"] == "certificate_expiry" and a["document_id"] == up["id"]]
    assert len(expiring) == 1 and expiring[0]["threshold"] == 90 and expiring[0]["status"] == "sent"
    assert client.post("/alerts/run", headers=h).json()["created"] == 0
    acked = client.post(f"/alerts/{expiring[0]['id']}/ack", json={}, headers=h).json()
    assert acked["status"] == "acknowledged"


def test_assessments_are_stored_and_survive_a_restart(settings: Settings) -> None:
    from datetime import date as _date

    from service.assessments import service as assessments
    from service.assessments.models import StoredAssessment
    from service.database import forget_databases, get_database

    pdf, _ = certificate(78, _date(2027, 9, 30))
    db = get_database(settings)
    with db.session() as s:
        from service.documents import service as documents

        doc = documents.ingest(db_session=s, settings=settings, data=pdf, filename="c.pdf").document
        vendor_id = documents.process(db_session=s, settings=settings, document_id=doc.id).vendor_id
        assert vendor_id is not None
        assert assessments.refresh(db_session=s, settings=settings, today=_date(2026, 12, 1)) == 1
        first = assessments.assess_vendor(
            db_session=s, settings=settings, vendor_id=vendor_id, today=_date(2026, 12, 1)
        )
    assessments._cache.clear()  # a new process: nothing in memory
    forget_databases()
    with get_database(settings).session() as s:
        rows = s.query(StoredAssessment).all()
        assert [(r.vendor_id, r.profile, r.verdict) for r in rows] == [(vendor_id, "default", first.verdict)]
        again = assessments.assess_vendor(
            db_session=s, settings=settings, vendor_id=vendor_id, today=_date(2026, 12, 1)
        )
        assert again == first
        later = assessments.assess_vendor(
            db_session=s, settings=settings, vendor_id=vendor_id, today=_date(2027, 10, 1)
        )
        assert later.as_of == _date(2027, 10, 1)  # a new day is judged again, not served from storage
        s.expire_all()
        assert s.query(StoredAssessment).one().as_of == _date(2026, 12, 1)  # a question does not write
        assessments.refresh(db_session=s, settings=settings, today=_date(2027, 10, 1))
        s.expire_all()
        assert s.query(StoredAssessment).one().as_of == _date(2027, 10, 1)


def test_an_ingested_document_leaves_its_vendor_answer_stored(client: TestClient, settings: Settings) -> None:
    """The ingestion job assesses the vendor once the document is parsed, so the first question reads storage."""
    from service.assessments import service as assessments
    from service.assessments.models import StoredAssessment
    from service.database import get_database, utcnow

    pdf, _ = certificate(79, date(2027, 9, 30))
    token = make_token(settings, "read", "write")
    up = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=bearer(token)).json()
    doc = client.get(f"/documents/{up['id']}", headers=bearer(token)).json()
    assert doc["status"] == "parsed" and doc["vendor_id"] is not None
    with get_database(settings).session() as s:
        stored = s.query(StoredAssessment).one()
    assert (stored.vendor_id, stored.profile, stored.as_of) == (doc["vendor_id"], "default", utcnow().date())
    assessments._cache.clear()  # as another process would: only the stored answer is known
    answer = client.get(f"/vendors/{doc['vendor_id']}/assessment", headers=bearer(token))
    assert answer.status_code == 200
    assert answer.content == stored.answer.encode()  # sent as stored, not computed again


def test_the_daily_refresh_stores_every_vendor_in_batches(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers are written a batch to a transaction; every vendor's answer is stored, whatever the batch size."""
    from service.assessments import service as assessments
    from service.assessments.models import StoredAssessment
    from service.database import get_database
    from service.documents import service as documents

    monkeypatch.setattr(assessments, "_REFRESH_BATCH", 2)
    vendor_ids = set()
    with get_database(settings).session() as s:
        for seed in (81, 82, 83, 84, 85):
            pdf, _ = certificate(seed, date(2027, 9, 30))
            doc = documents.ingest(db_session=s, settings=settings, data=pdf, filename=f"c{seed}.pdf").document
            vendor_ids.add(documents.process(db_session=s, settings=settings, document_id=doc.id).vendor_id)
        assert None not in vendor_ids and len(vendor_ids) >= 3
        assert assessments.refresh(db_session=s, settings=settings, today=date(2026, 12, 1)) == len(vendor_ids)
        rows = s.query(StoredAssessment).all()
    assert {r.vendor_id for r in rows} == vendor_ids
    assert {r.as_of for r in rows} == {date(2026, 12, 1)}
