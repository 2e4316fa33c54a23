"""Issue 11: "a write-only token gets full records back."

A token that may write but not read gets the id of what it created or changed, not the record: otherwise writing
is a way to read.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token


def test_issue_011_a_write_only_token_gets_ids(client: TestClient, settings: Settings) -> None:
    writer = bearer(make_token(settings, "write"))
    created = client.post("/vendors", json={"name": "Quiet Harbour Ltd", "owner": "procurement"}, headers=writer)
    assert created.status_code == 201
    assert set(created.json()) == {"id"}
    changed = client.patch(f"/vendors/{created.json()['id']}", json={"tier": "high"}, headers=writer)
    assert changed.status_code == 200
    assert set(changed.json()) == {"id"}
