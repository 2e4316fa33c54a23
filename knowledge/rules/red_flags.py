"""Red flags: signs that a document is not what it claims, each a finding with the words it rests on.

In 2026 buyers learned that hundreds of SOC 2 reports from one provider were near-identical templates. Nothing here
proves a report false; each flag names something a genuine report does not do, for a reviewer to follow up:

- ``TYPE2_SHORT_PERIOD``: a Type 2 period under six months (the SOC 2 guide expects a period long enough to test
  operating effectiveness; buyers and auditors treat under six months as a first-year exception, not the norm);
- ``SELF_TESTED``: the tests of controls say they were performed by the service organization (its management,
  internal audit) rather than by the service auditor;
- ``SIGNED_BY_PERSON``: the auditor's report is signed by a person with a credential, not by a firm (AT-C 205 has the
  practitioner's firm sign); ``LICENCE_JURISDICTION``: the signer's licence names a jurisdiction or body outside the
  one whose standards the report cites (AICPA attestation standards are licensed by US state boards);
- ``SCOPE_OTHER_ORGANIZATION``: the scope names an organization that is neither the vendor nor a provider it uses
  (a template copied from another client);
- ``DATES_CONTRADICT``: a bridge letter (or a report) dated before the end of the period it vouches for; a
  certificate whose stated term ("valid for three years") disagrees with its own issue and expiry dates;
- ``NEAR_DUPLICATE``: the description and tests share most of their text with another vendor's report;
- ``SOC2_CERTIFICATE``: a certification body's "SOC 2 certificate" (the extractor's finding, as a flag).

``read_signals`` reads what needs the document's text (at ingestion, where the text is at hand) into a small JSON
object kept beside the document; ``red_flags`` turns signals and the extraction into findings at assessment time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from extractors.fields.org_names import ORG_PROSE_RE
from extractors.model import TRUST_SERVICES_KINDS, VOUCHES_FOR_PERIOD_KINDS, Extraction

from ..findings import Citation, Finding, Severity
from ..portfolio.providers import known_provider, provider_key
from .dates import add_months, parse_date

SIGNAL_VERSION = 1

_SELF_TEST = re.compile(
    r"\b(?:tests?|testing|test\s+procedures|tests\s+of\s+(?:the\s+)?controls?)\s+(?:were\s+|was\s+|are\s+)?"
    r"(?:performed|conducted|carried\s+out|executed)\s+by\s+(?:the\s+)?(?:service\s+organi[sz]ation(?:'s|’s)?"
    r"(?:\s+(?:management|personnel|staff|employees))?|(?:company|organi[sz]ation)(?:'s|’s)?\s+(?:management|"
    r"personnel|staff|employees|internal\s+audit)|management|internal\s+audit|{vendor})\b",
    re.IGNORECASE,
)
_TESTED_BY = re.compile(r"^\s*(?:tested|testing\s+performed|performed)\s+by\s*:\s*(?P<who>.+)$", re.IGNORECASE | re.M)
_CREDENTIAL = re.compile(
    r"\b(?:Certified\s+Public\s+Accountants?|C\.?P\.?A\.?|Chartered\s+(?:Professional\s+)?Accountants?|"
    r"Chartered\s+Certified\s+Accountant|ACCA|FCA|ACA)\b"
)
_FIRM = re.compile(
    r"\b(?:LLP|L\.L\.P\.|LLC|L\.L\.C\.|P\.C\.|PC|PLLC|P\.A\.|CPAs|Ltd\.?|Limited|Inc\.?|GmbH|& Co\.?|"
    r"& Company|Partners|Associates|Group)\s*[,.]?\s*$|^\s*/s/\s*\S"
)
_PERSON = re.compile(r"^\s*(?:/s/\s*)?[A-Z][A-Za-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][A-Za-z'’-]+){1,2}\s*,?\s*$")
_LICENCE = re.compile(r"\blicen[cs]e(?:d)?\b[^\n]{0,80}", re.IGNORECASE)
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District of Columbia|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
    "North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico|Guam|United States|U\\.S\\."
)
_US = re.compile(rf"\b(?:{_US_STATES})\b")
# Bodies and countries that license accountants outside the United States, as a licence line names them.
_FOREIGN = re.compile(
    r"\b(?:Institute\s+of\s+Chartered\s+Accountants(?:\s+of\s+[A-Z][a-z]+)*|ICAI|ICAEW|ICAS|ICAP|ACCA|CPA\s+Australia|"
    r"CPA\s+Canada|Philippines?|India|Pakistan|Bangladesh|Sri\s+Lanka|Nigeria|Kenya|Egypt|United\s+Kingdom|Canada|"
    r"Australia|Singapore|Malaysia|Indonesia|Vietnam|Ukraine|Romania|Bulgaria)\b"
)
_AICPA = re.compile(r"\bAICPA\b|American\s+Institute\s+of\s+Certified\s+Public\s+Accountants|\bAT-C\s*(?:section\s*)?"
                    r"(?:105|205)\b", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}"
    r"(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
)
_TERM = re.compile(
    r"\bvalid(?:ity)?\s+(?:for\s+(?:a\s+(?:period|term)\s+of\s+)?|period\s+(?:of\s+)?|term\s+(?:of\s+)?)"
    r"(?P<n>one|two|three|four|five|\d)\s*(?:\(\d\)\s*)?years?\b",
    re.IGNORECASE,
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_CERT_WARNING = "this certificate names SOC 2"


def _quote(text: str) -> str:
    folded = " ".join(text.split())
    return folded if len(folded) <= 300 else folded[:299] + "…"


def _found(page: int, text: str, **extra: Any) -> dict[str, Any]:
    return {"page": page, "quote": _quote(text), **extra}


def _same_org(name: str, other: str | None) -> bool:
    """'HackerBay, Inc.' and 'Hackerbay Fyipe Platform': same first significant word, or one key within the other."""
    if not other:
        return False
    a, b = _org_key(name), _org_key(other)
    if not a or not b:
        return False
    flat_a, flat_b = a.replace(" ", ""), b.replace(" ", "")
    return a.split()[0] == b.split()[0] or flat_a in flat_b or flat_b in flat_a


def _org_key(name: str) -> str:
    """The name's comparable words without the prose around it ("for Acme Ltd" -> "acme")."""
    return re.sub(r"^(?:(?:for|to|of|by|at|the|and|with|from|on|in)\s+)+", "", provider_key(name))


