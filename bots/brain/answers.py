"""Answers to what people ask, as plain data (``Answer``) that Slack's Block Kit and the terminal both render.

Every answer comes from the service layer (vendors, documents, assessments, alerts) or the knowledge base
(crosswalk, catalogues), called in-process. A question the bot cannot place still gets an answer: what it
understood, and examples of what it can do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy.orm import Session

from extractors.model import KIND_LABELS, SOC_KINDS, TRUST_SERVICES_KINDS, Extraction, Found
from service.assessments import service as assessments
from service.assessments.models import FindingRead
from service.config import Settings
from service.documents import service as documents
from service.documents.models import Document
from service.vendors import service as vendors

from . import reviewed
from .intents import Intent, Thread, recognize
from .vendors import VendorDirectory, VendorMention

Status = Literal["good", "warn", "bad", "info"]

VERDICT_TEXT = {
    "meets": "Meets the requirements",
    "meets_with_findings": "Meets the requirements, with findings to follow up",
    "does_not_meet": "Does not meet the requirements",
    "insufficient_evidence": "Not enough evidence to tell",
}
VERDICT_STATUS: dict[str, Status] = {
    "meets": "good",
    "meets_with_findings": "warn",
    "does_not_meet": "bad",
    "insufficient_evidence": "warn",
}
# The kinds in a sentence: "a SOC 2 Type 2 report", and for a document that is none of them, why not.
KIND_TEXT = {kind: f"{label} report" if kind in SOC_KINDS else label for kind, label in KIND_LABELS.items()}
KIND_TEXT["unknown"] = "Not an assurance document I recognise"
EXAMPLES = (
    "does {v} cover us?",
    "is {v}'s SOC 2 current?",
    "when does {v}'s ISO certificate expire?",
    "what's expiring this month?",
    "which vendors have exceptions in CC6?",
    "what does A.8.28 map to in SOC 2?",
    "does ISO 27001 replace SOC 2?",
    "use profile critical-data-processor here",
)


@dataclass(frozen=True, slots=True)
class Cite:
    """Where a statement was read: document, 1-based page and the verbatim quote."""

    document: str
    page: int | None = None
    quote: str | None = None


@dataclass(slots=True)
class Item:
    """One line of an answer (a finding, an expiry, a mapping) with the evidence behind it."""

    text: str
    severity: str | None = None
    cites: list[Cite] = field(default_factory=list)
    absence: str | None = None


@dataclass(slots=True)
class Section:
    """A titled list of items after the main ones (the triage card has several: exceptions, carve-outs, CUECs)."""

    title: str
    items: list[Item]
    more: int = 0


@dataclass(slots=True)
class Answer:
    """What the bot says, independent of where it says it.

    ``confidential`` marks answers that quote vendors' reports (under NDA): Slack shows them in full only where
    the channel is allowed to see them. ``vendor_id`` and ``profile`` let the renderer offer Details / Re-assess.
    """

    kind: str
    title: str
    summary: str
    status: Status = "info"
    verdict: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    items_title: str | None = None
    more: int = 0  # items left out for length
    sections: list[Section] = field(default_factory=list)
    profile: str | None = None
    profile_source: str | None = None
    vendor_id: int | None = None
    document_id: int | None = None
    examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    confidential: bool = False
    confirm_vendor: tuple[int, str] | None = None  # (vendor id, name) a person should confirm for this document
    full_list: bool = False  # every item matters (CUECs): renderers show them all, in as many parts as it takes
    question: str | None = None  # what was asked, so a button can answer it again in full (in a DM)


@dataclass(slots=True)
class Context:
    """Who asks, where, and with which profile; ``bind_profile`` stores a profile for this conversation."""

    db_session: Session
    settings: Settings
    today: date
    profile: str | None = None  # bound to the channel; None = the default profile
    bind_profile: Callable[[str], None] | None = None
    max_items: int = 8
    directory: VendorDirectory | None = None
    thread: Thread | None = None  # the conversation so far (a Slack thread, a console session); updated by respond

    profile_override: str | None = None  # a profile named in the question itself

    @property
    def profile_name(self) -> str:
        return self.profile_override or self.profile or self.settings.default_profile

    @property
    def profile_source(self) -> str:
        if self.profile_override:
            return "the profile named in the question"
        return "this channel's profile" if self.profile else "the default profile"

    def vendors(self) -> VendorDirectory:
        if self.directory is None:
            self.directory = VendorDirectory.from_session(self.db_session)
        return self.directory


def respond(text: str, ctx: Context) -> Answer:
    """The answer to ``text``: recognise the intent, the vendors and the slots, then ask the service.

    ``ctx.thread`` carries the conversation: a follow-up without a vendor ("and their ISO cert?") is about the
    thread's vendor, with the thread's profile; the thread is updated with this question's vendors and intent."""
    intent = recognize(text, ctx.vendors(), today=ctx.today, profiles=_profile_names(ctx), thread=ctx.thread)
    if intent.profile and intent.kind not in ("set_profile", "show_profile") and _known_profile(ctx, intent.profile):
        ctx.profile_override = intent.profile
    handler = _handler(intent)
    answer = handler(intent, ctx)
    answer.summary = _DOUBLE_STOP.sub(".", answer.summary)  # "…: Acme, Inc.." reads as a typo
    if answer.kind not in ("cover", "help", "unknown"):
        answer.question = intent.text
        if intent.from_thread:  # asked again outside the thread, the question must name its vendors
            answer.question += " (" + ", ".join(m.name or m.query for m in intent.vendors) + ")"
    ids = tuple(m.vendor_id for m in intent.vendors if m.vendor_id is not None)
    names = tuple(m.name or m.query for m in intent.vendors if m.vendor_id is not None)
    previous = ctx.thread or Thread()
    ctx.thread = Thread(
        vendor_ids=ids or previous.vendor_ids,
        vendor_names=names or previous.vendor_names,
        kind=intent.kind if intent.kind != "unknown" else previous.kind,
        profile=(intent.profile if intent.profile and _known_profile(ctx, intent.profile) else previous.profile),
        criterion=intent.criterion or previous.criterion,
    )
    return answer


