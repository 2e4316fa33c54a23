"""Requirement profiles: the buyer's own rules, as YAML, validated with errors that name the file and line.

A profile says which evidence is accepted (any one option is enough), which TSC criteria or Annex A controls are
required (checked through the crosswalk against the evidence at hand), and what to do with exceptions,
carve-outs, CUECs and AI coverage. The format is documented in docs/profiles.md; the bundled profiles are in
``knowledge/profiles``.

The types are in ``model``, reading YAML in ``parse``, finding profiles (bundled, a file, a folder) in ``load``.
"""

from .load import bundled_profile, bundled_profile_names, default_profile, list_profiles, load_profile, resolve_profile
from .model import (
    ISO_EXTENSIONS,
    OPINIONS,
    POLICIES,
    SOC2_TYPES,
    Accreditation,
    AIRequired,
    Iso27001Option,
    Option,
    Policy,
    Profile,
    ProfileError,
    Soc2Option,
    Soc3Option,
    policy,
)
from .parse import parse_profile

__all__ = [
    "ISO_EXTENSIONS",
    "OPINIONS",
    "POLICIES",
    "SOC2_TYPES",
    "AIRequired",
    "Accreditation",
    "Iso27001Option",
    "Option",
    "Policy",
    "Profile",
    "ProfileError",
    "Soc2Option",
    "Soc3Option",
    "bundled_profile",
    "bundled_profile_names",
    "default_profile",
    "list_profiles",
    "load_profile",
    "parse_profile",
    "policy",
    "resolve_profile",
]
