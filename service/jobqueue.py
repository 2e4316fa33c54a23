"""This process's job queue as a use case sees it: the Huey instance ``jobs.init`` made, and putting work on it.

Apart from ``service.jobs``, which builds the queue and registers the domains' tasks on it: the use case that queues
a document's parsing (``documents.intake``) is also what the parsing task runs, so it must be able to queue work
without importing the module that imports the tasks. This module imports no domain.
"""

from __future__ import annotations

import threading
from typing import Any

from huey import Huey

from .config import Settings

_lock = threading.Lock()
# settings, huey, and one entry per registered task (ingest, scan, periodic, refresh); replaced by each ``jobs.init``
_state: dict[str, Any] = {}


def install(settings: Settings, queue: Huey, tasks: dict[str, Any]) -> None:
    """Make ``queue`` and its registered ``tasks`` this process's queue (``jobs.init`` calls it)."""
    with _lock:
        _state.clear()
        _state.update(tasks, settings=settings, huey=queue)


def settings() -> Settings:
    """The settings the queue was started with (a task runs with them)."""
    found = _state.get("settings")
    if found is None:
        raise RuntimeError("jobs.init(settings) was not called in this process")
    return found


def huey() -> Huey:
    found = _state.get("huey")
    if found is None:
        raise RuntimeError("jobs.init(settings) was not called in this process")
    return found


def enqueue_ingest(document_id: int) -> None:
    """Queue the parsing of a document (a duplicate is harmless: the parse claims the document first)."""
    _state["ingest"](document_id)


def enqueue_alert_scan() -> None:
    """Queue an alert scan now, besides the daily one."""
    _state["scan"]()
