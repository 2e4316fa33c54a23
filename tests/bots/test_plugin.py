"""The plugin hooks: nothing Slack runs without Slack settings; with them, the endpoint and the notifier appear."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bots import plugin
from cli import main
from service.api import create_app
from service.config import Settings
from service.database import forget_databases


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    yield Settings(data_dir=tmp_path / "data", embedded_worker=False)
    forget_databases()


def test_without_slack_settings_there_is_no_endpoint_and_no_notifier(settings: Settings) -> None:
    api = create_app(settings, start_worker=False)
    with TestClient(api) as client:
        assert client.post("/slack/events", content=b"{}").status_code == 404
    assert plugin.notifiers(settings) == []


def test_with_slack_settings_the_endpoint_needs_a_signature(settings: Settings) -> None:
    configured = settings.model_copy(update={
        "slack_bot_token": SecretStr("xoxb-x"), "slack_signing_secret": SecretStr("s"),
        "slack_api_base_url": "http://127.0.0.1:9/api/",  # nothing listens: start-up must not call Slack
    })
    api = create_app(configured, start_worker=False)
    with TestClient(api) as client:
        assert client.post("/slack/events", content=b"{}").status_code == 401
    assert plugin.notifiers(configured) == []  # no alert channel configured


def test_socket_mode_without_an_app_token_says_what_is_missing(settings: Settings,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack", "--data-dir", str(settings.data_dir)]) == 2
    assert "SLACK_APP_TOKEN" in capsys.readouterr().out
