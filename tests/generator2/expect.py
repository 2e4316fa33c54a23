"""The first family's ``Expect`` (the contract's shape, each quote's page looked up after layout), with one change:
a quote may begin at the foot of one page and end at the top of the next, as a table row split across pages does.
Such a quote gets the page it begins on, which is what tests/generator/compare.py's evidence check accepts.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from tests.generator.expect import LISTS, SINGLE, Expect, GeneratorError, _Pending, fold, page_texts

__all__ = ["Expect2", "GeneratorError", "fold", "page_texts"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Expect2(Expect):
    """Collects what a document states; ``resolve`` turns it into the contract JSON for the rendered bytes."""

    def resolve(self, data: bytes, name: str) -> dict[str, Any]:
        pages = page_texts(data)
        squashed = [_squash(p) for p in pages]
        across: list[str] = []

        def found(p: _Pending) -> dict[str, Any]:
            q = fold(p.quote)
            sq = _squash(q)
            for i, text in enumerate(pages, start=1):
                if q in text:
                    return {"value": p.value, "page": i, "quote": q, **p.extra}
            for i in range(len(pages) - 1):  # begun at the foot of page i+1, finished at the top of the next
                here, nxt = squashed[i], squashed[i + 1]
                if any(sq[:k] in here and sq[k:] in nxt for k in range(12, len(sq) - 3)):
                    across.append(q[:40])
                    return {"value": p.value, "page": i + 1, "quote": q, **p.extra}
            raise GeneratorError(f"{name}: quote not found on any page: {q!r}")

        fields: dict[str, Any] = {k: (found(self.single[k]) if k in self.single else None) for k in SINGLE}
        for k in LISTS:
            fields[k] = [found(p) for p in self.lists[k]]
        fields["ai"] = {"covered": self.ai_covered, "evidence": [found(p) for p in self.ai_evidence]}
        return {
            "schema_version": "1",
            "file": {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "pages": len(pages), "bytes": len(data)},
            "kind": self.kind,
            "fields": fields,
            # quotes_across_pages: table rows (or sentences) this document split across a page break.
            "x-generator": {"family": 2, "warn_about": list(self.warn_about),
                            "variant": {**self.notes, **({"quotes_across_pages": across} if across else {})}},
        }
