"""Is the evidence current: a vendor's SOC report (period, staleness, bridge letter) and ISO certificates, the
same across vendors, Type 1-only vendors and bridge letters."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from extractors.model import SOC2_KINDS, TRUST_SERVICES_KINDS
from service.documents import service as documents
from service.documents.models import Document
from service.vendors import service as vendors

from .. import reviewed
from ..intents import Intent
from ..portfolio import Snapshot, snapshot
from ..reply import (
    KIND_TEXT,
    Answer,
    Cite,
    Context,
    Item,
    Section,
    Status,
    cite,
    extraction_of,
    fmt_date,
    in_days,
    plural,
)
from .guidance import refuse
from .lookup import kind_label, nothing_on_file, one_vendor, summaries, vendor_name


def _current(ctx: Context, vendor_id: int, kinds: Sequence[str]) -> list[Document]:
    docs = documents.current_documents(db_session=ctx.db_session, vendor_id=vendor_id)
    return [d for d in docs if d.kind in kinds and d.status == "parsed"]


def soc2_current(intent: Intent, ctx: Context) -> Answer:
    """Is the vendor's SOC 2 (or SOC 3) report current: its period against the freshness window, a bridge
    letter after it, the opinion; without a vendor, the same across vendors."""
    if not intent.vendors and intent.unknown_vendor is None:
        return soc_portfolio(intent, ctx)
    vendor_id, problem = one_vendor(intent, ctx, offer_help=True)
    if problem is not None or vendor_id is None:
        return problem or refuse(intent, ctx)
    vendor = vendors.get_or_raise(db_session=ctx.db_session, vendor_id=vendor_id)
    reports = sorted(_current(ctx, vendor_id, TRUST_SERVICES_KINDS), key=lambda d: d.period_end or date.min,
                     reverse=True)
    if not reports:
        return Answer(kind="soc2_current", title=vendor.name, status="warn", vendor_id=vendor_id,
                      summary=f"I have no SOC 2 or SOC 3 report for {vendor.name}.",
                      notes=["Share the report (PDF) with me to add it."])
    report = reports[0]
    x = extraction_of(report)
    f = x.fields if x else None
    facts: list[tuple[str, str]] = [("Report", f"{KIND_TEXT.get(report.kind or '', report.kind)} — {report.filename}")]
    items: list[Item] = []
    status: Status = "info"
    summary = ""
    if report.period_end is not None:
        stale_on = report.period_end + timedelta(days=ctx.settings.freshness_days)
        period = f"{fmt_date(report.period_start)} to {fmt_date(report.period_end)}" if report.period_start \
            else f"as of {fmt_date(report.period_end)}"
        period = reviewed.mark(period, reviewed.review_of(report.extraction, "period_end"))  # issue 13
        facts.append(("Period", period))
        items.append(Item(f"Period: {period}", cites=cite(report.filename, f.period_end if f else None)))
        bridge = _bridge_after(ctx, vendor_id, report.period_end)
        if ctx.today <= stale_on:
            status = "good"
            summary = (f"Yes: the period ended {in_days(report.period_end, ctx.today)}; the report is current "
                       f"until {fmt_date(stale_on)} ({in_days(stale_on, ctx.today)}).")
        else:
            status = "bad"
            summary = (f"No: the period ended on {fmt_date(report.period_end)}, more than "
                       f"{ctx.settings.freshness_days} days ago (stale since {fmt_date(stale_on)}). "
                       "Ask for the current report.")
        if bridge is not None and bridge.period_end is not None:
            bx = extraction_of(bridge)
            items.append(Item(f"Bridge letter covers to {fmt_date(bridge.period_end)}",
                              cites=cite(bridge.filename, bx.fields.period_end if bx else None)))
            facts.append(("Bridge letter", f"to {fmt_date(bridge.period_end)} ({bridge.filename})"))
    else:
        status = "warn"
        summary = "The report states no period I could read, so I cannot tell whether it is current."
    if f is not None and f.opinion is not None:
        opinion = reviewed.mark(str(f.opinion.value), reviewed.review_of(report.extraction, "opinion"))  # issue 13
        facts.append(("Opinion", opinion))
        items.append(Item(f"Opinion: {opinion}", cites=cite(report.filename, f.opinion)))
    if report.report_date:
        facts.append(("Report date", fmt_date(report.report_date)))
    return Answer(kind="soc2_current", title=f"{vendor.name} — SOC report", summary=summary, status=status,
                  facts=facts, items=items, items_title="Evidence", vendor_id=vendor_id, confidential=True,
                  profile=ctx.profile_name, profile_source=ctx.profile_source)


def _bridge_after(ctx: Context, vendor_id: int, period_end: date) -> Document | None:
    letters = [d for d in _current(ctx, vendor_id, ("bridge_letter",)) if d.period_end and d.period_end > period_end]
    return max(letters, key=lambda d: d.period_end or date.min, default=None)


def iso_expiry(intent: Intent, ctx: Context) -> Answer:
    """When the vendor's ISO certificates expire (2013 editions are void); without a vendor, across vendors."""
    if not intent.vendors and intent.unknown_vendor is None:
        return iso_portfolio(intent, ctx)
    vendor_id, problem = one_vendor(intent, ctx, offer_help=True)
    if problem is not None or vendor_id is None:
        return problem or refuse(intent, ctx)
    vendor = vendors.get_or_raise(db_session=ctx.db_session, vendor_id=vendor_id)
    certs = sorted(_current(ctx, vendor_id, ("iso_certificate",)), key=lambda d: d.expiry_date or date.max)
    if not certs:
        return Answer(kind="iso_expiry", title=vendor.name, status="warn", vendor_id=vendor_id,
                      summary=f"I have no ISO certificate for {vendor.name}.",
                      notes=["Share the certificate (PDF) with me to add it."])
    items: list[Item] = []
    worst: Status = "good"
    lines: list[str] = []
    for cert in certs:
        x = extraction_of(cert)
        standards = ", ".join(s.value for s in x.fields.standards) if x and x.fields.standards else "ISO certificate"
        if cert.expiry_date is None:
            text = f"{standards}: no expiry date stated"
            worst = "warn" if worst == "good" else worst
        else:
            left = (cert.expiry_date - ctx.today).days
            state = "expired" if left < 0 else ("expires" if left <= 90 else "valid until")
            text = f"{standards}: {state} {fmt_date(cert.expiry_date)} ({in_days(cert.expiry_date, ctx.today)})"
            if left < 0:
                worst = "bad"
            elif left <= 90 and worst == "good":
                worst = "warn"
        if "2013" in standards:
            text += "; a 2013-edition certificate is no longer valid since the transition ended on 2025-10-31"
            worst = "bad"
        lines.append(text)
        cites = cite(cert.filename, x.fields.expiry_date if x else None)
        if x and x.fields.certificate_number:
            text += f" — certificate {x.fields.certificate_number.value}"
        items.append(Item(text, cites=cites or [Cite(cert.filename)]))
    return Answer(kind="iso_expiry", title=f"{vendor.name} — ISO certificates", summary=lines[0], status=worst,
                  items=items, items_title="Certificates", vendor_id=vendor_id, confidential=False)


