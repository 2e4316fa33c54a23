"""Start-up work that keeps a server's first requests, and its slowest ones, fast.

Everything an answer needs that is loaded once per process (the knowledge base's catalogues and profiles, the
vendor name index) is loaded before the first request, so no client waits while it is read. Then the garbage
collector is told to leave those objects alone: they live as long as the process, and with 10,000 vendors a full
collection that walks them pauses every request in flight for about a tenth of a second.
"""

from __future__ import annotations

import gc
import logging
import time

import knowledge

from .config import Settings
from .database import Database
from .profiles import AssessmentUnavailable, profiles
from .vendors.service import search_hits

log = logging.getLogger(__name__)
_frozen: list[bool] = []


def warm_up(settings: Settings, db: Database) -> None:
    """Load the long-lived data now, then exempt it from garbage collection (``gc.freeze``, the first time in a
    process). Best effort: a problem here (a malformed profile, say) is logged, and the request that needs the data
    reports it."""
    started = time.perf_counter()
    try:
        knowledge.preload()
        profiles(settings=settings)
    except (AssessmentUnavailable, ValueError) as exc:
        log.warning("the knowledge base could not be preloaded: %s", exc)
    try:
        with db.session() as db_session:
            search_hits(db_session=db_session, q="warm-up")
    except Exception:  # noqa: BLE001 - the database's problems are reported by the requests that meet them
        log.warning("the vendor name index could not be built at start-up", exc_info=True)
    if not _frozen:  # once per process: what a later start-up (tests start many apps) leaves is not for ever
        _frozen.append(True)
        gc.collect()
        gc.freeze()
    log.info("warmed up in %.2f s", time.perf_counter() - started)
