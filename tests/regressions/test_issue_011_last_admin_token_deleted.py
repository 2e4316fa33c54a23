"""Issue 11: "deleting the last admin token locks everyone out."

The last admin token cannot be revoked (409): someone must always be able to make tokens.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token


def test_issue_011_the_last_admin_token_is_kept(client: TestClient, settings: Settings) -> None:
    admin = make_token(settings, "admin", name="only-admin")
    make_token(settings, "read", name="reader")
    h = bearer(admin)
    own = next(t["id"] for t in client.get("/tokens", headers=h).json() if t["name"] == "only-admin")
    refused = client.delete(f"/tokens/{own}", headers=h)
    assert refused.status_code == 409
    assert client.get("/tokens", headers=h).status_code == 200  # still in
