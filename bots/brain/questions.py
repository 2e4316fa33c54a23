"""Answers beyond the verdict: one fact with its citation, the whole portfolio, comparisons, decisions, refusal.

One-fact answers (auditor, dates, opinion, categories, scope, carve-outs, CUECs) read the vendor's current
documents; portfolio answers read the ``portfolio.Snapshot`` (every vendor's current documents, summarised once),
so they stay fast at 10,000 vendors; decision answers combine the knowledge base (crosswalk, AI links) with the
vendor's own evidence.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import select

from extractors.model import (
    ASSURANCE_KINDS,
    EVIDENCE_ORDER,
    SOC2_KINDS,
    SOC_KINDS,
    TRUST_SERVICES_KINDS,
    VOUCHES_FOR_PERIOD_KINDS,
)
from service.assessments import service as assessments
from service.assessments.models import StoredAssessment
from service.documents import service as documents
from service.vendors import service as vendors
from service.vendors.models import Vendor
from service.vendors.names import normalize, same_org

from .answers import (
    KIND_TEXT,
    VERDICT_STATUS,
    VERDICT_TEXT,
    Answer,
    Cite,
    Context,
    Item,
    Section,
    Status,
    _extraction,
    _fmt_date,
    _in_days,
    _unknown_vendor,
    assessment_answer,
)
from .intents import Intent, Window
from .portfolio import DocSummary, Quote, snapshot

# One example question per intent: the refusal offers the closest ones, help shows several.
EXAMPLE_BY_KIND = {
    "cover": "does {v} cover us?",
    "soc2_current": "is {v}'s SOC 2 current?",
    "iso_expiry": "when does {v}'s ISO certificate expire?",
    "auditor": "who audited {v}?",
    "period": "what period does {v}'s SOC 2 cover?",
    "opinion": "which vendors have a qualified opinion?",
    "categories": "which trust services categories does {v}'s report cover?",
    "scope": "what is in scope of {v}'s report?",
    "subservice": "what are {v}'s carve-outs?",
    "fourth_parties": "who depends on AWS?",
    "cuecs": "what are {v}'s CUECs?",
    "exceptions": "which vendors have exceptions in CC6?",
    "expiring": "what's expiring next quarter?",
    "expired": "what has expired?",
    "ai": "which vendors use AI, and is it covered?",
    "type1": "which vendors only have a Type 1 report?",
    "bridge": "which vendors have bridge letters?",
    "verdicts": "which vendors don't meet our requirements?",
    "compare": "compare {v} and {v2}",
    "crosswalk": "what does A.8.28 map to in SOC 2?",
    "replace": "does {v}'s ISO 27001 stand in for a SOC 2?",
    "what_to_ask": "what should we ask {v} for?",
    "one_evidence": "can one evidence base serve both SOC 2 and ISO 27001?",
    "coverage": "does {v} cover our FY2026 audit?",
    "documents": "what documents do we have for {v}?",
    "set_profile": "use profile critical-data-processor here",
    "show_profile": "which profile?",
    "list_vendors": "how many vendors do we have?",
    "help": "help",
}


def example(kind: str, ctx: Context, intent: Intent | None = None) -> str:
    names = [m.name.split(",")[0] for m in (intent.vendors if intent else []) if m.name]
    if not names:
        known = sorted(ctx.vendors().names.values())
        names = [n.split(",")[0] for n in known[:2]] or ["Acme"]
    v = names[0]
    v2 = names[1] if len(names) > 1 else next((n.split(",")[0] for n in sorted(ctx.vendors().names.values())
                                               if not n.startswith(v)), "Globex")
    return EXAMPLE_BY_KIND.get(kind, "help").format(v=v, v2=v2)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _q_cites(filename: str, q: Quote | None) -> list[Cite]:
    return [Cite(filename, q.page, q.quote)] if q is not None else [Cite(filename)]


def _one_vendor(intent: Intent, ctx: Context) -> tuple[int | None, Answer | None]:
    """The vendor the question is about, or the answer that asks which one."""
    if intent.vendors and intent.vendors[0].vendor_id is not None:
        return intent.vendors[0].vendor_id, None
    mention = intent.vendors[0] if intent.vendors else intent.unknown_vendor
    if mention is not None:
        return None, _unknown_vendor(mention, ctx, intent.text)
    return None, Answer(kind="no_vendor", title="Which vendor?",
                        summary="Name the vendor in the question, for example: " + example(intent.kind, ctx),
                        examples=[example(k, ctx) for k in ("cover", "auditor", "cuecs")])


def _docs(ctx: Context, vendor_id: int) -> list[DocSummary]:
    return snapshot(ctx.db_session).of(vendor_id)


def _name(ctx: Context, vendor_id: int) -> str:
    return ctx.vendors().names.get(vendor_id) or snapshot(ctx.db_session).names.get(vendor_id, f"vendor {vendor_id}")


def _kind(doc: DocSummary) -> str:
    if doc.kind == "iso_certificate" and doc.standards:
        return doc.standards.replace("|", ", ") + " certificate"
    return KIND_TEXT.get(doc.kind, doc.kind)


def _nothing(ctx: Context, vendor_id: int, what: str, kind: str) -> Answer:
    """A vendor without the document a question needs: say what there is instead."""
    all_docs = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, limit=20)
    name = _name(ctx, vendor_id)
    held = ", ".join(f"{d.filename} ({KIND_TEXT.get(d.kind or 'unknown', d.kind)})" for d in all_docs[:5])
    summary = f"I have no {what} for {name}." + (f" On file: {held}." if held else " No documents are on file.")
    return Answer(kind=kind, title=name, summary=summary, status="warn", vendor_id=vendor_id,
                  notes=["Share the document (PDF) with me to add it."])


# --- one fact about a vendor --------------------------------------------------------------------------------------


def auditor(intent: Intent, ctx: Context) -> Answer:
    if not intent.vendors and intent.unknown_vendor is None:
        return _portfolio_auditors(intent, ctx)
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    items: list[Item] = []
    soc_first = "iso27001" not in intent.frameworks[:1] and not re.search(
        r"\biso\b|cert|registrar|\bcb\b|27\d{3}|42001", intent.text, re.IGNORECASE)
    order = dict(EVIDENCE_ORDER)
    for doc in sorted(_docs(ctx, vendor_id), key=lambda d: order.get(d.kind, 6) if soc_first
                      else -order.get(d.kind, 6)):
        if doc.issuer is None:
            continue
        if doc.kind == "iso_certificate":
            text = f"{_kind(doc)}: certified by {doc.issuer.value}"
            if doc.accreditation_body:
                text += f", accredited by {doc.accreditation_body.value}"
        else:
            text = f"{_kind(doc)}: service auditor {doc.issuer.value}"
        items.append(Item(text, cites=_q_cites(doc.filename, doc.issuer)))
    if not items:
        return _nothing(ctx, vendor_id, "report or certificate naming its auditor", "auditor")
    name = _name(ctx, vendor_id)
    return Answer(kind="auditor", title=f"{name} — auditor", summary=items[0].text + ".", items=items,
                  items_title="Read in", vendor_id=vendor_id, confidential=True)


def _portfolio_auditors(intent: Intent, ctx: Context) -> Answer:
    snap = snapshot(ctx.db_session)
    by: dict[str, set[str]] = defaultdict(set)
    for vid, docs in snap.docs.items():
        for doc in docs:
            if doc.issuer is not None:
                by[doc.issuer.value].add(snap.names.get(vid, str(vid)))
    firm = intent.unknown_name or intent.provider
    if firm:  # "which vendors are certified by Keystone Registrar?": a firm, not a vendor
        wanted = [f for f in by if same_org(firm, f) or normalize(firm) in normalize(f)]
        if not wanted and intent.unknown_vendor is not None:
            return _unknown_vendor(intent.unknown_vendor, ctx, intent.text)
        if not wanted:
            return Answer(kind="auditor", title=f"Audited or certified by {firm}",
                          summary=f"No current document names {firm} as its auditor or certification body.",
                          examples=[example("auditor", ctx)])
        names = sorted({n for f in wanted for n in by[f]})
        return Answer(kind="auditor", title=f"Audited or certified by {firm}",
                      summary=f"{_plural(len(names), 'vendor')} audited or certified by {', '.join(wanted) or firm}"
                              + (": " + ", ".join(names) if names else "") + ".",
                      items=[Item(f"{f}: {', '.join(sorted(by[f]))}") for f in wanted])
    items = [Item(f"{firm}: {', '.join(sorted(names))}") for firm, names in
             sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    shown = items[: ctx.max_items * 3]
    return Answer(kind="auditor", title="Auditors and certification bodies",
                  summary=_plural(len(by), "audit firm or certification body",
                                  "audit firms or certification bodies") + " across the vendors' current documents.",
                  items=shown, more=len(items) - len(shown), items_title="By firm")


def period(intent: Intent, ctx: Context) -> Answer:
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    items: list[Item] = []
    order = dict(EVIDENCE_ORDER)
    if re.search(r"\bbridge|\bgap letter", intent.text, re.IGNORECASE):
        order["bridge_letter"] = -1
    iso_first = bool(intent.frameworks) and intent.frameworks[0] == "iso27001"
    for doc in sorted(_docs(ctx, vendor_id), key=lambda d: -order.get(d.kind, 6) if iso_first
                      else order.get(d.kind, 6)):
        if doc.kind in (*SOC_KINDS, "bridge_letter"):
            if doc.period_start and doc.period_end:
                text = f"{_kind(doc)}: {_fmt_date(doc.period_start)} to {_fmt_date(doc.period_end)}"
            elif doc.period_end:
                text = f"{_kind(doc)}: as of {_fmt_date(doc.period_end)}"
            else:
                continue
            if doc.report_date:
                text += f" (report dated {_fmt_date(doc.report_date)})"
        elif doc.kind == "iso_certificate" and (doc.issue_date or doc.expiry_date):
            text = f"{_kind(doc)}: issued {_fmt_date(doc.issue_date)}, valid until {_fmt_date(doc.expiry_date)}"
        else:
            continue
        items.append(Item(text, cites=_q_cites(doc.filename, doc.dated)))
    if not items:
        return _nothing(ctx, vendor_id, "dated report or certificate", "period")
    return Answer(kind="period", title=f"{_name(ctx, vendor_id)} — dates", summary=items[0].text + ".",
                  items=items, items_title="Documents", vendor_id=vendor_id)


_OPINION_WORDS = (("adverse", "adverse"), ("disclaim", "disclaimer"), ("unqualified", "unqualified"),
                  ("clean", "unqualified"), ("unmodified", "unqualified"), ("qualified", "qualified"),
                  ("modified", "qualified"))


def opinion(intent: Intent, ctx: Context) -> Answer:
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = _one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or _refuse(intent, ctx)
        items = [Item(f"{_kind(d)}: {d.opinion.value}", cites=_q_cites(d.filename, d.opinion))
                 for d in _docs(ctx, vendor_id) if d.opinion is not None]
        if not items:
            return _nothing(ctx, vendor_id, "SOC report with an opinion", "opinion")
        bad = any(x in items[0].text for x in ("qualified", "adverse", "disclaim")) and "unqualified" not in \
            items[0].text
        return Answer(kind="opinion", title=f"{_name(ctx, vendor_id)} — opinion", summary=items[0].text + ".",
                      status="bad" if bad else "good", items=items, items_title="Read in", vendor_id=vendor_id,
                      confidential=True)
    lowered = intent.text.lower()
    wanted = next((value for word, value in _OPINION_WORDS if re.search(rf"\b{word}", lowered)), None)
    snap = snapshot(ctx.db_session)
    room = ctx.max_items * 2 if wanted else ctx.max_items
    counts: dict[str, int] = defaultdict(int)
    by: dict[str, list[Item]] = defaultdict(list)
    for vid, docs in snap.docs.items():
        for doc in docs:
            if doc.opinion is None:
                continue
            value = doc.opinion.value
            counts[value] += 1
            if (wanted is None or value == wanted) and len(by[value]) < room:
                by[value].append(Item(f"{snap.names.get(vid, vid)} — {_kind(doc)}",
                                      cites=_q_cites(doc.filename, doc.opinion)))
    if wanted:
        items = by.get(wanted, [])
        n = counts.get(wanted, 0)
        summary = (f"{_plural(n, 'vendor report')} with {'an' if wanted[0] in 'au' else 'a'} {wanted} "
                   "opinion" + (": " + ", ".join(i.text.split(' — ')[0] for i in items[:10]) if items else "")
                   + ("…" if n > 10 else "") + ".")
        return Answer(kind="opinion", title=f"{wanted.capitalize()} opinions", summary=summary, items=items,
                      more=n - len(items), items_title="Reports" if items else None,
                      status="warn" if items and wanted != "unqualified" else "info", confidential=bool(items))
    sections = [Section(f"{value} ({counts[value]})", items, counts[value] - len(items))
                for value, items in sorted(by.items(), key=lambda kv: kv[0])]
    summary = "; ".join(f"{counts[value]} {value}" for value in sorted(counts)) or "no opinions read"
    return Answer(kind="opinion", title="Opinions across vendors", summary=summary.capitalize() + ".",
                  sections=sections, confidential=True)


_CATEGORIES = ("security", "availability", "processing integrity", "confidentiality", "privacy")


def categories(intent: Intent, ctx: Context) -> Answer:
    lowered = intent.text.lower()
    wanted = [c for c in _CATEGORIES if c in lowered or (c == "processing integrity" and re.search(r"\bpi\b", lowered))]
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = _one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or _refuse(intent, ctx)
        reports = [d for d in _docs(ctx, vendor_id) if d.categories]
        if not reports:
            return _nothing(ctx, vendor_id, "SOC report stating its trust services categories", "categories")
        doc = reports[0]
        cats = ", ".join(c.replace("_", " ") for c in doc.categories)
        summary = f"{_kind(doc)} covers: {cats}."
        status: Status = "info"
        if wanted:
            missing = [w for w in wanted if w not in [c.lower().replace("_", " ") for c in doc.categories]]
            summary = (f"{'No' if missing else 'Yes'}: {_kind(doc)} covers {cats}" +
                       (f"; not {', '.join(missing)}." if missing else "."))
            status = "bad" if missing else "good"
        return Answer(kind="categories", title=f"{_name(ctx, vendor_id)} — categories", summary=summary,
                      status=status, items=[Item(f"{_kind(r)}: {', '.join(r.categories).replace('_', ' ')}",
                                                 cites=[Cite(r.filename)])
                                            for r in reports], vendor_id=vendor_id)
    snap = snapshot(ctx.db_session)
    hits = []
    for vid, docs in snap.docs.items():
        for doc in docs:
            lowered_cats = [c.lower().replace("_", " ") for c in doc.categories]
            if doc.categories and all(w in lowered_cats for w in wanted):
                hits.append(Item(f"{snap.names.get(vid, vid)}: {', '.join(doc.categories)}",
                                 cites=[Cite(doc.filename)]))
    what = " and ".join(wanted) if wanted else "stated categories"
    shown = hits[: ctx.max_items * 2]
    return Answer(kind="categories", title=f"Reports covering {what}",
                  summary=f"{_plural(len(hits), 'vendor report')} cover{'s' if len(hits) == 1 else ''} {what}.",
                  items=shown, more=len(hits) - len(shown), items_title="Reports" if hits else None)


def scope(intent: Intent, ctx: Context) -> Answer:
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    items = [Item(f"{_kind(d)}: {d.scope.value}", cites=_q_cites(d.filename, d.scope))
             for d in _docs(ctx, vendor_id) if d.scope is not None]
    if not items:
        return _nothing(ctx, vendor_id, "document stating its scope", "scope")
    return Answer(kind="scope", title=f"{_name(ctx, vendor_id)} — scope", summary=items[0].text,
                  items=items, items_title="Read in", vendor_id=vendor_id, confidential=True)


def subservice(intent: Intent, ctx: Context) -> Answer:
    if not intent.vendors and intent.unknown_vendor is None:
        if intent.provider:
            return fourth_parties(intent, ctx)
        return _portfolio_subservices(intent, ctx)
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    items = []
    for doc in _docs(ctx, vendor_id):
        for name, method, q in doc.subservices:
            how = {"carve-out": "carved out", "inclusive": "included"}.get(method or "", method or "method not stated")
            items.append(Item(f"{name} ({how})", cites=_q_cites(doc.filename, q)))
    name = _name(ctx, vendor_id)
    if not items:
        reports = [d for d in _docs(ctx, vendor_id) if d.kind in TRUST_SERVICES_KINDS]
        if not reports:
            return _nothing(ctx, vendor_id, "SOC report (which is where subservice organizations are named)",
                            "subservice")
        return Answer(kind="subservice", title=f"{name} — subservice organizations", vendor_id=vendor_id,
                      summary=f"{_kind(reports[0])} names no subservice organization.", status="good")
    carved = sum(1 for i in items if "carved out" in i.text)
    return Answer(kind="subservice", title=f"{name} — subservice organizations",
                  summary=f"{_plural(len(items), 'subservice organization')}, {carved} carved out (their controls "
                          "are not tested in this report: ask for their own reports).",
                  items=items, items_title="Subservice organizations", vendor_id=vendor_id, status="warn" if carved
                  else "info", confidential=True)


def _portfolio_subservices(intent: Intent, ctx: Context) -> Answer:
    snap = snapshot(ctx.db_session)
    providers: list[tuple[str, set[str]]] = []
    for vid, docs in snap.docs.items():
        for doc in docs:
            for name, _method, _q in doc.subservices:
                for known, users in providers:
                    if same_org(known, name):
                        users.add(snap.names.get(vid, str(vid)))
                        break
                else:
                    providers.append((name, {snap.names.get(vid, str(vid))}))
    vendors_with = sorted({v for _p, users in providers for v in users})
    items = [Item(f"{p}: {', '.join(sorted(users))}") for p, users in sorted(providers, key=lambda x: -len(x[1]))]
    shown = items[: ctx.max_items * 2]
    return Answer(kind="subservice", title="Vendors with subservice organizations",
                  summary=f"{_plural(len(vendors_with), 'vendor')} rel{'ies' if len(vendors_with) == 1 else 'y'} on "
                          f"subservice organizations ({_plural(len(providers), 'provider')})"
                          + (": " + ", ".join(vendors_with[:12]) + ("…" if len(vendors_with) > 12 else "")
                             if vendors_with else "") + ".",
                  items=shown, more=len(items) - len(shown), items_title="By provider" if items else None)


def fourth_parties(intent: Intent, ctx: Context) -> Answer:
    provider = intent.provider
    if not provider:
        return _portfolio_subservices(intent, ctx)
    if len(intent.providers) > 1:  # "who relies on AWS or Azure?"
        from dataclasses import replace

        parts = [fourth_parties(replace(intent, provider=p, providers=[p]), ctx) for p in intent.providers[:5]]
        return Answer(kind="fourth_parties", title="Who depends on " + " or ".join(intent.providers[:5]),
                      summary=" ".join(a.summary for a in parts),
                      sections=[Section(a.title, a.items, a.more) for a in parts if a.items],
                      status="warn" if any(a.items for a in parts) else "info",
                      confidential=any(a.confidential for a in parts))
    snap = snapshot(ctx.db_session)
    items: list[Item] = []
    users: set[str] = set()
    for vid, docs in snap.docs.items():
        for doc in docs:
            for name, method, q in doc.subservices:
                if same_org(provider, name):
                    vname = snap.names.get(vid, str(vid))
                    users.add(vname)
                    how = {"carve-out": "carved out", "inclusive": "included"}.get(method or "", "method not stated")
                    items.append(Item(f"{vname} — names {name} ({how})", cites=_q_cites(doc.filename, q)))
    shown = items[: ctx.max_items * 3]
    summary = (f"{_plural(len(users), 'vendor')} depend{'s' if len(users) == 1 else ''} on {provider}: "
               + ", ".join(sorted(users)) + "." if users else
               f"No vendor's current report names {provider} as a subservice organization.")
    return Answer(kind="fourth_parties", title=f"Who depends on {provider}", summary=summary, items=shown,
                  more=len(items) - len(shown), items_title="Read in" if items else None,
                  status="warn" if users else "info", confidential=bool(items))


def cuecs(intent: Intent, ctx: Context) -> Answer:
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    reports = [d for d in documents.current_documents(db_session=ctx.db_session, vendor_id=vendor_id)
               if d.kind in TRUST_SERVICES_KINDS]
    items: list[Item] = []
    source = None
    for report in reports:
        x = _extraction(report)
        if x is None or not x.fields.cuecs:
            continue
        source = report
        for c in x.fields.cuecs:
            crit = f" [{', '.join(c.criteria)}]" if c.criteria else ""
            items.append(Item(f"{c.value}{crit}", cites=[Cite(report.filename, c.page, None)]))
        break
    name = _name(ctx, vendor_id)
    if source is None:
        if not reports:
            return _nothing(ctx, vendor_id, "SOC report (where CUECs are listed)", "cuecs")
        return Answer(kind="cuecs", title=f"{name} — CUECs", vendor_id=vendor_id, status="good",
                      summary=f"{reports[0].filename} lists no complementary user entity controls.")
    return Answer(kind="cuecs", title=f"{name} — CUECs", vendor_id=vendor_id, confidential=True,
                  summary=f"{_plural(len(items), 'complementary user entity control')} you must run yourselves "
                          f"(from {source.filename}).", items=items, items_title="CUECs", full_list=True)


def documents_of(intent: Intent, ctx: Context) -> Answer:
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    docs = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, limit=100)
    current = {d.id for d in _docs(ctx, vendor_id)}
    items = []
    for d in docs:
        when = d.period_end or d.expiry_date or d.report_date or d.issue_date
        state = "" if d.status == "parsed" else f" [{d.status}]"
        items.append(Item(f"{d.filename}: {KIND_TEXT.get(d.kind or 'unknown', d.kind or d.status)}"
                          + (f", {_fmt_date(when)}" if when else "")
                          + (" (current)" if d.id in current else "") + state))
    name = _name(ctx, vendor_id)
    assurance = [d for d in docs if d.kind in (*ASSURANCE_KINDS, "soc1")]
    summary = f"{_plural(len(docs), 'document')} on file for {name}"
    summary += "." if assurance or not docs else ", none of them assurance evidence (a SOC report, bridge letter " \
                                                 "or ISO certificate)."
    return Answer(kind="documents", title=f"{name} — documents", summary=summary, items=items,
                  items_title="Documents" if items else None, vendor_id=vendor_id,
                  status="info" if assurance else "warn")


# --- the portfolio ------------------------------------------------------------------------------------------------


def _whole(window: Window, today: date) -> tuple[date, date]:
    """A "this year / month / quarter / week" window from its first day (such windows otherwise start today, as
    they should for what is coming up): what already happened this year, or how much of it is covered."""
    if window.start < today or not window.label.startswith("this"):
        return window.start, window.end
    label = window.label
    if "year" in label:
        return date(today.year, 1, 1), window.end
    if "month" in label:
        return today.replace(day=1), window.end
    if "quarter" in label:
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), window.end
    return today - timedelta(days=today.weekday()), window.end


def expired(intent: Intent, ctx: Context) -> Answer:
    from .answers import expiries

    since = date.min
    window = intent.window
    if window is not None:
        since = _whole(window, ctx.today)[0]
    until = min(ctx.today - timedelta(days=1), window.end if window else ctx.today)
    rows = expiries(ctx, until=until, since=since)
    rows.reverse()  # the most recent first
    shown = rows[: ctx.max_items * 2]
    items = [Item(f"{_fmt_date(day)} ({_in_days(day, ctx.today)}) — {vendor}: "
                  + what.replace("expires", "expired").replace("goes stale", "went stale")
                  .replace("coverage ends", "coverage ended"), cites=[Cite(filename)])
             for day, vendor, what, filename in shown]
    names = sorted({r[1] for r in rows})
    return Answer(kind="expired", title="Expired or stale",
                  summary=(f"{_plural(len(names), 'vendor')} with expired or stale evidence "
                           f"({_plural(len(rows), 'document')}): " + ", ".join(names[:12])
                           + ("…" if len(names) > 12 else "") + ".") if rows else
                  "Nothing has expired or gone stale.", status="bad" if rows else "good", items=items,
                  more=len(rows) - len(items), items_title="Expired" if items else None)


def ai(intent: Intent, ctx: Context) -> Answer:
    if intent.vendors or intent.unknown_vendor is not None:
        return ai_reach(intent, ctx)
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
            covered.append(Item(f"{name}: AI systems named in the scope of {_kind(in_scope[0])}",
                                cites=_q_cites(in_scope[0].filename, ev)))
    flagged = ctx.db_session.execute(select(Vendor.name).where(Vendor.processes_data_with_ai.is_(True))).all()
    with_evidence = {i.text.split(":")[0] for i in covered}
    uncovered = [name for (name,) in flagged if name not in with_evidence]
    sections = [Section("Marked as processing your data with AI, without AI evidence", [Item(n) for n in uncovered])] \
        if uncovered else []
    shown = covered[: ctx.max_items * 2]
    return Answer(kind="ai", title="Vendors and AI",
                  summary=f"{_plural(len(covered), 'vendor')} with AI evidence (ISO/IEC 42001, or AI systems in the "
                          "scope of their report)" + (f"; {_plural(len(uncovered), 'vendor')} marked as using AI "
                                                      "without it" if uncovered else "") + ".",
                  items=shown, more=len(covered) - len(shown), items_title="With AI evidence" if covered else None,
                  sections=sections)


def ai_reach(intent: Intent, ctx: Context) -> Answer:
    """Does the vendor's evidence reach its AI systems: ISO/IEC 42001 through its Annex A to the NIST AI RMF."""
    from knowledge.ai import nist_categories_not_reached, nist_categories_reached

    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    name = _name(ctx, vendor_id)
    docs = _docs(ctx, vendor_id)
    iso42001 = [d for d in docs if d.kind == "iso_certificate" and "42001" in (d.standards or "")]
    scoped = [d for d in docs if d.ai_covered]
    items: list[Item] = []
    reached, missed = nist_categories_reached(), nist_categories_not_reached()
    if iso42001:
        cert = iso42001[0]
        valid = cert.expiry_date is None or cert.expiry_date >= ctx.today
        summary = (f"Yes, through its ISO/IEC 42001 certificate ({cert.filename}, "
                   f"{'valid until' if valid else 'expired'} {_fmt_date(cert.expiry_date)}): an AI management system "
                   f"whose Annex A reaches {len(reached)} of {len(reached) + len(missed)} NIST AI RMF categories.")
        status: Status = "good" if valid else "bad"
        items.append(Item(f"ISO/IEC 42001 scope: {cert.scope.value if cert.scope else 'not stated'}",
                          cites=_q_cites(cert.filename, cert.scope)))
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
            items.append(Item(f"{_kind(doc)} names AI: {ev.value}", cites=_q_cites(doc.filename, ev)))
    sections = [Section("NIST AI RMF categories an ISO/IEC 42001 AIMS reaches", [Item(", ".join(reached))])]
    if missed:
        sections.append(Section("Not reached by ISO/IEC 42001 alone", [Item(", ".join(missed))]))
    return Answer(kind="ai", title=f"{name} — AI coverage", summary=summary, status=status, items=items,
                  items_title="Evidence" if items else None, sections=sections, vendor_id=vendor_id,
                  confidential=bool(items))


