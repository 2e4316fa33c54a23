"""Page pictures and reviewers' corrections over HTTP: real app, real database, real extractor, real PDFs."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from service.auth import sessions
from service.config import Settings
from service.database import get_database
from service.documents import service as documents

from .conftest import bearer, make_token
from .docs import generated


def _upload(client: TestClient, headers: dict[str, Any], name: str = "soc2_type2", seed: int = 5) -> dict[str, Any]:
    pdf, _ = generated(name, seed)
    up = client.post("/documents", files={"file": ("report.pdf", pdf, "application/pdf")}, headers=headers)
    assert up.status_code == 202, up.text
    doc = client.get(f"/documents/{up.json()['id']}", headers=headers).json()
    assert doc["status"] == "parsed", doc
    return doc


def _yellow(png: bytes) -> int:
    """Pixels of the highlight's yellow (the page itself is black on white)."""
    raw = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(raw), 3) if raw[i] > 200 and raw[i + 1] > 180 and raw[i + 2] < 150)


def test_page_image_is_cached_and_highlights_the_fields_quote(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write"))
    doc = _upload(client, h)
    opinion = doc["extraction"]["fields"]["opinion"]
    url = f"/documents/{doc['id']}/pages/{opinion['page']}.png"
    first = client.get(url, headers=h)
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    assert first.headers["x-cache"] == "miss" and first.headers["x-highlight"] == "none"
    again = client.get(url, headers=h)
    assert again.headers["x-cache"] == "hit" and again.content == first.content
    pdf = documents.file_store(settings).path(doc["sha256"])
    assert any(p.name.startswith(f"p{opinion['page']}-") for p in (pdf.parent / f"{pdf.name}.pages").iterdir())
    marked = client.get(url + "?highlight=opinion", headers=h)
    assert marked.headers["x-highlight"] == "found"
    assert _yellow(first.content) == 0 and _yellow(marked.content) > 200
    assert Image.open(io.BytesIO(marked.content)).size == Image.open(io.BytesIO(first.content)).size
    thumb = client.get(url + "?width=150", headers=h)
    assert Image.open(io.BytesIO(thumb.content)).width == 160
    other = 1 if opinion["page"] != 1 else 2
    elsewhere = client.get(f"/documents/{doc['id']}/pages/{other}.png?highlight=opinion", headers=h)
    assert elsewhere.status_code == 200 and elsewhere.headers["x-highlight"] == "other-page"
    cuec = doc["extraction"]["fields"]["cuecs"][0]
    listed = client.get(f"/documents/{doc['id']}/pages/{cuec['page']}.png?highlight=cuecs.0", headers=h)
    assert listed.headers["x-highlight"] == "found" and _yellow(listed.content) > 200


def test_page_image_refuses_what_is_not_there(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write"))
    doc = _upload(client, h)
    base = f"/documents/{doc['id']}/pages"
    assert client.get(f"{base}/{doc['pages'] + 1}.png", headers=h).status_code == 404
    assert client.get(f"{base}/0.png", headers=h).status_code == 422
    assert client.get(f"{base}/1.png?highlight=exceptions.99", headers=h).status_code == 404
    assert client.get(f"{base}/1.png?highlight=nonsense", headers=h).status_code == 404
    assert client.get(f"{base}/1.png?highlight=DROP%20TABLE", headers=h).status_code == 422
    assert client.get("/documents/9999/pages/1.png", headers=h).status_code == 404
    assert client.get(f"{base}/1.png").status_code == 401


def test_correction_changes_the_verdict_and_undo_restores_it(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write", name="alice"))
    doc = _upload(client, h)
    doc_id, vendor_id = doc["id"], doc["vendor_id"]
    before = client.get(f"/vendors/{vendor_id}/assessment", headers=h).json()["verdict"]
    put = client.put(f"/documents/{doc_id}/fields/opinion", json={"value": "adverse", "note": "see p. 4"}, headers=h)
    assert put.status_code == 200, put.text
    body = put.json()
    assert body["assessment"] == {"vendor_id": vendor_id, "profile": "default", "before": before,
                                  "after": "does_not_meet"}
    assert body["review"]["reviewed_by"] == "alice" and body["review"]["original"]["value"] == "unqualified"
    shown = client.get(f"/documents/{doc_id}", headers=h).json()["extraction"]["fields"]["opinion"]
    assert shown["value"] == "adverse"
    assert shown["review"]["by"] == "alice" and shown["review"]["note"] == "see p. 4"
    assert shown["review"]["original"]["value"] == "unqualified" and shown["review"]["at"]
    assert client.get(f"/vendors/{vendor_id}/assessment", headers=h).json()["verdict"] == "does_not_meet"
    undo = client.delete(f"/documents/{doc_id}/fields/opinion", headers=h)
    assert undo.status_code == 200 and undo.json()["review"] is None
    assert undo.json()["assessment"]["after"] == before
    restored = client.get(f"/documents/{doc_id}", headers=h).json()["extraction"]["fields"]["opinion"]
    assert restored == doc["extraction"]["fields"]["opinion"]
    assert client.get(f"/vendors/{vendor_id}/assessment", headers=h).json()["verdict"] == before
    assert client.delete(f"/documents/{doc_id}/fields/opinion", headers=h).status_code == 404
    history = client.get(f"/documents/{doc_id}/reviews", headers=h).json()
    assert history["reviews"] == []
    assert [(e["action"], e["value"], e["previous"], e["actor"]) for e in history["log"]] == [
        ("corrected", "adverse", "unqualified", "alice"),
        ("undone", "unqualified", "adverse", "alice"),
    ]


def test_a_date_correction_moves_the_indexed_column(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write"))
    doc = _upload(client, h)
    fields = doc["extraction"]["fields"]
    later = (date.fromisoformat(fields["period_end"]["value"]) + timedelta(days=31)).isoformat()
    put = client.put(f"/documents/{doc['id']}/fields/period_end", json={"value": later}, headers=h)
    assert put.status_code == 200, put.text
    assert client.get(f"/documents/{doc['id']}", headers=h).json()["period_end"] == later
    same = client.put(f"/documents/{doc['id']}/fields/scope", json={"value": fields["scope"]["value"]}, headers=h)
    assert same.json()["review"]["action"] == "confirmed"


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("opinion", "mostly fine", "one of"),
        ("period_end", "30 June 2026", "YYYY-MM-DD"),
        ("period_end", "2026-02-30", "calendar"),
        ("period_end", "1999-01-01", "after period_end"),
        ("tsc_categories.0", "speed", "category"),
        ("standards.0", "ISO 9001", "standard"),
        ("cuecs.0", None, "needs a value"),
        ("vendor", "   ", "some text"),
        ("vendor", 42, "text"),
    ],
)
def test_a_correction_is_validated_like_the_extractors_output(
    client: TestClient, settings: Settings, field: str, value: Any, why: str
) -> None:
    h = bearer(make_token(settings, "read", "write"))
    doc = _upload(client, h)
    bad = client.put(f"/documents/{doc['id']}/fields/{field}", json={"value": value}, headers=h)
    assert bad.status_code == 422, bad.text
    assert why in bad.json()["detail"]
    after = client.get(f"/documents/{doc['id']}", headers=h).json()
    assert after["extraction"] == doc["extraction"]  # nothing half-written
    assert client.get(f"/documents/{doc['id']}/reviews", headers=h).json()["log"] == []


def test_corrections_need_write_scope_and_a_real_field(client: TestClient, settings: Settings) -> None:
    writer = bearer(make_token(settings, "read", "write"))
    reader = bearer(make_token(settings, "read"))
    doc = _upload(client, writer)
    url = f"/documents/{doc['id']}/fields"
    assert client.put(f"{url}/opinion", json={"value": "qualified"}, headers=reader).status_code == 403
    assert client.put(f"{url}/colour", json={"value": "red"}, headers=writer).status_code == 404
    assert client.put(f"{url}/cuecs", json={"value": "x"}, headers=writer).status_code == 404
    assert client.put(f"{url}/exceptions.5", json={"value": "x"}, headers=writer).status_code == 404
    assert client.put("/documents/9999/fields/opinion", json={"value": "qualified"}, headers=writer).status_code == 404


def test_a_correction_survives_a_reparse(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    doc = _upload(client, h)
    client.put(f"/documents/{doc['id']}/fields/opinion", json={"value": "qualified"}, headers=h)
    assert client.post(f"/documents/{doc['id']}/reparse", headers=h).status_code == 202
    again = client.get(f"/documents/{doc['id']}", headers=h).json()
    assert again["status"] == "parsed"
    assert again["extraction"]["fields"]["opinion"]["value"] == "qualified"
    assert again["extraction"]["fields"]["opinion"]["review"]["original"]["value"] == "unqualified"


def test_a_browser_session_needs_the_csrf_token_to_change_anything(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "read", "write"))
    doc = _upload(client, h)
    with get_database(settings).session() as s:
        from service.auth.models import ApiToken

        token_id = s.query(ApiToken).order_by(ApiToken.id.desc()).first().id  # type: ignore[union-attr]
    cookie, session = sessions.issue(settings.data_dir, token_id)
    client.cookies.set(sessions.COOKIE, cookie)
    try:
        assert client.get(f"/documents/{doc['id']}").status_code == 200
        url = f"/documents/{doc['id']}/fields/opinion"
        assert client.put(url, json={"value": "qualified"}).status_code == 403
        assert client.put(url, json={"value": "qualified"}, headers={"X-CSRF-Token": "guess"}).status_code == 403
        ok = client.put(url, json={"value": "qualified"}, headers={"X-CSRF-Token": session.csrf})
        assert ok.status_code == 200
        client.cookies.set(sessions.COOKIE, cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
        assert client.get(f"/documents/{doc['id']}").status_code == 401
    finally:
        client.cookies.clear()
