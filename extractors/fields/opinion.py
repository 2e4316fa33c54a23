"""The service auditor's opinion: unqualified, qualified ("except for"), adverse or a disclaimer.

The opinion paragraph opens with "In our opinion"; its heading and wording say which kind it is. The quote is the
opening line of that paragraph, which is what a reviewer looks for first.
"""

from __future__ import annotations

import re

from ..model import Found
from ..patterns import lazy
from .text import DocText, fold

_I = re.IGNORECASE

_IN_OUR_OPINION = lazy(r"\bIn\s+our\s+opinion\b[^\n]*", _I)
_DISCLAIMER = lazy(
    r"(?:we\s+do\s+not|do\s+not)\s+express\s+an\s+opinion|disclaimer\s+of\s+opinion|"
    r"not\s+able\s+to\s+obtain\s+sufficient\s+appropriate\s+evidence",
    _I,
)
_DISCLAIMER_LINE = lazy(r"[^\n]*\bwe\s+do\s+not\s+express\s+an\s+opinion\b[^\n]*", _I)
_ADVERSE = lazy(
    r"adverse\s+opinion|because\s+of\s+the\s+significance\s+of\s+the\s+matter|"
    r"(?:does|do)\s+not\s+present\s+fairly|is\s+not\s+fairly\s+stated|were\s+not\s+suitably\s+designed\s+and\s+"
    r"(?:did\s+not\s+)?operat",
    _I,
)
_QUALIFIED = lazy(r"except\s+for|qualified\s+opinion", _I)
_SENTENCE_END = lazy(r"\.(?=\s|$)")


def read_opinion(text: DocText) -> Found[str] | None:
    for n in text.text_pages():
        page = text.page_text[n]
        m = _IN_OUR_OPINION.search(page)
        if not m:
            if _DISCLAIMER_LINE.search(page) and re.search(r"Disclaimer\s+of\s+Opinion", page, _I):
                d = _DISCLAIMER_LINE.search(page)
                assert d is not None
                return Found("disclaimer", n, fold(d.group(0)))
            continue
        # The paragraph and the heading over it decide the kind.
        heading = page[max(0, m.start() - 400) : m.start()]
        para_end = page.find("\n\n", m.end())
        paragraph = fold(page[m.start() : para_end if para_end > 0 else m.start() + 900])
        if not _SENTENCE_END.search(page, m.start()):
            # The page ends inside the opinion's first sentence ("In our opinion," / next page: "except for the
            # matter described ..."): the sentence goes on at the top of the next page (running headers removed).
            later = [p for p in text.text_pages() if p > n]
            if later:
                paragraph = fold(f"{page[m.start() :]} {text.page_text[later[0]][:900]}")
        first_sentence = paragraph.split(". ")[0]
        quote = _opinion_quote(m.group(0))
        last_heading = heading.strip().split("\n")[-1] if heading.strip() else ""
        if _DISCLAIMER.search(last_heading) or _DISCLAIMER.search(first_sentence):
            return Found("disclaimer", n, quote)
        if re.search(r"adverse", last_heading, _I) or _ADVERSE.search(first_sentence):
            return Found("adverse", n, quote)
        if re.search(r"qualified", last_heading, _I) and not re.search(r"unqualified", last_heading, _I):
            return Found("qualified", n, quote)
        if _QUALIFIED.search(first_sentence[:300]):
            return Found("qualified", n, quote)
        return Found("unqualified", n, quote)
    return None


def _opinion_quote(line: str) -> str:
    """The opinion's standard opening words: to the end of its line, or up to where it starts naming the entity."""
    folded = fold(line)
    head = re.match(r"In\s+our\s+opinion,?\s*", folded, _I)
    rest_at = head.end() if head else 0
    name = re.search(r"\s[A-Z][\w]*(?:’s?|'s?)(?=\s)", folded[rest_at:])
    if name and len(folded[: rest_at + name.start()].split()) >= 6:
        return folded[: rest_at + name.start()].rstrip(" ,")
    return folded
