"""The service auditor's opinion: only an unqualified ('unmodified') opinion says the controls were as described."""

from __future__ import annotations

from typing import Literal

OpinionJudgement = Literal["accepted", "modified", "missing"]

PLAIN = {
    "unqualified": "an unqualified (clean) opinion",
    "qualified": "a qualified opinion: the auditor found a material exception to the description or the controls",
    "adverse": "an adverse opinion: the auditor found the controls were not suitably designed or did not operate",
    "disclaimer": "a disclaimer of opinion: the auditor could not obtain enough evidence to give one",
}


def judge_opinion(opinion: str | None, accepted: tuple[str, ...] = ("unqualified",)) -> OpinionJudgement:
    if opinion is None or opinion not in PLAIN:
        return "missing"
    return "accepted" if opinion in accepted else "modified"
