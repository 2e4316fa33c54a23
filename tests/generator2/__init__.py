"""The second generator family: assurance documents in other firms' and bodies' layouts and wording.

Deliberately unlike tests/generator (its own parties, sentences, tables and artwork; only the low-level page
rendering and the contract bookkeeping are shared), so that it tells whether the extractor's rules generalize.
Each builder is deterministic in its seed and returns ``(pdf_bytes, expected)`` in the contract's shape plus an
``x-generator`` key describing the variant, exactly as the first family does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tests.generator import scan

from . import certs, letters, soc

Built = tuple[bytes, dict[str, Any]]
Builder = Callable[[int], Built]


def _soc(kind: str) -> Builder:
    def b(seed: int) -> Built:
        return soc.build(kind, seed)

    b.__name__ = kind
    return b


def _cert(variant: str, local: bool = False) -> Builder:
    def b(seed: int) -> Built:
        return certs.build(variant, seed, local=local)

    b.__name__ = f"iso_{variant}{'_local' if local else ''}"
    return b


BUILDERS: dict[str, Builder] = {
    # The firm's house style turns with the seed: seed % 3 == 0 Big Four, 1 national, 2 low-cost template.
    "soc2_type2": _soc("soc2_type2"),
    "soc2_type1": _soc("soc2_type1"),
    "soc3": _soc("soc3"),
    "attestation_letter": letters.attestation,  # even seeds Type 2, odd seeds Type 1
    "bridge_letter": letters.bridge,
    "soc2_certificate": letters.soc2_certificate,
    "lead_auditor_certificate": letters.lead_auditor_certificate,  # a person's training certificate
    "hitrust_letter": letters.hitrust_letter,
    "iso_27001_2022": _cert("27001"),
    "iso_42001": _cert("42001"),
    "iso_27001_27701": _cert("27701"),
    "iso_27001_local": _cert("27001", local=True),  # German, French or Spanish labels
    "scan_iso_27001_2022": scan.scanned_builder(_cert("27001")),
}

# What a builder's documents are checked on. Reports, certificates and bridge letters: every field of the contract.
# Attestation letters are not reports: what they are, whose, by whom, when, and that nothing a report states
# (opinion, exceptions, CUECs, carve-outs) is made up for them. A certification body's "SOC 2 certificate": what it
# is and whose it is (the first family leaves its issuer and dates unscored too).
LETTER_FIELDS = ("kind", "vendor", "issuer", "report_date", "period_start", "period_end", "opinion",
                 "certificate_number", "issue_date", "expiry_date", "subservice_organizations", "cuecs", "exceptions",
                 "warnings")
PSEUDO_FIELDS = ("kind", "vendor", "opinion", "period_start", "period_end", "subservice_organizations", "cuecs",
                 "exceptions", "warnings")
# Not assurance over an organization at all (a person's training certificate, a HITRUST letter): what it is, whose,
# and that no certificate or report dates, opinion or findings are made up for it.
OTHER_FIELDS = ("kind", "vendor", "issue_date", "expiry_date", "original_issue_date", "period_start", "period_end",
                "opinion", "tsc_categories", "subservice_organizations", "cuecs", "exceptions")


def fields_for(builder: str) -> tuple[str, ...] | None:
    """The fields scored for ``builder``; None means all of the contract's."""
    if builder == "attestation_letter":
        return LETTER_FIELDS
    if builder == "soc2_certificate":
        return PSEUDO_FIELDS
    if builder in ("lead_auditor_certificate", "hitrust_letter"):
        return OTHER_FIELDS
    return None


def build_from(builders: Mapping[str, Builder], name: str, seed: int, family: int | None = None) -> Built:
    """The document ``name`` (a key of ``builders``) for ``seed``; the later families stamp their number on it."""
    try:
        builder = builders[name]
    except KeyError:
        raise ValueError(f"unknown builder {name!r}; choose from {', '.join(sorted(builders))}") from None
    pdf, expected = builder(seed)
    if family is not None:
        expected["x-generator"]["family"] = family
    return pdf, expected


def build(name: str, seed: int) -> Built:
    """The document ``name`` (a key of BUILDERS) for ``seed``."""
    return build_from(BUILDERS, name, seed)