_KIND_WORDS = (("type 2", "soc2_type2"), ("type ii", "soc2_type2"), ("type 1", "soc2_type1"), ("type i", "soc2_type1"),
               ("soc 3", "soc3"), ("soc3", "soc3"), ("soc 1", "soc1"), ("soc1", "soc1"))


def soc_portfolio(intent: Intent, ctx: Context) -> Answer:
    """Which vendors hold which SOC reports, and whether each is current: counted by vendor (a vendor with a
    Type 1 and a Type 2 is one vendor with a SOC 2), the vendors first when the question asks how many."""
    lowered = intent.text.lower()
    wanted = {kind for word, kind in _KIND_WORDS if re.search(rf"\b{word}\b", lowered)}
    if re.search(r"\bsoc ?2\b", lowered) and not wanted & set(SOC2_KINDS):
        wanted |= set(SOC2_KINDS)  # "a SOC 2": either type, and a SOC 3 is not one
    wanted = wanted or set(TRUST_SERVICES_KINDS)
    snap = snapshot(ctx.db_session)
    fresh = timedelta(days=ctx.settings.freshness_days)
    if _LACKING.search(lowered):  # "which vendors DON'T have a SOC 2": the others, never the holders
        return _soc_lacking(intent, ctx, snap, wanted, fresh)
    items: list[Item] = []
    holders: list[str] = []  # vendors with a wanted report
    current: list[str] = []  # of them, those with a current one
    reports = 0
    for vid, docs in sorted(snap.docs.items(), key=lambda kv: snap.names.get(kv[0], "")):
        held = [d for d in docs if d.kind in wanted and d.period_end is not None]
        if not held:
            continue
        name = snap.names.get(vid, str(vid))
        holders.append(name)
        live_any = False
        for d in held:
            assert d.period_end is not None
            live = d.period_end + fresh >= ctx.today
            live_any = live_any or live
            reports += 1
            if len(items) < ctx.max_items * 3:
                items.append(Item(f"{name}: {kind_label(d)}, period to {fmt_date(d.period_end)} "
                                  f"({'current' if live else 'stale'})", cites=[Cite(d.filename)]))
        if live_any:
            current.append(name)
    what = " or ".join(sorted({KIND_TEXT.get(k, k) for k in wanted}))
    summary = f"{plural(len(holders), 'vendor')} with a {what}; {len(current)} of them current"
    if intent.count and re.search(r"\b(?:current|valid|up to date|recent|fresh)\b", lowered):
        summary = (f"{plural(len(current), 'vendor')} with a current {what}"
                   f" (of {plural(len(holders), 'vendor')} with one on record)")
        summary += (": " + _names(current) if current else "") + "."
    else:
        summary += (": " + _names(current) if intent.count and current else "") + "."
    return Answer(kind="soc2_current", title="SOC reports across vendors", summary=summary,
                  items=items, more=reports - len(items), items_title="Reports" if items else None)