_PER_VENDOR = frozenset({"auditor", "period", "opinion", "categories", "scope", "soc2_current", "iso_expiry", "cuecs",
                         "bridge", "type1", "documents", "what_to_ask", "coverage", "subservice", "ai", "exceptions"})


def _handler(intent: Intent) -> Callable[[Intent, Context], Answer]:
    from . import questions

    if intent.kind in _PER_VENDOR and len(set(intent.vendor_ids)) > 1:
        return _per_vendor

    if intent.kind == "replace" and intent.vendors:
        return questions.replace_for_vendor
    if intent.kind == "one_evidence" or (intent.kind == "replace" and len(intent.frameworks) < 2):
        return questions.one_evidence if intent.kind == "one_evidence" else _replace_default
    return _HANDLERS.get(intent.kind) or questions.HANDLERS.get(intent.kind) or questions.refuse


def _per_vendor(intent: Intent, ctx: Context) -> Answer:
    """One fact about several vendors ("who certified Sablewood and Corvane?"): the answer for each, in turn."""
    from dataclasses import replace

    parts = []
    for mention in [m for m in intent.vendors if m.vendor_id is not None][:6]:
        one = replace(intent, vendors=[mention])
        parts.append(_handler(one)(one, ctx))
    sections = [Section(f"{a.title}: {a.summary}", a.items[: ctx.max_items], max(0, len(a.items) - ctx.max_items))
                for a in parts]
    statuses: tuple[Status, ...] = ("bad", "warn", "good")
    worst: Status = next((st for st in statuses if any(a.status == st for a in parts)), "info")
    return Answer(kind=intent.kind, title=" / ".join(m.name or m.query for m in intent.vendors[:6]),
                  summary=" ".join(f"{(m.name or m.query).split(',')[0]}: {a.summary}"
                                   for m, a in zip(intent.vendors, parts, strict=False)),
                  status=worst, sections=sections, confidential=any(a.confidential for a in parts),
                  profile=parts[0].profile if parts else None,
                  profile_source=parts[0].profile_source if parts else None)


