"""What a reviewer must be told about a document, judged against a given day.

Everything that depends on the date takes ``today`` as an argument: the pipeline passes ``date.today()`` once, at
extraction time, and tests pass a fixed day.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import TRUST_SERVICES_KINDS, Fields, Kind
from .org_names import LEGAL_SUFFIX, ORG_PROSE_RE, clean_org

ISO27001_2013_TRANSITION_END = date(2025, 10, 31)


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) - (1 if later.day < earlier.day else 0)


def _squash(name: str) -> str:
    """A name without its legal suffix, case, spaces or punctuation: "Media Worx LLP" and "MEDIAWORX" agree."""
    name = re.sub(rf"[, ]+{LEGAL_SUFFIX}$", "", name.strip().rstrip("."))
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _other_organizations(scope: str, fields: Fields) -> list[str]:
    """Legal-entity names in a certificate's scope that are neither the certified organization nor the issuer."""
    own = [_squash(f.value) for f in (fields.vendor, fields.issuer) if f is not None]
    found = []
    for m in ORG_PROSE_RE.finditer(scope):
        name = clean_org(m.group(0))
        key = _squash(name)
        if key and not any(o and (o in key or key in o) for o in own) and name not in found:
            found.append(name)
    return found


def warnings_for(kind: Kind, fields: Fields, today: date) -> list[str]:
    out: list[str] = []
    standards = {s.value for s in fields.standards}
    if "ISO/IEC 27001:2013" in standards:
        out.append(
            "ISO/IEC 27001:2013 certificate: the transition to ISO/IEC 27001:2022 ended on 31 October 2025, "
            "so a 2013-edition certificate is no longer valid after that date."
        )
    if fields.expiry_date is not None:
        expiry = date.fromisoformat(fields.expiry_date.value)
        if expiry < today:
            out.append(f"Certificate expired on {expiry.isoformat()}.")
    if fields.opinion is not None and fields.opinion.value in ("qualified", "adverse", "disclaimer"):
        label = {"qualified": "a qualified", "adverse": "an adverse", "disclaimer": "a disclaimer of"}[
            fields.opinion.value
        ]
        out.append(f"The service auditor issued {label} opinion (page {fields.opinion.page}).")
    if kind in TRUST_SERVICES_KINDS and fields.period_end is not None:
        end = date.fromisoformat(fields.period_end.value)
        if _months_between(end, today) >= 12 and end < today:
            out.append(
                f"The report's period ended on {end.isoformat()}, more than 12 months ago: ask for a newer report."
            )
    if kind == "bridge_letter" and fields.period_end is not None:
        end = date.fromisoformat(fields.period_end.value)
        if _months_between(end, today) >= 3 and end < today:
            out.append(f"The bridge letter covers only to {end.isoformat()}: ask for a newer report or letter.")
    for sub in fields.subservice_organizations:
        if sub.method == "carve-out":
            out.append(
                f"Subservice organization {sub.value} is carved out: its controls were not tested; "
                "review its own assurance report."
            )
    if kind == "iso_certificate" and fields.scope is not None and fields.vendor is not None:
        for other in _other_organizations(fields.scope.value, fields):
            out.append(
                f"The certificate's scope names {other}, not the certified organization {fields.vendor.value}: "
                "check that the certificate is genuine and really covers this vendor."
            )
    if kind == "soc1":
        out.append(
            "SOC 1 report, not a SOC 2: it covers controls relevant to user entities' internal control over "
            "financial reporting (ICFR), not the Trust Services Criteria (security, availability, confidentiality "
            "...); ask for a SOC 2 report for those."
        )
    if kind == "soc2_type1":
        out.append(
            "Type 1 report only: it covers the design of controls at a point in time, not their operating "
            "effectiveness over a period."
        )
    return out