_KIND_WORDS = (("type 2", "soc2_type2"), ("type ii", "soc2_type2"), ("type 1", "soc2_type1"), ("type i", "soc2_type1"),
               ("soc 3", "soc3"), ("soc3", "soc3"), ("soc 1", "soc1"), ("soc1", "soc1"))


def soc_portfolio(intent: Intent, ctx: Context) -> Answer:
    """Which vendors hold which SOC reports, and whether each is current."""
    lowered = intent.text.lower()
    wanted = {kind for word, kind in _KIND_WORDS if re.search(rf"\b{word}\b", lowered)} or set(TRUST_SERVICES_KINDS)
    snap = snapshot(ctx.db_session)
    fresh = timedelta(days=ctx.settings.freshness_days)
    items: list[Item] = []
    current = 0
    for vid, docs in sorted(snap.docs.items(), key=lambda kv: snap.names.get(kv[0], "")):
        for d in docs:
            if d.kind not in wanted or d.period_end is None:
                continue
            live = d.period_end + fresh >= ctx.today
            current += live
            if len(items) < ctx.max_items * 3:
                items.append(Item(f"{snap.names.get(vid, vid)}: {_kind(d)}, period to {_fmt_date(d.period_end)} "
                                  f"({'current' if live else 'stale'})", cites=[Cite(d.filename)]))
    total = sum(1 for docs in snap.docs.values() for d in docs if d.kind in wanted and d.period_end)
    what = " or ".join(sorted({KIND_TEXT.get(k, k) for k in wanted}))
    return Answer(kind="soc2_current", title="SOC reports across vendors",
                  summary=f"{_plural(total, 'vendor')} with a {what}; {current} of them current.",
                  items=items, more=total - len(items), items_title="Reports" if items else None)


