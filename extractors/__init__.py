"""PDF -> Extraction. Pure: bytes in, a typed result out. No database, no network."""

from typing import TYPE_CHECKING, Any

from .limits import Limits
from .model import (
    AICoverage,
    Cuec,
    ExceptionRow,
    Extraction,
    ExtractionError,
    Fields,
    FileInfo,
    Found,
    Subservice,
)

if TYPE_CHECKING:
    from .reader import extract_bytes, extract_file
    from .worker import IsolatedExtractor


def __getattr__(name: str) -> Any:
    """The readers on first use. ``IsolatedExtractor``: importing it here eagerly would load ``extractors.worker``
    before ``python -m extractors.worker`` (the fresh child) runs it as ``__main__``, which runpy warns about.
    ``extract_bytes`` / ``extract_file``: they load pdfium and every field reader, which a user of the model types
    (``extractors.model``, ``extractors.limits``) or a ``--help`` never needs."""
    if name == "IsolatedExtractor":
        from .worker import IsolatedExtractor

        return IsolatedExtractor
    if name in ("extract_bytes", "extract_file"):
        from . import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AICoverage",
    "Cuec",
    "ExceptionRow",
    "Extraction",
    "ExtractionError",
    "Fields",
    "FileInfo",
    "Found",
    "IsolatedExtractor",
    "Limits",
    "Subservice",
    "extract_bytes",
    "extract_file",
]