_LACKING = re.compile(r"\b(?:lack|lacks|lacking|without|missing|no|(?:do|does|did)\s*n[o']?t\s+(?:have|hold|got)|"
                      r"(?:do|does|did)n?t\s+(?:have|hold)|haven'?t\s+got|hasn'?t\s+got|not\s+have)\b")


def _soc_lacking(intent: Intent, ctx: Context, snap: Snapshot, wanted: set[str], fresh: timedelta) -> Answer:
    """The vendors with documents on file but no report of the kinds asked about (no current one, when the
    question asks about current reports)."""
    only_current = bool(re.search(r"\b(?:current|valid|up to date|recent|fresh|in date)\b", intent.text.lower()))
    lacking = sorted(snap.names.get(vid, str(vid)) for vid, docs in snap.docs.items()
                     if not any(d.kind in wanted and d.period_end is not None
                                and (not only_current or d.period_end + fresh >= ctx.today) for d in docs))
    what = " or ".join(sorted({KIND_TEXT.get(k, k) for k in wanted}))
    what = ("current " if only_current else "") + what
    summary = (f"{plural(len(lacking), 'vendor')} with documents on file but no {what}"
               + (": " + _names(lacking, 15) if lacking else "") + ".")
    return Answer(kind="soc2_current", title=f"Vendors without a {what}", summary=summary,
                  items=[Item(n) for n in lacking[: ctx.max_items * 3]],
                  more=max(0, len(lacking) - ctx.max_items * 3), status="warn" if lacking else "good")


def _names(names: list[str], most: int = 12) -> str:
    """The vendors in a sentence, the first ``most`` of them."""
    return ", ".join(names[:most]) + ("…" if len(names) > most else "")


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
                      summary=f"{plural(len(lacking), 'vendor')} with documents on file but no valid ISO {std} "
                              "certificate" + (": " + ", ".join(lacking[:15]) + ("…" if len(lacking) > 15 else "")
                                               if lacking else "") + ".",
                      items=[Item(n) for n in lacking[: ctx.max_items * 3]],
                      more=max(0, len(lacking) - ctx.max_items * 3), status="warn" if lacking else "good")
    items: list[Item] = []
    total = expired = 0
    valid_by: list[str] = []  # vendors holding a valid certificate (of the standard asked about)
    gone_by: list[str] = []  # vendors whose certificates (of it) are all expired or void
    any_gone: list[str] = []  # vendors with at least one expired or void certificate (of it)
    for vid, docs in sorted(snap.docs.items(), key=lambda kv: snap.names.get(kv[0], "")):
        name = snap.names.get(vid, str(vid))
        valid_here = gone_here = False
        for d in docs:
            if d.kind != "iso_certificate" or (wanted and not any(w in (d.standards or "") for w in wanted[:1])):
                continue
            gone = d.expiry_date is not None and d.expiry_date < ctx.today or "2013" in (d.standards or "")
            valid_here, gone_here = valid_here or not gone, gone_here or gone
            if only_gone and not gone:
                continue
            total += 1
            expired += gone
            if len(items) < ctx.max_items * 3:
                state = "expired or void" if gone else f"valid until {fmt_date(d.expiry_date)}"
                items.append(Item(f"{name}: {kind_label(d)}, {state}", cites=[Cite(d.filename)]))
        if gone_here:
            any_gone.append(name)
        if valid_here:
            valid_by.append(name)
        elif gone_here:
            gone_by.append(name)
    what = f"ISO {wanted[0]}" if wanted else "ISO"
    certs = f"{plural(total, what + ' certificate')} on record; {expired} expired or void"
    if only_gone:  # "which vendors have expired ISO certs": the vendors with one, whatever else they hold
        summary = (f"{plural(len(any_gone), 'vendor')} with an expired or void {what} certificate"
                   + (": " + _names(any_gone) if any_gone else "") + f" ({certs}).")
    elif intent.count and _COUNTS_CERTS.search(lowered) and not _COUNTS_VENDORS.search(lowered):
        summary = f"{certs} (2013 editions are void since 2025-10-31)."  # "how many ISO certificates do we hold"
    else:  # "how many vendors are ISO certified": vendors first, then which
        summary = (f"{plural(len(valid_by), 'vendor')} {'is' if len(valid_by) == 1 else 'are'} {what} certified "
                   "(a valid certificate on record)" + (": " + _names(valid_by) if valid_by else "") + ".")
        if gone_by:
            others = plural(len(gone_by), "more vendor" if valid_by else "vendor")
            holds = "holds" if len(gone_by) == 1 else "hold"
            summary += f" {others} only {holds} expired or void ones: {_names(gone_by)}."
        summary += f" {certs} (2013 editions are void since 2025-10-31)."
    return Answer(kind="iso_expiry", title=f"{what} certificates across vendors", summary=summary, items=items,
                  more=total - len(items), items_title="Certificates" if items else None,
                  status="warn" if expired else "info")