def iso_portfolio(intent: Intent, ctx: Context) -> Answer:
    """Which vendors hold which ISO certificates (a standard or edition named in the question narrows it)."""
    lowered = intent.text.lower()
    wanted = [std for std in ("27001:2013", "27001:2022", "27701", "27017", "27018", "42001", "27001")
              if std in lowered.replace(" ", "")]
    if "2013" in lowered and "27001:2013" not in wanted:
        wanted.insert(0, "2013")
    only_gone = bool(re.search(r"\b(?:expired|lapsed|void|invalid|out of date)\b", lowered))
    snap = snapshot(ctx.db_session)
    if re.search(r"\b(?:lack|lacks|lacking|without|missing|don'?t have|doesn'?t have|no)\b", lowered):
        std = wanted[0] if wanted else "27001"
        lacking = sorted(snap.names.get(vid, str(vid)) for vid, docs in snap.docs.items()
                         if not any(d.kind == "iso_certificate" and std in (d.standards or "")
                                    and not (d.expiry_date and d.expiry_date < ctx.today) for d in docs))
        return Answer(kind="iso_expiry", title=f"Vendors without a valid ISO {std} certificate",
                      summary=f"{_plural(len(lacking), 'vendor')} with documents on file but no valid ISO {std} "
                              "certificate" + (": " + ", ".join(lacking[:15]) + ("…" if len(lacking) > 15 else "")
                                               if lacking else "") + ".",
                      items=[Item(n) for n in lacking[: ctx.max_items * 3]],
                      more=max(0, len(lacking) - ctx.max_items * 3), status="warn" if lacking else "good")
    items: list[Item] = []
    total = expired = 0
    for vid, docs in sorted(snap.docs.items(), key=lambda kv: snap.names.get(kv[0], "")):
        for d in docs:
            if d.kind != "iso_certificate" or (wanted and not any(w in (d.standards or "") for w in wanted[:1])):
                continue
            gone = d.expiry_date is not None and d.expiry_date < ctx.today or "2013" in (d.standards or "")
            if only_gone and not gone:
                continue
            total += 1
            expired += gone
            if len(items) < ctx.max_items * 3:
                state = "expired or void" if gone else f"valid until {_fmt_date(d.expiry_date)}"
                items.append(Item(f"{snap.names.get(vid, vid)}: {_kind(d)}, {state}", cites=[Cite(d.filename)]))
    what = f"ISO {wanted[0]}" if wanted else "ISO"
    return Answer(kind="iso_expiry", title=f"{what} certificates across vendors",
                  summary=f"{_plural(total, what + ' certificate')} on record; {expired} expired or void "
                          "(2013 editions are void since 2025-10-31).", items=items, more=total - len(items),
                  items_title="Certificates" if items else None, status="warn" if expired else "info")


