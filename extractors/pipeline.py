"""From a loaded Document to the typed Extraction: clean the text, classify, then read each field.

Readers work from the plain text layer (fast, already in memory); which fields are read depends on the kind, so a
certificate is never searched for an opinion and a whitepaper never yields a period. Warnings that depend on the date
are computed here, once, against ``today`` (``date.today()`` unless a caller passes a day).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

from . import constraints
from .classify import Classification, classify
from .document import Document
from .fields import ai, artwork, certificate, parties, periods, scope, standards
from .fields.org_names import ORG_LINE_RE
from .fields.sections import find_sections, read_scope_paragraph
from .fields.text import DocText, build
from .fields.warnings import warnings_for
from .model import SOC_KINDS, AICoverage, DocumentError, Extraction, Fields, FileInfo, Found
from .patterns import lazy

T = TypeVar("T")
log = logging.getLogger(__name__)


# A number as OCR reads it where a digit stands for a letter of a letter prefix ("1QA2025-270" for "IQA2025-270").
_OCR_AMBIGUOUS = lazy(r"^[10][A-Z]{2}")


def _fill_from_artwork(doc: Document, f: Fields) -> list[str]:
    """Standard, issuer and accreditation body from the certificate's artwork, when the text layer lacks them."""
    art = artwork.read_artwork(doc)
    if art is None:
        return []
    filled = []
    if not f.standards:
        f.standards = standards.read_standards(art, "iso_certificate")
        filled += ["standard"] if f.standards else []
    if f.issuer is None:
        f.issuer = parties.read_issuer(art, "iso_certificate", None)
        if f.issuer is not None and f.vendor is not None and f.issuer.value.casefold() == f.vendor.value.casefold():
            f.issuer = None
        filled += ["issuer"] if f.issuer else []
    if f.accreditation_body is None:
        f.accreditation_body = parties.read_accreditation_body(art) or parties.read_accreditation_mark(art)
        filled += ["accreditation body (from its mark)"] if f.accreditation_body else []
    if f.accreditation_body is None:
        f.accreditation_body = parties.read_accreditation_number(art)
        filled += ["accreditation body (from its accreditation number)"] if f.accreditation_body else []
    if not filled:
        return []
    return [f"Page 1's artwork (an image, not text) was read with OCR for: {', '.join(filled)}; check against the PDF."]


_COVER_LABEL = lazy(r"^(?:Service\s+Organi[sz]ation|Organi[sz]ation|Company|Client|Vendor)\s*:?\s+(?=[A-Z0-9])")


def _words(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.casefold()))


def _first_word(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.casefold())
    return next((w for w in words if w not in ("the", "a")), "")


