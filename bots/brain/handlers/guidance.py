"""What the bot can do, shown as example questions: help, the examples under an answer, and the honest refusal of
a question it cannot place (what it understood, and the closest questions it can answer)."""

from __future__ import annotations

from ..intents import Intent
from ..reply import Answer, Context

# The help's examples, with a real vendor's short name for {v}.
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
# One example question per intent: the refusal offers the closest ones, "which vendor?" the one for its intent.
EXAMPLE_BY_KIND = {
    "cover": "does {v} cover us?",
    "soc2_current": "is {v}'s SOC 2 current?",
    "iso_expiry": "when does {v}'s ISO certificate expire?",
    "auditor": "who audited {v}?",
    "period": "what period does {v}'s SOC 2 cover?",
    "opinion": "which vendors have a qualified opinion?",
    "categories": "which trust services categories does {v}'s report cover?",
    "scope": "what is in scope of {v}'s report?",
    "subservice": "what are {v}'s carve-outs?",
    "fourth_parties": "who depends on AWS?",
    "cuecs": "what are {v}'s CUECs?",
    "exceptions": "which vendors have exceptions in CC6?",
    "expiring": "what's expiring next quarter?",
    "expired": "what has expired?",
    "ai": "which vendors use AI, and is it covered?",
    "type1": "which vendors only have a Type 1 report?",
    "bridge": "which vendors have bridge letters?",
    "verdicts": "which vendors don't meet our requirements?",
    "compare": "compare {v} and {v2}",
    "crosswalk": "what does A.8.28 map to in SOC 2?",
    "replace": "does {v}'s ISO 27001 stand in for a SOC 2?",
    "what_to_ask": "what should we ask {v} for?",
    "one_evidence": "can one evidence base serve both SOC 2 and ISO 27001?",
    "coverage": "does {v} cover our FY2026 audit?",
    "documents": "what documents do we have for {v}?",
    "set_profile": "use profile critical-data-processor here",
    "show_profile": "which profile?",
    "list_vendors": "how many vendors do we have?",
    "help": "help",
}


def examples(ctx: Context | None = None) -> list[str]:
    """Example questions, using a real vendor's short name when there is one."""
    name = "Acme"
    if ctx is not None:
        directory = ctx.vendors()
        if len(directory):
            first = sorted(directory.names.values())[0]
            name = first.split(",")[0].split()[0]
    return [e.format(v=name) for e in EXAMPLES]


def example(kind: str, ctx: Context, intent: Intent | None = None) -> str:
    """The example question for an intent, with the vendors the question named (else known ones) filled in."""
    names = [m.name.split(",")[0] for m in (intent.vendors if intent else []) if m.name]
    if not names:
        known = sorted(ctx.vendors().names.values())
        names = [n.split(",")[0] for n in known[:2]] or ["Acme"]
    v = names[0]
    v2 = names[1] if len(names) > 1 else next((n.split(",")[0] for n in sorted(ctx.vendors().names.values())
                                               if not n.startswith(v)), "Globex")
    return EXAMPLE_BY_KIND.get(kind, "help").format(v=v, v2=v2)


def show_help(intent: Intent, ctx: Context) -> Answer:
    """What the bot can do, as example questions, and which profile its answers use here."""
    return Answer(
        kind="help",
        title="What I can do",
        summary="Ask me about your vendors' assurance documents, or share a SOC 2 report, bridge letter or ISO "
        "certificate (PDF) with me and I will triage it in the thread.",
        examples=examples(ctx),
        notes=[f"Answers use {ctx.profile_source} ({ctx.profile_name}); change it with “use profile NAME here”."],
    )


def refuse(intent: Intent, ctx: Context) -> Answer:
    """Honest refusal: what I can't answer, and the closest questions I can."""
    kinds = [k for k in intent.alternatives if k not in ("unknown", "help")][:3]
    for k in ("cover", "expiring", "fourth_parties"):
        if len(kinds) >= 3:
            break
        if k not in kinds:
            kinds.append(k)
    return Answer(kind="unknown", title="I can't answer that yet",
                  summary=f"I can't answer “{intent.text}” yet. The closest questions I can answer:",
                  examples=[example(k, ctx, intent) for k in kinds[:3]])
