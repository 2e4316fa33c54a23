"""Issue 11: "there is no health route."

A load balancer or an operator asks ``GET /health`` without a token and learns whether the database and the queue
answer.
"""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_issue_011_health_answers_without_a_token(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}
