"""Subservice organizations and whether the report carves them out or includes them.

The auditor's scope paragraph names them ("Acme uses Stratus Cloud, Inc., a subservice organization, to provide
hosting services") and says how they were treated: the carve-out method ("did not include the services provided by
the subservice organization") or the inclusive method ("included the services and controls of the subservice
organization"). The system description may repeat the method per organization, which then wins.
"""

from __future__ import annotations

import re

from ..model import Subservice
from .text import LEGAL_SUFFIX, DocText, clean_org, fold, sentence_around

_I = re.IGNORECASE

_USES = re.compile(
    r"\b(?:uses|utilizes|utilises|relies\s+(?:up)?on|leverages|engages)\s+(?P<orgs>[A-Z][^;]{0,200}?)"
    r"(?:,?\s+(?:an?\s+|various\s+|several\s+)?(?:independent\s+|third[- ]party\s+)?subservice\s+organi[sz]ations?,?)?"
    r"\s+(?:to\s+provide|to\s+perform|for)\b",
)
_SPLIT_AND = re.compile(r",?\s+and\s+|;\s*")
_SPLIT_COMMA = re.compile(rf",\s+(?!{LEGAL_SUFFIX}(?:\W|$))")
_CARVE = re.compile(
    r"carve[- ]?out|did\s+not\s+include\s+the\s+services\s+provided\s+by|excluded\s+from\s+the\s+scope|"
    r"not\s+included\s+in\s+the\s+scope",
    _I,
)
_INCLUSIVE = re.compile(r"inclusive\s+method|examination\s+included\s+the\s+services", _I)


def _method(window: str) -> str | None:
    carve = _CARVE.search(window)
    incl = _INCLUSIVE.search(window)
    if carve and incl:
        return "carve-out" if carve.start() < incl.start() else "inclusive"
    if carve:
        return "carve-out"
    if incl:
        return "inclusive"
    return None


def read_subservice(text: DocText) -> list[Subservice]:
    out: list[Subservice] = []
    for n in text.text_pages()[:12]:
        page = text.page_text[n]
        for m in _USES.finditer(page):
            s, e = sentence_around(page, m.start(), m.end())
            sentence = page[s:e]
            around = page[max(0, s - 200) : e + 900]
            if not re.search(r"subservice", around, _I):
                continue
            names = []
            for part in _SPLIT_AND.split(fold(m.group("orgs"))):
                names.extend(p for p in _SPLIT_COMMA.split(part) if p)
            names = [clean_org(x) for x in names if re.match(r"^[A-Z]", x.strip())]
            names = [x for x in names if len(x) > 2 and not re.match(r"^(?:The|Its|Our|Various|Several)\b", x)]
            if not names:
                continue
            method = _method(page[e : e + 900])
            for name in names:
                found_method = _described_method(text, name) or method
                if not any(o.value == name for o in out):
                    out.append(Subservice(name, n, fold(sentence), found_method))  # type: ignore[arg-type]
        if out:
            return out
    return out


def _described_method(text: DocText, name: str) -> str | None:
    """The method the description states next to this organization's short name, if it does."""
    short = re.escape(name.split(",")[0].split()[0])
    pattern = re.compile(rf"{short}[^.]*\.[^.]*?(?:carve[- ]?out|inclusive)\s+method", _I)
    for n in text.text_pages()[:40]:
        m = pattern.search(text.page_text[n])
        if m:
            return _method(m.group(0))
    return None
