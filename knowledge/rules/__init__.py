"""Rules of validity: each a small, named, pure function over dates and extracted values."""

from .accreditation import AccreditationCheck, SignatoryList, check_accreditation, iaf_mla
from .ai_coverage import ai_covered_by, uses_ai
from .bridge_letters import BridgeStatus, bridge_letter_status
from .carve_outs import is_hosting_provider
from .cuecs import acknowledged_by
from .dates import add_months, parse_date
from .exceptions import exception_criteria, touches_required
from .iso_validity import (
    TRANSITION_END_2013,
    CycleStatus,
    EditionStatus,
    ExpiryStatus,
    Standard,
    Surveillance,
    certificate_expiry,
    cycle_length,
    edition_2013_status,
    is_extension,
    parse_standard,
    surveillance_due,
)
from .opinion import judge_opinion
from .soc_freshness import Freshness, soc_freshness

__all__ = [
    "TRANSITION_END_2013",
    "AccreditationCheck",
    "BridgeStatus",
    "CycleStatus",
    "EditionStatus",
    "ExpiryStatus",
    "Freshness",
    "SignatoryList",
    "Standard",
    "Surveillance",
    "acknowledged_by",
    "add_months",
    "ai_covered_by",
    "bridge_letter_status",
    "certificate_expiry",
    "check_accreditation",
    "cycle_length",
    "edition_2013_status",
    "exception_criteria",
    "iaf_mla",
    "is_extension",
    "is_hosting_provider",
    "judge_opinion",
    "parse_date",
    "parse_standard",
    "soc_freshness",
    "surveillance_due",
    "touches_required",
    "uses_ai",
]
