"""From a loaded Document to the typed Extraction: classify, then read each field."""

from __future__ import annotations

from .document import Document
from .model import Extraction, FileInfo


def read_fields(doc: Document, info: FileInfo) -> Extraction:
    """Classify the document and read its fields. Field readers live in their own modules."""
    return Extraction(file=info)