def type1(intent: Intent, ctx: Context) -> Answer:
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = _one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or _refuse(intent, ctx)
        socs = [d for d in _docs(ctx, vendor_id) if d.kind in TRUST_SERVICES_KINDS]
        if not socs:
            return _nothing(ctx, vendor_id, "SOC report", "type1")
        kinds = ", ".join(f"{_kind(d)} ({d.filename})" for d in socs)
        only1 = all(d.kind == "soc2_type1" for d in socs)
        return Answer(kind="type1", title=_name(ctx, vendor_id), vendor_id=vendor_id,
                      summary=("Type 1 only: a point-in-time description of controls, not tested over a period. "
                               if only1 else "") + f"Current SOC reports: {kinds}.",
                      status="warn" if only1 else "info")
    snap = snapshot(ctx.db_session)
    items = []
    for vid, docs in snap.docs.items():
        held_kinds = {d.kind for d in docs}
        if "soc2_type1" in held_kinds and "soc2_type2" not in held_kinds:
            d = next(d for d in docs if d.kind == "soc2_type1")
            items.append(Item(f"{snap.names.get(vid, vid)}: SOC 2 Type 1 as of {_fmt_date(d.period_end)}",
                              cites=[Cite(d.filename)]))
    items.sort(key=lambda i: i.text)
    shown = items[: ctx.max_items * 2]
    return Answer(kind="type1", title="Type 1 only",
                  summary=f"{_plural(len(items), 'vendor')} {'has' if len(items) == 1 else 'have'} a SOC 2 Type 1 "
                          "and no Type 2" + (": " + ", ".join(i.text.split(':')[0] for i in items[:12]) if items
                                              else "") + ".",
                  items=shown, more=len(items) - len(shown), status="warn" if items else "good",
                  items_title="Vendors" if items else None)


