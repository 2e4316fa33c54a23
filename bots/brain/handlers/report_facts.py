"""One fact read from a vendor's reports, or the same fact across vendors: auditor, dates, opinion, trust services
categories, scope, CUECs and testing exceptions, each with the page it was read on."""

from __future__ import annotations

import re
from collections import defaultdict

from extractors.model import EVIDENCE_ORDER, SOC_KINDS, TRUST_SERVICES_KINDS
from service.documents import service as documents
from service.vendors.names import normalize, same_org

from ..intents import Intent
from ..portfolio import Snapshot, snapshot
from ..reply import Answer, Cite, Context, Item, Section, Status, extraction_of, fmt_date, plural, quote_cites
from .guidance import example, refuse
from .lookup import kind_label, nothing_on_file, one_vendor, summaries, unknown_vendor, vendor_name


def auditor(intent: Intent, ctx: Context) -> Answer:
    """Who audited or certified the vendor, SOC reports first unless the question is about ISO; without a
    vendor, the firms across vendors or the vendors of one firm."""
    if not intent.vendors and intent.unknown_vendor is None:
        return _portfolio_auditors(intent, ctx)
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    items: list[Item] = []
    soc_first = "iso27001" not in intent.frameworks[:1] and not re.search(
        r"\biso\b|cert|registrar|\bcb\b|27\d{3}|42001", intent.text, re.IGNORECASE)
    order = dict(EVIDENCE_ORDER)
    for doc in sorted(summaries(ctx, vendor_id), key=lambda d: order.get(d.kind, 6) if soc_first
                      else -order.get(d.kind, 6)):
        if doc.issuer is None:
            continue
        if doc.kind == "iso_certificate":
            text = f"{kind_label(doc)}: certified by {doc.issuer.value}"
            if doc.accreditation_body:
                text += f", accredited by {doc.accreditation_body.value}"
        else:
            text = f"{kind_label(doc)}: service auditor {doc.issuer.value}"
        items.append(Item(text, cites=quote_cites(doc.filename, doc.issuer)))
    if not items:
        return nothing_on_file(ctx, vendor_id, "report or certificate naming its auditor", "auditor")
    name = vendor_name(ctx, vendor_id)
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
            return unknown_vendor(intent.unknown_vendor, ctx, intent.text)
        if not wanted:
            return Answer(kind="auditor", title=f"Audited or certified by {firm}",
                          summary=f"No current document names {firm} as its auditor or certification body.",
                          examples=[example("auditor", ctx)])
        names = sorted({n for f in wanted for n in by[f]})
        return Answer(kind="auditor", title=f"Audited or certified by {firm}",
                      summary=f"{plural(len(names), 'vendor')} audited or certified by {', '.join(wanted) or firm}"
                              + (": " + ", ".join(names) if names else "") + ".",
                      items=[Item(f"{f}: {', '.join(sorted(by[f]))}") for f in wanted])
    items = [Item(f"{firm}: {', '.join(sorted(names))}") for firm, names in
             sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    shown = items[: ctx.max_items * 3]
    return Answer(kind="auditor", title="Auditors and certification bodies",
                  summary=plural(len(by), "audit firm or certification body",
                                  "audit firms or certification bodies") + " across the vendors' current documents.",
                  items=shown, more=len(items) - len(shown), items_title="By firm")


def period(intent: Intent, ctx: Context) -> Answer:
    """The dates of the vendor's documents: SOC periods, bridge letters, certificates' issue and expiry."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    items: list[Item] = []
    order = dict(EVIDENCE_ORDER)
    if re.search(r"\bbridge|\bgap letter", intent.text, re.IGNORECASE):
        order["bridge_letter"] = -1
    iso_first = bool(intent.frameworks) and intent.frameworks[0] == "iso27001"
    for doc in sorted(summaries(ctx, vendor_id), key=lambda d: -order.get(d.kind, 6) if iso_first
                      else order.get(d.kind, 6)):
        if doc.kind in (*SOC_KINDS, "bridge_letter"):
            if doc.period_start and doc.period_end:
                text = f"{kind_label(doc)}: {fmt_date(doc.period_start)} to {fmt_date(doc.period_end)}"
            elif doc.period_end:
                text = f"{kind_label(doc)}: as of {fmt_date(doc.period_end)}"
            else:
                continue
            if doc.report_date:
                text += f" (report dated {fmt_date(doc.report_date)})"
        elif doc.kind == "iso_certificate" and (doc.issue_date or doc.expiry_date):
            text = f"{kind_label(doc)}: issued {fmt_date(doc.issue_date)}, valid until {fmt_date(doc.expiry_date)}"
        else:
            continue
        items.append(Item(text, cites=quote_cites(doc.filename, doc.dated)))
    if not items:
        return nothing_on_file(ctx, vendor_id, "dated report or certificate", "period")
    return Answer(kind="period", title=f"{vendor_name(ctx, vendor_id)} — dates", summary=items[0].text + ".",
                  items=items, items_title="Documents", vendor_id=vendor_id)


_OPINION_WORDS = (("adverse", "adverse"), ("disclaim", "disclaimer"), ("unqualified", "unqualified"),
                  ("clean", "unqualified"), ("unmodified", "unqualified"), ("qualified", "qualified"),
                  ("modified", "qualified"))


def opinion(intent: Intent, ctx: Context) -> Answer:
    """The auditor's opinion in the vendor's reports; without a vendor, the vendors with the opinion asked
    about ("qualified") or every opinion by kind."""
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or refuse(intent, ctx)
        items = [Item(f"{kind_label(d)}: {d.opinion.value}", cites=quote_cites(d.filename, d.opinion))
                 for d in summaries(ctx, vendor_id) if d.opinion is not None]
        if not items:
            return nothing_on_file(ctx, vendor_id, "SOC report with an opinion", "opinion")
        bad = any(x in items[0].text for x in ("qualified", "adverse", "disclaim")) and "unqualified" not in \
            items[0].text
        return Answer(kind="opinion", title=f"{vendor_name(ctx, vendor_id)} — opinion", summary=items[0].text + ".",
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
                by[value].append(Item(f"{snap.names.get(vid, vid)} — {kind_label(doc)}",
                                      cites=quote_cites(doc.filename, doc.opinion)))
    if wanted:
        items = by.get(wanted, [])
        n = counts.get(wanted, 0)
        summary = (f"{plural(n, 'vendor report')} with {'an' if wanted[0] in 'au' else 'a'} {wanted} "
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
    """The trust services categories a vendor's report covers, yes or no for those the question names;
    without a vendor, the reports covering them."""
    lowered = intent.text.lower()
    wanted = [c for c in _CATEGORIES if c in lowered or (c == "processing integrity" and re.search(r"\bpi\b", lowered))]
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or refuse(intent, ctx)
        reports = [d for d in summaries(ctx, vendor_id) if d.categories]
        if not reports:
            return nothing_on_file(ctx, vendor_id, "SOC report stating its trust services categories", "categories")
        doc = reports[0]
        cats = ", ".join(c.replace("_", " ") for c in doc.categories)
        summary = f"{kind_label(doc)} covers: {cats}."
        status: Status = "info"
        if wanted:
            missing = [w for w in wanted if w not in [c.lower().replace("_", " ") for c in doc.categories]]
            summary = (f"{'No' if missing else 'Yes'}: {kind_label(doc)} covers {cats}" +
                       (f"; not {', '.join(missing)}." if missing else "."))
            status = "bad" if missing else "good"
        return Answer(kind="categories", title=f"{vendor_name(ctx, vendor_id)} — categories", summary=summary,
                      status=status, items=[Item(f"{kind_label(r)}: {', '.join(r.categories).replace('_', ' ')}",
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
                  summary=f"{plural(len(hits), 'vendor report')} cover{'s' if len(hits) == 1 else ''} {what}.",
                  items=shown, more=len(hits) - len(shown), items_title="Reports" if hits else None)


def scope(intent: Intent, ctx: Context) -> Answer:
    """What the vendor's reports and certificates state as their scope."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    items = [Item(f"{kind_label(d)}: {d.scope.value}", cites=quote_cites(d.filename, d.scope))
             for d in summaries(ctx, vendor_id) if d.scope is not None]
    if not items:
        return nothing_on_file(ctx, vendor_id, "document stating its scope", "scope")
    return Answer(kind="scope", title=f"{vendor_name(ctx, vendor_id)} — scope", summary=items[0].text,
                  items=items, items_title="Read in", vendor_id=vendor_id, confidential=True)


