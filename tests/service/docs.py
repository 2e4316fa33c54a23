"""Generated PDFs for the service tests (tests/generator), built once per process."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from tests.generator import build, iso


@lru_cache(maxsize=64)
def generated(name: str, seed: int = 1) -> tuple[bytes, dict[str, Any]]:
    return build(name, seed)


@lru_cache(maxsize=64)
def certificate(seed: int, expiry: date) -> tuple[bytes, dict[str, Any]]:
    """An ISO/IEC 27001:2022 certificate expiring on ``expiry``."""
    return iso.build("27001_2022", seed, expiry=expiry)


def expected_vendor(expected: dict[str, Any]) -> str:
    return str(expected["fields"]["vendor"]["value"])
