"""What the bot says, as plain data (``Answer``) that Slack's Block Kit and the terminal both render, and who asks
(``Context``); with the wording every answer shares: kinds and verdicts in words, dates, counts and citations.

Every handler (``handlers/``), the router and the renderers import this module; it imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from extractors.model import KIND_LABELS, SOC_KINDS, Extraction, Found
from service.config import Settings
from service.documents.models import Document

from .intents import Thread
from .portfolio import Quote
from .vendors import VendorDirectory

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


def cite(document: str, found: Found[Any] | None) -> list[Cite]:
    """Where an extracted field was read (page and quote), or nothing when the field was not found."""
    if found is None:
        return []
    return [Cite(document, found.page, found.quote)]


def quote_cites(filename: str, q: Quote | None) -> list[Cite]:
    """A portfolio snapshot's quote as a citation; without one, the document still names the source."""
    return [Cite(filename, q.page, q.quote)] if q is not None else [Cite(filename)]


def fmt_date(value: date | datetime | str | None) -> str:
    """ISO dates everywhere (readers in many countries), "not stated" rather than a blank for a missing one."""
    if value is None:
        return "not stated"
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def in_days(day: date, today: date) -> str:
    """How far ``day`` is from today in words ("in 12 days", "3 days ago"), beside the date itself."""
    n = (day - today).days
    if n == 0:
        return "today"
    if n > 0:
        return f"in {n} day{'s' if n != 1 else ''}"
    return f"{-n} day{'s' if n != -1 else ''} ago"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` with the word in the number it takes ("1 vendor", "3 vendors"); ``many`` for irregular plurals."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def extraction_of(doc: Document) -> Extraction | None:
    """The stored extraction of a document as the typed result, or None for one not parsed (yet)."""
    return Extraction.from_dict(doc.extraction) if doc.extraction else None
