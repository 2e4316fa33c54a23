"""How an organisation's name looks in print: a few capitalised words ending in a legal-entity suffix.

The party readers (vendor, issuer, certification body, subservice organisations) and the red-flag rules find names
with these patterns rather than with a list of companies, so any vendor's name is found the same way.
"""

from __future__ import annotations

from ..patterns import lazy
from .text import fold

# A legal-entity suffix ends most organization names; it is what tells "Corvane Systems, Inc." from a heading.
LEGAL_SUFFIX = (
    # Dotted forms that extend a shorter one ("S.A.S." / "S.A.") come first: a name must not end inside them.
    r"(?:S\.A\.S|S\.L\.U|S\.A\.U|S\.A\.R\.L|"
    # Czech and Slovak "s.r.o." / "a.s.", Polish "sp. z o.o.": the vendor of a report in English is often one
    r"s\.r\.o|S\.R\.O|spol\.\s+s\s+r\.o|sp\.\s?z\s?o\.o|Sp\.\s?z\s?o\.o|"
    r"Inc|INC|Incorporated|LLC|L\.L\.C|LLP|L\.L\.P|Ltd|LTD|Limited|LIMITED|Corp|CORP|Corporation|CORPORATION|"
    r"P\.C|PC|P\.A|PLLC|PLC|plc|GmbH|AG|SE|B\.V|BV|N\.V|S\.A|SAS|S\.A\.S|Pty\.?\s+Ltd|Pvt\.?\s+Ltd|LP|L\.P|Co|Company|"
    r"CPAs|CPA|S\.r\.l|Oyj|Oy|AB|A/S|ApS|K\.K|"
    # Spanish, Italian, French, Portuguese and German forms certificates in those languages name
    r"S\.L|S\.p\.A|SpA|Srl|SRL|SARL|Lda|Ltda|KG|mbH)\.?"
)
_NAME_WORD = r"(?:[A-Z0-9À-ÖØ-Þ][\w'’.&+-]*|&|and|of|the|de|du|la|für)"  # "Évaluation", "Österreich"
ORG_PATTERN = (
    rf"[A-Z0-9][\w'’.&+-]*(?:,(?=[ ]+[A-Z][\w'’-]*[ ]+&))?(?:[ ]+{_NAME_WORD}){{0,8}},?[ ]+{LEGAL_SUFFIX}(?![\w])"
)
ORG_RE = lazy(ORG_PATTERN)
# In running prose a name may break across lines ("performed by Ashcombe &\nVale, LLP").
ORG_PROSE_PATTERN = ORG_PATTERN.replace("[ ]+", "[ \n]+")
ORG_PROSE_RE = lazy(ORG_PROSE_PATTERN)
ORG_LINE_RE = lazy(rf"^{ORG_PATTERN}$")


def clean_org(name: str) -> str:
    """Trim marks that cling to a name in print: footnote stars, trailing dashes and colons."""
    return fold(name).strip(" *:-–—,;").strip()