def _profile_names(ctx: Context) -> tuple[str, ...]:
    cached = _PROFILES.get(id(ctx.settings))
    if cached is None:
        try:
            cached = tuple(p.name for p in assessments.list_profile_summaries(settings=ctx.settings))
        except Exception:  # noqa: BLE001 - a broken profile file must not stop the bot from answering
            cached = ()
        _PROFILES[id(ctx.settings)] = cached
    return cached


def _known_profile(ctx: Context, name: str) -> bool:
    return name in _profile_names(ctx)


_PROFILES: dict[int, tuple[str, ...]] = {}
_DOUBLE_STOP = re.compile(r"\.\.(?=\s|$|\))")


# --- helpers ----------------------------------------------------------------------------------------------------


def examples(ctx: Context | None = None) -> list[str]:
    """Example questions, using a real vendor's short name when there is one."""
    name = "Acme"
    if ctx is not None:
        directory = ctx.vendors()
        if len(directory):
            first = sorted(directory.names.values())[0]
            name = first.split(",")[0].split()[0]
    return [e.format(v=name) for e in EXAMPLES]


def _cite(document: str, found: Found[Any] | None) -> list[Cite]:
    if found is None:
        return []
    return [Cite(document, found.page, found.quote)]


def _fmt_date(value: date | datetime | str | None) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _in_days(day: date, today: date) -> str:
    n = (day - today).days
    if n == 0:
        return "today"
    if n > 0:
        return f"in {n} day{'s' if n != 1 else ''}"
    return f"{-n} day{'s' if n != -1 else ''} ago"


def _extraction(doc: Document) -> Extraction | None:
    return Extraction.from_dict(doc.extraction) if doc.extraction else None


def _unknown_vendor(mention: VendorMention, ctx: Context, asked: str) -> Answer:
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


def _vendor_or_none(intent: Intent, ctx: Context) -> tuple[int | None, Answer | None]:
    mention = intent.vendor
    if mention is None:
        return None, Answer(
            kind="no_vendor",
            title="Which vendor?",
            summary="Name the vendor in the question, for example: " + examples(ctx)[0],
            examples=examples(ctx)[:4],
        )
    if mention.vendor_id is None:
        return None, _unknown_vendor(mention, ctx, intent.text)
    return mention.vendor_id, None


def _current(ctx: Context, vendor_id: int, kinds: Sequence[str]) -> list[Document]:
    docs = documents.current_documents(db_session=ctx.db_session, vendor_id=vendor_id)
    return [d for d in docs if d.kind in kinds and d.status == "parsed"]


# --- intents ----------------------------------------------------------------------------------------------------


def _help(intent: Intent, ctx: Context) -> Answer:
    return Answer(
        kind="help",
        title="What I can do",
        summary="Ask me about your vendors' assurance documents, or share a SOC 2 report, bridge letter or ISO "
        "certificate (PDF) with me and I will triage it in the thread.",
        examples=examples(ctx),
        notes=[f"Answers use {ctx.profile_source} ({ctx.profile_name}); change it with “use profile NAME here”."],
    )


def _unknown(intent: Intent, ctx: Context) -> Answer:
    from .questions import refuse

    return refuse(intent, ctx)


def assessment_answer(ctx: Context, vendor_id: int, *, profile: str | None = None, kind: str = "cover") -> Answer:
    """The verdict for a vendor against the profile, with cited findings (also used by the Re-assess button)."""
    profile_name = profile or ctx.profile_name
    result = assessments.assess_vendor(
        db_session=ctx.db_session, settings=ctx.settings, vendor_id=vendor_id, profile=profile_name, today=ctx.today
    )
    verdict = result.verdict
    items = [_finding_item(f) for f in result.result.findings]
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


def _finding_item(f: FindingRead) -> Item:
    """A finding (from a vendor's answer or a document assessed alone) as a line of the answer, with its cites."""
    cites = [Cite(e.document, e.page, e.quote) for e in f.evidence]
    return Item(text=f.reason or f.code, severity=f.severity, cites=cites, absence=f.absence)


