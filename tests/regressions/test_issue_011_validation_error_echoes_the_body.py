"""Issue 11: "An authenticated 62 MB body got a 422 that echoed all 62 MB back."

A validation error says what is wrong with a short excerpt of the input, never the input itself: the answer to a
large bad body stays small.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token


def test_issue_011_a_422_quotes_an_excerpt_not_the_body(client: TestClient, settings: Settings) -> None:
    token = make_token(settings, "write")
    aliases = ["alias-" + "z" * 2000] * 200  # 400 KB of aliases, each too long, under the request limit
    response = client.post("/vendors", json={"name": "Echo Test Ltd", "aliases": aliases, "tier": 12},
                           headers=bearer(token))
    assert response.status_code == 422
    assert len(response.content) < 8_000
