"""The triage card for one uploaded document: what it is, what it says, and what falls short for the buyer.

Built from the stored extraction (so a duplicate upload gets the same card without parsing again) and from the
assessment of the vendor it belongs to; a document whose vendor is not settled is assessed on its own.
"""

from __future__ import annotations

from datetime import date

from extractors.model import TRUST_SERVICES_KINDS, Extraction
from knowledge import assess
from knowledge.rules.exceptions import exception_criteria
from service.assessments import service as assessments
from service.assessments.models import AssessmentResult, FindingRead
from service.documents.models import Document
from service.profiles import get_profile
from service.vendors import service as vendors

from .handlers.assessment import finding_item
from .mentions import mention
from .reply import KIND_TEXT, VERDICT_STATUS, VERDICT_TEXT, Answer, Cite, Context, Item, Section

ERROR_TEXT = {
    "not_pdf": "This file is not a PDF. Export the document as PDF and share it again.",
    "encrypted": "This PDF is password-protected, so I cannot read it. Ask the vendor for a copy without a "
    "password (or remove it) and share it again.",
    "corrupt": "This PDF is damaged and cannot be read. Download it again from the vendor's portal and share it.",
    "empty": "This PDF has no pages.",
    "too_large": "This PDF is larger than the limit I read.",
    "no_text_layer": "This PDF is a scan without a text layer, and I could not read it. Ask the vendor for the "
    "digital original.",
    "timeout": "Reading this PDF took too long, so I stopped.",
    "interrupted": "Reading this PDF was interrupted several times; it has been set aside.",
    "file_missing": "The stored copy of this file is missing; share it again.",
}
MAX_LIST = 6


def uploader(text: str | None) -> str:
    """``slack:U123`` (how the bot records Slack users) as a mention; anything else as it is."""
    if not text:
        return "someone"
    if text.startswith("slack:"):
        return mention(text.split(":", 1)[1])
    return text


def failure_answer(doc: Document) -> Answer:
    """A clear reply for a document that could not be read."""
    text = ERROR_TEXT.get(doc.error_code or "", "I could not read this file.")
    detail = doc.error_message or ""
    return Answer(kind="triage_failed", title=doc.filename, summary=text, status="bad", document_id=doc.id,
                  notes=[f"Reason: {detail}"] if detail else [])


def _period(doc: Document, x: Extraction) -> str:
    f = x.fields
    if doc.kind == "iso_certificate":
        issued = f.issue_date.value if f.issue_date else None
        expiry = f.expiry_date.value if f.expiry_date else None
        return f"valid {('from ' + str(issued) + ' ') if issued else ''}until {expiry or 'not stated'}"
    start = f.period_start.value if f.period_start else None
    end = f.period_end.value if f.period_end else None
    if start and end:
        return f"{start} to {end}"
    if end:
        return f"as of {end}"
    return "not stated"


def _listed(items: list[Item], title: str) -> Section:
    return Section(title, items[:MAX_LIST], max(0, len(items) - MAX_LIST))


