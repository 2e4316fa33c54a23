"""Issue 11: "a 500 MB JSON body to `POST /vendors` with no token grew the server from 144 MB to 1.6 GB before the
401; `/tokens`, `/documents/{id}/vendor`, `/alerts/{id}/snooze` and an unsigned `/slack/events` body do the same."

A body over the limit is refused while it is read, before anyone asks who sent it: the answer is 413, not the 401
that used to come only after the whole body was in memory. The body here is streamed without a length (so nothing
can be refused from a header) and is a few times the limit, not 500 MB: the rule is the same.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.config import Settings


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/vendors"), ("POST", "/tokens"), ("PUT", "/documents/7/vendor"), ("POST", "/alerts/7/snooze"),
])
def test_issue_011_an_unauthenticated_oversized_body_is_413_not_401(
    client: TestClient, settings: Settings, method: str, path: str
) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(4):
            yield b"a" * settings.max_request_bytes
        yield b'"}'

    response = client.request(method, path, content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 413
