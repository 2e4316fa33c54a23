"""Fixtures shared with the rest of the suite rather than copied: the service's (a real SQLite file, and a real
PostgreSQL when DATABASE_URL_TEST is set) and the Slack bot's (the service with the bot mounted, under uvicorn on
loopback, Slack's Web API played by a loopback stand-in, the bundled examples read in)."""

from tests.bots.conftest import bot, fake  # noqa: F401  (pytest fixtures, used by name)
from tests.service.conftest import app, client, settings  # noqa: F401
