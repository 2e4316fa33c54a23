"""The service's fixtures (a real SQLite file, and a real PostgreSQL when DATABASE_URL_TEST is set), shared with
tests/service rather than copied: the regressions of the HTTP API run on the same databases."""

from tests.service.conftest import app, client, settings  # noqa: F401  (pytest fixtures, used by name)
