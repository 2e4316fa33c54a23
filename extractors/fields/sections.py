"""The parts an attestation report is made of, found by their headings, and the paragraphs the standards require.

AICPA AT-C 205 and the SOC 2 guide's illustrative reports give every SOC report the same skeleton, whoever the
auditor: the independent service auditor's report (scope, responsibilities, inherent limitations, opinion, and the
signature block with the firm, its city and the date), management's assertion, the description of the system (DC
200), and, in a Type 2 report, the tests of controls and their results. A document is read by which of these parts
it has: a one-page letter that quotes an opinion has none of the description or the tests, and is not a report.

The scope paragraph of the auditor's report ("We have examined Acme, Inc.'s accompanying description of its Payroll
system ... throughout the period January 1, 2025 to December 31, 2025 ...") names the vendor, the system and the
period in one sentence; management's assertion ("We have prepared the accompanying description of Acme's Payroll
system") says the same in its own words. Both are read here, by the standards' wording, not by any one layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..dates import DATE_PATTERN, find_dates
from ..patterns import lazy
from .org_names import ORG_PATTERN, clean_org
from .text import DocText, fold

_I = re.IGNORECASE

# A heading may be numbered ("Section III:", "SECTION 1", "III.") and may name its owner ("Corvane's Description
# of Its ... System"); what follows is the part's own name.
_PREFIX = (
    r"^(?:(?:section|part|attachment)\s+(?:[ivx]+|\d+|[a-e])\b\s*[:.–—-]?\s*|(?:[ivx]+|\d+)[.)]\s+)?"
    r"(?:[\w.&-]+(?:\s+[\w.&-]+){0,4}[’']s?\s+)?(?:type\s*(?:1|2|i|ii)\s+)?"
)
ROLES: dict[str, re.Pattern[str]] = {
    "auditor_report": lazy(
        _PREFIX + r"(?:report\s+of\s+)?independent\s+(?:service\s+)?(?:auditor|accountant|practitioner|"
        r"certified\s+public\s+accountant)s?[’']?s?[’']?(?:\s+(?:assurance\s+)?report)?|"
        + _PREFIX + r"report\s+of\s+independent\s+(?:certified\s+public\s+)?accountants?",
        _I,
    ),
    "assertion": lazy(
        _PREFIX + r"(?:management[’']?s?\s+assertion|assertion\s+(?:of|by)\s+(?:the\s+)?(?:[\w.&’'-]+\s+){0,5}"
        r"management|assertion\s+of\s+the\s+service\s+organi[sz]ation)",
        _I,
    ),
    "description": lazy(
        _PREFIX + r"(?:description\s+of\s+(?!a\s+service\s+organi)(?:the\s+|its\s+)?(?:[\w.&’'-]+\s+){0,8}?"
        r"(?:system|services?|platform)s?|"
        r"system\s+description|overview\s+of\s+(?:operations|the\s+system|services))\b",
        _I,
    ),
    "tests": lazy(
        # "Description of Tests of Controls" alone is a paragraph of the auditor's report (AT-C 205), not the part.
        r"(?!description\s+of\s+tests\s+of\s+controls\s*$)"
        + _PREFIX + r"(?:(?:description\s+of\s+)?tests?\s+of\s+controls|testing\s+matri(?:x|ces)|"
        r"(?:information\s+provided\s+by\s+the\s+(?:independent\s+)?service\s+auditor)|"
        r"trust\s+services\s+(?:category|categories|criteria)[\w\s,]{0,60}\bcontrols|"
        r"(?:criteria|categor(?:y|ies)),?\s+(?:and\s+)?(?:related\s+)?controls|"
        r"control\s+(?:objectives|activities)\s+and\s+(?:related\s+)?tests|(?:results\s+of\s+)?tests\s+and\s+results|"
        r"criteria,\s+controls,\s+tests)",
        _I,
    ),
}
# "Opinion", "Basis for Qualified Opinion", "Other Matter", "Emphasis of Matter": the opinion paragraph's heading
# and the two paragraphs that modify it.
_OPINION_HEAD = lazy(r"^(?:(?:unqualified|qualified|adverse)\s+)?opinion\s*:?$", _I)
_BASIS = lazy(r"^basis\s+for\s+(?:qualified|adverse|disclaimer\s+of)\s+opinion\s*:?$", _I)
_OTHER_MATTER = lazy(r"^(?:other\s+matters?|emphasis\s+of\s+(?:a\s+)?matter)\s*:?$", _I)
_TOC_LINE = lazy(r"(?:\.{4,}|…{2,}|\s\d{1,3})\s*$")
_TOC_WORDS = lazy(r"^(?:table\s+of\s+)?contents$", _I)


@dataclass
class Sections:
    """Where each part starts: role -> (page, line index), the first heading found for it outside a contents page."""

    starts: dict[str, tuple[int, int]] = field(default_factory=dict)
    other_matter: tuple[int, int] | None = None
    basis_for_modification: tuple[int, int] | None = None

    def has(self, role: str) -> bool:
        return role in self.starts


def toc_pages(text: DocText) -> set[int]:
    """Pages that are a table of contents: a "Contents" heading, or three or more lines ending in a page number
    that name parts of the report."""
    out = set()
    for n in text.text_pages()[:6]:
        lines = text.page_lines[n]
        if any(_TOC_WORDS.match(t) for t in lines[:8]):
            out.add(n)
            continue
        named = sum(
            1 for t in lines if _TOC_LINE.search(t) and any(p.match(_TOC_LINE.sub("", t)) for p in ROLES.values())
        )
        if named >= 3:
            out.add(n)
    return out


_SMALL_WORDS = frozenset("a an and as at by for in of on or the to its with from".split())


def _title_like(t: str) -> bool:
    """Capitals on most words ("Description of Tests of Controls", "SECTION 4 TESTING MATRICES"): a heading, not a
    line of a wrapped paragraph that happens to start with the same words."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", t) if w.casefold() not in _SMALL_WORDS]
    if not words:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital / len(words) >= 0.6