def _cover(intent: Intent, ctx: Context) -> Answer:
    vendor_id, problem = _vendor_or_none(intent, ctx)
    if problem is not None or vendor_id is None:
        return problem or _unknown(intent, ctx)
    return assessment_answer(ctx, vendor_id, profile=ctx.profile_override)


def _soc2_current(intent: Intent, ctx: Context) -> Answer:
    if not intent.vendors and intent.unknown_vendor is None:
        from .questions import soc_portfolio

        return soc_portfolio(intent, ctx)
    vendor_id, problem = _vendor_or_none(intent, ctx)
    if problem is not None or vendor_id is None:
        return problem or _unknown(intent, ctx)
    vendor = vendors.get_or_raise(db_session=ctx.db_session, vendor_id=vendor_id)
    reports = sorted(_current(ctx, vendor_id, TRUST_SERVICES_KINDS), key=lambda d: d.period_end or date.min,
                     reverse=True)
    if not reports:
        return Answer(kind="soc2_current", title=vendor.name, status="warn", vendor_id=vendor_id,
                      summary=f"I have no SOC 2 or SOC 3 report for {vendor.name}.",
                      notes=["Share the report (PDF) with me to add it."])
    report = reports[0]
    x = _extraction(report)
    f = x.fields if x else None
    facts: list[tuple[str, str]] = [("Report", f"{KIND_TEXT.get(report.kind or '', report.kind)} — {report.filename}")]
    items: list[Item] = []
    status: Status = "info"
    summary = ""
    if report.period_end is not None:
        stale_on = report.period_end + timedelta(days=ctx.settings.freshness_days)
        period = f"{_fmt_date(report.period_start)} to {_fmt_date(report.period_end)}" if report.period_start \
            else f"as of {_fmt_date(report.period_end)}"
        period = reviewed.mark(period, reviewed.review_of(report.extraction, "period_end"))  # issue 13
        facts.append(("Period", period))
        items.append(Item(f"Period: {period}", cites=_cite(report.filename, f.period_end if f else None)))
        bridge = _bridge_after(ctx, vendor_id, report.period_end)
        if ctx.today <= stale_on:
            status = "good"
            summary = (f"Yes: the period ended {_in_days(report.period_end, ctx.today)}; the report is current "
                       f"until {_fmt_date(stale_on)} ({_in_days(stale_on, ctx.today)}).")
        else:
            status = "bad"
            summary = (f"No: the period ended on {_fmt_date(report.period_end)}, more than "
                       f"{ctx.settings.freshness_days} days ago (stale since {_fmt_date(stale_on)}). "
                       "Ask for the current report.")
        if bridge is not None and bridge.period_end is not None:
            bx = _extraction(bridge)
            items.append(Item(f"Bridge letter covers to {_fmt_date(bridge.period_end)}",
                              cites=_cite(bridge.filename, bx.fields.period_end if bx else None)))
            facts.append(("Bridge letter", f"to {_fmt_date(bridge.period_end)} ({bridge.filename})"))
    else:
        status = "warn"
        summary = "The report states no period I could read, so I cannot tell whether it is current."
    if f is not None and f.opinion is not None:
        opinion = reviewed.mark(str(f.opinion.value), reviewed.review_of(report.extraction, "opinion"))  # issue 13
        facts.append(("Opinion", opinion))
        items.append(Item(f"Opinion: {opinion}", cites=_cite(report.filename, f.opinion)))
    if report.report_date:
        facts.append(("Report date", _fmt_date(report.report_date)))
    return Answer(kind="soc2_current", title=f"{vendor.name} — SOC report", summary=summary, status=status,
                  facts=facts, items=items, items_title="Evidence", vendor_id=vendor_id, confidential=True,
                  profile=ctx.profile_name, profile_source=ctx.profile_source)


