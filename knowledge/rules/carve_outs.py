"""Subservice organizations under the carve-out method: their controls are outside the report.

A carved-out hosting or infrastructure provider matters most: the vendor's data sits on systems the report
says nothing about, so the buyer needs that provider's own report.
"""

from __future__ import annotations

import re

_HOSTING = re.compile(
    r"\b(host(?:ing|ed)?|cloud infrastructure|infrastructure[- ]as[- ]a[- ]service|iaas|data ?cent(?:er|re)s?|"
    r"colocation|co-location|server|compute|storage|platform[- ]as[- ]a[- ]service|paas|"
    r"amazon web services|aws|microsoft azure|azure|google cloud|gcp)\b",
    re.IGNORECASE,
)


def is_hosting_provider(name: str, context: str | None = None) -> bool:
    """True when the organization's name or the sentence describing its service reads as hosting/infrastructure."""
    return bool(_HOSTING.search(name) or (context and _HOSTING.search(_sentence_about(name, context))))


def _sentence_about(name: str, context: str) -> str:
    """Only what the quote says about this organization, so a neighbour's role is not attributed to it.

    "X and Y ... to provide data center colocation and email delivery, respectively" pairs roles by order, which
    cannot be split reliably, so such a quote is not used and the name alone decides.
    """
    if "respectively" in context.lower():
        return ""
    return context
