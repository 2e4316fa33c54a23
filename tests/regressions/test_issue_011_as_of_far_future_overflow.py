"""Issue 11: "`as_of=9999-12-31` (`OverflowError`, and `check --as-of 9999-12-31` prints a traceback)."

A day outside 1970-2100 is a 422 in the API and a usage error on the command line, never date arithmetic that
overflows.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.config import Settings
from tests.service.conftest import bearer, make_token

from .documents import certificate_pdf
from .helpers import run_cli, write_pdf


def test_issue_011_as_of_9999_is_a_422(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    vendor = client.post("/vendors", json={"name": "Far Future Ltd"}, headers=h).json()
    response = client.get(f"/vendors/{vendor['id']}/assessment", params={"as_of": "9999-12-31"}, headers=h)
    assert response.status_code == 422


def test_issue_011_check_as_of_9999_is_a_usage_error_without_a_traceback(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "certificate.pdf", certificate_pdf())
    status, out, err = run_cli("check", path, "--as-of", "9999-12-31")
    assert status == 2
    assert "Traceback" not in err + out
    assert "9999-12-31" in err
