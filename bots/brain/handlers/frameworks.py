"""Questions about the standards themselves, answered from the knowledge base: what an ISO control or a TSC
criterion maps to, whether one framework replaces the other (in general, or for a vendor on its evidence), and
whether one evidence base can serve both audits."""

from __future__ import annotations

from typing import Literal

from extractors.model import SOC2_KINDS
from knowledge import controls_for, criteria_for, delta, load_catalogues, load_crosswalk
from knowledge.crosswalk import resolve_iso_id

from ..intents import Intent
from ..reply import VERDICT_TEXT, Answer, Cite, Context, Item, Section, fmt_date
from .assessment import assessment_answer
from .guidance import examples, refuse
from .lookup import kind_label, one_vendor, summaries, vendor_name


def crosswalk(intent: Intent, ctx: Context) -> Answer:
    """What an ISO/IEC 27001 Annex A control or clause maps to in SOC 2, or a TSC criterion (or series) in ISO,
    with the relationship and its reason; an id that does not exist says so."""
    cat = load_catalogues()
    cw = load_crosswalk()
    items: list[Item] = []
    if intent.iso_control:
        iso_id = intent.iso_control
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


def replace_default(intent: Intent, ctx: Context) -> Answer:
    """A "does X replace Y" question naming fewer than two frameworks: the missing ones filled in
    (naming none, it asks whether ISO/IEC 27001 replaces SOC 2)."""
    fws = [f for f in intent.frameworks if f in _FW_NAME]
    intent.frameworks = fws + [f for f in ("iso27001", "soc2") if f not in fws]
    return replace_framework(intent, ctx)


def replace_framework(intent: Intent, ctx: Context) -> Answer:
    """Does one framework replace the other: no, and what the other adds (from the crosswalk's delta)."""
    fws = [f for f in intent.frameworks if f in _FW_NAME]
    if len(fws) < 2:
        return replace_default(intent, ctx)
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


def replace_for_vendor(intent: Intent, ctx: Context) -> Answer:
    """Does the vendor's ISO 27001 stand in for a SOC 2 for us: what it adds, what it lacks, on its evidence."""
    vendor_id, problem = one_vendor(intent, ctx)
    if vendor_id is None:
        return problem or refuse(intent, ctx)
    fws = [f for f in intent.frameworks if f in ("soc2", "iso27001")]
    pair = (fws[0], fws[1]) if len(fws) >= 2 else ("iso27001", "soc2")
    held: Literal["soc2", "iso27001"] = "soc2" if pair[0] == "soc2" else "iso27001"
    wanted: Literal["soc2", "iso27001"] = "iso27001" if held == "soc2" else "soc2"
    name = vendor_name(ctx, vendor_id)
    docs = summaries(ctx, vendor_id)
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
        sections.append(Section("Its SOC report on file", [Item(f"{kind_label(d)} to {fmt_date(d.period_end)}",
                                                               cites=[Cite(d.filename)]) for d in socs]))
    return Answer(kind="replace", title=f"{name}: {fw[held]} instead of {fw[wanted]}?", summary=summary,
                  status="warn", sections=sections, vendor_id=vendor_id, profile=result.profile)


def one_evidence(intent: Intent, ctx: Context) -> Answer:
    """Can one evidence base serve SOC 2 and ISO/IEC 27001: how much of each the crosswalk links, and what
    does not carry over."""
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
        docs = summaries(ctx, vid)
        has_soc = any(d.kind in SOC2_KINDS for d in docs)
        has_iso = any(d.kind == "iso_certificate" and "27001" in (d.standards or "") for d in docs)
        notes.append(f"{vendor_name(ctx, vid)} has {'a SOC 2 report' if has_soc else 'no SOC 2 report'} and "
                     f"{'an ISO/IEC 27001 certificate' if has_iso else 'no ISO/IEC 27001 certificate'} on file.")
    return Answer(kind="one_evidence", title="One evidence base for SOC 2 and ISO 27001?", summary=summary,
                  items=items, items_title="The gaps", notes=notes)
