"""Issue 11: "`GET /alerts` is empty after `./dev run` although the examples include a lapsed bridge letter and an
expired certificate (alerts wait for the 07:00 UTC scan); the log says it "re-queued 5 interrupted documents" on the
very first start."

The first start is what ``serve --load-examples`` does: the bundled examples are stored, the service starts and
parses what is waiting. A parsed document's alerts are raised at once, and documents queued by this very start are
not called interrupted.
"""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from service.api import create_app
from service.config import Settings
from service.examples import load_examples
from tests.service.conftest import bearer, make_token


def test_issue_011_the_first_start_lists_the_examples_alerts_and_calls_nothing_interrupted(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    loaded = load_examples(settings, queue=False)
    assert loaded.new > 0
    with caplog.at_level(logging.INFO), TestClient(create_app(settings, immediate=True)) as client:
        h = bearer(make_token(settings, "read"))
        documents = client.get("/documents", headers=h).json()
        assert documents and all(d["status"] == "parsed" for d in documents), documents
        kinds = {alert["kind"] for alert in client.get("/alerts", headers=h).json()["alerts"]}
    assert {"bridge_letter_expired", "certificate_expired"} <= kinds
    assert not [r.getMessage() for r in caplog.records if "interrupted" in r.getMessage()]