# Words one of the parts' headings holds (on its line or the next): a cheap test before the heading patterns.
_HEADING_WORDS = lazy(
    r"auditor|accountant|practitioner|assertion|description|overview|tests?\b|testing|criteria|categor|controls?\b|"
    r"opinion|matter|section\s+\w+\s*[:.–—-]?\s*$|^(?:section|part)\s+\w+$|^[ivx]+\.?$|^\d+\.?$",
    _I,
)


def _heading_candidates(lines: list[str]) -> list[tuple[int, str]]:
    """Short title-like lines, and a short one joined with the next (a heading set over two lines)."""
    out = []
    for i, t in enumerate(lines):
        if len(t) > 120 or not _HEADING_WORDS.search(t) and not (
            len(t) <= 45 and i + 1 < len(lines) and _HEADING_WORDS.search(lines[i + 1])
        ):
            continue
        if t.rstrip().endswith((",", ";")) or re.search(r"[a-z]\.$", t) or not _title_like(t):
            continue
        out.append((i, t))
        short = len(t) <= 45 or re.match(r"(?i)section\s+\w+\s*[:.–—-]", t)
        if short and i + 1 < len(lines) and len(lines[i + 1]) <= 80 and _title_like(lines[i + 1]):
            out.append((i, f"{t} {lines[i + 1]}"))
    return out


def find_sections(text: DocText, max_pages: int = 40) -> Sections:
    """The first heading of each part, page by page, in the first ``max_pages`` pages (the auditor's report,
    the assertion and the description open every report); a contents page is skipped (it names every part).
    Computed once per document."""
    cache: dict[int, Sections] = text.__dict__.setdefault("_sections", {})
    if max_pages not in cache:
        cache[max_pages] = _find_sections(text, max_pages)
    return cache[max_pages]


def _find_sections(text: DocText, max_pages: int) -> Sections:
    found = Sections()
    toc = toc_pages(text)
    for n in text.text_pages()[:max_pages]:
        if n in toc:
            continue
        for i, t in _heading_candidates(text.page_lines[n]):
            for role, pattern in ROLES.items():
                if role not in found.starts and pattern.match(t):
                    found.starts[role] = (n, i)
            if found.basis_for_modification is None and _BASIS.match(t):
                found.basis_for_modification = (n, i)
            if found.other_matter is None and _OTHER_MATTER.match(t):
                found.other_matter = (n, i)
        if len(found.starts) == len(ROLES):
            break
    return found


