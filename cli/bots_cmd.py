"""`vendor-assurance chat | slack`: the bot in the terminal, and the Slack bot over Socket Mode.

Only the options are declared here; the bot (its brain, its model, slack_bolt) is imported when a command runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .serve_cmd import settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="ask the bot's questions in the terminal (no Slack needed)")
    p.add_argument("question", nargs="*", help="a question to answer and exit; without it, read questions from stdin")
    p.add_argument("--data-dir", type=Path, default=None, help="where the database lives (DATA_DIR)")
    p.add_argument("--profile", default=None, help="requirement profile to answer with (default: DEFAULT_PROFILE)")
    p.add_argument("--today", type=date.fromisoformat, default=None, help="answer as of this day (YYYY-MM-DD)")
    p.add_argument("--load-examples", action="store_true", help="read the bundled example PDFs first")
    p.set_defaults(func=run_chat)

    s = sub.add_parser("slack", help="run the Slack bot over Socket Mode (needs SLACK_APP_TOKEN)")
    s.add_argument("--data-dir", type=Path, default=None, help="where the database lives (DATA_DIR)")
    s.set_defaults(func=run_socket_mode)


def run_chat(args: argparse.Namespace) -> int:
    from bots.console import run_chat as chat

    return chat(args, settings_from(args))


def run_socket_mode(args: argparse.Namespace) -> int:
    from bots.slack.socket import run_socket_mode as socket_mode

    return socket_mode(settings_from(args))
