"""AI coverage: does the evidence reach the vendor's AI/ML systems?

A vendor that processes the buyer's data with AI should show it inside an assured scope: an ISO/IEC 42001
(AI management system) certificate, or a SOC 2 / ISO 27001 scope that names the models and pipelines.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.model import Extraction

from .iso_validity import parse_standard


@dataclass(frozen=True, slots=True)
class AIEvidence:
    document: str
    via: str  # "iso42001" | "scope"


def uses_ai(evidence: list[Extraction]) -> bool:
    """The documents themselves say the vendor builds or runs AI (any scope that reaches AI, or a 42001 cert)."""
    return any(x.fields.ai.covered or ai_certificate(x) for x in evidence)


def ai_certificate(x: Extraction) -> bool:
    return x.kind == "iso_certificate" and any(parse_standard(s.value).family == "42001" for s in x.fields.standards)


def ai_covered_by(x: Extraction) -> AIEvidence | None:
    """How one document covers AI, if it does."""
    if ai_certificate(x):
        return AIEvidence(x.file.name, "iso42001")
    if x.fields.ai.covered:
        return AIEvidence(x.file.name, "scope")
    return None
