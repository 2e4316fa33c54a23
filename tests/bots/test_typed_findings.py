"""The brain renders findings from the typed models: a vendor's stored answer (even one the dictionary code wrote)
and a document triaged on its own go through the same renderer, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bots.brain.handlers.assessment import assessment_answer, finding_item
from bots.brain.reply import Context, Item
from bots.brain.triage import triage_answer
from knowledge import assess, default_profile
from service.assessments.models import AssessmentResult
from service.config import Settings
from service.database import forget_databases, get_database
from service.documents.models import Document
from tests.knowledge import builders as b
from tests.service.test_typed_answers import DAY, store_dict_answer

SHORTFALL = ("critical", "high", "medium")


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    yield Settings(data_dir=tmp_path / "data", parse_timeout_seconds=60)
    forget_databases()


def test_a_stored_dictionary_answer_is_rendered_with_its_citations(settings: Settings) -> None:
    stored = store_dict_answer(settings, 93)
    with get_database(settings).session() as s:
        answer = assessment_answer(Context(s, settings, DAY, max_items=50), stored.vendor_id)
    assert answer.verdict == stored.engine.verdict
    assert [i.text for i in answer.items] == [f.reason for f in stored.engine.findings]
    cited = [(i, f) for i, f in zip(answer.items, stored.engine.findings, strict=True) if f.evidence]
    assert cited
    for item, finding in cited:
        assert [(c.document, c.page, c.quote) for c in item.cites] == [
            (c.document, c.page, c.quote) for c in finding.evidence
        ]
        assert item.severity == finding.severity and item.absence == finding.absence


def test_a_document_without_a_vendor_is_triaged_through_the_same_renderer(settings: Settings) -> None:
    x = b.soc2(opinion="qualified")
    doc = Document(id=1, filename=x.file.name, sha256="0" * 64, status="parsed", kind=x.kind,
                   extraction=x.to_dict(), vendor_id=None)
    engine = assess([x], default_profile(), DAY)
    with get_database(settings).session() as s:
        card = triage_answer(doc, Context(s, settings, DAY, max_items=50))
    assert card.verdict == "does_not_meet" and "this document alone" in card.summary
    qualified = next(i for i in card.items if "qualified" in i.text.lower())
    assert qualified.cites and qualified.cites[0].page == 5 and "In our opinion" in (qualified.cites[0].quote or "")
    rendered: list[Item] = [finding_item(f) for f in AssessmentResult.of(engine).findings if f.severity in SHORTFALL]
    assert card.items == rendered


def test_the_renderer_gives_the_same_lines_for_a_fresh_and_a_stored_answer() -> None:
    engine = assess([b.soc2(opinion="qualified"), b.bridge()], default_profile(), date(2026, 11, 30))
    fresh = AssessmentResult.of(engine)
    reloaded = AssessmentResult.model_validate_json(fresh.model_dump_json())
    assert [finding_item(f) for f in fresh.findings] == [finding_item(f) for f in reloaded.findings]
    assert any(finding_item(f).cites for f in fresh.findings)
