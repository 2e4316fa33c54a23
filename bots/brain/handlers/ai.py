"""AI: which vendors have evidence for their AI systems (ISO/IEC 42001, AI systems in a report's scope), and how
far one vendor's evidence reaches into the NIST AI RMF."""

from __future__ import annotations

import re

from sqlalchemy import select

from knowledge.ai import nist_categories_not_reached, nist_categories_reached
from service.vendors.models import Vendor

from ..intents import Intent
from ..portfolio import snapshot
from ..reply import Answer, Cite, Context, Item, Section, Status, fmt_date, plural, quote_cites
from .guidance import refuse
from .lookup import kind_label, one_vendor, summaries, vendor_name


def ai(intent: Intent, ctx: Context) -> Answer:
    """The vendors with AI evidence (ISO/IEC 42001, AI systems in a report's scope), and those marked as using AI on
    the buyer's data without it; a vendor named: ``ai_reach``."""
    if intent.vendors or intent.unknown_vendor is not None:
        return ai_reach(intent, ctx)
    if _NEGATED.search(intent.text):
        return _without_ai_evidence(ctx)
    snap = snapshot(ctx.db_session)
    covered: list[Item] = []
    for vid, docs in snap.docs.items():
        name = snap.names.get(vid, str(vid))
        iso42001 = [d for d in docs if d.kind == "iso_certificate" and "42001" in (d.standards or "")]
        in_scope = [d for d in docs if d.ai_covered]
        if iso42001:
            covered.append(Item(f"{name}: ISO/IEC 42001 certified", cites=[Cite(iso42001[0].filename)]))
        elif in_scope:
            ev = in_scope[0].ai_evidence[0] if in_scope[0].ai_evidence else None
            covered.append(Item(f"{name}: AI systems named in the scope of {kind_label(in_scope[0])}",
                                cites=quote_cites(in_scope[0].filename, ev)))
    flagged = ctx.db_session.execute(select(Vendor.name).where(Vendor.processes_data_with_ai.is_(True))).all()
    with_evidence = {i.text.split(":")[0] for i in covered}
    uncovered = [name for (name,) in flagged if name not in with_evidence]
    sections = [Section("Marked as processing your data with AI, without AI evidence", [Item(n) for n in uncovered])] \
        if uncovered else []
    shown = covered[: ctx.max_items * 2]
    return Answer(kind="ai", title="Vendors and AI",
                  summary=f"{plural(len(covered), 'vendor')} with AI evidence (ISO/IEC 42001, or AI systems in the "
                          "scope of their report)" + (f"; {plural(len(uncovered), 'vendor')} marked as using AI "
                                                      "without it" if uncovered else "") + ".",
                  items=shown, more=len(covered) - len(shown), items_title="With AI evidence" if covered else None,
                  sections=sections)


# "which vendors DON'T use AI", "vendors without AI coverage": asked the other way round, never answered with the
# vendors that do.
_NEGATED = re.compile(r"\b(?:(?:do|does|did)\s*n[o']?t|not|never|without|no|non)[\s-]+(?:\w+\s+){0,2}?"
                      r"(?:ai|a\.i\.|artificial intelligence|machine learning|ml|llms?|genai|42001)\b", re.IGNORECASE)


def _without_ai_evidence(ctx: Context) -> Answer:
    """Documents show AI evidence, never its absence: the honest answer names the vendors whose documents show none
    (and which of them the buyer marked as using AI on its data), without claiming they do not use AI."""
    snap = snapshot(ctx.db_session)
    none = sorted(snap.names.get(vid, str(vid)) for vid, docs in snap.docs.items()
                  if not any(d.ai_covered or (d.kind == "iso_certificate" and "42001" in (d.standards or ""))
                                      for d in docs))
    flagged = {name for (name,) in ctx.db_session.execute(
        select(Vendor.name).where(Vendor.processes_data_with_ai.is_(True))).all()}
    marked = [n for n in none if n in flagged]
    summary = ("I can't tell which vendors don't use AI: documents show AI evidence, not its absence. "
               + (f"For {plural(len(none), 'vendor')} I hold no AI evidence (no ISO/IEC 42001 certificate, no AI "
                  "systems in the scope of a report)" if none else "Every vendor I hold documents for shows some AI "
                  "evidence")
               + (f"; {plural(len(marked), 'of them is', 'of them are')} marked as processing your data with AI: "
                  + ", ".join(marked) if marked else "") + ".")
    shown = none[: ctx.max_items * 3]
    return Answer(kind="ai", title="Vendors without AI evidence", summary=summary,
                  items=[Item(n + (" (marked as using AI on your data)" if n in flagged else "")) for n in shown],
                  more=len(none) - len(shown), items_title="No AI evidence on file" if none else None,
                  status="warn" if marked else "info")


def ai_reach(intent: Intent, ctx: Context) -> Answer:
    """Does the vendor's evidence reach its AI systems: ISO/IEC 42001 through its Annex A to the NIST AI RMF."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    name = vendor_name(ctx, vendor_id)
    docs = summaries(ctx, vendor_id)
    iso42001 = [d for d in docs if d.kind == "iso_certificate" and "42001" in (d.standards or "")]
    scoped = [d for d in docs if d.ai_covered]
    items: list[Item] = []
    reached, missed = nist_categories_reached(), nist_categories_not_reached()
    if iso42001:
        cert = iso42001[0]
        valid = cert.expiry_date is None or cert.expiry_date >= ctx.today
        summary = (f"Yes, through its ISO/IEC 42001 certificate ({cert.filename}, "
                   f"{'valid until' if valid else 'expired'} {fmt_date(cert.expiry_date)}): an AI management system "
                   f"whose Annex A reaches {len(reached)} of {len(reached) + len(missed)} NIST AI RMF categories.")
        status: Status = "good" if valid else "bad"
        items.append(Item(f"ISO/IEC 42001 scope: {cert.scope.value if cert.scope else 'not stated'}",
                          cites=quote_cites(cert.filename, cert.scope)))
    elif scoped:
        summary = ("Partly: its security report names AI systems in scope, so their security controls were "
                   "examined, but no AI management system (ISO/IEC 42001) covers how the AI itself is governed "
                   "(risk, impact assessment, data quality, transparency).")
        status = "warn"
    else:
        summary = (f"No: nothing I hold from {name} mentions AI systems in scope, and there is no ISO/IEC 42001 "
                   "certificate. If it uses AI on your data, ask for ISO/IEC 42001 or an AI governance attestation.")
        status = "bad" if docs else "warn"
    for doc in scoped:
        for ev in doc.ai_evidence[:3]:
            items.append(Item(f"{kind_label(doc)} names AI: {ev.value}", cites=quote_cites(doc.filename, ev)))
    sections = [Section("NIST AI RMF categories an ISO/IEC 42001 AIMS reaches", [Item(", ".join(reached))])]
    if missed:
        sections.append(Section("Not reached by ISO/IEC 42001 alone", [Item(", ".join(missed))]))
    return Answer(kind="ai", title=f"{name} — AI coverage", summary=summary, status=status, items=items,
                  items_title="Evidence" if items else None, sections=sections, vendor_id=vendor_id,
                  confidential=bool(items))
