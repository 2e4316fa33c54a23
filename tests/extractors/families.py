"""What the generator-family tests share: each document built and extracted once per session, and why each field
fails (the scorer's verdict, and 'evidence' when a quote is not on the page it cites)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from extractors import extract_bytes
from tests.generator.compare import evidence_problems, is_scanned
from tests.generator2.expect import page_texts
from tests.generator2.score import check

Built = tuple[bytes, dict[str, Any]]


class FamilyCheck:
    """A family's ``build(name, seed)`` seen by the tests: ``generated``, ``extracted`` and ``failures``."""

    def __init__(self, build: Callable[[str, int], Built]) -> None:
        self.generated: Callable[[str, int], Built] = cache(build)
        self.extracted: Callable[[str, int], dict[str, Any]] = cache(self._extract)

    def _extract(self, builder: str, seed: int) -> dict[str, Any]:
        pdf, expected = self.generated(builder, seed)
        return extract_bytes(pdf, expected["file"]["name"]).to_dict()

    def failures(self, builder: str, seed: int, fields: Sequence[str]) -> dict[str, str]:
        pdf, expected = self.generated(builder, seed)
        got = self.extracted(builder, seed)
        out = check(expected, got, fields)
        if "evidence" in fields and not is_scanned(expected):
            ev = evidence_problems(got, page_texts(pdf))
            if ev:
                out["evidence"] = "; ".join(ev)
        return out
