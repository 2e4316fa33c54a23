"""What an assessment says: a verdict and findings, each resting on cited evidence or on a named absence.

A reviewer must be able to check every claim, so a finding never stands alone: it cites the document, page and
quote it was read from, or says plainly what was looked for and not found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from extractors.model import Found

Verdict = Literal["meets", "meets_with_findings", "does_not_meet", "insufficient_evidence"]
VERDICTS: tuple[Verdict, ...] = ("meets", "meets_with_findings", "does_not_meet", "insufficient_evidence")

VERDICT_LABELS: dict[str, str] = {
    "meets": "Meets",
    "meets_with_findings": "Meets with findings",
    "does_not_meet": "Does not meet",
    "insufficient_evidence": "Insufficient evidence for",
}

Severity = Literal["critical", "high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low", "info")

# What a critical finding does to the verdict: the evidence shows a shortfall, or the evidence is not enough to tell.
Blocks = Literal["does_not_meet", "insufficient_evidence"]

# How an accepted-evidence option fared (``OptionResult.status``).
OptionStatus = Literal["satisfied", "failed", "unproven", "absent"]


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a finding was read: the document's file name, the 1-based page and the verbatim quote."""

    document: str
    page: int | None = None
    quote: str | None = None
    field: str | None = None

    @classmethod
    def of(cls, document: str, found: Found[Any] | None, field: str | None = None) -> Citation:
        if found is None:
            return cls(document, None, None, field)
        return cls(document, found.page, found.quote, field)

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "page": self.page, "quote": self.quote, "field": self.field}


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason in an assessment.

    ``blocks`` is set only on critical findings: it says whether the finding shows the vendor falls short
    (``does_not_meet``) or leaves the question open (``insufficient_evidence``). ``absence`` names what was looked
    for and not found when there is nothing to quote.
    """

    severity: Severity
    code: str
    reason: str
    evidence: tuple[Citation, ...] = ()
    absence: str | None = None
    blocks: Blocks | None = None
    option: str | None = None  # the accepted-evidence option (profile 'accept' entry) this finding belongs to

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "reason": self.reason,
            "evidence": [c.to_dict() for c in self.evidence],
            "absence": self.absence,
            "blocks": self.blocks,
            "option": self.option,
        }


@dataclass(frozen=True, slots=True)
class OptionResult:
    """How one accepted-evidence option of the profile fared: which document was tried and what it lacked."""

    option: str
    status: OptionStatus
    document: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"option": self.option, "status": self.status, "document": self.document}


@dataclass(slots=True)
class Assessment:
    verdict: Verdict
    findings: list[Finding] = field(default_factory=list)
    profile: str = ""
    as_of: str = ""
    vendor: str | None = None
    documents: list[str] = field(default_factory=list)
    options: list[OptionResult] = field(default_factory=list)
    relied_on: str | None = None  # the document whose option was satisfied

    def headline(self) -> str:
        """One line for a chat reply or a table: the verdict and the finding that decides it, with its page."""
        label = VERDICT_LABELS[self.verdict]
        top = next((f for f in self.findings if f.severity in ("critical", "high", "medium")), None)
        if top is None:
            basis = f" on {self.relied_on}" if self.relied_on else ""
            return f"{label} '{self.profile}'{basis}"
        cite = next((c for c in top.evidence if c.page), None)
        where = f" ({cite.document}, p. {cite.page})" if cite else ""
        return f"{label} '{self.profile}': {top.reason.split('. ')[0].rstrip('.')}{where}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "headline": self.headline(),
            "vendor": self.vendor,
            "profile": self.profile,
            "as_of": self.as_of,
            "relied_on": self.relied_on,
            "documents": list(self.documents),
            "options": [o.to_dict() for o in self.options],
            "findings": [f.to_dict() for f in self.findings],
        }


def severity_rank(severity: Severity) -> int:
    """0 for critical up to 4 for info, to sort the worst first."""
    return SEVERITIES.index(severity)
