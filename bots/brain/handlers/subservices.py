"""Fourth parties: a vendor's subservice organizations (carved out or included), the providers across vendors,
and who depends on a given provider ("who depends on AWS?")."""

from __future__ import annotations

from dataclasses import replace

from extractors.model import TRUST_SERVICES_KINDS
from service.vendors.names import same_org

from ..intents import Intent
from ..portfolio import snapshot
from ..reply import Answer, Context, Item, Section, plural, quote_cites
from .guidance import refuse
from .lookup import kind_label, nothing_on_file, one_vendor, summaries, vendor_name


def subservice(intent: Intent, ctx: Context) -> Answer:
    """The vendor's subservice organizations and how each is treated (carved out or included); without a
    vendor, the providers across vendors."""
    if not intent.vendors and intent.unknown_vendor is None:
        if intent.provider:
            return fourth_parties(intent, ctx)
        return _portfolio_subservices(intent, ctx)
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    items = []
    for doc in summaries(ctx, vendor_id):
        for name, method, q in doc.subservices:
            how = {"carve-out": "carved out", "inclusive": "included"}.get(method or "", method or "method not stated")
            items.append(Item(f"{name} ({how})", cites=quote_cites(doc.filename, q)))
    name = vendor_name(ctx, vendor_id)
    if not items:
        reports = [d for d in summaries(ctx, vendor_id) if d.kind in TRUST_SERVICES_KINDS]
        if not reports:
            return nothing_on_file(ctx, vendor_id, "SOC report (which is where subservice organizations are named)",
                            "subservice")
        return Answer(kind="subservice", title=f"{name} — subservice organizations", vendor_id=vendor_id,
                      summary=f"{kind_label(reports[0])} names no subservice organization.", status="good")
    carved = sum(1 for i in items if "carved out" in i.text)
    return Answer(kind="subservice", title=f"{name} — subservice organizations",
                  summary=f"{plural(len(items), 'subservice organization')}, {carved} carved out (their controls "
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
                  summary=f"{plural(len(vendors_with), 'vendor')} rel{'ies' if len(vendors_with) == 1 else 'y'} on "
                          f"subservice organizations ({plural(len(providers), 'provider')})"
                          + (": " + ", ".join(vendors_with[:12]) + ("…" if len(vendors_with) > 12 else "")
                             if vendors_with else "") + ".",
                  items=shown, more=len(items) - len(shown), items_title="By provider" if items else None)


def fourth_parties(intent: Intent, ctx: Context) -> Answer:
    """The vendors whose current report names a provider ("who depends on AWS?"), one or several."""
    provider = intent.provider
    if not provider:
        return _portfolio_subservices(intent, ctx)
    if len(intent.providers) > 1:  # "who relies on AWS or Azure?"
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
                    items.append(Item(f"{vname} — names {name} ({how})", cites=quote_cites(doc.filename, q)))
    shown = items[: ctx.max_items * 3]
    summary = (f"{plural(len(users), 'vendor')} depend{'s' if len(users) == 1 else ''} on {provider}: "
               + ", ".join(sorted(users)) + "." if users else
               f"No vendor's current report names {provider} as a subservice organization.")
    return Answer(kind="fourth_parties", title=f"Who depends on {provider}", summary=summary, items=shown,
                  more=len(items) - len(shown), items_title="Read in" if items else None,
                  status="warn" if users else "info", confidential=bool(items))