# --- reading the text (at ingestion) -----------------------------------------------------------------------------


def read_signals(pages: Sequence[str], extraction: Extraction) -> dict[str, Any]:
    """What the red flags need from the document's text (``pages``: page 1 first), as JSON-ready data."""
    f = extraction.fields
    vendor = str(f.vendor.value) if f.vendor and f.vendor.value else None
    out: dict[str, Any] = {"version": SIGNAL_VERSION, "cites_aicpa": any(_AICPA.search(p) for p in pages)}
    if extraction.kind in TRUST_SERVICES_KINDS:
        out["self_tested"] = _self_tested(pages, vendor)
        out["signature"] = _signature(pages, extraction)
    if extraction.kind == "iso_certificate":
        out["stated_term"] = _stated_term(pages)
    out["scope_organizations"] = _scope_organizations(extraction, vendor)
    return out


def _self_tested(pages: Sequence[str], vendor: str | None) -> dict[str, Any] | None:
    name = re.escape(vendor.split(",")[0].strip()) if vendor else r"(?!x)x"
    pattern = re.compile(_SELF_TEST.pattern.replace("{vendor}", name), re.IGNORECASE)
    for n, text in enumerate(pages, 1):
        flat = " ".join(text.split())
        m = pattern.search(flat)
        if m:
            window = flat[max(0, m.start() - 60) : m.end() + 60]
            if re.search(r"\b(?:not|never|rather\s+than|instead\s+of|independent(?:ly)?\s+of)\b", window, re.I):
                continue
            return _found(n, window)
        for t in _TESTED_BY.finditer(text):
            who = t.group("who")
            if vendor and _same_org(who, vendor) or re.search(r"\bmanagement\b|\binternal audit\b", who, re.I):
                return _found(n, t.group(0))
    return None


