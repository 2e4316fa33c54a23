"""How much work one document may cost: bytes, pages and seconds.

An uploaded PDF is untrusted input. Without a ceiling a 2 GB file, a 100 000-page file or a page built to make a parser
spin would hold a worker (and the Slack thread waiting on it) forever. The defaults fit the largest real assurance
reports (SOC 2 reports run to ~300 pages and a few tens of MB) with room to spare; the environment or the CLI can
raise them for a scanned archive that needs OCR on every page.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace

from .model import DocumentError

ENV_VARS = {
    "max_bytes": "VA_MAX_BYTES",
    "max_pages": "VA_MAX_PAGES",
    "timeout_seconds": "VA_TIMEOUT_SECONDS",
    "max_memory_mb": "VA_MAX_MEMORY_MB",
    "max_ocr_pages": "VA_MAX_OCR_PAGES",
    "max_ocr_seconds": "VA_MAX_OCR_SECONDS",
    "max_image_pixels": "VA_MAX_IMAGE_PIXELS",
    "max_stream_bytes": "VA_MAX_STREAM_BYTES",
}
_SECONDS = ("timeout_seconds", "max_ocr_seconds")
_SIZES = ("VA_MAX_BYTES", "VA_MAX_STREAM_BYTES")


@dataclass(frozen=True, slots=True)
class Limits:
    """Ceilings for one document. Validated on construction so a typo fails at start-up, not on the 50th file."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    timeout_seconds: float = 120.0
    # Memory one file may take in the worker process (``extractors.worker``) that reads untrusted files: a 200 KB PDF
    # whose content stream inflates a million-fold can otherwise take the host's memory. Not applied in-process.
    # 640 MB of address space on top of what the child maps at start keeps the whole extraction (the parent, the
    # child and its Tesseract processes) under 768 MB resident; the largest real reports need under 300 MB.
    max_memory_mb: int = 640
    # Pages sent to OCR: Tesseract takes about a second a page, so an 80 KB file of 390 image-only pages would hold
    # a worker for minutes. Real reports have a few scanned pages (the signed opinion, a certificate); beyond this
    # many the rest are reported as not read, with a warning, and a fully scanned archive raises it.
    max_ocr_pages: int = 50
    # Total wall-clock seconds of OCR per document, counted from the first page sent: the same bound in time, for
    # pages that are slow to read (dense or noisy scans). Pages not read by then are reported, not a timeout.
    max_ocr_seconds: float = 30.0
    # Decoded pixels of one image that a page may hold to be rendered for OCR: a 40000 x 40000 image is 1.6 GB once
    # decoded. 64 million is a 600 DPI scan of an A3 sheet; a page with a larger image is not OCR'd (a warning).
    max_image_pixels: int = 64_000_000
    # Bytes one stream other than an image may inflate to (content streams, fonts, object streams), checked before
    # the PDF is opened: parsers hold a content stream whole and build objects many times its size, so a 400 KB
    # file whose stream inflates to 400 MB took 2 GB. Real content streams are well under 5 MB; embedded CJK fonts
    # reach ~20 MB.
    max_stream_bytes: int = 32 * 1024 * 1024

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_memory_mb", "max_ocr_pages", "max_image_pixels",
                     "max_stream_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, got {value!r}")
            if value < 1:
                raise ValueError(f"{name} must be at least 1, got {value}")
        if self.max_memory_mb < 128:
            raise ValueError(f"max_memory_mb must be at least 128 (OCR alone needs that), got {self.max_memory_mb}")
        for name in _SECONDS:
            t = getattr(self, name)
            if isinstance(t, bool) or not isinstance(t, int | float):
                raise ValueError(f"{name} must be a number of seconds, got {t!r}")
            if not math.isfinite(t) or t <= 0:
                raise ValueError(f"{name} must be a positive number of seconds, got {t!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: float | int | None) -> Limits:
        """Defaults, then the ``VA_*`` variables of ``ENV_VARS``, then explicit overrides.

        ``None`` overrides are ignored so CLI flags that were not given fall through to the environment.
        """
        env = os.environ if environ is None else environ
        values: dict[str, float | int] = {}
        for f in fields(cls):
            var = ENV_VARS[f.name]
            raw = env.get(var, "").strip()
            if raw and overrides.get(f.name) is None:  # a flag given wins, even over a malformed variable
                values[f.name] = _parse(var, raw, integer=f.name not in _SECONDS)
        for name, value in overrides.items():
            if name not in ENV_VARS:
                raise ValueError(f"unknown limit {name!r}; known: {', '.join(ENV_VARS)}")
            if value is not None:
                values[name] = value
        return replace(cls(), **values)  # type: ignore[arg-type]


def _parse(var: str, raw: str, *, integer: bool) -> float | int:
    try:
        if integer:
            return _parse_size(raw) if var in _SIZES else int(raw)
        return float(raw)
    except ValueError:
        kind = "a whole number" if integer else "a number of seconds"
        raise ValueError(f"{var}={raw!r} is not {kind}") from None


_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}


def _parse_size(raw: str) -> int:
    """``52428800``, ``50MB`` or ``50M``: people write sizes with units, so accept them."""
    text = raw.strip().upper().replace(" ", "")
    digits = text.rstrip("KMGB")
    unit = text[len(digits) :]
    if unit not in _UNITS or not digits.isdigit():
        raise ValueError(raw)
    return int(digits) * _UNITS[unit]


def human_bytes(n: int) -> str:
    """Sizes in error messages, the way people read them."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"


def parse_size(raw: str) -> int:
    """Public form of the size parser, for CLI flags (``--max-bytes 80MB``)."""
    try:
        value = _parse_size(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a size (examples: 52428800, 50MB, 2G)") from None
    return value


class Deadline:
    """A wall-clock budget checked between units of work (a page, an OCR call, a layout request).

    Checking is cooperative: it cannot interrupt one long native call. ``extractors.worker`` adds the hard stop by
    running the extraction in a child process it can kill.
    """

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - self._clock())

    def expired(self) -> bool:
        return self._clock() >= self._end

    def check(self, doing: str = "reading the document") -> None:
        if self.expired():
            raise DocumentError(
                "timeout",
                f"gave up after {self.seconds:g} s while {doing} (time limit; raise it with "
                "--timeout or VA_TIMEOUT_SECONDS)",
            )