# --- the scope paragraph ------------------------------------------------------------------------------------------

_OWNER = r"(?P<org>[A-Z0-9][\w.&,'’ -]{1,80}?)[’']s?"
_SYSTEM = r"(?P<system>[\w&/()'’.,-]+(?:\s+[\w&/()'’.,-]+){0,12}?)"
# "We have examined Acme, Inc.'s accompanying description of its Payroll system", "... the accompanying description
# of Acme's Payroll system", "... the accompanying "Description of Product Fruits, a cloud-hosted software
# application" provided by Product Fruits s.r.o.", "the description titled "Acme's Description of Its ... System"".
_ASIDE = r"(?:\([^()]{0,80}\)\s+)?"  # ("Tembo" or the "Company")
# The scope sentence defines its system as a term: "... of the Heronsgate Mobile Workforce App (the "system") ...".
_DEFINED = r"\s+(?:offering\s+|platform\s+)?\((?:the\s+)?[“\"]?system[”\"]?\)"
_NAMED = r"(?P<system>[A-Z0-9][\w&'’.-]*(?:\s+[\w&'’.-]+){0,8}?)"
_PROVIDED_BY = rf"(?:\s+(?:provided\s+by|of)\s+(?P<org>{ORG_PATTERN}))?"
_SCOPE_PATTERNS = [
    # "... the description of the system of Puddlebymetrics Corporation ("Puddleby") related to its Dispatch Operations
    # Hub (the "system") ..."
    lazy(
        rf"description\s+of\s+the\s+system\s+of\s+(?P<org>{ORG_PATTERN})\s+{_ASIDE}related\s+to\s+its\s+{_NAMED}"
        + _DEFINED
    ),
    # "... the accompanying description of Nightjar Cargo Co.'s Insure Scheduling Engine offering (the "system") ..."
    lazy(rf"description\s+of\s+(?P<org>{ORG_PATTERN})[’']s\s+{_NAMED}" + _DEFINED),
    # "... the description prepared by management of Brambleford Data Systems, Inc. of its Tidal Scheduling Service
    # (the "system") ...": whose management prepared it names the owner, then the system follows its own "of".
    lazy(
        rf"description,?\s+prepared\s+by\s+(?:the\s+)?management\s+of\s+(?P<org>{ORG_PATTERN}),?\s+{_ASIDE}"
        rf"(?:of|for)\s+(?:its|the)\s+{_NAMED}" + _DEFINED
    ),
    # "... the attached description, prepared by Heronsgate management, of the Heronsgate Mobile Workforce App (the
    # "system") provided by Heronsgate Clinic S.L. ..."
    lazy(
        r"description(?:,\s+prepared\s+by\s+[^,]{1,80},)?\s+of\s+(?:the\s+|its\s+)?" + _NAMED + _DEFINED + _PROVIDED_BY
    ),
    lazy(
        rf"examined\s+(?:the\s+)?{_OWNER}\s+{_ASIDE}accompanying\s+description\s+of\s+(?:its|the)\s+{_SYSTEM}\s+systems?\b",
        _I,
    ),
    lazy(rf"accompanying\s+description\s+of\s+{_OWNER}\s+{_SYSTEM}\s+systems?\b", _I),
    lazy(
        rf"(?:prepared|examined)\s+the\s+accompanying\s+description\s+of\s+{_OWNER}\s+{_SYSTEM}\s+systems?\b", _I
    ),
    lazy(
        r"accompanying\s+(?:description\s+)?(?:titled\s+)?[“\"]\s*(?:[\w.&’' -]{1,60}[’']s\s+)?Description\s+of\s+"
        r"(?:its\s+|the\s+)?(?P<system>[^”\"]{3,120}?)\s*[”\"]\s*(?:\(the\s+description\)\s*)?"
        r"(?:provided\s+by|of)\s+(?P<org>[A-Z0-9][\w.&,'’ -]{1,80}?)(?=\s+(?:throughout|as\s+of|for|during|\()|,)",
        _I,
    ),
    # A SOC 3 report: "We have examined X's accompanying assertion ... that the controls within X Platform
    # ("system") were effective throughout the period ...".
    lazy(
        rf"examined\s+{_OWNER}\s+{_ASIDE}accompanying\s+assertion\b.{{0,200}}?\bthat\s+the\s+controls\s+within\s+"
        r"(?:the\s+)?(?P<system>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,8}?)\s*(?:\([“\"]?system[”\"]?\)\s*)?"
        r"(?:were|was)\s+effective",
        _I,
    ),
    # A SOC 3 report on management's assertion "that Acme maintained effective controls within the Acme Pay Hub
    # throughout the period ...": the system is the proper name after "controls within (the)".
    lazy(
        r"(?i:assertion\s+that\s+.{1,200}?\s+maintained\s+effective\s+controls\s+(?:within|over)\s+(?:the\s+|its\s+)?)"
        r"(?P<system>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,8}?)\s*(?:\([“\"]?system[”\"]?\)\s*)?"
        # the period follows the system, or (the older wording) came before it and "to provide" follows
        r"(?=(?i:throughout|as\s+of|during|for\s+the\s+period|to\s+provide\s+reasonable)\b)"
    ),
]
@cache
def _period() -> re.Pattern[str]:
    """The period after a scope sentence, compiled on first use (it embeds the date pattern three times, the
    costliest pattern here to compile; a document without a scope sentence never needs it)."""
    return re.compile(
        rf"(?:throughout|for|during)\s+the\s+period\s+(?:from\s+)?(?P<start>{DATE_PATTERN})\s*(?:to|through|until|–|-)"
        rf"\s*(?P<end>{DATE_PATTERN})|as\s+of\s+(?P<asof>{DATE_PATTERN})",
        _I,
    )


