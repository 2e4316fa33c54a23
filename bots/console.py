"""`vendor-assurance chat`: the bot's questions and answers in the terminal, on the embedded database.

It is how a new user tries the bot in the first minute (``vendor-assurance chat --load-examples``), and how scripts
and tests ask it things: a question as arguments, or one question per line on stdin.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, TextIO

from service.database import get_database

from . import memory
from .brain.mentions import render as render_mentions
from .brain.reply import Answer, Context, Item
from .brain.router import respond

if TYPE_CHECKING:
    from service.config import Settings

_MARK = {"good": "[OK]", "warn": "[!]", "bad": "[X]", "info": "[i]"}
WIDTH = 100


def _wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _item_lines(item: Item, indent: str = "  ") -> list[str]:
    head = f"{item.severity.upper()}: " if item.severity else ""
    lines = _wrap(f"- {head}{item.text}", indent)
    for cite in item.cites:
        where = cite.document + (f", page {cite.page}" if cite.page else "")
        quote = f': "{cite.quote}"' if cite.quote else ""
        lines += _wrap(f"  ({where}{quote})", indent + "  ")
    if item.absence and not item.cites:
        lines += _wrap(f"  (looked for: {item.absence})", indent + "  ")
    return lines


def render_text(answer: Answer) -> str:
    """The answer as plain text: the verdict at a glance, facts, findings with their citations, examples."""
    lines = [f"{_MARK.get(answer.status, '')} {answer.title}".strip()]
    lines += _wrap(answer.summary, "  ")
    for label, value in answer.facts:
        lines += _wrap(f"{label}: {value}", "  ")
    if answer.items:
        if answer.items_title:
            lines.append(f"  {answer.items_title}:")
        for item in answer.items:
            lines += _item_lines(item, "    ")
        if answer.more:
            lines.append(f"    … and {answer.more} more")
    for section in answer.sections:
        lines.append(f"  {section.title}:")
        for item in section.items:
            lines += _item_lines(item, "    ")
        if section.more:
            lines.append(f"    … and {section.more} more")
    for note in answer.notes:
        if note:
            lines += _wrap(render_mentions(note, lambda user: f"@{user}"), "  ")
    if answer.examples:
        lines.append("  Try:")
        lines += [f"    {e}" for e in answer.examples]
    return "\n".join(lines)


def load_examples_now(settings: Settings) -> tuple[int, int]:
    """Ingest and parse the bundled examples in this process (no worker needed), each vendor's answer stored as the
    queue would; returns (read now, already there)."""
    # lazy: the ingestion use case (the job queue, alerts, Huey, Redis: half a second) is needed by `chat` only
    # with --load-examples
    from service.documents import intake
    from service.examples import EXAMPLES_DIR

    new = old = 0
    with get_database(settings).session() as db_session:
        for path in sorted(EXAMPLES_DIR.glob("*.pdf")):
            received = intake.receive(db_session=db_session, settings=settings, data=path.read_bytes(),
                                      filename=path.name, uploaded_by="examples", parse="now")
            if received.started:
                new += 1
            else:
                old += 1
    return new, old


def _questions(args: argparse.Namespace, stdin: TextIO) -> tuple[Iterable[str], bool]:
    if args.question:
        return [" ".join(args.question)], False
    interactive = stdin.isatty()
    return stdin, interactive


def run_chat(args: argparse.Namespace, settings: Settings, stdin: TextIO | None = None,
             stdout: TextIO | None = None) -> int:
    """Answer the questions of ``args`` (or of stdin) with the settings the command line built."""
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    if args.load_examples:
        new, old = load_examples_now(settings)
        print(f"example documents: {new} read now, {old} already there", file=out)
    db = get_database(settings)
    questions, interactive = _questions(args, stdin)
    if interactive:
        print("Ask about your vendors (\"help\" for examples, Ctrl-D to quit).", file=out)
    status = 0
    thread = None  # the session is one conversation: a follow-up keeps the vendor and profile
    for raw in _prompted(questions, interactive, out):
        text = raw.strip()
        if not text:
            continue
        if text.lower() in {"quit", "exit", "bye"}:
            break
        with db.session() as db_session:
            bound = args.profile or memory.channel_profile(db_session, "console")
            ctx = Context(db_session=db_session, settings=settings, today=args.today or date.today(),
                          profile=bound,
                          bind_profile=lambda name: memory.bind_channel_profile(db, "console", name, "console"),
                          thread=thread)
            try:
                answer = respond(text, ctx)
                thread = ctx.thread
            except Exception as exc:  # noqa: BLE001 - a chat answers every question; the reason is shown, not a traceback
                print(f"[X] Sorry, I could not answer that: {type(exc).__name__}: {exc}", file=out)
                status = 1
                continue
        print(render_text(answer), file=out)
        print(file=out)
        out.flush()
    return status


def _prompted(lines: Iterable[str], interactive: bool, out: TextIO) -> Iterable[str]:
    if not interactive:
        yield from lines
        return
    while True:
        try:
            yield input("you> ")
        except EOFError:
            print(file=out)
            return
