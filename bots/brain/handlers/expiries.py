"""Dates across the portfolio and the audit calendar: what expires or goes stale in a window, what already has,
and which days of an audit window a vendor's SOC periods and bridge letters cover."""

from __future__ import annotations

from datetime import date, timedelta

from extractors.model import TRUST_SERVICES_KINDS, VOUCHES_FOR_PERIOD_KINDS
from service.documents import service as documents

from ..intents import Intent, Window
from ..portfolio import snapshot
from ..reply import KIND_TEXT, Answer, Cite, Context, Item, extraction_of, fmt_date, in_days, plural
from .guidance import refuse
from .lookup import one_vendor, vendor_name


def expiries(ctx: Context, *, until: date, since: date = date.min) -> list[tuple[date, str, str, str]]:
    """(day, vendor, what happens, file) for every current document's expiry or staleness up to ``until``.

    Read from the portfolio snapshot (every vendor's current documents, kept in memory), so a question over
    10,000 vendors does not read 50,000 rows."""
    snap = snapshot(ctx.db_session)
    out: list[tuple[date, str, str, str]] = []
    for vendor_id, docs in snap.docs.items():
        name = snap.names.get(vendor_id, f"vendor {vendor_id}")
        for doc in docs:
            if doc.kind == "iso_certificate" and doc.expiry_date and since <= doc.expiry_date <= until:
                standards = (doc.standards or "ISO certificate").replace("|", ", ")
                out.append((doc.expiry_date, name, f"{standards} certificate expires", doc.filename))
            elif doc.kind in TRUST_SERVICES_KINDS and doc.period_end:
                stale = doc.period_end + timedelta(days=ctx.settings.freshness_days)
                if since <= stale <= until:
                    out.append((stale, name, f"{KIND_TEXT[doc.kind]} goes stale", doc.filename))
            elif doc.kind == "bridge_letter" and doc.period_end and since <= doc.period_end <= until:
                out.append((doc.period_end, name, "bridge letter coverage ends", doc.filename))
    return sorted(out)


def expiring(intent: Intent, ctx: Context) -> Answer:
    """What expires or goes stale in the question's window (30 days by default, everything ahead for one
    vendor)."""
    window = intent.window
    one = intent.vendors[0].name if intent.vendors and intent.vendors[0].vendor_id is not None else None
    horizon = 400 if one else 30  # "what's expiring for Acme?": everything ahead for one vendor
    start = window.start if window else ctx.today
    end = window.end if window else ctx.today + timedelta(days=horizon)
    label = window.label if window else f"in the next {horizon} days"
    due = expiries(ctx, until=end, since=start)
    if intent.vendors and intent.vendors[0].name:
        due = [r for r in due if r[1] == intent.vendors[0].name]
    items = [Item(f"{fmt_date(day)} ({in_days(day, ctx.today)}) — {vendor}: {what}", cites=[Cite(filename)])
             for day, vendor, what, filename in due]
    shown = items[: ctx.max_items * 2]
    verb = "expires or goes stale" if len(due) == 1 else "expire or go stale"
    span = f"{fmt_date(start)} to {fmt_date(end)}"
    who = sorted({r[1] for r in due})
    summary = (f"{len(due)} item{'s' if len(due) != 1 else ''} {verb} {label} ({span}), "
               f"{len(who)} vendor{'s' if len(who) != 1 else ''}: " + ", ".join(who[:12])
               + ("…" if len(who) > 12 else "") + "." if due
               else f"Nothing expires or goes stale {label} ({span}).")
    return Answer(kind="expiring", title=f"Expiring {label}" + (f" — {one}" if one else ""), summary=summary,
                  status="warn" if due else "good", items=shown, more=len(items) - len(shown),
                  items_title="Due" if due else None)


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
    """What has already expired or gone stale, the most recent first; a "this year" window from its start."""
    since = date.min
    window = intent.window
    if window is not None:
        since = _whole(window, ctx.today)[0]
    until = min(ctx.today - timedelta(days=1), window.end if window else ctx.today)
    rows = expiries(ctx, until=until, since=since)
    rows.reverse()  # the most recent first
    shown = rows[: ctx.max_items * 2]
    items = [Item(f"{fmt_date(day)} ({in_days(day, ctx.today)}) — {vendor}: "
                  + what.replace("expires", "expired").replace("goes stale", "went stale")
                  .replace("coverage ends", "coverage ended"), cites=[Cite(filename)])
             for day, vendor, what, filename in shown]
    names = sorted({r[1] for r in rows})
    return Answer(kind="expired", title="Expired or stale",
                  summary=(f"{plural(len(names), 'vendor')} with expired or stale evidence "
                           f"({plural(len(rows), 'document')}): " + ", ".join(names[:12])
                           + ("…" if len(names) > 12 else "") + ".") if rows else
                  "Nothing has expired or gone stale.", status="bad" if rows else "good", items=items,
                  more=len(rows) - len(items), items_title="Expired" if items else None)


def coverage(intent: Intent, ctx: Context) -> Answer:
    """Which days of the audit window the vendor's SOC periods and bridge letters cover, and the gaps."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    window = intent.window
    if window is None:
        year = intent.fiscal_year or ctx.today.year
        start, end, label = date(year, 1, 1), date(year, 12, 31), f"FY{year}"
    else:
        (start, end), label = _whole(window, ctx.today), window.label.replace("in ", "", 1)
    name = vendor_name(ctx, vendor_id)
    rows = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, status="parsed", limit=200)
    spans: list[tuple[date, date, str]] = []
    for d in rows:
        if d.kind not in (*VOUCHES_FOR_PERIOD_KINDS, "soc1") or d.period_end is None:
            continue
        begin = d.period_start
        if begin is None and d.kind == "bridge_letter":
            x = extraction_of(d)
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
    items = [Item(f"{fmt_date(a)} to {fmt_date(b)}: {f}", cites=[Cite(f)]) for a, b, f in spans
             if b >= start and a <= end]
    future = [g for g in gaps if g[0] > ctx.today]
    summary = (f"{days} of {total} days of {label} ({fmt_date(start)} to {fmt_date(end)}) are covered by "
               f"{name}'s SOC periods and bridge letters" + (
                   "." if not gaps else f"; {plural(len(gaps), 'gap')}: " + ", ".join(
                       f"{fmt_date(a)} to {fmt_date(b)}" for a, b in gaps) + "."))
    notes = ["A gap still ahead of today may close with the next report or a bridge letter."] if future else []
    if any(d.kind == "soc2_type1" for d in rows):
        notes.append("A SOC 2 Type 1 report is as of one date: it tests no period, so it covers no days here.")
    return Answer(kind="coverage", title=f"{name} — {label} coverage", summary=summary,
                  status="good" if not gaps else ("warn" if days else "bad"), items=items,
                  items_title="Periods" if items else None, vendor_id=vendor_id, notes=notes)