def bridge(intent: Intent, ctx: Context) -> Answer:
    snap = snapshot(ctx.db_session)
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = _one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or _refuse(intent, ctx)
        pool = {vendor_id: snap.of(vendor_id)}
    else:
        pool = snap.docs
    items: list[Item] = []
    needing: list[str] = []
    letters_total = 0
    room = ctx.max_items * 2 if len(pool) > 1 else 50
    for vid, docs in pool.items():
        letters = [d for d in docs if d.kind == "bridge_letter"]
        letters_total += len(letters)
        for d in letters[: max(0, room - len(items))]:
            name = snap.names.get(vid, str(vid))
            if d.period_end is None:
                state = "no end date"
            else:
                state = "current" if d.period_end >= ctx.today else "lapsed " + _in_days(d.period_end, ctx.today)
            items.append(Item(f"{name}: bridge letter {_fmt_date(d.period_start)} to {_fmt_date(d.period_end)} "
                              f"({state})", cites=[Cite(d.filename)]))
        if not letters:
            ends = [d.period_end for d in docs if d.kind in SOC2_KINDS and d.period_end]
            if ends and max(ends) < ctx.today:
                needing.append(f"{snap.names.get(vid, str(vid))} (report period ended {_fmt_date(max(ends))})")
    if len(pool) == 1:
        vid = next(iter(pool))
        name = snap.names.get(vid, str(vid))
        summary = items[0].text if items else f"No bridge letter from {name}" + (
            f"; one would cover the gap since its report period ended ({needing[0].split('ended ')[-1]}"
            if needing else "") + "."
        return Answer(kind="bridge", title=f"{name} — bridge letter", summary=summary, items=items,
                      vendor_id=vid, status="info" if items else "warn")
    sections = [Section("Without a bridge letter since their report period ended", [Item(n) for n in needing[:20]],
                        max(0, len(needing) - 20))] if needing else []
    return Answer(kind="bridge", title="Bridge letters",
                  summary=f"{_plural(letters_total, 'bridge letter')} on file; {_plural(len(needing), 'vendor')} "
                          "without one since their report period ended.", items=items,
                  more=letters_total - len(items), items_title="Bridge letters" if items else None,
                  sections=sections)


