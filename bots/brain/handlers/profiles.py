"""The requirement profile answers are judged against: show the profiles, bind one to this conversation."""

from __future__ import annotations

from service import profiles

from ..intents import Intent
from ..reply import Answer, Context, Item


def set_profile(intent: Intent, ctx: Context) -> Answer:
    """Bind a profile to this conversation (a Slack channel, the console); an unknown name lists the profiles."""
    name = intent.profile or ""
    try:
        prof = profiles.get_profile(settings=ctx.settings, name=name)
    except profiles.ProfileNotFound:
        return show_profile(intent, ctx, problem=f"There is no profile called “{name}”.")
    if ctx.bind_profile is None:
        return Answer(kind="set_profile", title="Profile", summary="Profiles cannot be changed here.")
    ctx.bind_profile(prof.name)
    ctx.profile = prof.name
    return Answer(kind="set_profile", title="Profile set", status="good",
                  summary=f"From now on answers here use the “{prof.name}” profile.",
                  notes=[prof.description or ""], profile=prof.name,
                  profile_source=ctx.profile_source)


def show_profile(intent: Intent, ctx: Context, problem: str | None = None) -> Answer:
    """The profiles available and the one answers here use (and where it comes from)."""
    summaries = profiles.list_profile_summaries(settings=ctx.settings)
    items = [Item(f"{p.name}{' (in use here)' if p.name == ctx.profile_name else ''}: {p.description}")
             for p in summaries]
    summary = (problem + " " if problem else "") + f"Answers here use {ctx.profile_source}: “{ctx.profile_name}”."
    return Answer(kind="show_profile", title="Requirement profiles", summary=summary, items=items,
                  items_title="Available", examples=["use profile critical-data-processor here"],
                  profile=ctx.profile_name, profile_source=ctx.profile_source)
