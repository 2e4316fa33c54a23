"""An auditor's attestation letter: a page from a CPA firm that confirms a SOC examination took place.

Such a letter ("Attestation Status Confirmation", "This is to confirm that Acme was issued an attestation report for
SOC 2 Type 2") is not the report: it has no description of the system and no tests of controls, so it is classified
`unknown` and never meets a requirement for a report. What it does state is still read, each from its label: the firm
that signs it, its date ("Issue Date:"), the report's identifier ("Report ID:"), the period, the scope and the
categories. The vendor is read by the party reader, after "This is to confirm that".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import DATE_PATTERN, find_dates
from ..model import Found
from ..patterns import lazy
from .org_names import ORG_LINE_RE, ORG_PATTERN, ORG_PROSE_PATTERN, ORG_RE, clean_org
from .parties import AUDITOR_NAME
from .text import DocText, fold

_I = re.IGNORECASE

_DATE_LABEL = lazy(
    rf"\b(?:Issue|Issued|Report|Letter|Signed)?\s*Date(?:d)?\s*(?:of\s+issue)?\s*:?\s*(?P<date>{DATE_PATTERN})", _I
)
_REPORT_ID = lazy(
    r"\bReport\s+(?:ID|No\.?|Number|#|Reference)\s*[:#]?\s*(?P<id>[A-Z0-9][A-Z0-9/._-]{2,40})(?![\w/])", _I
)
_SCOPE = lazy(r"^(?:for\s+)?(?:the\s+)?scope\s+of\s*:?\s*(?P<rest>.*)$", _I)
# "Erika Villanueva, CPA": a person who signs with a credential; the firm is on a later line of the block.
_PERSON_CREDENTIAL = lazy(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3},\s*(?:CPA|CA|CISA|CISSP)\b")
_TITLE = lazy(
    r"\b(?:Officer|Partner|Principal|Director|Manager|President|Founder|Shareholder|Member|Head|Lead|Auditor)\b", _I
)
_FIRM_WORD = lazy(r"^[A-Z][\w&'’.-]*(?:\s+[A-Z&][\w&'’.-]*){0,4}$")
_PLACE = lazy(r"^[A-Z][\w .'’-]+,\s*[A-Z][\w .'’-]+$|^United\s+States$|^USA$", _I)


_DATE_ALONE = lazy(rf"^(?:Date[d]?\s*:?\s*)?(?P<date>{DATE_PATTERN})\.?$", _I)
# The letter's subject: the company examined, after "To the management (and customers) of", after "the description of"
# (whose system was examined) or after the dash of a subject line ("Re: SOC 2 Type 2 Attestation – Acme AG").
_VENDOR_PATTERNS = [
    lazy(
        r"To\s+(?:the\s+)?(?i:management|board\s+of\s+directors)(?:\s+and\s+\w+)?\s+of\s+"
        rf"(?P<org>{ORG_PATTERN})"
    ),
    lazy(rf"description\s+of\s+(?P<org>{ORG_PROSE_PATTERN})[’']s?\s"),
    lazy(rf"^Re:\s.*?[–—-]\s+(?P<org>{ORG_PATTERN})\s*$", re.M),
]
_EXAMINED = lazy(
    rf"(?P<org>{ORG_PROSE_PATTERN})\s+(?:has|have)\s+(?:completed|performed|conducted|issued)\s+(?:an?\s+)?"
    r"(?:examination|SOC|attestation|report)"
)
_WHEN = lazy(
    rf"(?:for|throughout)\s+the\s+period\s+(?:from\s+)?(?P<start>{DATE_PATTERN})\s*,?\s*(?:to|through|until|–|-)\s*"
    rf"(?P<end>{DATE_PATTERN})|\bas\s+of\s+(?P<asof>{DATE_PATTERN})",
    _I,
)


@dataclass
class LetterFields:
    vendor: Found[str] | None = None
    issuer: Found[str] | None = None
    report_date: Found[str] | None = None
    report_id: Found[str] | None = None
    scope: Found[str] | None = None
    period_start: Found[str] | None = None
    period_end: Found[str] | None = None


def read_attestation_letter(text: DocText, vendor: str = "") -> LetterFields:
    out = LetterFields()
    for n in text.text_pages()[:3]:
        lines = text.page_lines[n]
        page = text.page_text[n]
        if out.report_date is None:
            m = _DATE_LABEL.search(page)
            d = find_dates(m.group("date")) if m else []
            if m and d:
                out.report_date = Found(d[0].value.isoformat(), n, fold(m.group(0)))
            else:
                # A letter's own date: the first line that is a date and nothing else.
                for line in lines[:15]:
                    a = _DATE_ALONE.match(line)
                    d = find_dates(a.group("date")) if a else []
                    if d:
                        out.report_date = Found(d[0].value.isoformat(), n, line)
                        break
        if out.vendor is None:
            for pattern in _VENDOR_PATTERNS:
                m = pattern.search(page)
                if m and not AUDITOR_NAME.search(m.group("org")):
                    out.vendor = Found(clean_org(m.group("org")), n, clean_org(m.group("org")))
                    break
        if out.period_end is None:
            folded = fold(page)
            m = _WHEN.search(folded)
            if m and m.group("asof"):
                d = find_dates(m.group("asof"))
                if d:
                    out.period_end = Found(d[0].value.isoformat(), n, fold(m.group(0)))
            elif m:
                s, e = find_dates(m.group("start")), find_dates(m.group("end"))
                if s and e and s[0].value < e[0].value:
                    q = fold(m.group(0))
                    out.period_start = Found(s[0].value.isoformat(), n, q)
                    out.period_end = Found(e[0].value.isoformat(), n, q)
        if out.report_id is None:
            m = _REPORT_ID.search(page)
            if m and re.search(r"\d", m.group("id")):
                out.report_id = Found(m.group("id").rstrip(".,;"), n, fold(m.group(0)))
        if out.scope is None:
            for i, line in enumerate(lines):
                m = _SCOPE.match(line)
                if not m:
                    continue
                value = m.group("rest").strip() or (lines[i + 1] if i + 1 < len(lines) else "")
                value = re.sub(r"\s+system$", "", fold(value), flags=_I)
                if len(value) >= 3:
                    out.scope = Found(value, n, fold(line if m.group("rest").strip() else f"{line} {lines[i + 1]}"))
                break
        if out.issuer is None:
            out.issuer = _signing_firm(lines, n, out.vendor.value if out.vendor else vendor)
        if out.issuer is None:
            m = _EXAMINED.search(page)
            if m:
                out.issuer = Found(clean_org(m.group("org")), n, clean_org(m.group("org")))
    return out


def _signing_firm(lines: list[str], page: int, vendor: str) -> Found[str] | None:
    """The firm that signs: a line that is a firm's name with its legal suffix ("AssuranceLab CPAs LLC"), or the
    name under a signatory's credential and title ("Erika Villanueva, CPA" / "Chief Compliance Officer" /
    "AssuranceLab")."""
    own = vendor.casefold()
    for line in lines:
        if ORG_LINE_RE.match(line) and not _PERSON_CREDENTIAL.match(line) and clean_org(line).casefold() != own:
            if re.search(r"\bCPAs?\b|LLP|P\.C\.|Certified\s+Public|Accountants?\b", line):
                return Found(clean_org(line), page, clean_org(line))
    # A letterhead: the firm's name over "Certified Public Accountants" (and its city).
    for i, line in enumerate(lines[:4]):
        m = ORG_RE.match(line)
        if m and i + 1 < len(lines) and AUDITOR_NAME.search(lines[i + 1]) and clean_org(m.group(0)).casefold() != own:
            return Found(clean_org(m.group(0)), page, clean_org(m.group(0)))
    for i, line in enumerate(lines):
        if not _PERSON_CREDENTIAL.match(line):
            continue
        for nxt in lines[i + 1 : i + 4]:
            if _TITLE.search(nxt) or _PLACE.match(nxt):
                continue
            if _FIRM_WORD.match(nxt) and not find_dates(nxt) and nxt.casefold() != own:
                return Found(clean_org(nxt), page, clean_org(nxt))
            break
    return None
