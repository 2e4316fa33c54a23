"""What is on record: the vendors, and one vendor's documents (current or not, assurance evidence or not)."""

from __future__ import annotations

import heapq

from extractors.model import ASSURANCE_KINDS
from service.documents import service as documents

from ..intents import Intent
from ..portfolio import snapshot
from ..reply import KIND_TEXT, Answer, Context, Item, fmt_date, plural
from .guidance import refuse
from .lookup import one_vendor, summaries, vendor_name

# What counts as assurance evidence when listing what is on record: every SOC report (SOC 1 too), bridge letters and
# ISO certificates, never a pen-test letter or another document the extractor could not call one of them.
_EVIDENCE = (*ASSURANCE_KINDS, "soc1")


def list_vendors(intent: Intent, ctx: Context) -> Answer:
    """The vendors on record and how many have assurance documents; asked how many, the count alone when
    there are more than 12."""
    directory = ctx.vendors()
    room = ctx.max_items * 3
    names = sorted(directory.names.values()) if len(directory.names) <= room else heapq.nsmallest(
        room, directory.names.values())
    snap = snapshot(ctx.db_session)
    with_docs = sum(1 for vid in directory.names if any(d.kind in _EVIDENCE for d in snap.docs.get(vid, ())))
    total = len(directory.names)
    listed = not (intent.count and total > 12)
    shown = [Item(n) for n in names[:room]] if listed else []
    return Answer(kind="list_vendors", title="Vendors",
                  summary=f"{plural(total, 'vendor')} on record, {with_docs} with assurance documents on record."
                  if total else "No vendors yet: share a SOC 2 report or ISO certificate with me.",
                  items=shown, more=total - len(shown) if listed else 0)


def documents_of(intent: Intent, ctx: Context) -> Answer:
    """Every document on file for the vendor, its kind and date, which are current, and whether any is
    assurance evidence at all."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    docs = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, limit=100)
    current = {d.id for d in summaries(ctx, vendor_id)}
    items = []
    for d in docs:
        when = d.period_end or d.expiry_date or d.report_date or d.issue_date
        state = "" if d.status == "parsed" else f" [{d.status}]"
        items.append(Item(f"{d.filename}: {KIND_TEXT.get(d.kind or 'unknown', d.kind or d.status)}"
                          + (f", {fmt_date(when)}" if when else "")
                          + (" (current)" if d.id in current else "") + state))
    name = vendor_name(ctx, vendor_id)
    assurance = [d for d in docs if d.kind in _EVIDENCE]
    summary = f"{plural(len(docs), 'document')} on file for {name}"
    summary += "." if assurance or not docs else ", none of them assurance evidence (a SOC report, bridge letter " \
                                                 "or ISO certificate)."
    return Answer(kind="documents", title=f"{name} — documents", summary=summary, items=items,
                  items_title="Documents" if items else None, vendor_id=vendor_id,
                  status="info" if assurance else "warn")
