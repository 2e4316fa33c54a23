"""The app manifest asks for exactly the scopes the code uses, and its URLs point at the mounted endpoint."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bots.slack.http import PATH

ROOT = Path(__file__).resolve().parents[2]

# Web API method (as slack_sdk names it) -> the bot scope it needs (None: no scope)
METHOD_SCOPES: dict[str, str | None] = {
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",
    "conversations_open": "im:write",
    "files_info": "files:read",
    "views_publish": None,
    "auth_test": None,
}
EVENT_SCOPES: dict[str, str | None] = {
    "app_mention": "app_mentions:read",
    "app_home_opened": None,
    "file_shared": "files:read",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
}


def _manifest() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "slack" / "manifest.yml").read_text())


def _methods_called() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "bots").rglob("*.py"))
    return set(re.findall(r"client\.([a-z]+_[A-Za-z]+)\(", source))


def test_every_web_api_method_the_bot_calls_is_known() -> None:
    called = _methods_called()
    assert called, "the scan found no Web API calls"
    assert called <= set(METHOD_SCOPES), f"add the scope for {called - set(METHOD_SCOPES)}"


def test_scopes_are_exactly_those_used() -> None:
    manifest = _manifest()
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert events == set(EVENT_SCOPES)
    needed = {METHOD_SCOPES[m] for m in _methods_called()} | {EVENT_SCOPES[e] for e in events}
    needed |= {"commands"}  # the /vendor slash command
    needed |= {"files:read"}  # downloading url_private_download with the bot token
    needed.discard(None)
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed


def test_urls_point_at_the_mounted_endpoint() -> None:
    manifest = _manifest()
    urls = [manifest["settings"]["event_subscriptions"]["request_url"],
            manifest["settings"]["interactivity"]["request_url"],
            *[c["url"] for c in manifest["features"]["slash_commands"]]]
    assert all(url.endswith(PATH) for url in urls)
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/vendor"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
