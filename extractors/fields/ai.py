"""Does the document's scope reach AI/ML systems or models?

An ISO/IEC 42001 certificate is about an AI management system by definition. Otherwise the scope must say so: a
certificate's scope clause ("including machine learning model development"), or a sentence of a SOC report's system
description that puts models inside the system ("... models are within the boundaries of the system"). A sentence
that puts them outside ("... is not included in the scope of this report") is evidence of the opposite, and a
control that merely mentions a model is not a statement of scope.
"""

from __future__ import annotations

import re

from ..model import Found, Kind
from ..nlp import ai_mention
from ..patterns import lazy
from .text import DocText, fold, sentence_around

_PREFILTER = lazy(
    r"\b(?:AI|ML|LLMs?|GenAI)\b|artificial\s+intelligence|machine[\s-]+learning|deep\s+learning|neural\s+net|"
    r"language\s+models?|predictive|scoring\s+models?|AI-\w+|natural\s+language\s+processing",
    re.IGNORECASE,
)
_CASED_SHORT = lazy(r"\b(?:AI|ML|LLMs?|GenAI)\b")


def read_ai(text: DocText, kind: Kind, standards: list[Found[str]], scope: Found[str] | None) -> list[Found[str]]:
    if kind == "unknown":
        return []
    for s in standards:
        if s.value.startswith("ISO/IEC 42001"):
            return [s]
    if kind == "iso_certificate":
        if scope is None:
            return []
        for clause in re.split(r"(?<=[,;])\s+", scope.value):
            clause = clause.strip(" ,;.")
            if _hit(clause) and ai_mention(clause).mentions_ai:
                return [Found(clause, scope.page, clause)]
        return []
    return _description_sentences(text)


def _hit(s: str) -> bool:
    m = _PREFILTER.search(s)
    if not m:
        return False
    return bool(re.search(r"[a-z]{3}", m.group(0), re.IGNORECASE) and not _CASED_SHORT.fullmatch(m.group(0))) or bool(
        _CASED_SHORT.search(s)
    )


def _description_sentences(text: DocText) -> list[Found[str]]:
    scoped: list[Found[str]] = []
    listed: list[Found[str]] = []
    for n in text.text_pages():
        if not _PREFILTER.search(text.page_text[n]):
            continue
        page = text.reading_page(n)  # two columns drawn line by line would glue each sentence to its neighbour
        for m in _PREFILTER.finditer(page):
            s, e = sentence_around(page, m.start(), m.end())
            sentence = fold(page[s:e])
            if len(sentence) > 600 or any(f.quote == sentence for f in scoped + listed):
                continue
            mention = ai_mention(sentence)
            if not mention.mentions_ai or mention.out_of_scope:
                continue
            if mention.in_scope:
                scoped.append(Found(sentence, n, sentence))
            elif len(listed) < 3 and _describes_service(sentence):
                listed.append(Found(sentence, n, sentence))
    return scoped or listed


def _describes_service(sentence: str) -> bool:
    """A sentence of a services description ("X is a machine learning service that ..."), not a control."""
    return bool(
        re.search(
            r"\b(?:is|are)\s+an?\s+[\w\s-]{0,40}(?:service|platform|capabilit)|\bpowered\s+by\b|"
            r"\buses\s+machine\s+learning\b",
            sentence,
            re.IGNORECASE,
        )
    )
