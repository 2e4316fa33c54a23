"""Frameworks and judgment: catalogues, crosswalk, validity rules, requirement profiles, assessment.

Pure: data files shipped with the package and functions over them; no database, no network. The public surface
below is what the service, the alerts and the bot build on.

Assess a vendor::

    from knowledge import assess, resolve_profile
    result = assess(extractions, resolve_profile("default"), date.today())
    result.verdict   # "meets" | "meets_with_findings" | "does_not_meet" | "insufficient_evidence"
    result.findings  # [Finding(severity, code, reason, evidence=(Citation(document, page, quote),), absence)]

Validity rules for alerts (each pure, dates in, a small result out): ``certificate_expiry`` (expiry thresholds),
``soc_freshness`` (report period older than N months), ``bridge_letter_status`` (lapsed letters),
``edition_2013_status`` (27001:2013 void after 31 October 2025), ``surveillance_due`` (annual audits).

The loaders are exported as ``load_catalogues`` / ``load_crosswalk`` so that ``knowledge.catalogues`` and
``knowledge.crosswalk`` stay the modules.
"""

from .assess import assess
from .catalogues import CatalogueError, Catalogues
from .catalogues import catalogues as load_catalogues
from .crosswalk import Crosswalk, Delta, Link, controls_for, criteria_for, delta
from .crosswalk import crosswalk as load_crosswalk
from .findings import VERDICTS, Assessment, Citation, Finding, OptionResult, Severity, Verdict
from .preload import preload
from .profiles import (
    Profile,
    ProfileError,
    bundled_profile,
    bundled_profile_names,
    default_profile,
    list_profiles,
    load_profile,
    parse_profile,
    resolve_profile,
)
from .rules import (
    TRANSITION_END_2013,
    BridgeStatus,
    ExpiryStatus,
    Freshness,
    Surveillance,
    bridge_letter_status,
    certificate_expiry,
    check_accreditation,
    edition_2013_status,
    soc_freshness,
    surveillance_due,
)

__all__ = [
    "preload",
    "TRANSITION_END_2013",
    "VERDICTS",
    "Assessment",
    "BridgeStatus",
    "CatalogueError",
    "Catalogues",
    "Citation",
    "Crosswalk",
    "Delta",
    "ExpiryStatus",
    "Finding",
    "Freshness",
    "Link",
    "OptionResult",
    "Profile",
    "ProfileError",
    "Severity",
    "Surveillance",
    "Verdict",
    "assess",
    "bridge_letter_status",
    "bundled_profile",
    "bundled_profile_names",
    "certificate_expiry",
    "check_accreditation",
    "controls_for",
    "criteria_for",
    "default_profile",
    "delta",
    "edition_2013_status",
    "list_profiles",
    "load_catalogues",
    "load_crosswalk",
    "load_profile",
    "parse_profile",
    "resolve_profile",
    "soc_freshness",
    "surveillance_due",
]
