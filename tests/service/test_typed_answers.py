"""Answers stored by the code that carried findings as dictionaries load through the typed models, on the real
database: the API sends them unchanged, ``assess_vendor`` and ``assess_many`` return them typed, and the
portfolio report reads them. The API's JSON keeps the engine's keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import select, update

from extractors import Extraction
from knowledge import Assessment, Citation, Finding, OptionResult, assess, default_profile
from service.assessments import service as assessments
from service.assessments.models import AssessedDocument, AssessmentResult, StoredAssessment
from service.config import Settings
from service.database import get_database
from service.documents import service as documents
from service.portfolio import report as report_mod

from .conftest import bearer, make_token
from .docs import certificate

DAY = date(2026, 12, 1)


class DictAnswer(BaseModel):
    """``AssessmentRead`` as it was declared before the typed models: the engine's answer as a plain dict."""

    vendor_id: int
    vendor_name: str
    profile: str
    as_of: date
    verdict: str
    documents: list[AssessedDocument]
    result: dict[str, Any]


@dataclass
class Stored:
    vendor_id: int
    engine: Assessment  # what the stored answer says
    text: str  # the stored answer, as the dictionary code wrote it


def store_dict_answer(settings: Settings, seed: int) -> Stored:
    """A parsed certificate whose vendor's stored answer (refreshed for DAY) is replaced by one the dictionary code
    would have written for the same extraction; its fingerprint is kept, so the service serves it."""
    pdf, _ = certificate(seed, date(2027, 9, 30))
    with get_database(settings).session() as s:
        doc = documents.ingest(db_session=s, settings=settings, data=pdf, filename=f"cert-{seed}.pdf").document
        processed = documents.process(db_session=s, settings=settings, document_id=doc.id)
        vendor_id = processed.vendor_id
        assert vendor_id is not None
        assert assessments.refresh(db_session=s, settings=settings, today=DAY) == 1
        current = assessments.assess_vendor(db_session=s, settings=settings, vendor_id=vendor_id, today=DAY)
        engine = assess([Extraction.from_dict(processed.extraction or {})], default_profile(), DAY)
        text = DictAnswer(
            vendor_id=vendor_id, vendor_name=current.vendor_name, profile=current.profile, as_of=DAY,
            verdict=engine.verdict, documents=current.documents, result=engine.to_dict(),
        ).model_dump_json()
        s.execute(update(StoredAssessment).where(StoredAssessment.vendor_id == vendor_id).values(answer=text))
        s.commit()
    assessments._cache.clear()  # as another process would: only the stored answer is known
    return Stored(vendor_id, engine, text)


def test_a_stored_dictionary_answer_loads_typed_everywhere(client: TestClient, settings: Settings) -> None:
    stored = store_dict_answer(settings, 91)
    assert stored.engine.findings and any(f.evidence for f in stored.engine.findings)
    token = make_token(settings, "read")
    sent = client.get(f"/vendors/{stored.vendor_id}/assessment", params={"as_of": DAY.isoformat()},
                      headers=bearer(token))
    assert sent.status_code == 200 and sent.content == stored.text.encode()  # sent as stored
    with get_database(settings).session() as s:
        typed = assessments.assess_vendor(db_session=s, settings=settings, vendor_id=stored.vendor_id, today=DAY)
        assert typed.result == AssessmentResult.of(stored.engine)
        assert typed.model_dump_json() == stored.text  # the same text, whichever code wrote it
        many = dict(assessments.assess_many(db_session=s, settings=settings, vendor_ids=[stored.vendor_id],
                                            today=DAY, store=False))
        assert many[stored.vendor_id] == typed
        built = report_mod.build(db_session=s, settings=settings, as_of=DAY, window=(date(2026, 1, 1), DAY))
    row = next(r for r in built.vendors if r["vendor_id"] == stored.vendor_id)
    assert row["headline"] == stored.engine.headline() and row["verdict"] == stored.engine.verdict
    listed = [f for f in stored.engine.findings if f.severity != "info"]
    assert [r["code"] for r in built.findings if r["vendor_id"] == stored.vendor_id] == [f.code for f in listed]


def _keys(obj: object) -> list[str]:
    """The keys the engine's own ``to_dict`` writes for an instance of this dataclass."""
    return list(obj.to_dict())  # type: ignore[attr-defined]


def test_the_api_answer_keeps_the_engines_keys(client: TestClient, settings: Settings) -> None:
    token = make_token(settings, "read", "write")
    pdf, _ = certificate(92, date(2027, 9, 30))
    up = client.post("/documents", files={"file": ("c.pdf", pdf, "application/pdf")}, headers=bearer(token)).json()
    vendor_id = client.get(f"/documents/{up['id']}", headers=bearer(token)).json()["vendor_id"]
    answer = client.get(f"/vendors/{vendor_id}/assessment", headers=bearer(token)).json()
    assert list(answer) == ["vendor_id", "vendor_name", "profile", "as_of", "verdict", "documents", "result"]
    assert list(answer["documents"][0]) == ["id", "filename", "kind", "period_end", "expiry_date"]
    result = answer["result"]
    assert list(result) == _keys(Assessment(verdict="meets"))
    assert result["findings"] and result["options"]
    for finding in result["findings"]:
        assert list(finding) == _keys(Finding("info", "X", "r"))
        for cite in finding["evidence"]:
            assert list(cite) == _keys(Citation("d"))
    for option in result["options"]:
        assert list(option) == _keys(OptionResult("o", "absent"))
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert schema["AssessmentRead"]["properties"]["result"] == {"$ref": "#/components/schemas/AssessmentResult"}


def test_a_damaged_stored_answer_is_computed_again_not_raised(client: TestClient, settings: Settings) -> None:
    """A stored answer that no longer reads as the model (damaged, or written by other code) is neither sent nor
    raised: the service computes the answer again, and the next refresh overwrites the row."""
    stored = store_dict_answer(settings, 93)
    damaged = stored.text.replace('"verdict":"', '"verdict":"perhaps-', 1)
    with get_database(settings).session() as s:
        s.execute(update(StoredAssessment).where(StoredAssessment.vendor_id == stored.vendor_id).values(answer=damaged))
        s.commit()
    assessments._cache.clear()
    token = make_token(settings, "read")
    sent = client.get(f"/vendors/{stored.vendor_id}/assessment", params={"as_of": DAY.isoformat()},
                      headers=bearer(token))
    assert sent.status_code == 200 and sent.json()["verdict"] == stored.engine.verdict
    with get_database(settings).session() as s:
        many = dict(assessments.assess_many(db_session=s, settings=settings, vendor_ids=[stored.vendor_id],
                                            today=DAY, store=False))
        assert many[stored.vendor_id].result == AssessmentResult.of(stored.engine)
        assessments._cache.clear()
        assert assessments.refresh(db_session=s, settings=settings, today=DAY) == 1
        row = s.execute(select(StoredAssessment.answer).where(StoredAssessment.vendor_id == stored.vendor_id))
        assert "perhaps-" not in row.scalar_one()
