"""Subservice organizations and whether the report carves them out or includes them.

The auditor's scope paragraph names them ("Acme uses Stratus Cloud, Inc., a subservice organization, to provide
hosting services"; "The services provided by X are presented using the carve-out method") and says how they were
treated: the carve-out method (the subservice organization's controls are excluded, the examination "did not
extend to" them) or the inclusive method (its controls are in the description and were tested). Any sentence of the
report's opening pages that speaks of subservice organizations or of either method, and names organizations, is
read; the method is the first one stated in that sentence or the few after it.
"""

from __future__ import annotations

import re

from ..model import Subservice
from ..patterns import lazy
from .org_names import LEGAL_SUFFIX, ORG_PROSE_RE, ORG_RE, clean_org
from .sections import toc_pages
from .text import DocText, fold, sentence_around

_I = re.IGNORECASE

_TRIGGER = lazy(r"subservice\s+organi[sz]ations?|(?:carve-?out|inclusive)\s+method", _I)
_USES = lazy(
    r"\b(?:uses|utilizes|utilises|relies\s+(?:up)?on|leverages|engages)\s+(?P<orgs>[A-Z][^;]{0,200}?)"
    r"(?:,?\s+(?:as\s+)?(?:an?\s+|various\s+|several\s+)?(?:independent\s+|third[- ]party\s+)?"
    r"subservice\s+organi[sz]ations?,?)?\s+(?:to\s+provide|to\s+perform|for)\b",
)
# "Tembo uses a subservice organization, Amazon Web Services ("AWS"), to provide cloud hosting services."
_USES_A_SUBSERVICE = lazy(
    r"\b(?:uses|utilizes|utilises|relies\s+(?:up)?on|engages)\s+(?:a|an|one|two|three|several|various|the\s+following)\s+"
    r"(?:independent\s+|third[- ]party\s+)?subservice\s+organi[sz]ations?,?\s+(?P<orgs>[A-Z][^;]{0,200}?),?\s+"
    r"(?:to\s+provide|to\s+perform|for)\b"
)
_ALIAS = lazy(r"\s*\((?:the\s+)?[“\"][^”\"]{1,40}[”\"]\)")
_SPLIT_AND = lazy(r",?\s+and\s+|;\s*")
_SPLIT_COMMA = lazy(rf",\s+(?!{LEGAL_SUFFIX}(?:\W|$))")
_CARVE = lazy(
    r"carve[ds]?[-\s]?out|did\s+not\s+(?:include|extend\s+to)\s+(?:the\s+)?(?:services|controls)|"
    r"excludes?\s+(?:the\s+)?controls\s+of|excluded\s+from\s+the\s+(?:scope|description)|"
    r"not\s+included\s+in\s+the\s+scope|"
    # AT-C 205's carve-out wording: the description "does not disclose the actual controls at the subservice
    # organization" (the inclusive method presents them).
    r"does\s+not\s+disclose\s+the\s+actual\s+controls\s+at\s+the\s+subservice",
    _I,
)
_INCLUSIVE = lazy(
    r"inclusive\s+method|examination\s+(?:included|extended\s+to)\s+(?:the\s+|those\s+)?(?:services|controls)", _I
)
# The standards' own terms are never part of a name: a table header ending "... at the Subservice Organization" runs
# into the first row's name in the text ("Subservice Organization\nNimbus Vault Hosting, Inc.").
_TERM_LEAD = lazy(r"^(?:(?:Sub)?service|User)\s+Organi[sz]ations?\s+(?=\S)", _I)
_NOT_NAMES = lazy(r"^(?:The|Its|Our|Various|Several|Section|SOC|Trust|Description|Complementary)\b")


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


def _names_in(sentence: str, vendor: str) -> list[str]:
    """Organizations a sentence names: legal-entity names first, else the object of "uses ... to provide"."""
    skip = {vendor.casefold()} if vendor else set()
    names = [clean_org(_TERM_LEAD.sub("", m.group(0))) for m in ORG_PROSE_RE.finditer(sentence)]
    names = [n for n in names if n.casefold() not in skip and not _NOT_NAMES.match(n)]
    if names:
        return list(dict.fromkeys(names))
    m = _USES_A_SUBSERVICE.search(sentence) or _USES.search(sentence)
    if not m:
        return []
    found: list[str] = []
    for part in _SPLIT_AND.split(_ALIAS.sub("", fold(m.group("orgs")))):
        found.extend(p for p in _SPLIT_COMMA.split(part) if p)
    found = [clean_org(x) for x in found if re.match(r"^[A-Z]", x.strip())]
    return [x for x in found if len(x) > 2 and not _NOT_NAMES.match(x) and x.casefold() not in skip]


# A heading starts with a capital ("Subservice Organizations", "SUBSERVICE ORGANIZATIONS"); a wrapped line of the
# auditor's report ("subservice organizations (carve-out method), and our examination did not extend to them:")
# does not, and ends in a colon or comma.
_TABLE_HEADING = lazy(
    r"^(?-i:S)(?:ubservice|UBSERVICE)\s+Organi[sz]ations?\b(?!\s+(?:uses?|is|are|were)\b)[^.]{0,90}(?<![:,;])$", _I
)
_TABLE_END = lazy(r"^(?:Complementary\s+User|User\s+Entity|Section\s+\w+|[IVX]{1,4}\.\s)", _I)


