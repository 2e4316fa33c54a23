"""Slack answers say when a value was set by a reviewer (a correction made in the web app or through the API)."""

from __future__ import annotations

from typing import Any

from service.database import get_database
from service.documents import corrections
from service.documents import service as documents
from service.documents.review_models import FieldCorrection
from service.vendors import service as vendors

from .conftest import Bot


def _soc2(bot: Bot) -> Any:
    with get_database(bot.settings).session() as s:
        vendor = vendors.search(db_session=s, q="Quillfeather", limit=1)[0].vendor
        return next(d for d in documents.current_documents(db_session=s, vendor_id=vendor.id) if d.kind == "soc2_type2")


def test_an_answer_says_the_value_was_reviewed_and_stops_after_the_undo(bot: Bot) -> None:
    doc = _soc2(bot)
    with get_database(bot.settings).session() as s:
        corrections.correct(db_session=s, document_id=doc.id, field="opinion", actor="alice",
                            body=FieldCorrection(value="qualified", note="the opinion says 'except for'"))
    try:
        text = bot.ask("is quillfeather's soc 2 current?").text()
        assert "qualified (reviewed by alice)" in text
        cover = bot.ask("does quillfeather cover us?").text()
        assert f"opinion of {doc.filename} was reviewed by alice" in cover
        assert "the extractor read unqualified" in cover and "except for" in cover
    finally:
        with get_database(bot.settings).session() as s:
            corrections.undo(db_session=s, document_id=doc.id, field="opinion", actor="alice")
    again = bot.ask("is quillfeather's soc 2 current?").text()
    assert "reviewed by" not in again and "unqualified" in again