def _cross_check(text: DocText, f: Fields) -> list[str]:
    """A SOC report states its vendor and period twice: on the cover and in the auditor's scope sentence, and its
    opinion in a paragraph whose kind a "Basis for Qualified Opinion" heading also says. When two readings disagree,
    neither is trusted: the field is null and a warning says what to check (a wrong value is worse than none). The
    order of dates and the vendor against the issuer are ``constraints``' rules."""
    out: list[str] = []
    sections = find_sections(text, 40)
    if f.opinion is not None and f.opinion.value == "unqualified" and sections.basis_for_modification is not None:
        page, line = sections.basis_for_modification
        out.append(
            f"Opinion not read: the opinion paragraph reads as unqualified, but page {page} has a heading "
            f"\"{text.page_lines[page][line]}\"; read the opinion in the PDF."
        )
        f.opinion = None
    paragraph = read_scope_paragraph(text, sections)
    if paragraph is None:
        return out
    if f.period_end is not None and paragraph.period is not None and f.period_start is not None:
        if (f.period_start.value, f.period_end.value) != paragraph.period:
            out.append(
                f"Period not read: the cover says {f.period_start.value} to {f.period_end.value}, the auditor's scope "
                f"paragraph {paragraph.period[0]} to {paragraph.period[1]}; check the PDF."
            )
            f.period_start = f.period_end = None
    if f.period_end is not None and f.period_start is None and paragraph.as_of is not None:
        if f.period_end.value != paragraph.as_of:
            out.append(
                f"Date not read: the cover says as of {f.period_end.value}, the auditor's scope paragraph as of "
                f"{paragraph.as_of}; check the PDF."
            )
            f.period_end = None
    if f.vendor is not None and _COVER_LABEL.match(f.vendor.value):
        # A key/value cover: "Service Organization  Lanternfish Metrics, Inc." names the vendor after its label.
        name = _COVER_LABEL.sub("", f.vendor.value)
        f.vendor = Found(name, f.vendor.page, f.vendor.quote)
    if f.vendor is not None and paragraph.vendor:
        cover, said = _words(f.vendor.value), _words(paragraph.vendor)
        if said and cover != said and said in cover and ORG_LINE_RE.match(paragraph.vendor):
            # The cover's line carries a label ("Service Organization Nightjar Cargo Co."): the sentence's name.
            f.vendor = Found(paragraph.vendor, paragraph.page, paragraph.quote)
            return out
        a, b = _first_word(f.vendor.value), _first_word(paragraph.vendor)
        # A short name is the start of the legal one ("Nightjar" / "Nightjarbenefits Corporation"): no disagreement.
        if a and b and not (a.startswith(b) or b.startswith(a)) and a not in said.split() and b not in cover.split():
            out.append(
                f"Vendor not read: the cover names {f.vendor.value}, the auditor's scope paragraph "
                f"{paragraph.vendor}; check the PDF."
            )
            f.vendor = None
    return out


