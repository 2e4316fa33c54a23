"""Trust Services categories in scope: security, availability, processing integrity, confidentiality, privacy.

The title says them ("... Relevant to Security and Availability"), and so does the scope paragraph ("the trust services
criteria relevant to security, availability, and confidentiality"). The name of the criteria document itself
("2017 Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, and Privacy") lists
all five and says nothing about scope, so it is never read as a list of categories.
"""

from __future__ import annotations

import re

from ..model import Found
from ..patterns import lazy
from .text import DocText, fold

_CAT = r"(?:security|availability|processing\s+integrity|confidentiality|privacy)"
_LIST = rf"{_CAT}(?:\s*,\s*(?:and\s+|&\s*)?{_CAT}|\s+(?:and|&)\s+{_CAT})*"
_PATTERNS = [
    lazy(rf"(?:System\s+)?Relevant\s+to\s+(?:the\s+)?(?P<list>{_LIST})", re.IGNORECASE),
    lazy(rf"Relevant\s+to\s+the\s+Trust\s+Services\s+Criteria\s+for\s+(?P<list>{_LIST})", re.IGNORECASE),
    lazy(
        rf"Applicable\s+Trust\s+(?:Services\s+)?(?:Principles?|Criteria|Categories)(?:\(s\))?:?\s+(?P<list>{_LIST})",
        re.I,
    ),
    lazy(rf"criteria\s+for\s+the\s+(?P<list>{_LIST})\s+(?:principles?|categor)", re.IGNORECASE),
    lazy(rf"trust\s+services\s+categor(?:y|ies)\s+(?:of\s+|for\s+|:\s*)?(?P<list>{_LIST})", re.IGNORECASE),
    # A letter or cover that sets the categories on their own line under the report's name ("SOC 2 Type 2" /
    # "Security, Availability, and Confidentiality").
    lazy(rf"^SOC\s*[23](?:\s+Type\s*(?:1|2|I|II))?[ \t]*\n[ \t]*(?P<list>{_LIST})[ \t]*$", re.I | re.M),
]
# The criteria document's own title names all five categories; a cover's "Relevant to the Trust Services Criteria
# for Security and Availability" names the ones in scope.
_TSP_TITLE = lazy(
    r"(?:Trust\s+Services\s+Criteria|Principles\s+and\s+Criteria)\s+for\s+Security,\s+Availability,\s+"
    r"Processing\s+Integrity,\s+Confidentiality,\s+and\s+Privacy",
    re.IGNORECASE,
)
_ONE = lazy(_CAT, re.IGNORECASE)


def _values(listing: str) -> list[str]:
    out: list[str] = []
    for m in _ONE.finditer(listing):
        key = re.sub(r"\s+", "_", m.group(0).lower())
        if key not in out:
            out.append(key)
    return out


def read_categories(text: DocText) -> list[Found[str]]:
    pages = text.text_pages()
    for group in (pages[:2], pages[2:12]):
        for pattern in _PATTERNS:
            for n in group:
                page = _TSP_TITLE.sub(lambda m: "#" * len(m.group(0)), text.page_text[n])
                m = pattern.search(page)
                if not m:
                    continue
                quote = fold(text.page_text[n][m.start() : m.end()])
                if not quote.lower().startswith("system relevant"):
                    quote = re.sub(r"^System\s+", "", quote)
                return [Found(v, n, quote) for v in _values(m.group("list"))]
    return []