def _bridge_after(ctx: Context, vendor_id: int, period_end: date) -> Document | None:
    letters = [d for d in _current(ctx, vendor_id, ("bridge_letter",)) if d.period_end and d.period_end > period_end]
    return max(letters, key=lambda d: d.period_end or date.min, default=None)


def _iso_expiry(intent: Intent, ctx: Context) -> Answer:
    if not intent.vendors and intent.unknown_vendor is None:
        from .questions import iso_portfolio

        return iso_portfolio(intent, ctx)
    vendor_id, problem = _vendor_or_none(intent, ctx)
    if problem is not None or vendor_id is None:
        return problem or _unknown(intent, ctx)
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
        x = _extraction(cert)
        standards = ", ".join(s.value for s in x.fields.standards) if x and x.fields.standards else "ISO certificate"
        if cert.expiry_date is None:
            text = f"{standards}: no expiry date stated"
            worst = "warn" if worst == "good" else worst
        else:
            left = (cert.expiry_date - ctx.today).days
            state = "expired" if left < 0 else ("expires" if left <= 90 else "valid until")
            text = f"{standards}: {state} {_fmt_date(cert.expiry_date)} ({_in_days(cert.expiry_date, ctx.today)})"
            if left < 0:
                worst = "bad"
            elif left <= 90 and worst == "good":
                worst = "warn"
        if "2013" in standards:
            text += "; a 2013-edition certificate is no longer valid since the transition ended on 2025-10-31"
            worst = "bad"
        lines.append(text)
        cites = _cite(cert.filename, x.fields.expiry_date if x else None)
        if x and x.fields.certificate_number:
            text += f" — certificate {x.fields.certificate_number.value}"
        items.append(Item(text, cites=cites or [Cite(cert.filename)]))
    return Answer(kind="iso_expiry", title=f"{vendor.name} — ISO certificates", summary=lines[0], status=worst,
                  items=items, items_title="Certificates", vendor_id=vendor_id, confidential=False)


def _expiring(intent: Intent, ctx: Context) -> Answer:
    window = intent.window
    one = intent.vendors[0].name if intent.vendors and intent.vendors[0].vendor_id is not None else None
    horizon = 400 if one else 30  # "what's expiring for Acme?": everything ahead for one vendor
    start = window.start if window else ctx.today
    end = window.end if window else ctx.today + timedelta(days=horizon)
    label = window.label if window else f"in the next {horizon} days"
    due = expiries(ctx, until=end, since=start)
    if intent.vendors and intent.vendors[0].name:
        due = [r for r in due if r[1] == intent.vendors[0].name]
    items = [Item(f"{_fmt_date(day)} ({_in_days(day, ctx.today)}) — {vendor}: {what}", cites=[Cite(filename)])
             for day, vendor, what, filename in due]
    shown = items[: ctx.max_items * 2]
    verb = "expires or goes stale" if len(due) == 1 else "expire or go stale"
    span = f"{_fmt_date(start)} to {_fmt_date(end)}"
    who = sorted({r[1] for r in due})
    summary = (f"{len(due)} item{'s' if len(due) != 1 else ''} {verb} {label} ({span}), "
               f"{len(who)} vendor{'s' if len(who) != 1 else ''}: " + ", ".join(who[:12])
               + ("…" if len(who) > 12 else "") + "." if due
               else f"Nothing expires or goes stale {label} ({span}).")
    return Answer(kind="expiring", title=f"Expiring {label}" + (f" — {one}" if one else ""), summary=summary,
                  status="warn" if due else "good", items=shown, more=len(items) - len(shown),
                  items_title="Due" if due else None)


def expiries(ctx: Context, *, until: date, since: date = date.min) -> list[tuple[date, str, str, str]]:
    """(day, vendor, what happens, file) for every current document's expiry or staleness up to ``until``.

    Read from the portfolio snapshot (every vendor's current documents, kept in memory), so a question over
    10,000 vendors does not read 50,000 rows."""
    from .portfolio import snapshot

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