def read_fields(doc: Document, info: FileInfo, today: date | None = None) -> Extraction:
    """Classify the document and read its fields.

    Each reader is guarded: a reader that fails on an unusual layout leaves its field empty and says so in the
    warnings, and every other field is still read. Running out of time (``DocumentError``) is not caught here.
    """
    text = build(doc)
    f = Fields()
    failed: list[str] = []

    def guard(name: str, read: Callable[[], T], empty: object) -> T:
        try:
            return read()
        except DocumentError:
            raise
        except Exception:  # noqa: BLE001 - one reader's bug must not cost the reader the other fields
            log.warning("reading %s failed", name, exc_info=True)
            failed.append(name)
            return cast(T, empty)

    verdict = guard("kind", lambda: classify(text), Classification("unknown"))
    kind = verdict.kind
    warnings = list(verdict.warnings)
    # Certificates of a person and other schemes' letters: read what they state, but never as a vendor's
    # certificate (kind unknown, and the reviewer is told why).
    other = None
    if kind in ("iso_certificate", "unknown"):
        if guard("kind", lambda: certificate.person_certificate(text), False):
            other, kind = "person", "unknown"
            warnings.append(certificate.PERSON_WARNING)
        elif kind == "unknown" and guard("kind", lambda: certificate.hitrust_letter(text), False):
            other = "hitrust"
            warnings.append(certificate.HITRUST_WARNING)
    if other is not None:
        _read_other(text, other, f)
        f.scope = guard("scope", lambda: scope.read_scope(text, kind), None)
        evidence = guard("AI coverage", lambda: ai.read_ai(text, kind, f.standards, f.scope), [])
        f.ai = AICoverage(bool(evidence), evidence)
        warnings += constraints.apply(kind, f)
        if failed:
            warnings.append(f"Could not read: {', '.join(failed)} (an unusual layout); check these in the PDF.")
        warnings += warnings_for(kind, f, today or date.today())
        return Extraction(file=info, kind=kind, fields=f, warnings=warnings)

    letter = None
    if verdict.genre == "attestation_letter":
        # An auditor's letter about a report: its own labels give the firm, the date, the report's id and scope.
        # Its reader is loaded here, for such letters only: its patterns cost every other document's start-up.
        from .fields import letters

        letter = guard("attestation letter", lambda: letters.read_attestation_letter(text), None)
    if letter is not None:
        f.report_date, f.issuer = letter.report_date, letter.issuer
    else:
        report_date, signed_at = guard("report date", lambda: periods.read_report_date(text, kind), (None, None))
        if kind in SOC_KINDS or kind == "bridge_letter" or (kind == "unknown" and report_date is not None):
            f.report_date = report_date
        f.issuer = guard("issuer", lambda: parties.read_issuer(text, kind, signed_at), None)
    f.vendor = letter.vendor if letter is not None and letter.vendor is not None else None
    if f.vendor is None:
        f.vendor = guard("vendor", lambda: parties.read_vendor(text, kind, f.issuer), None)
    if f.vendor is None and kind == "unknown":
        f.vendor = guard("vendor", lambda: parties.read_form_vendor(doc, text), None)
    candidates = constraints.Candidates()
    if f.vendor is not None:
        candidates.add("vendor", guard("vendor", lambda: parties.mentioned_vendor(text), None))
    f.standards = guard("standards", lambda: standards.read_standards(text, kind), [])

    if kind == "iso_certificate":
        f.accreditation_body = guard("accreditation body", lambda: parties.read_accreditation_body(text), None)
        if f.accreditation_body is None:
            f.accreditation_body = guard(
                "accreditation body",
                lambda: parties.read_accreditation_number(text) or certificate.mark_number(doc),
                None,
            )
            if f.accreditation_body is not None:
                warnings.append(
                    f"The accreditation body ({f.accreditation_body.value}) was read from the format of the "
                    f"accreditation number beside its mark ({f.accreditation_body.quote}), not from its name; "
                    "check the mark."
                )
        f.certificate_number = guard("certificate number", lambda: parties.read_certificate_number(text), None)
        number = f.certificate_number
        if (
            number is not None
            and number.page is not None
            and doc.page(number.page).ocr
            and _OCR_AMBIGUOUS.match(number.value)
        ):
            f.certificate_number = None
            warnings.append(
                f"The certificate number could not be read: OCR gave '{number.value}', whose '1' before letters may "
                "be an 'I' (or '0' an 'O'); check it in the PDF."
            )
        f.issue_date, f.original_issue_date, f.expiry_date = guard(
            "certificate dates", lambda: _certificate_dates(text, f), (None, None, None)
        )
        if not (f.standards and f.issuer and f.accreditation_body):
            warnings += guard("certificate artwork", lambda: _fill_from_artwork(doc, f), [])
    else:
        f.period_start, f.period_end = guard(
            "period", lambda: periods.read_period(text, kind, f.report_date), (None, None)
        )

    if kind in SOC_KINDS:
        # The readers of what only a SOC report states are loaded here, for SOC reports only: their patterns would
        # cost every certificate's and letter's start-up (a command line reading one file pays each import once).
        from .fields import categories, cuecs, exceptions, opinion, subservice

        vendor = f.vendor.value if f.vendor else ""
        f.opinion = guard("opinion", lambda: opinion.read_opinion(text), None)
        f.tsc_categories = guard("categories", lambda: categories.read_categories(text), [])
        f.subservice_organizations = guard(
            "subservice organizations", lambda: subservice.read_subservice(text, vendor), []
        )
        f.cuecs = guard("CUECs", lambda: cuecs.read_cuecs(text), [])
        if kind != "soc2_type1":
            found = guard("exceptions", lambda: exceptions.read_exceptions(text, find_sections(text, 40)), [])
            if len(found) > exceptions.MAX_PLAUSIBLE:
                warnings.append(
                    f"Exceptions not read: {len(found)} rows of the tests of controls looked like exceptions, more "
                    "than a report plausibly lists; the table's layout was not understood. Read them in the PDF."
                )
                found = []
            f.exceptions = found
        warnings += guard("cross-check", lambda: _cross_check(text, f), [])
    if letter is not None:
        from .fields import categories

        f.certificate_number = letter.report_id
        if letter.period_end is not None:
            f.period_start, f.period_end = letter.period_start, letter.period_end
        f.tsc_categories = guard("categories", lambda: categories.read_categories(text), [])
    f.scope = guard("scope", lambda: scope.read_scope(text, kind), None)
    if f.scope is None and letter is not None:
        f.scope = letter.scope
    evidence = guard("AI coverage", lambda: ai.read_ai(text, kind, f.standards, f.scope), [])
    f.ai = AICoverage(bool(evidence), evidence)

    bridged = None
    if kind == "bridge_letter":
        bridged = guard("bridged report", lambda: constraints.bridged_report_end(text, f.report_date), None)
    warnings += guard("cross-field rules", lambda: constraints.apply(kind, f, candidates, bridged_end=bridged), [])
    if failed:
        warnings.append(f"Could not read: {', '.join(failed)} (an unusual layout); check these in the PDF.")
    warnings += warnings_for(kind, f, today or date.today())
    return Extraction(file=info, kind=kind, fields=f, warnings=warnings)


