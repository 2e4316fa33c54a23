"""Questions across a buyer's whole portfolio of vendors: pure functions over what the documents state.

- ``providers``: the company behind a subservice organization's printed name (fourth parties);
- ``coverage``: which days of the buyer's audit window the vendor's reports, bridge letters and certificates cover;
- ``controls``: the buyer's own controls (YAML) and which of them owns each CUEC a vendor relies on;
- ``fingerprint``: MinHash fingerprints of a report's text, to find reports shared at length between vendors.
"""

from .controls import Control, ControlsError, CuecOwner, load_controls, match_cuec, parse_controls
from .coverage import Coverage, Span, audit_window, spans_of
from .providers import known_provider, normalize_provider, provider_key

__all__ = [
    "Control",
    "ControlsError",
    "Coverage",
    "CuecOwner",
    "Span",
    "audit_window",
    "load_controls",
    "match_cuec",
    "known_provider",
    "normalize_provider",
    "parse_controls",
    "provider_key",
    "spans_of",
]