def cuecs(intent: Intent, ctx: Context) -> Answer:
    """Every complementary user entity control of the vendor's current report: the buyer must run them all."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    reports = [d for d in documents.current_documents(db_session=ctx.db_session, vendor_id=vendor_id)
               if d.kind in TRUST_SERVICES_KINDS]
    items: list[Item] = []
    source = None
    for report in reports:
        x = extraction_of(report)
        if x is None or not x.fields.cuecs:
            continue
        source = report
        for c in x.fields.cuecs:
            crit = f" [{', '.join(c.criteria)}]" if c.criteria else ""
            items.append(Item(f"{c.value}{crit}", cites=[Cite(report.filename, c.page, None)]))
        break
    name = vendor_name(ctx, vendor_id)
    if source is None:
        if not reports:
            return nothing_on_file(ctx, vendor_id, "SOC report (where CUECs are listed)", "cuecs")
        return Answer(kind="cuecs", title=f"{name} — CUECs", vendor_id=vendor_id, status="good",
                      summary=f"{reports[0].filename} lists no complementary user entity controls.")
    return Answer(kind="cuecs", title=f"{name} — CUECs", vendor_id=vendor_id, confidential=True,
                  summary=f"{plural(len(items), 'complementary user entity control')} you must run yourselves "
                          f"(from {source.filename}).", items=items, items_title="CUECs", full_list=True)


def exceptions(intent: Intent, ctx: Context) -> Answer:
    """Testing exceptions in current SOC 2 Type 2 reports, one vendor's or all, within a criterion or series."""
    wanted = (intent.criterion or "").upper()  # empty: every criterion
    only = intent.vendor.vendor_id if intent.vendor and intent.vendor.vendor_id is not None else None
    where = f" in {wanted}" if wanted else ""
    items: list[Item] = []
    hit_vendors: set[str] = set()
    snap = snapshot(ctx.db_session)
    if only is None and _NO_EXCEPTIONS.search(intent.text):
        return _without_exceptions(ctx, snap, wanted)
    pool = {only: snap.of(only)} if only is not None else snap.docs
    for vendor_id, docs in pool.items():
        vendor_name = snap.names.get(vendor_id, f"vendor {vendor_id}")
        for doc in docs:
            if doc.kind != "soc2_type2":
                continue
            for control, criteria, q in doc.exceptions:
                matched = [c for c in criteria if not wanted or c == wanted or c.startswith(wanted + ".")]
                if wanted and not matched:
                    continue
                hit_vendors.add(vendor_name)
                label = f"control {control} " if control else ""
                touched = ", ".join(matched) or "criteria not stated"
                items.append(Item(f"{vendor_name} — {label}({touched}): {q.value}",
                                  cites=[Cite(doc.filename, q.page, q.quote)]))
    shown = items[: ctx.max_items * 2]
    subject = "its current SOC 2 Type 2 report" if only is not None else "any current SOC 2 Type 2 report I hold"
    if items:
        summary = (f"{len(hit_vendors)} vendor{'s' if len(hit_vendors) != 1 else ''} with exceptions{where}: "
                   + ", ".join(sorted(hit_vendors)[:12]) + ("…" if len(hit_vendors) > 12 else "")
                   + f" ({len(items)} exception{'s' if len(items) != 1 else ''}).")
    else:
        summary = f"No testing exception{where} in {subject}."
    title = f"Exceptions{where}" + (f" — {intent.vendor.name}" if only is not None and intent.vendor else "")
    return Answer(kind="exceptions", title=title, summary=summary, vendor_id=only,
                  status="warn" if items else "good", items=shown, more=len(items) - len(shown),
                  items_title="Exceptions" if items else None, confidential=bool(items))


