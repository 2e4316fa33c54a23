"""The web app reads findings from the typed models: the portfolio's severity counts and a vendor's findings with
their evidence, from an answer the dictionary code stored (a real SQLite file)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.assessments import service as assessments
from service.config import Settings
from service.database import forget_databases, get_database
from service.documents.models import Document
from tests.service.test_typed_answers import DAY, store_dict_answer
from web import data


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    yield Settings(data_dir=tmp_path / "data", parse_timeout_seconds=60)
    data.forget_portfolio()
    forget_databases()


def test_the_web_reads_a_stored_dictionary_answer(settings: Settings) -> None:
    stored = store_dict_answer(settings, 94)
    expected = Counter(f.severity for f in stored.engine.findings)
    with get_database(settings).session() as s:
        data.forget_portfolio()
        shown = data.portfolio(s, settings, DAY)
        assessment = assessments.assess_vendor(db_session=s, settings=settings, vendor_id=stored.vendor_id, today=DAY)
        doc = s.query(Document).filter(Document.vendor_id == stored.vendor_id).one()
        views = data.findings(assessment, {doc.id: doc.extraction or {}})
    assert {k: v for k, v in shown.severities.items() if v} == dict(expected)
    assert shown.verdicts[stored.engine.verdict] == 1
    assert sorted(v.reason for v in views) == sorted(f.reason for f in stored.engine.findings)
    cited = [e for v in views for e in v.evidence]
    assert cited and all(e.document_id == doc.id and e.document == doc.filename for e in cited)
    assert any(e.page and e.quote and e.highlight for e in cited)  # tied to the field to highlight on the page
