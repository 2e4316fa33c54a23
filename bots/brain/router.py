"""The answer to a question: recognise the intent, pick its handler, keep the conversation's thread.

Handlers live in ``handlers/``, one module per kind of question; this module maps an intent to one of them and is
imported by none of them (the console, Slack and the benchmark call ``respond``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from service.profiles import list_profile_summaries

from .handlers import (
    ai,
    assessment,
    currency,
    expiries,
    frameworks,
    guidance,
    inventory,
    profiles,
    report_facts,
    subservices,
)
from .intents import Intent, Thread, recognize
from .reply import Answer, Context, Section, Status

# intents that are about one vendor: asked about several, each vendor gets its own answer
_PER_VENDOR = frozenset({"auditor", "period", "opinion", "categories", "scope", "soc2_current", "iso_expiry", "cuecs",
                         "bridge", "type1", "documents", "what_to_ask", "coverage", "subservice", "ai", "exceptions"})
_DOUBLE_STOP = re.compile(r"\.\.(?=\s|$|\))")
_PROFILES: dict[int, tuple[str, ...]] = {}  # the profiles' names, per settings object


# Each intent's handler. ``_handler`` picks a few by the intent's slots first: several vendors (one answer each), a
# vendor named in a "replace" question, a "replace" question naming fewer than two frameworks.
HANDLERS: dict[str, Callable[[Intent, Context], Answer]] = {
    "help": guidance.show_help,
    "unknown": guidance.refuse,
    "cover": assessment.cover,
    "verdicts": assessment.verdicts,
    "compare": assessment.compare,
    "what_to_ask": assessment.what_to_ask,
    "soc2_current": currency.soc2_current,
    "iso_expiry": currency.iso_expiry,
    "type1": currency.type1,
    "bridge": currency.bridge,
    "expiring": expiries.expiring,
    "expired": expiries.expired,
    "coverage": expiries.coverage,
    "auditor": report_facts.auditor,
    "period": report_facts.period,
    "opinion": report_facts.opinion,
    "categories": report_facts.categories,
    "scope": report_facts.scope,
    "cuecs": report_facts.cuecs,
    "exceptions": report_facts.exceptions,
    "subservice": subservices.subservice,
    "fourth_parties": subservices.fourth_parties,
    "documents": inventory.documents_of,
    "list_vendors": inventory.list_vendors,
    "crosswalk": frameworks.crosswalk,
    "replace": frameworks.replace_framework,
    "one_evidence": frameworks.one_evidence,
    "ai": ai.ai,
    "set_profile": profiles.set_profile,
    "show_profile": profiles.show_profile,
}


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


def _handler(intent: Intent) -> Callable[[Intent, Context], Answer]:
    if intent.kind in _PER_VENDOR and len(set(intent.vendor_ids)) > 1:
        return _per_vendor

    if intent.kind == "replace" and intent.vendors:
        return frameworks.replace_for_vendor
    if intent.kind == "one_evidence" or (intent.kind == "replace" and len(intent.frameworks) < 2):
        return frameworks.one_evidence if intent.kind == "one_evidence" else frameworks.replace_default
    return HANDLERS.get(intent.kind) or guidance.refuse


def _per_vendor(intent: Intent, ctx: Context) -> Answer:
    """One fact about several vendors ("who certified Sablewood and Corvane?"): the answer for each, in turn."""
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
    """The profiles a question may name ("... under critical-data-processor"), read once per settings."""
    cached = _PROFILES.get(id(ctx.settings))
    if cached is None:
        try:
            cached = tuple(p.name for p in list_profile_summaries(settings=ctx.settings))
        except Exception:  # noqa: BLE001 - a broken profile file must not stop the bot from answering
            cached = ()
        _PROFILES[id(ctx.settings)] = cached
    return cached


def _known_profile(ctx: Context, name: str) -> bool:
    return name in _profile_names(ctx)
