"""The bots' hooks into the service (entry point ``vendor_assurance.plugins``): the ``chat`` and ``slack``
subcommands, the Slack HTTP endpoint at ``/slack/events``, and the Slack alert notifier.

Everything Slack is imported lazily, so ``vendor-assurance extract`` does not pay for slack_bolt and a service
without Slack settings runs exactly as before.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

log = logging.getLogger("vendor_assurance.slack")


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    from . import console

    console.register(subparsers)
    p = subparsers.add_parser("slack", help="run the Slack bot over Socket Mode (needs SLACK_APP_TOKEN)")
    p.add_argument("--data-dir", default=None, help="where the database lives (DATA_DIR)")
    p.set_defaults(func=_run_socket_mode)


def _run_socket_mode(args: argparse.Namespace) -> int:
    from pathlib import Path

    from service.cli.serve_cmd import settings_from

    if args.data_dir is not None:
        args.data_dir = Path(args.data_dir)
    settings = settings_from(args)
    from .slack.socket import run_socket_mode

    return run_socket_mode(settings)


def mount_api(app: Any, settings: Any) -> None:
    """Mount Bolt at /slack/events when Slack is configured for HTTP (a bot token and a signing secret)."""
    if settings.slack_bot_token is None or settings.slack_signing_secret is None:
        return
    from .slack.http import mount

    mount(app, settings)


def notifiers(settings: Any) -> list[Any]:
    """The Slack digest notifier when a bot token and an alert channel are set."""
    if settings.slack_bot_token is None or not settings.slack_alert_channel:
        return []
    from .slack.alerts import SlackDigestNotifier

    return [SlackDigestNotifier(settings)]