def _from_table(text: DocText, vendor: str, method: str | None) -> list[Subservice]:
    """The organizations named at the start of the rows of the description's subservice table ("Subservice
    Organizations and Complementary Subservice Organization Controls" / "Nimbuscape Cloud Services, Inc. | cloud
    hosting | ..."), when the auditor's report only says they are "identified in Section 3"."""
    out: list[Subservice] = []
    contents = toc_pages(text)
    for line_no, line in enumerate(text.lines):
        if line.page in contents or not _TABLE_HEADING.match(line.text):
            continue
        for row in text.lines[line_no + 1 : line_no + 80]:
            if _TABLE_END.match(row.text):
                break
            m = ORG_RE.match(row.text)
            if m is None:
                continue
            name = clean_org(m.group(0))
            if name.casefold() == vendor.casefold() or _NOT_NAMES.match(name):
                continue
            if not any(o.value.casefold() == name.casefold() for o in out):
                out.append(Subservice(name, row.page, name, method))  # type: ignore[arg-type]
        if out:
            return out
    return []


_METHOD_HEADER = lazy(
    r"^Subservice\s+organi[sz]ations?\b.*\b(?:Method|Treatment|Approach|Carve-?out\s*/\s*Inclusive)$", _I
)
_ROW_METHOD = lazy(r"\s(?P<method>carve[-\s]?outs?|carved[-\s]out|inclusive|included|excluded)\.?$", _I)


def _method_rows(text: DocText, vendor: str) -> list[Subservice]:
    """A subservice table with a column for the method ("Subservice organization | Services | Method"): each row
    names its organization first and states its own method last, which outranks any sentence about methods."""
    out: list[Subservice] = []
    contents = toc_pages(text)
    for line_no, line in enumerate(text.lines):
        if line.page in contents or not _METHOD_HEADER.match(line.text):
            continue
        for row in text.lines[line_no + 1 : line_no + 40]:
            m = ORG_RE.match(row.text)
            method = _ROW_METHOD.search(row.text)
            if m is None or method is None:
                break
            name = clean_org(m.group(0))
            if name.casefold() == vendor.casefold() or _NOT_NAMES.match(name):
                continue
            word = method.group("method").casefold()
            value = "inclusive" if word.startswith("incl") else "carve-out"
            out.append(Subservice(name, row.page, fold(row.text), value))  # type: ignore[arg-type]
        if out:
            return out
    return []


def read_subservice(text: DocText, vendor: str = "") -> list[Subservice]:
    """Organizations named in the report's prose, then those in the description's subservice table. A name whose
    own sentence states no method takes the report's, when the report states exactly one (a report that uses both
    methods is not guessed for a name the text does not tie to one). A table that states each one's method is
    read first: the prose names them again, and a sentence around the table is no source of a method."""
    rows = _method_rows(text, vendor)
    out = _read_subservice(text, vendor)
    if rows:
        return rows + [o for o in out if o.method is not None and not any(_same_org(o.value, r.value) for r in rows)]
    methods = set()
    for n in text.text_pages()[:14]:
        page = text.page_text[n]
        for t in _TRIGGER.finditer(page):
            s, e = sentence_around(page, t.start(), t.end())
            found = _method(page[s:e])
            if found:
                methods.add(found)
    sole = next(iter(methods)) if len(methods) == 1 else None
    out = [o if o.method or sole is None else Subservice(o.value, o.page, o.quote, sole) for o in out]  # type: ignore[arg-type]
    # "Acme uses the subservice organizations identified in Section 3 ... (carve-out method)": that sentence's
    # method is the table's, even when another organization, named in the prose, is included.
    table_method = _referred_method(text) or sole
    if table_method is None:
        return out
    for row in _from_table(text, vendor, table_method):
        if not any(o.value.casefold() == row.value.casefold() for o in out):
            out.append(row)
    return out


def _same_org(prose: str, row: str) -> bool:
    """A name read from prose that holds a table row's name, with a word of a neighbouring cell glued on."""
    a, b = prose.casefold(), row.casefold()
    return a == b or b in a or a in b


_REFERRAL = lazy(
    r"subservice\s+organi[sz]ations?\s+(?:identified|listed|described|named)\s+(?:in|under)\s+(?:Section|Part|the)", _I
)


def _referred_method(text: DocText) -> str | None:
    for n in text.text_pages()[:14]:
        page = text.page_text[n]
        m = _REFERRAL.search(page)
        if m:
            s, e = sentence_around(page, m.start(), m.end())
            nxt = sentence_around(page, min(len(page) - 1, e + 2), min(len(page), e + 3))[1] if e + 2 < len(page) else e
            return _method(page[s:nxt])
    return None


def _read_subservice(text: DocText, vendor: str = "") -> list[Subservice]:
    out: list[Subservice] = []
    first_page: int | None = None
    contents = toc_pages(text)  # a contents page names "Complementary Subservice Organization Controls" too
    for n in text.text_pages()[:14]:
        if n in contents:
            continue
        if first_page is not None and n > first_page + 1:
            break
        page = text.page_text[n]
        done_until = -1
        for t in _TRIGGER.finditer(page):
            if t.start() < done_until:
                continue
            s, e = sentence_around(page, t.start(), t.end())
            done_until = e
            sentence = page[s:e]
            names = _names_in(sentence, vendor)
            if not names and s > 0:
                # "Acme uses Stratus Cloud, Inc. to provide hosting." followed by "... subservice organization ...".
                ps, pe = sentence_around(page, max(0, s - 2), max(0, s - 1))
                if _USES.search(page[ps:pe]):
                    s = ps
                    sentence = page[ps:pe]
                    names = _names_in(sentence, vendor)
            if not names:
                continue
            method = _method(page[s : min(len(page), e + 700)])
            for name in names:
                if any(o.value.casefold() == name.casefold() for o in out):
                    continue
                out.append(Subservice(name, n, fold(sentence), method))  # type: ignore[arg-type]
            if first_page is None:
                first_page = n
    return out
