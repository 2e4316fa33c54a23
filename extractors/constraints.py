"""Cross-field rules every document's fields must satisfy together, applied after the readers.

Each reader picks its field alone; some mistakes are only visible across fields: the certification body's name
taken for the certified organisation's, an issue date that comes after the expiry, a SOC period that ends after its
own report was signed. The rules come from the standards, not from any one document:

- the vendor is not the issuer (nor an individual auditor: "Jane Doe, CPA"), and not the accreditation body;
- a SOC report's period starts before it ends, and ends no later than the report date (AT-C 205: the auditor reports
  on a period that is over);
- a certificate is issued before it expires, its original certification is no later than its issue, and its
  validity lasts at most three years (ISO/IEC 17021-1 9.1.3.1 and 9.6.3: a three-year certification cycle);
- a bridge letter covers the months after the report it bridges: its period starts after that report's ends.

When the chosen value breaks a rule, the next candidate that passes replaces it; when none passes, the field is set
to null and a warning names what could not be read. A value is never swapped into another field: a wrong value is
worse than a null.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import find_periods
from .fields.parties import same_party
from .fields.text import DocText, sentence_around
from .model import SOC_KINDS, Fields, Found, Kind
from .patterns import lazy

# ISO/IEC 17021-1: a three-year cycle from the certification decision; bodies print the expiry the day before the
# third anniversary or up to a few weeks after (the recertification decision's slack).
MAX_VALIDITY = timedelta(days=3 * 366 + 62)
# An individual auditor or signatory: "Erika Villanueva, CPA", "Jane Doe, CISA".
_PERSON_TITLE = lazy(r",\s*(?:CPA|CISA|CISSP|CIA|CA|ACA|FCA|CPA,\s*CITP)\.?$")
# A CPA firm's name: a vendor is never one in its own report's vendor field.
_CPA_FIRM = lazy(r"\bCPAs?\b(?:\s*,?\s*(?:LLC|LLP|PC|P\.C\.|PLLC|Inc\.?))?$")


@dataclass
class Candidates:
    """Other readings of a field, best first, for when the chosen one breaks a rule."""

    by_field: dict[str, list[Found[str]]] = field(default_factory=dict)

    def add(self, name: str, value: Found[str] | None) -> None:
        if value is not None:
            self.by_field.setdefault(name, []).append(value)

    def get(self, name: str) -> list[Found[str]]:
        return self.by_field.get(name, [])


def _day(found: Found[str] | None) -> date | None:
    if found is None:
        return None
    try:
        return date.fromisoformat(found.value)
    except (TypeError, ValueError):
        return None


def _replace(
    f: Fields, name: str, ok: Callable[[Found[str]], bool], candidates: Candidates, warnings: list[str], why: str
) -> None:
    """Keep ``f.<name>`` if it passes ``ok``, else the first candidate that does, else null with a warning."""
    current: Found[str] | None = getattr(f, name)
    if current is None or ok(current):
        return
    for alt in candidates.get(name):
        if alt.value != current.value and ok(alt):
            setattr(f, name, alt)
            return
    setattr(f, name, None)
    warnings.append(why)


def _vendor_rules(kind: Kind, f: Fields, candidates: Candidates, warnings: list[str]) -> None:
    if f.vendor is None:
        return
    others = [x.value for x in (f.issuer, f.accreditation_body) if x is not None]
    taken = f.vendor.value

    def ok(v: Found[str]) -> bool:
        name = v.value.strip()
        if any(same_party(name, o) for o in others):
            return False
        return not (_PERSON_TITLE.search(name) or (kind != "unknown" and _CPA_FIRM.search(name)))

    role = "certification body" if kind == "iso_certificate" else "auditor"
    _replace(
        f,
        "vendor",
        ok,
        candidates,
        warnings,
        f"The vendor could not be read: the name found ({taken}) is the {role}'s or an individual's, not the "
        "organisation's; check the document.",
    )


def _soc_dates(f: Fields, candidates: Candidates, warnings: list[str]) -> None:
    start, end, signed = _day(f.period_start), _day(f.period_end), _day(f.report_date)
    if start is not None and end is not None and start >= end:
        f.period_start = f.period_end = None
        warnings.append(
            "The period could not be read: the dates found do not make a period (the start is not before the "
            "end); check the report's opinion paragraph."
        )
        end = None
    if end is not None and signed is not None and end > signed:
        # The report is signed after the period it reports on: one of the two is misread; the report date (one
        # date under a signature) is the likelier, so another reading of it is tried first.
        def after_end(v: Found[str]) -> bool:
            d = _day(v)
            return d is not None and d >= end

        before = f.report_date
        _replace(
            f,
            "report_date",
            after_end,
            candidates,
            warnings,
            f"The report date could not be read: the date found ({before.value if before else ''}) comes before "
            f"the end of the period ({end.isoformat()}), and a report is signed after its period; check the "
            "signature block.",
        )


def _certificate_dates(f: Fields, standards: set[str], warnings: list[str]) -> None:
    issue, original, expiry = _day(f.issue_date), _day(f.original_issue_date), _day(f.expiry_date)
    if issue is not None and expiry is not None and issue >= expiry:
        f.issue_date = f.expiry_date = None
        warnings.append(
            f"The certificate's issue and expiry dates could not be told apart (the date read as issue, "
            f"{issue.isoformat()}, is not before the one read as expiry, {expiry.isoformat()}); check the "
            "certificate."
        )
        issue = expiry = None
    if original is not None and (
        (issue is not None and original > issue) or (expiry is not None and original >= expiry)
    ):
        f.original_issue_date = None
        warnings.append(
            f"The original certification date could not be read: the date found ({original.isoformat()}) comes "
            "after this certificate's issue or expiry."
        )
    if issue is not None and expiry is not None and expiry - issue > MAX_VALIDITY and _management_system(standards):
        # A management-system certificate lasts at most three years: the date read as the issue is an older one
        # (the first certification, a previous cycle's), so it is not this certificate's issue date.
        f.issue_date = None
        warnings.append(
            f"The certificate's issue date could not be read: the date found ({issue.isoformat()}) is more than "
            f"three years before its expiry ({expiry.isoformat()}), longer than a certification cycle; check the "
            "certificate."
        )


def _management_system(standards: set[str]) -> bool:
    """ISO/IEC 17021-1 certificates (27001, 27701, 42001, 9001, ...) have a three-year cycle; with no standard read,
    a certificate is assumed to be one."""
    return not standards or any(s.startswith("ISO") for s in standards)


_REPORT_WORDS = lazy(r"\breport\b|\bexamination\b", re.I)
_BRIDGE_WORDS = lazy(r"bridge|gap|this\s+letter", re.I)


def bridged_report_end(text: DocText, letter_date: Found[str] | None) -> date | None:
    """The end of the period of the report a bridge letter bridges: the latest period that its sentences tie to a
    report rather than to the letter and that is over by the letter's date (the next report's is still to come)."""
    dated = _day(letter_date)
    latest: date | None = None
    for n in text.text_pages()[:2]:
        page = text.page_text[n]
        for p in find_periods(page):
            s, e = sentence_around(page, p.span_start, p.span_end)
            sentence = page[s:e]
            if dated is not None and p.end > dated:
                continue
            if _REPORT_WORDS.search(sentence) and not _BRIDGE_WORDS.search(sentence):
                latest = p.end if latest is None or p.end > latest else latest
    return latest


def _bridge(f: Fields, report_end: date | None, warnings: list[str]) -> None:
    start, end, dated = _day(f.period_start), _day(f.period_end), _day(f.report_date)
    broken = (start is not None and end is not None and start >= end) or (
        end is not None and dated is not None and end > dated
    )
    if report_end is not None and start is not None and start <= report_end:
        broken = True
    if broken:
        f.period_start = f.period_end = None
        warnings.append(
            "The bridge letter's period could not be read: the dates found do not cover the months after the "
            "bridged report up to the letter's date; check the letter."
        )


def apply(
    kind: Kind,
    f: Fields,
    candidates: Candidates | None = None,
    *,
    bridged_end: date | None = None,
) -> list[str]:
    """Check ``f`` against the rules, repair or null what breaks them, and return the warnings to show."""
    candidates = candidates or Candidates()
    warnings: list[str] = []
    _vendor_rules(kind, f, candidates, warnings)
    if (
        f.issuer is not None
        and f.accreditation_body is not None
        and same_party(f.issuer.value, f.accreditation_body.value)
    ):
        f.accreditation_body = None
        warnings.append(
            "The accreditation body could not be read: the name found is the certification body's own; check the "
            "accreditation mark."
        )
    if kind in SOC_KINDS:
        _soc_dates(f, candidates, warnings)
    elif kind == "bridge_letter":
        _bridge(f, bridged_end, warnings)
    if kind == "iso_certificate" or f.expiry_date is not None:
        _certificate_dates(f, {s.value for s in f.standards}, warnings)
    return warnings