Dates = tuple[Found[str] | None, Found[str] | None, Found[str] | None]


def _certificate_dates(text: DocText, f: Fields) -> Dates:
    """(issue, original, expiry): dates under their labels in the text layer first; what those leave out from rows
    of labels with their values drawn under them (the text layer lists such cells far from their labels), read by
    layout, which also overrules the text layer where the two disagree; only then a row of unlabelled dates,
    ordered. Fills the certificate number from the rows too."""
    issue, original, expiry = periods.read_certificate_dates(text, bare=False)
    rows = certificate.label_rows(text.doc, text.text_pages()[:2])
    if rows is not None and f.certificate_number is None:
        f.certificate_number = parties.read_certificate_number(rows)
    r_issue, r_original, r_expiry = periods.read_certificate_dates(rows, bare=False) if rows else (None, None, None)
    if rows is not None:
        r_issue, r_original, r_expiry = (certificate.verbatim(rows, d) for d in (r_issue, r_original, r_expiry))
    pairs = ((issue, r_issue), (original, r_original), (expiry, r_expiry))
    if any(t is not None and r is not None and t.value != r.value for t, r in pairs):
        # A label on one line and a date on the next pair up in drawing order, which design tools do not keep
        # (each column's value drawn before its label puts the next column's date under a label); the layout
        # reads the value drawn under each label, so where the two disagree the layout's reading stands alone.
        return r_issue, r_original, r_expiry
    if issue is not None and expiry is not None:
        return issue, original, expiry
    if r_issue is None and r_expiry is None:
        return periods.read_certificate_dates(text)
    if issue is None and expiry is None:
        return r_issue, original or r_original, r_expiry
    # One read from each: kept only if the rows agree on the one the text layer gave.
    if issue is not None and r_issue is not None and r_issue.value == issue.value:
        return issue, original or r_original, r_expiry
    if expiry is not None and r_expiry is not None and r_expiry.value == expiry.value:
        return r_issue, original or r_original, expiry
    return periods.read_certificate_dates(text)


def _read_other(text: DocText, other: str, f: Fields) -> None:
    """A person's certificate (holder, awarding body, dates, number, standard) or a HITRUST letter (issuer, date)."""
    if other == "person":
        f.vendor, f.issuer = certificate.person_parties(text)
        f.issue_date, f.original_issue_date, f.expiry_date = periods.read_certificate_dates(text)
        f.certificate_number = parties.read_certificate_number(text)
        f.standards = standards.read_standards(text, "iso_certificate")
    else:
        f.issuer, f.report_date = certificate.hitrust_parties(text)
        f.vendor = parties.read_vendor(text, "unknown", f.issuer)
