"""Fixtures shared with the rest of the suite rather than copied: the service's (a real SQLite file, and a real
PostgreSQL when DATABASE_URL_TEST is set) and the Slack bot's (the service with the bot mounted, under uvicorn on
loopback, Slack's Web API played by a loopback stand-in, the bundled examples read in); and the bot's portfolio.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.database import forget_databases
from tests.bots.conftest import bot, fake  # noqa: F401  (pytest fixtures, used by name)
from tests.service.conftest import app, client, settings  # noqa: F401


@pytest.fixture(scope="package")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The data directory of the bot's regression portfolio (tests/regressions/portfolio.py), built once."""
    from .portfolio import build

    data_dir = tmp_path_factory.mktemp("portfolio") / "data"
    build(data_dir)
    yield data_dir
    forget_databases()
