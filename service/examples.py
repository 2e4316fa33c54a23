"""The bundled example documents (``service/examples/*.pdf``), loaded by ``serve --load-examples``.

They let a new user see a parsed document, a vendor verdict and an expiry alert within a minute of starting.
Loading is idempotent: documents are content-addressed, so a second run adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .database import get_database
from .documents import intake

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True, slots=True)
class Loaded:
    new: int
    existing: int
    document_ids: list[int]


def load_examples(settings: Settings, folder: Path | None = None, *, queue: bool = True) -> Loaded:
    """Ingest every PDF in ``folder`` (default: the bundled examples) and queue the new ones for parsing.

    ``serve`` passes ``queue=False``: its start-up queues every document still waiting, these included, and
    queueing them here as well would parse each twice over (the second time a no-op, but noise in the log)."""
    new = existing = 0
    ids: list[int] = []
    with get_database(settings).session() as db_session:
        for path in sorted((folder or EXAMPLES_DIR).glob("*.pdf")):
            result = intake.receive(
                db_session=db_session,
                settings=settings,
                data=path.read_bytes(),
                filename=path.name,
                uploaded_by="examples",
                parse="queue" if queue else "none",
            )
            ids.append(result.document.id)
            if result.created:
                new += 1
            else:
                existing += 1
    return Loaded(new, existing, ids)