def _exceptions(intent: Intent, ctx: Context) -> Answer:
    from .portfolio import snapshot

    wanted = (intent.criterion or "").upper()  # empty: every criterion
    only = intent.vendor.vendor_id if intent.vendor and intent.vendor.vendor_id is not None else None
    where = f" in {wanted}" if wanted else ""
    items: list[Item] = []
    hit_vendors: set[str] = set()
    snap = snapshot(ctx.db_session)
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


def _crosswalk(intent: Intent, ctx: Context) -> Answer:
    from knowledge import controls_for, criteria_for, load_catalogues, load_crosswalk

    cat = load_catalogues()
    cw = load_crosswalk()
    items: list[Item] = []
    if intent.iso_control:
        iso_id = intent.iso_control
        from knowledge.crosswalk import resolve_iso_id

        iso_id = resolve_iso_id(iso_id)
        title_src = cat.annex_a.get(iso_id) or cat.clauses.get(iso_id)
        if title_src is None:
            return Answer(kind="crosswalk", title=f"{iso_id}?", summary=f"{iso_id} is not an ISO/IEC 27001:2022 "
                          "Annex A control or clause I know. Annex A controls run A.5.1–A.5.37, A.6.1–A.6.8, "
                          "A.7.1–A.7.14 and A.8.1–A.8.34.", examples=examples(ctx)[5:7])
        links = criteria_for(iso_id)
        for link in links:
            crit = cat.tsc.get(link.tsc_id)
            items.append(Item(f"{link.tsc_id} {crit.title if crit else ''} — {link.relationship}: {link.reason}"))
        head = f"{iso_id} {title_src.title}"
        if links:
            summary = (f"{head} maps to {len(links)} SOC 2 (TSC 2017) criteri{'a' if len(links) != 1 else 'on'}: "
                       + ", ".join(link.tsc_id for link in links) + ".")
        else:
            reason = cw.unmapped_reason(iso_id) or "the crosswalk lists no counterpart"
            summary = f"{head} has no SOC 2 counterpart: {reason}"
        return Answer(kind="crosswalk", title=f"{iso_id} in SOC 2", summary=summary, items=items,
                      items_title="Criteria" if items else None,
                      notes=["Relationships read from the criterion's side: subset = the criterion asks for less, "
                             "superset = more, intersect = they overlap."])
    wanted = (intent.criterion or "").upper()
    criteria = [c for c in cat.tsc if c == wanted or c.startswith(wanted + ".")]
    if not criteria:
        return Answer(kind="crosswalk", title=f"{wanted}?", summary=f"{wanted} is not a TSC 2017 criterion I know.",
                      examples=examples(ctx)[5:7])
    for crit_id in criteria:
        for link in controls_for(crit_id):
            item = cat.annex_a.get(link.iso_id) or cat.clauses.get(link.iso_id)
            items.append(Item(f"{crit_id} → {link.iso_id} {item.title if item else ''} — {link.relationship}: "
                              f"{link.reason}"))
    ids = sorted({i.text.split(" → ")[1].split()[0] for i in items})
    summary = (f"{wanted} maps to {len(ids)} ISO/IEC 27001:2022 control{'s' if len(ids) != 1 else ''} or clauses: "
               + ", ".join(ids[:20]) + ("…" if len(ids) > 20 else "") + ".") if items else \
        f"{wanted} has no ISO/IEC 27001 counterpart: {cw.unmapped_reason(wanted) or 'none listed'}"
    shown = items[: ctx.max_items * 2]
    return Answer(kind="crosswalk", title=f"{wanted} in ISO/IEC 27001", summary=summary, items=shown,
                  more=len(items) - len(shown), items_title="Controls" if items else None)


_FW_NAME = {"soc2": "SOC 2", "iso27001": "ISO/IEC 27001"}


def _replace_default(intent: Intent, ctx: Context) -> Answer:
    fws = [f for f in intent.frameworks if f in _FW_NAME]
    intent.frameworks = fws + [f for f in ("iso27001", "soc2") if f not in fws]
    return _replace(intent, ctx)


