"""PDF -> Extraction. Pure: bytes in, a typed result out. No database, no network."""

from typing import TYPE_CHECKING, Any

from .api import extract_bytes, extract_file
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
    from .worker import IsolatedExtractor


def __getattr__(name: str) -> Any:
    """``IsolatedExtractor`` on first use: importing it here eagerly would load ``extractors.worker`` before
    ``python -m extractors.worker`` (the fresh child) runs it as ``__main__``, which runpy warns about."""
    if name == "IsolatedExtractor":
        from .worker import IsolatedExtractor

        return IsolatedExtractor
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
