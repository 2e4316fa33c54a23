"""Load what the brain keeps per process before the first question: the intent model, the portfolio snapshot
and the vendor directory. With 10,000 vendors the snapshot takes tens of seconds to read; done in a background
thread at start, no question waits for it (and later changes update it vendor by vendor)."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from . import classifier
from .vendors import VendorDirectory

log = logging.getLogger(__name__)


def warm_up(db: Any) -> None:
    """Build everything now, in this thread. Best effort: a failure is logged and the first question retries."""
    started = time.perf_counter()
    try:
        classifier.predict("warm up")
        with db.session() as db_session:
            VendorDirectory.from_session(db_session)
    except Exception:  # noqa: BLE001 - a start-up convenience must never stop the bot
        log.warning("the bot's warm-up failed; the first question will load what it needs", exc_info=True)
        return
    log.info("bot warmed up in %.1f s", time.perf_counter() - started)


def warm_up_in_background(db: Any) -> threading.Thread:
    thread = threading.Thread(target=warm_up, args=(db,), name="bot-warm-up", daemon=True)
    thread.start()
    return thread
