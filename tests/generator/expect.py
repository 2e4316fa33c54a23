"""Expected values in the contract's shape, with each quote's page found in the rendered PDF.

Builders know every value they print and the exact words around it; the page is only known after layout,
so each quote is looked up (whitespace folded) in the rendered pages. A quote that cannot be found means
the builder printed something other than it claims, which is a generator bug and raises.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium

_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    return _WS.sub(" ", text).strip()


class GeneratorError(AssertionError):
    """The generator's own bookkeeping is wrong (a quote it claims is not on any page)."""


def page_texts(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(fold(tp.get_text_range()))
            tp.close()
            page.close()
        return out
    finally:
        pdf.close()


@dataclass
class _Pending:
    value: Any
    quote: str
    extra: dict[str, Any] = field(default_factory=dict)
    after: int = 1  # search from this page on (a section known to come later)
    # Find the page by the quote's opening words only: in interleaved columns the whole sentence is not
    # contiguous in the plain text, but its first line is.
    by_prefix: bool = False


SINGLE = ("vendor", "issuer", "accreditation_body", "certificate_number", "report_date", "period_start", "period_end",
          "issue_date", "original_issue_date", "expiry_date", "opinion", "scope")
LISTS = ("standards", "tsc_categories", "subservice_organizations", "cuecs", "exceptions")


class Expect:
    """Collects what a document states; ``resolve`` turns it into the contract JSON for the rendered bytes."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.single: dict[str, _Pending] = {}
        self.lists: dict[str, list[_Pending]] = {name: [] for name in LISTS}
        self.ai_evidence: list[_Pending] = []
        self.ai_covered = False
        self.warn_about: list[str] = []  # words a reviewer's warning should contain (e.g. "2013", "qualified")
        self.notes: dict[str, Any] = {}  # the builder's variant choices, to explain a failure

    def set(self, name: str, value: Any, quote: str, **extra: Any) -> None:
        assert name in SINGLE, name
        self.single[name] = _Pending(value, quote, extra)

    def add(self, name: str, value: Any, quote: str, **extra: Any) -> None:
        assert name in LISTS, name
        self.lists[name].append(_Pending(value, quote, extra))

    def ai(self, value: str, quote: str, *, by_prefix: bool = False) -> None:
        self.ai_covered = True
        self.ai_evidence.append(_Pending(value, quote, by_prefix=by_prefix))

    def resolve(self, data: bytes, name: str) -> dict[str, Any]:
        pages = page_texts(data)

        def found(p: _Pending) -> dict[str, Any]:
            q = fold(p.quote)
            probe = " ".join(q.split()[:4]) if p.by_prefix else q
            for i, text in enumerate(pages, start=1):
                if i >= p.after and probe in text:
                    return {"value": p.value, "page": i, "quote": q, **p.extra}
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
            # Not part of the contract (extra keys are allowed): how this document was made.
            "x-generator": {"warn_about": list(self.warn_about), "variant": dict(self.notes)},
        }