_COUNTS_CERTS = re.compile(r"\b(?:certificates?|certs?|certifications?)\b")
_COUNTS_VENDORS = re.compile(r"\b(?:vendors?|suppliers?|providers?|companies|firms|third parties|partners)\b")


def type1(intent: Intent, ctx: Context) -> Answer:
    """Vendors holding a SOC 2 Type 1 and no Type 2 (controls described, not tested over a period)."""
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or refuse(intent, ctx)
        socs = [d for d in summaries(ctx, vendor_id) if d.kind in TRUST_SERVICES_KINDS]
        if not socs:
            return nothing_on_file(ctx, vendor_id, "SOC report", "type1")
        kinds = ", ".join(f"{kind_label(d)} ({d.filename})" for d in socs)
        only1 = all(d.kind == "soc2_type1" for d in socs)
        return Answer(kind="type1", title=vendor_name(ctx, vendor_id), vendor_id=vendor_id,
                      summary=("Type 1 only: a point-in-time description of controls, not tested over a period. "
                               if only1 else "") + f"Current SOC reports: {kinds}.",
                      status="warn" if only1 else "info")
    snap = snapshot(ctx.db_session)
    items = []
    for vid, docs in snap.docs.items():
        held_kinds = {d.kind for d in docs}
        if "soc2_type1" in held_kinds and "soc2_type2" not in held_kinds:
            d = next(d for d in docs if d.kind == "soc2_type1")
            items.append(Item(f"{snap.names.get(vid, vid)}: SOC 2 Type 1 as of {fmt_date(d.period_end)}",
                              cites=[Cite(d.filename)]))
    items.sort(key=lambda i: i.text)
    shown = items[: ctx.max_items * 2]
    return Answer(kind="type1", title="Type 1 only",
                  summary=f"{plural(len(items), 'vendor')} {'has' if len(items) == 1 else 'have'} a SOC 2 Type 1 "
                          "and no Type 2" + (": " + ", ".join(i.text.split(':')[0] for i in items[:12]) if items
                                              else "") + ".",
                  items=shown, more=len(items) - len(shown), status="warn" if items else "good",
                  items_title="Vendors" if items else None)


def bridge(intent: Intent, ctx: Context) -> Answer:
    """Bridge letters on file, one vendor's or all, and the vendors whose report period ended without one."""
    snap = snapshot(ctx.db_session)
    if intent.vendors or intent.unknown_vendor is not None:
        vendor_id, problem = one_vendor(intent, ctx)
        if vendor_id is None:
            return problem or refuse(intent, ctx)
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
                state = "current" if d.period_end >= ctx.today else "lapsed " + in_days(d.period_end, ctx.today)
            items.append(Item(f"{name}: bridge letter {fmt_date(d.period_start)} to {fmt_date(d.period_end)} "
                              f"({state})", cites=[Cite(d.filename)]))
        if not letters:
            ends = [d.period_end for d in docs if d.kind in SOC2_KINDS and d.period_end]
            if ends and max(ends) < ctx.today:
                needing.append(f"{snap.names.get(vid, str(vid))} (report period ended {fmt_date(max(ends))})")
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
                  summary=f"{plural(letters_total, 'bridge letter')} on file; {plural(len(needing), 'vendor')} "
                          "without one since their report period ended.", items=items,
                  more=letters_total - len(items), items_title="Bridge letters" if items else None,
                  sections=sections)
