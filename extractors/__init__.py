"""PDF -> Extraction. Pure: bytes in, a typed result out. No database, no network."""

from .api import extract_bytes, extract_file
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

__all__ = [
    "AICoverage",
    "Cuec",
    "ExceptionRow",
    "Extraction",
    "ExtractionError",
    "Fields",
    "FileInfo",
    "Found",
    "Subservice",
    "extract_bytes",
    "extract_file",
]
