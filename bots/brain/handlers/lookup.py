"""Which vendor a question is about, and what is on file for it: the answers that ask "which vendor?" or say
that the vendor or its document is unknown, and the vendor's current documents as the portfolio snapshot holds them.
"""

from __future__ import annotations

from service.documents import service as documents
from service.vendors.names import same_org

from ..intents import Intent
from ..portfolio import DocSummary, snapshot
from ..reply import KIND_TEXT, Answer, Context, Item, plural, quote_cites
from ..vendors import VendorMention
from .guidance import example, examples


def unknown_vendor(mention: VendorMention, ctx: Context, asked: str) -> Answer:
    """A name that matches several vendors (ask again with more of it) or none (the closest names, or how to add it)."""
    directory = ctx.vendors()
    if mention.ambiguous:
        names = [name for _id, name in mention.suggestions]
        return Answer(
            kind="ambiguous_vendor",
            title=f"Which “{mention.query}”?",
            summary="Several vendors match that name: " + ", ".join(names) + ". Ask again with more of the name.",
            examples=[asked.replace(mention.query, n.split(",")[0]) for n in names[:3]],
        )
    suggestions = [name for _id, name in mention.suggestions]
    as_provider = provider_answer(mention.query, ctx, asked, suggestions)
    if as_provider is not None:
        return as_provider
    summary = f"I don't know a vendor called “{mention.query}”."
    if suggestions:
        summary += " Did you mean " + " or ".join(suggestions) + "?"
    elif len(directory):
        summary += f" I know {len(directory)} vendor{'s' if len(directory) != 1 else ''}; ask “list vendors”."
    else:
        summary += " No vendors are recorded yet."
    return Answer(
        kind="unknown_vendor",
        title="Unknown vendor",
        summary=summary,
        status="info",
        notes=["Share the vendor's SOC 2 report, bridge letter or ISO certificate (PDF) with me and I will read it."],
        examples=examples(ctx)[:4],
    )


_HOW = {"carve-out": "carves it out", "inclusive": "includes it"}


def provider_answer(query: str, ctx: Context, asked: str, suggestions: list[str]) -> Answer | None:
    """A name that is no vendor of ours but a subservice organization of vendors on record ("what about
    Cumulus?" when Quillfeather's report carves Cumulus out): who names it and how, each where it was read, and
    the question that follows ("who depends on Cumulus?"). None when no current report names it."""
    snap = snapshot(ctx.db_session)
    items: list[Item] = []
    users: dict[str, set[str]] = {}  # vendor -> how its reports treat the provider
    for vid, docs in sorted(snap.docs.items(), key=lambda kv: snap.names.get(kv[0], "")):
        for doc in docs:
            for name, method, q in doc.subservices:
                if not same_org(query, name):
                    continue
                vname = snap.names.get(vid, f"vendor {vid}")
                users.setdefault(vname, set()).add(method or "")
                how = {"carve-out": "carved out", "inclusive": "included"}.get(method or "", "method not stated")
                items.append(Item(f"{vname} — names {name} ({how})", cites=quote_cites(doc.filename, q)))
    if not users:
        return None

    def treats(methods: set[str]) -> str:
        known = sorted(_HOW[m] for m in methods if m in _HOW)
        return " and ".join(known) if known else "names it"

    if len(users) == 1:
        (vname, methods), = users.items()
        summary = (f"“{query}” is not a vendor on record, but {vname} {treats(methods)} as a subservice "
                   "organization.")
    else:
        summary = (f"“{query}” is not a vendor on record, but {plural(len(users), 'vendor')} name it as a "
                   "subservice organization: " + "; ".join(f"{v} {treats(m)}" for v, m in sorted(users.items()))
                   + ".")
    carved = any("carve-out" in m for m in users.values())
    notes = ["A carved-out provider's controls are not tested in the vendor's report: ask for its own report."
             if carved else "Its controls are tested within the vendor's report."]
    notes.append("To assess it as a vendor of ours, share its own SOC 2 report or ISO certificate (PDF) with me.")
    if suggestions:
        notes.append("Or did you mean the vendor " + " or ".join(suggestions) + "?")
    shown = items[: ctx.max_items * 2]
    return Answer(kind="unknown_vendor", title=f"{query} — a subservice organization, not a vendor",
                  summary=summary, status="warn" if carved else "info", items=shown, more=len(items) - len(shown),
                  items_title="Read in", notes=notes, confidential=True,
                  examples=[f"who depends on {query}?", *examples(ctx)[:3]])


def one_vendor(intent: Intent, ctx: Context, *, offer_help: bool = False) -> tuple[int | None, Answer | None]:
    """The vendor the question is about, or the answer that asks which one (or says the name is unknown).

    ``offer_help``: a question without a vendor is answered with the help's first examples rather than with one
    like the question asked. The first questions the bot learnt (cover, SOC 2 current, ISO expiry, the verdict)
    answer that way, and people know those replies."""
    mention = intent.vendor  # the first vendor named, else the name that matched none
    if mention is not None and mention.vendor_id is not None:
        return mention.vendor_id, None
    if mention is not None:
        return None, unknown_vendor(mention, ctx, intent.text)
    if offer_help:
        return None, Answer(kind="no_vendor", title="Which vendor?",
                            summary="Name the vendor in the question, for example: " + examples(ctx)[0],
                            examples=examples(ctx)[:4])
    return None, Answer(kind="no_vendor", title="Which vendor?",
                        summary="Name the vendor in the question, for example: " + example(intent.kind, ctx),
                        examples=[example(k, ctx) for k in ("cover", "auditor", "cuecs")])


def summaries(ctx: Context, vendor_id: int) -> list[DocSummary]:
    """The vendor's current documents from the in-memory snapshot, so a question reads no document rows."""
    return snapshot(ctx.db_session).of(vendor_id)


def vendor_name(ctx: Context, vendor_id: int) -> str:
    """The vendor's recorded name, from the directory the question was read with, else the snapshot."""
    return ctx.vendors().names.get(vendor_id) or snapshot(ctx.db_session).names.get(vendor_id, f"vendor {vendor_id}")


def kind_label(doc: DocSummary) -> str:
    """What a document is, in words; an ISO certificate by its standards ("ISO/IEC 27001:2022 certificate")."""
    if doc.kind == "iso_certificate" and doc.standards:
        return doc.standards.replace("|", ", ") + " certificate"
    return KIND_TEXT.get(doc.kind, doc.kind)


def nothing_on_file(ctx: Context, vendor_id: int, what: str, kind: str) -> Answer:
    """A vendor without the document a question needs: say what there is instead."""
    all_docs = documents.list_documents(db_session=ctx.db_session, vendor_id=vendor_id, limit=20)
    name = vendor_name(ctx, vendor_id)
    held = ", ".join(f"{d.filename} ({KIND_TEXT.get(d.kind or 'unknown', d.kind)})" for d in all_docs[:5])
    summary = f"I have no {what} for {name}." + (f" On file: {held}." if held else " No documents are on file.")
    return Answer(kind=kind, title=name, summary=summary, status="warn", vendor_id=vendor_id,
                  notes=["Share the document (PDF) with me to add it."])