_NOT_OWNER = lazy(r"^(?:the|its|our|their|management)\b", _I)


@dataclass
class ScopeParagraph:
    """What the scope sentence says. ``quote`` is the sentence's words that name each value."""

    page: int
    vendor: str | None
    system: str | None
    quote: str
    period: tuple[str, str] | None = None  # ISO dates, Type 2
    as_of: str | None = None  # ISO date, Type 1


def read_scope_paragraph(text: DocText, sections: Sections | None = None) -> ScopeParagraph | None:
    """The auditor's scope sentence (or management's in its assertion): vendor, system and period. Read once per
    document (the vendor, scope and cross-check readers all ask for it)."""
    cache: dict[bool, ScopeParagraph | None] = text.__dict__.setdefault("_scope_paragraph", {})
    key = sections is not None
    if key not in cache:
        cache[key] = _read_scope_paragraph(text, sections)
    return cache[key]


def _read_scope_paragraph(text: DocText, sections: Sections | None) -> ScopeParagraph | None:
    pages = text.text_pages()
    start = 0
    if sections and "auditor_report" in sections.starts:
        start = max(0, pages.index(sections.starts["auditor_report"][0]) if sections.starts["auditor_report"][0]
                    in pages else 0)  # fmt: skip
    for n in pages[start : start + 12]:
        page = fold(text.page_text[n])
        for pattern in _SCOPE_PATTERNS:
            m = pattern.search(page)
            if not m:
                continue
            org = clean_org(m.groupdict().get("org") or "")
            system = fold(m.group("system")).strip(" ,")
            if _NOT_OWNER.match(org) or len(org) < 2:
                org = ""
            system = re.sub(r"^(?:its|the)\s+", "", system, flags=_I)
            system = re.sub(r"^[\w.&-]+(?:\s+[\w.&-]+){0,3}[’']s\s+", "", system)  # "Fernhill's Contact Center system"
            system = re.sub(r"\s+systems?$", "", system, flags=_I)
            tail = page[m.end() : m.end() + 400]
            period = None
            as_of = None
            p = _period().search(tail)
            if p and p.start() < 250:
                if p.group("asof"):
                    d = find_dates(p.group("asof"))
                    as_of = d[0].value.isoformat() if d else None
                else:
                    s, e = find_dates(p.group("start")), find_dates(p.group("end"))
                    if s and e and s[0].value < e[0].value:
                        period = (s[0].value.isoformat(), e[0].value.isoformat())
            return ScopeParagraph(n, org or None, system or None, fold(m.group(0)), period, as_of)
    return None
