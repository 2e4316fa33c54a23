"""From a loaded Document to the typed Extraction: clean the text, classify, then read each field.

Readers work from the plain text layer (fast, already in memory); which fields are read depends on the kind, so a
certificate is never searched for an opinion and a whitepaper never yields a period. Warnings that depend on the date
are computed here, once, against ``today`` (``date.today()`` unless a caller passes a day).
"""

from __future__ import annotations

from datetime import date

from .classify import classify
from .document import Document
from .fields import ai, artwork, categories, cuecs, exceptions, opinion, parties, periods, scope, standards, subservice
from .fields.text import build
from .fields.warnings import warnings_for
from .model import AICoverage, Extraction, Fields, FileInfo

_SOC = ("soc2_type1", "soc2_type2", "soc3", "soc1")


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
        f.accreditation_body = parties.read_accreditation_body(art)
        filled += ["accreditation body"] if f.accreditation_body else []
    if not filled:
        return []
    return [f"Page 1's artwork (no text layer) was read with OCR for: {', '.join(filled)}; check it against the PDF."]


def read_fields(doc: Document, info: FileInfo, today: date | None = None) -> Extraction:
    """Classify the document and read its fields."""
    text = build(doc)
    verdict = classify(text)
    kind = verdict.kind
    f = Fields()

    report_date, signed_at = periods.read_report_date(text, kind)
    if kind in _SOC or kind == "bridge_letter" or (kind == "unknown" and report_date is not None):
        f.report_date = report_date
    f.issuer = parties.read_issuer(text, kind, signed_at)
    f.vendor = parties.read_vendor(text, kind, f.issuer)
    f.standards = standards.read_standards(text, kind)

    warnings = list(verdict.warnings)
    if kind == "iso_certificate":
        f.accreditation_body = parties.read_accreditation_body(text)
        f.certificate_number = parties.read_certificate_number(text)
        f.issue_date, f.original_issue_date, f.expiry_date = periods.read_certificate_dates(text)
        if not (f.standards and f.issuer and f.accreditation_body):
            warnings += _fill_from_artwork(doc, f)
    else:
        f.period_start, f.period_end = periods.read_period(text, kind, f.report_date)

    if kind in _SOC:
        f.opinion = opinion.read_opinion(text)
        f.tsc_categories = categories.read_categories(text)
        f.subservice_organizations = subservice.read_subservice(text, f.vendor.value if f.vendor else "")
        f.cuecs = cuecs.read_cuecs(text)
        if kind != "soc2_type1":
            f.exceptions = exceptions.read_exceptions(text)
    f.scope = scope.read_scope(text, kind)
    evidence = ai.read_ai(text, kind, f.standards, f.scope)
    f.ai = AICoverage(bool(evidence), evidence)

    warnings += warnings_for(kind, f, today or date.today())
    return Extraction(file=info, kind=kind, fields=f, warnings=warnings)