def _replace(intent: Intent, ctx: Context) -> Answer:
    from knowledge import delta

    fws = [f for f in intent.frameworks if f in _FW_NAME]
    if len(fws) < 2:
        return _replace_default(intent, ctx)
    held: Literal["soc2", "iso27001"] = "soc2" if fws[0] == "soc2" else "iso27001"
    wanted: Literal["soc2", "iso27001"] = "iso27001" if held == "soc2" else "soc2"
    d = delta(held, wanted)
    items = [Item(text) for text in d.management_system[:6]]
    if d.items_without_counterpart:
        items.append(Item(
            f"{len(d.items_without_counterpart)} {_FW_NAME[wanted]} item(s) with no counterpart in "
            f"{_FW_NAME[held]}: " + ", ".join(u.id for u in d.items_without_counterpart[:12])))
    if d.partly_covered:
        items.append(Item(f"{len(d.partly_covered)} {_FW_NAME[wanted]} item(s) only partly covered (overlap, not "
                          "equivalence): " + ", ".join(d.partly_covered[:12]) + ("…" if len(d.partly_covered) > 12
                                                                                  else "")))
    summary = (f"No. {_FW_NAME[held]} and {_FW_NAME[wanted]} overlap a lot, but neither replaces the other: "
               f"{_FW_NAME[wanted]} gives you things {_FW_NAME[held]} does not. Whether one is enough for a vendor "
               "is up to your requirement profile: ask “does VENDOR cover us?”.")
    return Answer(kind="replace", title=f"Does {_FW_NAME[held]} replace {_FW_NAME[wanted]}?", summary=summary,
                  status="info", items=items, items_title=f"What {_FW_NAME[wanted]} adds")


def _set_profile(intent: Intent, ctx: Context) -> Answer:
    name = intent.profile or ""
    try:
        prof = assessments.get_profile(settings=ctx.settings, name=name)
    except assessments.ProfileNotFound:
        return _show_profile(intent, ctx, problem=f"There is no profile called “{name}”.")
    if ctx.bind_profile is None:
        return Answer(kind="set_profile", title="Profile", summary="Profiles cannot be changed here.")
    ctx.bind_profile(prof.name)
    ctx.profile = prof.name
    return Answer(kind="set_profile", title="Profile set", status="good",
                  summary=f"From now on answers here use the “{prof.name}” profile.",
                  notes=[getattr(prof, "description", "") or ""], profile=prof.name,
                  profile_source=ctx.profile_source)


def _show_profile(intent: Intent, ctx: Context, problem: str | None = None) -> Answer:
    summaries = assessments.list_profile_summaries(settings=ctx.settings)
    items = [Item(f"{p.name}{' (in use here)' if p.name == ctx.profile_name else ''}: {p.description}")
             for p in summaries]
    summary = (problem + " " if problem else "") + f"Answers here use {ctx.profile_source}: “{ctx.profile_name}”."
    return Answer(kind="show_profile", title="Requirement profiles", summary=summary, items=items,
                  items_title="Available", examples=["use profile critical-data-processor here"],
                  profile=ctx.profile_name, profile_source=ctx.profile_source)


def _list_vendors(intent: Intent, ctx: Context) -> Answer:
    found = vendors.list_vendors(db_session=ctx.db_session, limit=200)
    items = [Item(v.name + (f" (also: {', '.join(v.aliases)})" if v.aliases else "")) for v in found]
    shown = items[: ctx.max_items * 3]
    return Answer(kind="list_vendors", title="Vendors", summary=f"{len(found)} vendor{'s' if len(found) != 1 else ''}"
                  " on record." if found else "No vendors yet: share a SOC 2 report or ISO certificate with me.",
                  items=shown, more=len(items) - len(shown), examples=examples(ctx)[:2])


_HANDLERS: dict[str, Callable[[Intent, Context], Answer]] = {
    "help": _help,
    "cover": _cover,
    "soc2_current": _soc2_current,
    "iso_expiry": _iso_expiry,
    "expiring": _expiring,
    "exceptions": _exceptions,
    "crosswalk": _crosswalk,
    "replace": _replace,
    "set_profile": _set_profile,
    "show_profile": _show_profile,
    "unknown": _unknown,
}