def _signature(pages: Sequence[str], x: Extraction) -> dict[str, Any] | None:
    """The lines around the auditor's report date: a firm's name, or a person's name with a credential."""
    f = x.fields
    wanted: list[int] = []
    for found in (f.report_date, f.opinion):
        if found is not None and found.page:
            wanted += [found.page, found.page + 1]
    for n in dict.fromkeys(p for p in wanted if 1 <= p <= len(pages)):
        lines = [ln.strip() for ln in pages[n - 1].splitlines() if ln.strip()]
        quote = " ".join((f.report_date.quote or "").split()) if f.report_date and f.report_date.page == n else ""
        at = [i for i, ln in enumerate(lines) if (quote and quote[:25] in ln) or _DATE_LINE.fullmatch(ln.strip(" ."))]
        for i in at[-1:]:
            block = lines[max(0, i - 5) : i + 4]
            firm = next((ln for ln in block if _FIRM.search(ln) and not _CREDENTIAL.search(ln)), None)
            cred = next((k for k, ln in enumerate(block) if _CREDENTIAL.search(ln) and len(ln) < 60), None)
            licence = next((m.group(0) for ln in block for m in [_LICENCE.search(ln)] if m), None)
            result: dict[str, Any] = {"page": n, "quote": _quote(" / ".join(block))}
            if licence:
                result["licence"] = _quote(licence)
            if firm is not None:
                result.update(by="firm", name=firm.removeprefix("/s/").strip())
                return result
            if cred is not None:
                person = next((ln for ln in reversed(block[:cred + 1])
                               if _PERSON.match(ln) and not _CREDENTIAL.search(ln)), None)
                inline = re.match(r"^(?:/s/\s*)?([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s*" + _CREDENTIAL.pattern,
                                  block[cred])
                if person or inline:
                    result.update(by="person", name=(inline.group(1) if inline else str(person)).strip(" ,"))
                    return result
    return None


def _stated_term(pages: Sequence[str]) -> dict[str, Any] | None:
    for n, text in enumerate(pages, 1):
        flat = " ".join(text.split())
        m = _TERM.search(flat)
        if m:
            raw = m.group("n").lower()
            years = _NUMBERS.get(raw) or int(raw)
            return _found(n, flat[max(0, m.start() - 40) : m.end() + 40], years=years)
    return None


def _scope_organizations(x: Extraction, vendor: str | None) -> list[dict[str, Any]]:
    """Organizations the scope statement names that are not the vendor, the auditor or a provider it uses."""
    f = x.fields
    scope = f.scope
    if scope is None or not scope.value:
        return []
    text = " ".join(str(scope.quote or scope.value).split())
    known = [vendor, f.issuer.value if f.issuer else None, f.accreditation_body.value if f.accreditation_body else None]
    known += [s.value for s in f.subservice_organizations]
    out: list[dict[str, Any]] = []
    for m in ORG_PROSE_RE.finditer(text):
        name = m.group(0).strip(" ,.")
        before = text[max(0, m.start() - 40) : m.start()].lower()
        if any(_same_org(name, k) for k in known if k):
            continue
        if known_provider(name) is not None or re.search(r"\b(?:hosted|provided|operated|managed)\s+(?:by|on|"
                                                                   r"with)\s+(?:the\s+)?$|\bon\s+$", before):
            continue  # a hosting or cloud provider the service runs on is part of a scope, not another client
        out.append({"name": name, "page": scope.page, "quote": _quote(text[max(0, m.start() - 80) : m.end() + 40])})
    return out


# --- judging (at assessment) -------------------------------------------------------------------------------------


