"""Which vendor a question is about, and what is on file for it: the answers that ask "which vendor?" or say
that the vendor or its document is unknown, and the vendor's current documents as the portfolio snapshot holds them.
"""

from __future__ import annotations

from service.documents import service as documents

from ..intents import Intent
from ..portfolio import DocSummary, snapshot
from ..reply import KIND_TEXT, Answer, Context
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


def vendor_or_none(intent: Intent, ctx: Context) -> tuple[int | None, Answer | None]:
    """As ``one_vendor``, for the first questions the bot learnt (cover, SOC 2 current, ISO expiry): without a
    vendor, the answer offers the help examples rather than one for the intent."""
    mention = intent.vendor
    if mention is None:
        return None, Answer(
            kind="no_vendor",
            title="Which vendor?",
            summary="Name the vendor in the question, for example: " + examples(ctx)[0],
            examples=examples(ctx)[:4],
        )
    if mention.vendor_id is None:
        return None, unknown_vendor(mention, ctx, intent.text)
    return mention.vendor_id, None


def one_vendor(intent: Intent, ctx: Context) -> tuple[int | None, Answer | None]:
    """The vendor the question is about, or the answer that asks which one."""
    if intent.vendors and intent.vendors[0].vendor_id is not None:
        return intent.vendors[0].vendor_id, None
    mention = intent.vendors[0] if intent.vendors else intent.unknown_vendor
    if mention is not None:
        return None, unknown_vendor(mention, ctx, intent.text)
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