_VERDICT_WORDS = (("don't meet", "does_not_meet"), ("do not meet", "does_not_meet"), ("not meet", "does_not_meet"),
                  ("fail", "does_not_meet"), ("non compliant", "does_not_meet"), ("non-compliant", "does_not_meet"),
                  ("insufficient", "insufficient_evidence"), ("not enough", "insufficient_evidence"),
                  ("finding", "meets_with_findings"), ("pass", "meets"), ("meet", "meets"), ("red", "does_not_meet"),
                  ("at risk", "does_not_meet"), ("worry", "does_not_meet"), ("problem", "does_not_meet"))


_ASSESS_NOW = 30  # vendors assessed during a question when today's stored answer is missing


def verdicts(intent: Intent, ctx: Context) -> Answer:
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
        summary = (f"{_plural(len(names), 'vendor')} — {VERDICT_TEXT[wanted].lower()} against “{profile}”"
                   + (": " + ", ".join(names[:12]) + ("…" if len(names) > 12 else "") if names else "") + ".")
    return Answer(kind="verdicts", title="Verdicts across vendors", summary=summary, sections=sections,
                  profile=profile, profile_source=ctx.profile_source,
                  status=VERDICT_STATUS.get(wanted or "", "info"))


def list_vendors(intent: Intent, ctx: Context) -> Answer:
    directory = ctx.vendors()
    room = ctx.max_items * 3
    names = sorted(directory.names.values()) if len(directory.names) <= room else heapq.nsmallest(
        room, directory.names.values())
    snap = snapshot(ctx.db_session)
    with_docs = sum(1 for vid in directory.names if vid in snap.docs)
    total = len(directory.names)
    listed = not (intent.count and total > 12)
    shown = [Item(n) for n in names[:room]] if listed else []
    return Answer(kind="list_vendors", title="Vendors",
                  summary=f"{_plural(total, 'vendor')} on record, {with_docs} with assurance documents on record."
                  if total else "No vendors yet: share a SOC 2 report or ISO certificate with me.",
                  items=shown, more=total - len(shown) if listed else 0)


# --- comparisons and decisions --------------------------------------------------------------------------------------