# "which vendors have NO exceptions", "vendors with a clean report": asked the other way round, never answered with
# the vendors that have them.
_NO_EXCEPTIONS = re.compile(r"\b(?:no|zero|without|0|free\s+of|(?:do|does|did)\s*n[o']?t\s+have(?:\s+any)?)\s+"
                            r"(?:testing\s+|test\s+|audit\s+)?(?:exceptions?|deviations?|findings?)\b|"
                            r"\bclean\s+(?:report|opinion|soc\s*2|audit)s?\b|\bexception[\s-]free\b", re.IGNORECASE)


def _matches(criteria: tuple[str, ...] | list[str], wanted: str) -> bool:
    return not wanted or any(c == wanted or c.startswith(wanted + ".") for c in criteria)


def _without_exceptions(ctx: Context, snap: Snapshot, wanted: str) -> Answer:
    """The vendors whose current SOC 2 Type 2 report lists no testing exception (in the criterion asked about), each
    citing its report; vendors without a Type 2 report are named apart, since nothing shows either way for them."""
    where = f" in {wanted}" if wanted else ""
    clean: list[Item] = []
    unknown: list[str] = []
    for vendor_id, docs in snap.docs.items():
        name = snap.names.get(vendor_id, f"vendor {vendor_id}")
        reports = [d for d in docs if d.kind == "soc2_type2"]
        if not reports:
            unknown.append(name)
            continue
        if not any(_matches(criteria, wanted) for d in reports for _, criteria, _ in d.exceptions):
            clean.append(Item(f"{name}: no exception{where} in {reports[0].filename}"
                              + (f" (period ended {fmt_date(reports[0].period_end)})" if reports[0].period_end else ""),
                              cites=[Cite(reports[0].filename)]))
    clean.sort(key=lambda i: i.text.lower())
    summary = ((f"{plural(len(clean), 'vendor')} whose current SOC 2 Type 2 report lists no testing exception{where}: "
                + ", ".join(i.text.split(":")[0] for i in clean[:12]) + ("…" if len(clean) > 12 else "") + ".")
               if clean else f"No vendor's current SOC 2 Type 2 report is free of testing exceptions{where}.")
    if unknown:
        summary += f" {plural(len(unknown), 'vendor')} without a current Type 2 report, so nothing shows either way."
    shown = clean[: ctx.max_items * 2]
    sections = [Section("No SOC 2 Type 2 report on file", [Item(n) for n in sorted(unknown)[: ctx.max_items * 2]])] \
        if unknown else []
    return Answer(kind="exceptions", title=f"Vendors without exceptions{where}", summary=summary,
                  status="good" if clean else "info", items=shown, more=len(clean) - len(shown),
                  items_title="No exceptions" if clean else None, sections=sections)
