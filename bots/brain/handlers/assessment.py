"""Does a vendor meet the requirement profile: the verdict with its cited findings ("does Acme cover us?"), the
verdicts across vendors, vendors side by side, and what to ask a vendor for."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from extractors.model import TRUST_SERVICES_KINDS
from service.assessments import service as assessments
from service.assessments.models import FindingRead, StoredAssessment
from service.documents import service as documents
from service.vendors import service as vendors
from service.vendors.names import same_org

from .. import reviewed
from ..intents import Intent
from ..portfolio import snapshot
from ..reply import (
    KIND_TEXT,
    VERDICT_STATUS,
    VERDICT_TEXT,
    Answer,
    Cite,
    Context,
    Item,
    Section,
    fmt_date,
    plural,
)
from .guidance import example, refuse
from .lookup import (
    kind_label,
    one_vendor,
    provider_answer,
    summaries,
    unknown_vendor,
    vendor_name,
)


def assessment_answer(ctx: Context, vendor_id: int, *, profile: str | None = None, kind: str = "cover") -> Answer:
    """The verdict for a vendor against the profile, with cited findings (also used by the Re-assess button)."""
    profile_name = profile or ctx.profile_name
    result = assessments.assess_vendor(
        db_session=ctx.db_session, settings=ctx.settings, vendor_id=vendor_id, profile=profile_name, today=ctx.today
    )
    verdict = result.verdict
    items = [finding_item(f) for f in result.result.findings]
    shown = items[: ctx.max_items]
    facts = [("Profile", f"{result.profile} ({ctx.profile_source if profile is None else 'chosen'})"),
             ("As of", result.as_of.isoformat())]
    if result.result.relied_on:
        facts.append(("Relied on", result.result.relied_on))
    if result.documents:
        facts.append(("Documents", ", ".join(d.filename for d in result.documents)))
    summary = VERDICT_TEXT.get(verdict, verdict)
    notes: list[str] = []
    # issue 13: a verdict resting on a reviewer's correction says so
    stored = documents.extractions(db_session=ctx.db_session, ids=[d.id for d in result.documents])
    for d in result.documents:
        notes += reviewed.notes(stored.get(d.id), d.filename)
    if not result.documents:
        held = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, limit=10)
        if held:
            listed = ", ".join(f"{d.filename} ({KIND_TEXT.get(d.kind or 'unknown', d.status)})" for d in held[:5])
            summary = (f"{VERDICT_TEXT.get(verdict, verdict)}: none of the {len(held)} document"
                       f"{'s' if len(held) != 1 else ''} on file is assurance evidence: {listed}.")
        else:
            summary = "No documents for this vendor yet, so there is nothing to assess."
        notes.append("Share its SOC 2 report, bridge letter or ISO certificate (PDF) with me and ask again.")
    return Answer(
        kind=kind,
        title=result.vendor_name,
        summary=summary,
        status=VERDICT_STATUS.get(verdict, "info"),
        verdict=verdict,
        facts=facts,
        items=shown,
        items_title="Findings" if items else None,
        more=len(items) - len(shown),
        profile=result.profile,
        profile_source=ctx.profile_source,
        vendor_id=vendor_id,
        notes=notes,
        confidential=bool(items),
    )


def finding_item(f: FindingRead) -> Item:
    """A finding (from a vendor's answer or a document assessed alone) as a line of the answer, with its cites."""
    cites = [Cite(e.document, e.page, e.quote) for e in f.evidence]
    return Item(text=f.reason or f.code, severity=f.severity, cites=cites, absence=f.absence)


def cover(intent: Intent, ctx: Context) -> Answer:
    """Does the vendor meet the requirement profile ("does Acme cover us?"): the verdict with its findings."""
    vendor_id, problem = one_vendor(intent, ctx, offer_help=True)
    if problem is not None or vendor_id is None:
        return problem or refuse(intent, ctx)
    return assessment_answer(ctx, vendor_id, profile=ctx.profile_override)


_VERDICT_WORDS = (("don't meet", "does_not_meet"), ("do not meet", "does_not_meet"), ("not meet", "does_not_meet"),
                  ("fail", "does_not_meet"), ("non compliant", "does_not_meet"), ("non-compliant", "does_not_meet"),
                  ("insufficient", "insufficient_evidence"), ("not enough", "insufficient_evidence"),
                  ("finding", "meets_with_findings"), ("pass", "meets"), ("meet", "meets"), ("red", "does_not_meet"),
                  ("at risk", "does_not_meet"), ("worry", "does_not_meet"), ("problem", "does_not_meet"))


_ASSESS_NOW = 30  # vendors assessed during a question when today's stored answer is missing


def verdicts(intent: Intent, ctx: Context) -> Answer:
    """The vendors by verdict against the profile, from today's stored answers (a few assessed on the spot);
    a verdict named in the question ("which don't meet...") narrows the list."""
    profile = intent.profile or ctx.profile_name
    snap = snapshot(ctx.db_session)
    stored = dict(ctx.db_session.execute(
        select(StoredAssessment.vendor_id, StoredAssessment.verdict).where(
            StoredAssessment.profile == profile, StoredAssessment.as_of == ctx.today)).all())
    by: dict[str, list[str]] = defaultdict(list)
    missing = [vid for vid in snap.docs if vid not in stored]
    for vid in missing[:_ASSESS_NOW]:  # beyond that, the daily refresh answers
        try:
            stored[vid] = assessments.assess_vendor(db_session=ctx.db_session, settings=ctx.settings, vendor_id=vid,
                                                    profile=profile, today=ctx.today).verdict
        except Exception:  # noqa: BLE001 - one vendor that cannot be assessed must not hide the others
            continue
    for vid, verdict in stored.items():
        if vid in snap.names:
            by[verdict].append(snap.names[vid])
    lowered = intent.text.lower()
    wanted = next((v for word, v in _VERDICT_WORDS if word in lowered), None)
    sections = []
    for verdict in ("does_not_meet", "insufficient_evidence", "meets_with_findings", "meets"):
        names = sorted(by.get(verdict, []))
        if wanted and verdict != wanted and not (wanted == "meets" and verdict == "meets_with_findings"):
            continue
        if names:
            sections.append(Section(f"{VERDICT_TEXT[verdict]} ({len(names)})", [Item(n) for n in names[:25]],
                                    max(0, len(names) - 25)))
    counts = "; ".join(f"{len(by[v])} {VERDICT_TEXT[v].lower()}" for v in VERDICT_TEXT if by.get(v))
    pending = max(0, len(missing) - _ASSESS_NOW)
    summary = (f"Against “{profile}”: {counts or 'no vendor assessed yet'}."
               + (f" {pending} vendors are assessed by the daily refresh, not yet today." if pending else ""))
    if wanted:
        names = sorted(by.get(wanted, []) + (by.get("meets_with_findings", []) if wanted == "meets" else []))
        summary = (f"{plural(len(names), 'vendor')} — {VERDICT_TEXT[wanted].lower()} against “{profile}”"
                   + (": " + ", ".join(names[:12]) + ("…" if len(names) > 12 else "") if names else "") + ".")
    return Answer(kind="verdicts", title="Verdicts across vendors", summary=summary, sections=sections,
                  profile=profile, profile_source=ctx.profile_source,
                  status=VERDICT_STATUS.get(wanted or "", "info"))


def compare(intent: Intent, ctx: Context) -> Answer:
    """Vendors side by side: verdict, then each current report's period, opinion and counts, certificates."""
    ids = list(dict.fromkeys(intent.vendor_ids))
    if len(ids) < 2:
        missing = [m for m in intent.vendors if m.vendor_id is None] or (
            [intent.unknown_vendor] if intent.unknown_vendor else [])
        if missing and missing[0] is not None:
            return unknown_vendor(missing[0], ctx, intent.text)
        return Answer(kind="compare", title="Compare which vendors?",
                      summary="Name two or more vendors, for example: " + example("compare", ctx))
    sections = []
    summary_bits = []
    left_out = left_out_of(intent, ids, ctx)
    for vid in ids[:5]:
        result = assessment_answer(ctx, vid, profile=intent.profile)
        docs = summaries(ctx, vid)
        lines = [Item(f"Verdict: {VERDICT_TEXT.get(result.verdict or '', result.summary)}")]
        for d in docs:
            if d.kind in TRUST_SERVICES_KINDS:
                opinion = d.opinion.value if d.opinion else "not read"
                lines.append(Item(f"{kind_label(d)}: period to {fmt_date(d.period_end)}, opinion {opinion}, "
                                  f"{plural(len(d.exceptions), 'exception')}, "
                                  f"{plural(len(d.subservices), 'subservice org')}, {plural(d.cuecs, 'CUEC')}",
                                  cites=[Cite(d.filename)]))
            elif d.kind == "iso_certificate":
                lines.append(Item(f"{kind_label(d)}: valid until {fmt_date(d.expiry_date)}", cites=[Cite(d.filename)]))
            elif d.kind == "bridge_letter":
                lines.append(Item(f"Bridge letter to {fmt_date(d.period_end)}", cites=[Cite(d.filename)]))
        if any(d.ai_covered or "42001" in (d.standards or "") for d in docs):
            lines.append(Item("AI: covered by its evidence"))
        name = vendor_name(ctx, vid)
        sections.append(Section(name, lines))
        summary_bits.append(f"{name.split(',')[0]}: {VERDICT_TEXT.get(result.verdict or '', 'no documents')}")
    summary = "; ".join(summary_bits) + "."
    notes: list[str] = []
    if left_out:  # never a silent drop: say who is not compared, and why
        compared = [vendor_name(ctx, vid).split(",")[0] for vid in ids[:5]]
        summary = (" ".join(left_out) + " Comparing " + ", ".join(compared[:-1]) + " and " + compared[-1] + ": "
                   + summary)
    if len(ids) > 5:
        notes.append(f"Compared the first 5 of the {len(ids)} vendors named; ask again about the others.")
    return Answer(kind="compare", title="Side by side", summary=summary, sections=sections, notes=notes,
                  profile=intent.profile or ctx.profile_name, profile_source=ctx.profile_source, confidential=True)


def left_out_of(intent: Intent, ids: list[int], ctx: Context) -> list[str]:
    """What a comparison (or one fact asked of several vendors) cannot include, one sentence each: a name that is
    no vendor of ours (with the closest names, or the vendors that name it as a subservice organization), a name
    that matches several vendors. The
    rest of a name already compared ("Orchardlyne Pay": "Pay", "Pebblestack Group": "Group"), that names no other
    vendor, is no other vendor."""
    missing = [m for m in intent.vendors if m.vendor_id is None]
    if intent.unknown_vendor is not None and all(m.query != intent.unknown_vendor.query for m in missing):
        missing.append(intent.unknown_vendor)
    ends = {m.end for m in intent.vendors if m.vendor_id is not None}
    sentences = []
    for m in missing:
        if not _listed(m.query, intent.text):
            continue
        suggested = [vid for vid, _name in m.suggestions]
        if m.start in ends and set(suggested) <= set(ids):
            continue
        names = [name for _vid, name in m.suggestions if _vid not in ids]
        if m.ambiguous:
            sentences.append(f"“{m.query}” matches several vendors ({', '.join(n for _v, n in m.suggestions)}): "
                             "name it in full to include it.")
            continue
        provider = None if names else provider_answer(m.query, ctx, intent.text, [])
        if provider is not None:
            sentences.append(provider.summary)
            continue
        sentences.append(f"I don't know a vendor called “{m.query}”"
                         + (" (did you mean " + " or ".join(names) + "?)." if names else "."))
    compared = [vendor_name(ctx, vid) for vid in ids]
    for p in intent.providers:  # a provider we know of ("compare A, B and Cumulus") is no vendor of ours either
        if any(same_org(p, name) for name in compared):
            continue
        query = intent.unknown_name if intent.unknown_name and same_org(intent.unknown_name, p) else p
        if not _listed(query, intent.text):
            continue
        provider = provider_answer(query, ctx, intent.text, [])
        sentences.append(provider.summary if provider is not None else f"I don't know a vendor called “{query}”.")
    return sentences


# What stands before a name in a list of vendors: the start, a comma, "and", "or", "vs", "with", "compare".
_LIST_BEFORE = r"(?:^|[,&/]|\b(?:and|or|vs\.?|versus|with|against|to|compare|between)\b)\W*"


def _listed(name: str, text: str) -> bool:
    """Whether ``name`` stands in the question's list of vendors ("A, B and Zentrix", "compare zentrix, A and B")
    rather than elsewhere in it ("who audited A and B in Europe", "A and B's use of Cumulus"): only a name in the
    list is one the answer leaves out."""
    return re.search(_LIST_BEFORE + re.escape(name), text, re.IGNORECASE) is not None


def what_to_ask(intent: Intent, ctx: Context) -> Answer:
    """What to chase the vendor for: a missing or stale report, a bridge letter to today, a Type 2, the 2022
    certificate, carved-out providers' reports, how exceptions were remediated, AI evidence; and the
    assessment's critical and high findings."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    name = vendor_name(ctx, vendor_id)
    docs = summaries(ctx, vendor_id)
    fresh = timedelta(days=ctx.settings.freshness_days)
    asks: list[Item] = []
    socs = sorted((d for d in docs if d.kind in TRUST_SERVICES_KINDS and d.period_end),
                  key=lambda d: d.period_end or date.min)
    letters = [d for d in docs if d.kind == "bridge_letter" and d.period_end]
    certs = [d for d in docs if d.kind == "iso_certificate"]
    if not socs and not certs:
        asks.append(Item("Its SOC 2 Type 2 report (or, failing that, its ISO/IEC 27001 certificate): I hold no "
                         "assurance document from it"))
    if socs:
        last = socs[-1]
        assert last.period_end is not None
        if last.kind == "soc2_type1" and not any(d.kind == "soc2_type2" for d in socs):
            asks.append(Item("A SOC 2 Type 2 report: it has only a Type 1 (controls described, not tested over a "
                             "period)", cites=[Cite(last.filename)]))
        if last.period_end + fresh < ctx.today:
            asks.append(Item(f"Its current SOC 2 report: the period of {last.filename} ended "
                             f"{fmt_date(last.period_end)}, more than {ctx.settings.freshness_days} days ago",
                             cites=[Cite(last.filename)]))
        covered_to = max([last.period_end, *[d.period_end for d in letters if d.period_end]])
        if covered_to < ctx.today and last.period_end + fresh >= ctx.today:
            asks.append(Item(f"A bridge letter from {fmt_date(covered_to + timedelta(days=1))} to today: nothing "
                             "covers the time since", cites=[Cite(last.filename)]))
        carved = sorted({n for d in socs for n, m, _q in d.subservices if m == "carve-out"})
        if carved:
            asks.append(Item("The SOC reports of its carved-out subservice organizations: " + ", ".join(carved)))
        exc = sum(len(d.exceptions) for d in socs)
        if exc:
            asks.append(Item(f"How it remediated the {plural(exc, 'testing exception')} in its report"))
    for cert in certs:
        if "2013" in (cert.standards or ""):
            asks.append(Item("Its ISO/IEC 27001:2022 certificate: the 2013 edition is void since 2025-10-31",
                             cites=[Cite(cert.filename)]))
        elif cert.expiry_date and cert.expiry_date <= ctx.today + timedelta(days=90):
            asks.append(Item(f"The renewed certificate: {cert.filename} "
                             f"{'expired' if cert.expiry_date < ctx.today else 'expires'} "
                             f"{fmt_date(cert.expiry_date)}", cites=[Cite(cert.filename)]))
    vendor = vendors.get(db_session=ctx.db_session, vendor_id=vendor_id)
    if vendor is not None and vendor.processes_data_with_ai and not any(
            "42001" in (d.standards or "") for d in certs):
        asks.append(Item("Evidence for its AI systems: an ISO/IEC 42001 certificate or an AI governance attestation"))
    result = assessment_answer(ctx, vendor_id, profile=intent.profile)
    blocking = [i for i in result.items if i.severity in ("critical", "high")]
    sections = [Section("What the assessment found", blocking[:6])] if blocking else []
    summary = (f"Ask {name} for {plural(len(asks), 'thing')}:" if asks
               else f"Nothing to chase: {name}'s evidence is complete and current against “{result.profile}”.")
    return Answer(kind="what_to_ask", title=f"What to ask {name} for", summary=summary, items=asks,
                  items_title="Ask for" if asks else None, sections=sections, vendor_id=vendor_id,
                  status="warn" if asks else "good", profile=result.profile, profile_source=ctx.profile_source)
