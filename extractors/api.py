"""Entry points: bytes or a path in, an Extraction out. Never raises for bad input: sets ``error``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import document
from .model import Extraction, ExtractionError, FileInfo
from .pipeline import read_fields


def extract_bytes(data: bytes, name: str) -> Extraction:
    info = FileInfo(name=name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    if not data.lstrip()[:1024].find(b"%PDF-") >= 0:
        return Extraction(file=info, error=ExtractionError("not_pdf", f"{name} is not a PDF file"))
    try:
        doc = document.load(data)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a corrupt file to the user
        return Extraction(file=info, error=ExtractionError("corrupt", f"{name} could not be read as a PDF: {exc}"))
    info = FileInfo(name=name, sha256=info.sha256, pages=len(doc.pages), bytes=len(data))
    return read_fields(doc, info)


def extract_file(path: str | Path) -> Extraction:
    p = Path(path)
    return extract_bytes(p.read_bytes(), p.name)