def compare(intent: Intent, ctx: Context) -> Answer:
    ids = list(dict.fromkeys(intent.vendor_ids))
    if len(ids) < 2:
        missing = [m for m in intent.vendors if m.vendor_id is None] or (
            [intent.unknown_vendor] if intent.unknown_vendor else [])
        if missing and missing[0] is not None:
            return _unknown_vendor(missing[0], ctx, intent.text)
        return Answer(kind="compare", title="Compare which vendors?",
                      summary="Name two or more vendors, for example: " + example("compare", ctx))
    sections = []
    summary_bits = []
    for vid in ids[:5]:
        result = assessment_answer(ctx, vid, profile=intent.profile)
        docs = _docs(ctx, vid)
        lines = [Item(f"Verdict: {VERDICT_TEXT.get(result.verdict or '', result.summary)}")]
        for d in docs:
            if d.kind in TRUST_SERVICES_KINDS:
                opinion = d.opinion.value if d.opinion else "not read"
                lines.append(Item(f"{_kind(d)}: period to {_fmt_date(d.period_end)}, opinion {opinion}, "
                                  f"{_plural(len(d.exceptions), 'exception')}, "
                                  f"{_plural(len(d.subservices), 'subservice org')}, {_plural(d.cuecs, 'CUEC')}",
                                  cites=[Cite(d.filename)]))
            elif d.kind == "iso_certificate":
                lines.append(Item(f"{_kind(d)}: valid until {_fmt_date(d.expiry_date)}", cites=[Cite(d.filename)]))
            elif d.kind == "bridge_letter":
                lines.append(Item(f"Bridge letter to {_fmt_date(d.period_end)}", cites=[Cite(d.filename)]))
        if any(d.ai_covered or "42001" in (d.standards or "") for d in docs):
            lines.append(Item("AI: covered by its evidence"))
        name = _name(ctx, vid)
        sections.append(Section(name, lines))
        summary_bits.append(f"{name.split(',')[0]}: {VERDICT_TEXT.get(result.verdict or '', 'no documents')}")
    return Answer(kind="compare", title="Side by side", summary="; ".join(summary_bits) + ".", sections=sections,
                  profile=intent.profile or ctx.profile_name, profile_source=ctx.profile_source, confidential=True)


def replace_for_vendor(intent: Intent, ctx: Context) -> Answer:
    """Does the vendor's ISO 27001 stand in for a SOC 2 for us: what it adds, what it lacks, on its evidence."""
    from knowledge import delta

    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    fws = [f for f in intent.frameworks if f in ("soc2", "iso27001")]
    pair = (fws[0], fws[1]) if len(fws) >= 2 else ("iso27001", "soc2")
    held: Literal["soc2", "iso27001"] = "soc2" if pair[0] == "soc2" else "iso27001"
    wanted: Literal["soc2", "iso27001"] = "iso27001" if held == "soc2" else "soc2"
    name = _name(ctx, vendor_id)
    docs = _docs(ctx, vendor_id)
    certs = [d for d in docs if d.kind == "iso_certificate" and "27001" in (d.standards or "")]
    socs = [d for d in docs if d.kind in SOC2_KINDS]
    have = certs if held == "iso27001" else socs
    lacks = delta(wanted, held)  # what the framework they would skip brings that the held one does not
    adds = delta(held, wanted)
    fw = {"soc2": "SOC 2", "iso27001": "ISO/IEC 27001"}
    result = assessment_answer(ctx, vendor_id, profile=intent.profile)
    if not have:
        summary = f"{name} has no current {fw[held]} {'certificate' if held == 'iso27001' else 'report'} on file, " \
                  f"so there is nothing to stand in for a {fw[wanted]}."
    else:
        summary = (f"Not on its own: {name}'s {fw[held]} ({have[0].filename}) overlaps with {fw[wanted]} but "
                   f"lacks what only {fw[wanted]} gives (below). Against “{result.profile or ctx.profile_name}”, "
                   f"{name}'s evidence: {VERDICT_TEXT.get(result.verdict or '', result.summary).lower()}.")
    sections = [
        Section(f"What {fw[wanted]} gives that {fw[held]} lacks", [Item(t) for t in adds.management_system[:5]]),
        Section(f"What {fw[held]} adds over {fw[wanted]}", [Item(t) for t in lacks.management_system[:3]]),
    ]
    if adds.items_without_counterpart:
        sections.append(Section(f"{fw[wanted]} items with no {fw[held]} counterpart",
                                [Item(", ".join(u.id for u in adds.items_without_counterpart[:15]))]))
    if socs and held == "iso27001":
        sections.append(Section("Its SOC report on file", [Item(f"{_kind(d)} to {_fmt_date(d.period_end)}",
                                                               cites=[Cite(d.filename)]) for d in socs]))
    return Answer(kind="replace", title=f"{name}: {fw[held]} instead of {fw[wanted]}?", summary=summary,
                  status="warn", sections=sections, vendor_id=vendor_id, profile=result.profile)


def what_to_ask(intent: Intent, ctx: Context) -> Answer:
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    name = _name(ctx, vendor_id)
    docs = _docs(ctx, vendor_id)
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
                             f"{_fmt_date(last.period_end)}, more than {ctx.settings.freshness_days} days ago",
                             cites=[Cite(last.filename)]))
        covered_to = max([last.period_end, *[d.period_end for d in letters if d.period_end]])
        if covered_to < ctx.today and last.period_end + fresh >= ctx.today:
            asks.append(Item(f"A bridge letter from {_fmt_date(covered_to + timedelta(days=1))} to today: nothing "
                             "covers the time since", cites=[Cite(last.filename)]))
        carved = sorted({n for d in socs for n, m, _q in d.subservices if m == "carve-out"})
        if carved:
            asks.append(Item("The SOC reports of its carved-out subservice organizations: " + ", ".join(carved)))
        exc = sum(len(d.exceptions) for d in socs)
        if exc:
            asks.append(Item(f"How it remediated the {_plural(exc, 'testing exception')} in its report"))
    for cert in certs:
        if "2013" in (cert.standards or ""):
            asks.append(Item("Its ISO/IEC 27001:2022 certificate: the 2013 edition is void since 2025-10-31",
                             cites=[Cite(cert.filename)]))
        elif cert.expiry_date and cert.expiry_date <= ctx.today + timedelta(days=90):
            asks.append(Item(f"The renewed certificate: {cert.filename} "
                             f"{'expired' if cert.expiry_date < ctx.today else 'expires'} "
                             f"{_fmt_date(cert.expiry_date)}", cites=[Cite(cert.filename)]))
    vendor = vendors.get(db_session=ctx.db_session, vendor_id=vendor_id)
    if vendor is not None and vendor.processes_data_with_ai and not any(
            "42001" in (d.standards or "") for d in certs):
        asks.append(Item("Evidence for its AI systems: an ISO/IEC 42001 certificate or an AI governance attestation"))
    result = assessment_answer(ctx, vendor_id, profile=intent.profile)
    blocking = [i for i in result.items if i.severity in ("critical", "high")]
    sections = [Section("What the assessment found", blocking[:6])] if blocking else []
    summary = (f"Ask {name} for {_plural(len(asks), 'thing')}:" if asks
               else f"Nothing to chase: {name}'s evidence is complete and current against “{result.profile}”.")
    return Answer(kind="what_to_ask", title=f"What to ask {name} for", summary=summary, items=asks,
                  items_title="Ask for" if asks else None, sections=sections, vendor_id=vendor_id,
                  status="warn" if asks else "good", profile=result.profile, profile_source=ctx.profile_source)