def triage_answer(doc: Document, ctx: Context, *, duplicate: bool = False, seconds: float | None = None) -> Answer:
    """The card: kind, vendor, period or validity, opinion, categories, exceptions, carve-outs, CUECs, AI, verdict."""
    if doc.status == "failed":
        return failure_answer(doc)
    x = Extraction.from_dict(doc.extraction or {})
    f = x.fields
    name = doc.filename
    facts: list[tuple[str, str]] = [("Kind", KIND_TEXT.get(x.kind, x.kind))]
    vendor_text = f.vendor.value if f.vendor else "not stated"
    confirm: tuple[int, str] | None = None
    if doc.vendor_match == "uncertain" and doc.vendor_id is None and doc.vendor_candidate_id is not None:
        candidate = vendors.get(db_session=ctx.db_session, vendor_id=doc.vendor_candidate_id)
        if candidate is not None:
            confirm = (candidate.id, candidate.name)
            vendor_text += f" (looks like {candidate.name}; confirm it to assess them together)"
    facts.append(("Vendor", str(vendor_text)))
    facts.append(("Validity" if x.kind == "iso_certificate" else "Period", _period(doc, x)))
    if f.opinion:
        facts.append(("Opinion", str(f.opinion.value)))
    if f.tsc_categories:
        facts.append(("Categories", ", ".join(str(c.value).replace("_", " ") for c in f.tsc_categories)))
    if f.standards:
        facts.append(("Standards", ", ".join(str(s.value) for s in f.standards)))
    if f.certificate_number:
        facts.append(("Certificate", str(f.certificate_number.value)))
    if f.issuer:
        facts.append(("Issued by", str(f.issuer.value)))
    if x.file.pages:
        facts.append(("Pages", str(x.file.pages)))
    if x.kind in TRUST_SERVICES_KINDS or f.ai.covered or f.ai.evidence:
        facts.append(("AI coverage", "AI/ML systems are in the assured scope" if f.ai.covered
                      else "AI/ML systems are not in the assured scope"))

    sections: list[Section] = []
    if x.kind == "soc2_type2" or f.exceptions:
        rows = [Item(f"{('control ' + r.control + ' ') if r.control else ''}"
                     f"({', '.join(exception_criteria(r)) or 'criteria not stated'}): {r.value}",
                     cites=[Cite(name, r.page, r.quote)]) for r in f.exceptions]
        sections.append(_listed(rows, f"Exceptions ({len(f.exceptions)})" if rows else "Exceptions: none reported"))
    if f.subservice_organizations:
        subs = [Item(f"{s.value} — {s.method or 'method not stated'}", cites=[Cite(name, s.page, s.quote)])
                for s in f.subservice_organizations]
        sections.append(_listed(subs, "Subservice organizations (carve-outs)"))
    if f.cuecs:
        cuecs = [Item(f"{c.value}" + (f" ({', '.join(c.criteria)})" if c.criteria else ""),
                      cites=[Cite(name, c.page, c.quote)]) for c in f.cuecs]
        sections.append(_listed(cuecs, f"Controls you must run (CUECs: {len(f.cuecs)})"))
    if f.ai.evidence:
        sections.append(_listed([Item(str(e.value), cites=[Cite(name, e.page, e.quote)]) for e in f.ai.evidence],
                                "AI coverage evidence"))

    verdict, findings, profile_name, assessed_as = _assess(doc, x, ctx)
    shortfalls = [finding_item(fd) for fd in findings if fd.severity in ("critical", "high", "medium")]
    summary = f"{KIND_TEXT.get(x.kind, x.kind)}"
    if f.vendor:
        summary += f" from {f.vendor.value}"
    if verdict:
        summary += f". Verdict for {assessed_as}: {VERDICT_TEXT.get(verdict, verdict)}."
    notes: list[str] = []
    if duplicate:
        notes.append(f"Already uploaded by {uploader(doc.uploaded_by)} on {doc.uploaded_at:%Y-%m-%d %H:%M} UTC "
                     f"(document #{doc.id}); this is the same file, so I did not read it again.")
    if seconds is not None:
        notes.append(f"Read {x.file.pages or '?'} pages in {seconds:.1f} s.")
    if x.warnings:
        notes.extend(str(w) for w in x.warnings[:3])
    return Answer(
        kind="triage",
        title=name,
        summary=summary,
        status=VERDICT_STATUS.get(verdict or "", "info"),
        verdict=verdict,
        facts=facts,
        items=shortfalls[: ctx.max_items],
        items_title="What falls short" if shortfalls else None,
        more=max(0, len(shortfalls) - ctx.max_items),
        sections=sections,
        profile=profile_name,
        profile_source=ctx.profile_source,
        vendor_id=doc.vendor_id,
        document_id=doc.id,
        notes=notes,
        confidential=True,
        confirm_vendor=confirm,
    )


def _assess(doc: Document, x: Extraction, ctx: Context) -> tuple[str | None, tuple[FindingRead, ...], str, str]:
    """(verdict, findings, profile, what was assessed): the vendor with all its current documents when known,
    else the document alone; both as the service's read model, so one renderer serves both."""
    profile_name = ctx.profile_name
    if x.kind == "unknown":
        return None, (), profile_name, "this document"
    if doc.vendor_id is not None:
        result = assessments.assess_vendor(db_session=ctx.db_session, settings=ctx.settings,
                                           vendor_id=doc.vendor_id, profile=profile_name, today=ctx.today)
        return result.verdict, result.result.findings, result.profile, result.vendor_name
    profile = get_profile(settings=ctx.settings, name=profile_name)
    alone = AssessmentResult.of(assess([x], profile, ctx.today or date.today()))
    return alone.verdict, alone.findings, profile.name, "this document alone"