def red_flags(x: Extraction, signals: Mapping[str, Any] | None = None,
              duplicates: Sequence[Mapping[str, Any]] = (), severity: Severity = "high") -> list[Finding]:
    """The red flags of one document: from its extraction, its stored ``signals`` and its ``duplicates``
    (``[{"vendor", "document", "similarity"}]``: other vendors' reports sharing its text)."""
    doc = x.file.name
    f = x.fields
    out: list[Finding] = []

    def flag(code: str, reason: str, evidence: Sequence[Citation] = (), absence: str | None = None) -> None:
        out.append(Finding(severity, code, reason, tuple(evidence), absence))

    def cite(data: Mapping[str, Any], field: str) -> Citation:
        return Citation(doc, data.get("page"), data.get("quote"), field)

    start = parse_date(f.period_start.value) if f.period_start else None
    end = parse_date(f.period_end.value) if f.period_end else None
    if x.kind == "soc2_type2" and start and end and start < end and end < add_months(start, 6) - _ONE_DAY:
        days = (end - start).days + 1
        flag("TYPE2_SHORT_PERIOD", f"The Type 2 period runs {days} days ({start.isoformat()} to {end.isoformat()}), "
             "under six months: too short to show that controls operated over time. Ask why, and for the next "
             "report.",
             [Citation.of(doc, f.period_start, "period_start"), Citation.of(doc, f.period_end, "period_end")])
    dated = parse_date(f.report_date.value) if f.report_date else None
    if x.kind in VOUCHES_FOR_PERIOD_KINDS and dated and end and dated < end:
        what = "bridge letter" if x.kind == "bridge_letter" else "report"
        flag("DATES_CONTRADICT", f"The {what} is dated {dated.isoformat()}, before the end of the period it vouches "
             f"for ({end.isoformat()}): it speaks for days that had not happened yet.",
             [Citation.of(doc, f.report_date, "report_date"), Citation.of(doc, f.period_end, "period_end")])
    if any(_CERT_WARNING in w for w in x.warnings):
        flag("SOC2_CERTIFICATE", "This is a certificate that names SOC 2. A SOC 2 report is an attestation by a CPA "
             "firm, never a certificate; a certification body's 'SOC 2 certificate' is not SOC 2 assurance.",
             [Citation(doc, None, next(w for w in x.warnings if _CERT_WARNING in w), "kind")])
    s = signals or {}
    tested = s.get("self_tested")
    if tested:
        flag("SELF_TESTED", "The tests of controls say they were performed by the service organization itself, not "
             "by the independent service auditor; such a report is not an examination.", [cite(tested, "tests")])
    sig = s.get("signature")
    if sig and sig.get("by") == "person":
        flag("SIGNED_BY_PERSON", f"The auditor's report is signed by a person ({sig.get('name')}) rather than by a "
             "firm. A service auditor's report is issued and signed by the practitioner's firm; confirm the firm, "
             "its licence and its peer review.", [cite(sig, "signature")])
    if sig and sig.get("licence"):
        lic = str(sig["licence"])
        foreign = _FOREIGN.search(lic)
        if s.get("cites_aicpa") and foreign and not _US.search(lic):
            flag("LICENCE_JURISDICTION", f"The signer's licence ('{lic}') is from {foreign.group(0)}, outside the "
                 "jurisdiction of the AICPA attestation standards the report cites (CPA firms licensed by a US state "
                 "board).", [cite(sig, "signature")])
        elif s.get("cites_aicpa") and not _US.search(lic):
            out.append(Finding("low", "LICENCE_UNVERIFIED", f"The signer's licence ('{lic}') names no US state "
                               "board, while the report cites AICPA attestation standards; look it up before "
                               "relying on the report.", (cite(sig, "signature"),)))
    for org in s.get("scope_organizations") or []:
        flag("SCOPE_OTHER_ORGANIZATION", f"The scope names {org.get('name')}, which is neither the vendor nor a "
             "provider it uses: the text may have been copied from another client's document.", [cite(org, "scope")])
    term = s.get("stated_term")
    issue = parse_date(f.issue_date.value) if f.issue_date else None
    original = parse_date(f.original_issue_date.value) if f.original_issue_date else None
    expiry = parse_date(f.expiry_date.value) if f.expiry_date else None
    if term and expiry and (issue or original):
        years = int(term.get("years") or 0)
        if not any(_term_fits(a, expiry, years) for a in (issue, original) if a):
            basis = issue or original
            assert basis is not None
            flag("DATES_CONTRADICT", f"The certificate states a term of {years} year(s), but its dates run "
                 f"{basis.isoformat()} to {expiry.isoformat()} ({(expiry - basis).days} days).",
                 [cite(term, "term"), Citation.of(doc, f.issue_date or f.original_issue_date, "issue_date"),
                  Citation.of(doc, f.expiry_date, "expiry_date")])
    for dup in duplicates:
        share = round(100 * float(dup.get("similarity") or 0))
        flag("NEAR_DUPLICATE", f"About {share}% of this report's description and tests is shared with "
             f"{dup.get('vendor')}'s report ({dup.get('document')}). Genuine reports describe their own system and "
             "tests; this reads like a template.", [Citation(doc, None, None, "text"),
                                                    Citation(str(dup.get("document")), None, None, "text")])
    return out


_ONE_DAY = timedelta(days=1)


def _term_fits(start: date, expiry: date, years: int) -> bool:
    return abs((expiry - add_months(start, 12 * years)).days) <= 45