def one_evidence(intent: Intent, ctx: Context) -> Answer:
    from knowledge import load_catalogues, load_crosswalk

    cw = load_crosswalk()
    cat = load_catalogues()
    tsc_linked = {link.tsc_id for link in cw.links}
    iso_linked = {link.iso_id for link in cw.links if link.iso_id in cat.annex_a}
    strong = {link.tsc_id for link in cw.links if link.relationship in ("equal", "subset", "equivalent")}
    summary = (f"Largely, not entirely. The project's crosswalk links {len(tsc_linked)} of {len(cat.tsc)} SOC 2 "
               f"criteria to ISO/IEC 27001 ({len(strong)} fully covered by an ISO control), and {len(iso_linked)} of "
               f"{len(cat.annex_a)} Annex A controls to SOC 2: a control tested once (access reviews, change "
               "management, logging, backups) can serve both audits. What does not carry over: ISO's management "
               "system (clauses 4-10, Statement of Applicability, surveillance cycle) and SOC 2's period of "
               "operating effectiveness, system description, CUECs and extra categories.")
    tsc_only = ", ".join(u.id for u in cw.unmapped if u.framework == "tsc")
    items = [Item(f"SOC 2 criteria without an ISO counterpart: {tsc_only[:300]}"),
             Item(f"Annex A controls without a SOC 2 counterpart: "
                  f"{', '.join(u.id for u in cw.unmapped if u.framework == 'annex_a')[:300]}")]
    notes = []
    if intent.vendors and intent.vendors[0].vendor_id is not None:
        vid = intent.vendors[0].vendor_id
        docs = _docs(ctx, vid)
        has_soc = any(d.kind in SOC2_KINDS for d in docs)
        has_iso = any(d.kind == "iso_certificate" and "27001" in (d.standards or "") for d in docs)
        notes.append(f"{_name(ctx, vid)} has {'a SOC 2 report' if has_soc else 'no SOC 2 report'} and "
                     f"{'an ISO/IEC 27001 certificate' if has_iso else 'no ISO/IEC 27001 certificate'} on file.")
    return Answer(kind="one_evidence", title="One evidence base for SOC 2 and ISO 27001?", summary=summary,
                  items=items, items_title="The gaps", notes=notes)


def coverage(intent: Intent, ctx: Context) -> Answer:
    """Which days of the audit window the vendor's SOC periods and bridge letters cover, and the gaps."""
    vendor_id, problem = _one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or _refuse(intent, ctx)
    window = intent.window
    if window is None:
        year = intent.fiscal_year or ctx.today.year
        start, end, label = date(year, 1, 1), date(year, 12, 31), f"FY{year}"
    else:
        (start, end), label = _whole(window, ctx.today), window.label.replace("in ", "", 1)
    name = _name(ctx, vendor_id)
    rows = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, status="parsed", limit=200)
    spans: list[tuple[date, date, str]] = []
    for d in rows:
        if d.kind not in (*VOUCHES_FOR_PERIOD_KINDS, "soc1") or d.period_end is None:
            continue
        begin = d.period_start
        if begin is None and d.kind == "bridge_letter":
            x = _extraction(d)
            begin = None
            if x is not None and x.fields.period_start is not None:
                try:
                    begin = date.fromisoformat(str(x.fields.period_start.value)[:10])
                except ValueError:
                    begin = None
        if begin is None:
            continue
        spans.append((begin, d.period_end, d.filename))
    spans.sort()
    covered: list[tuple[date, date]] = []
    for a, b, _f in spans:
        a, b = max(a, start), min(b, end)
        if a > b:
            continue
        if covered and a <= covered[-1][1] + timedelta(days=1):
            covered[-1] = (covered[-1][0], max(covered[-1][1], b))
        else:
            covered.append((a, b))
    gaps: list[tuple[date, date]] = []
    cursor = start
    for a, b in covered:
        if a > cursor:
            gaps.append((cursor, a - timedelta(days=1)))
        cursor = max(cursor, b + timedelta(days=1))
    if cursor <= end:
        gaps.append((cursor, end))
    total = (end - start).days + 1
    days = sum((b - a).days + 1 for a, b in covered)
    items = [Item(f"{_fmt_date(a)} to {_fmt_date(b)}: {f}", cites=[Cite(f)]) for a, b, f in spans
             if b >= start and a <= end]
    future = [g for g in gaps if g[0] > ctx.today]
    summary = (f"{days} of {total} days of {label} ({_fmt_date(start)} to {_fmt_date(end)}) are covered by "
               f"{name}'s SOC periods and bridge letters" + (
                   "." if not gaps else f"; {_plural(len(gaps), 'gap')}: " + ", ".join(
                       f"{_fmt_date(a)} to {_fmt_date(b)}" for a, b in gaps) + "."))
    notes = ["A gap still ahead of today may close with the next report or a bridge letter."] if future else []
    if any(d.kind == "soc2_type1" for d in rows):
        notes.append("A SOC 2 Type 1 report is as of one date: it tests no period, so it covers no days here.")
    return Answer(kind="coverage", title=f"{name} — {label} coverage", summary=summary,
                  status="good" if not gaps else ("warn" if days else "bad"), items=items,
                  items_title="Periods" if items else None, vendor_id=vendor_id, notes=notes)


def refuse(intent: Intent, ctx: Context) -> Answer:
    return _refuse(intent, ctx)


def _refuse(intent: Intent, ctx: Context) -> Answer:
    """Honest refusal: what I can't answer, and the closest questions I can."""
    kinds = [k for k in intent.alternatives if k not in ("unknown", "help")][:3]
    for k in ("cover", "expiring", "fourth_parties"):
        if len(kinds) >= 3:
            break
        if k not in kinds:
            kinds.append(k)
    return Answer(kind="unknown", title="I can't answer that yet",
                  summary=f"I can't answer “{intent.text}” yet. The closest questions I can answer:",
                  examples=[example(k, ctx, intent) for k in kinds[:3]])


HANDLERS: dict[str, Callable[[Intent, Context], Answer]] = {
    "auditor": auditor,
    "period": period,
    "opinion": opinion,
    "categories": categories,
    "scope": scope,
    "subservice": subservice,
    "fourth_parties": fourth_parties,
    "cuecs": cuecs,
    "documents": documents_of,
    "expired": expired,
    "ai": ai,
    "type1": type1,
    "bridge": bridge,
    "verdicts": verdicts,
    "list_vendors": list_vendors,
    "compare": compare,
    "what_to_ask": what_to_ask,
    "one_evidence": one_evidence,
    "coverage": coverage,
    "unknown": refuse,
}

