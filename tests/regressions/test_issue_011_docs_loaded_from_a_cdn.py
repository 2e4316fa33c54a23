"""Issue 11: "`/docs` loads Swagger UI from a CDN (blank offline, third-party script on the page where the admin
token is pasted)."

The API's documentation pages load every script and style from the service itself.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_issue_011_the_api_docs_load_nothing_from_another_host(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', html.text)
    assert sources, "the page loads its scripts from somewhere"
    assert [s for s in sources if re.match(r"(?:https?:)?//", s)] == []
    for source in sources:
        assert client.get(source).status_code == 200, source
