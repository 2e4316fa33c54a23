"""Requirement profiles, the types: what a profile says (accepted evidence options, required criteria and controls,
and the policy for exceptions, carve-outs, CUECs, red flags and AI coverage). Reading one from YAML is ``parse``;
finding one (bundled, a file, a folder) is ``load``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, cast

Policy = Literal["fail", "finding", "note", "ignore"]
POLICIES: tuple[Policy, ...] = ("fail", "finding", "note", "ignore")
AIRequired = Literal["never", "if_vendor_uses_ai", "always"]
Accreditation = Literal["iaf_mla", "any", "none"]
SOC2_TYPES = ("type1", "type2")
OPINIONS = ("unqualified", "qualified", "adverse", "disclaimer")
ISO_EXTENSIONS = ("27017", "27018", "27701")


class ProfileError(ValueError):
    """A profile that cannot be used; ``str()`` reads 'file:line: what is wrong'."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Soc2Option:
    """A SOC 2 report is accepted when it is of an accepted type, opinion and age, and covers the categories."""

    types: tuple[str, ...] = ("type2",)
    categories: tuple[str, ...] = ("security",)
    opinions: tuple[str, ...] = ("unqualified",)
    max_age_months: int = 12
    bridge_letter_months: int = 3
    kind: Literal["soc2"] = "soc2"

    def label(self) -> str:
        types = " or ".join(f"Type {t[-1]}" for t in self.types)
        return f"SOC 2 {types} ({', '.join(self.categories)}; {'/'.join(self.opinions)}; period ended within "\
               f"{self.max_age_months} months)"


@dataclass(frozen=True, slots=True)
class Soc3Option:
    """A SOC 3 report: the general-use summary, without the detail (no control tests, no exceptions)."""

    categories: tuple[str, ...] = ("security",)
    opinions: tuple[str, ...] = ("unqualified",)
    max_age_months: int = 12
    kind: Literal["soc3"] = "soc3"

    def label(self) -> str:
        return f"SOC 3 ({', '.join(self.categories)}; period ended within {self.max_age_months} months)"


@dataclass(frozen=True, slots=True)
class Iso27001Option:
    """An ISO/IEC 27001 certificate of an accepted edition, in date, from an accepted accreditation regime."""

    editions: tuple[str, ...] = ("2022",)
    accreditation: Accreditation = "iaf_mla"
    scope_names_service: bool = False
    extensions: tuple[str, ...] = ()
    expiry_warning_days: int = 90
    kind: Literal["iso27001"] = "iso27001"

    def label(self) -> str:
        ext = f" + {', '.join('ISO/IEC ' + e for e in self.extensions)}" if self.extensions else ""
        return f"ISO/IEC 27001:{'/'.join(self.editions)}{ext} certificate (valid, accreditation: {self.accreditation})"


Option = Soc2Option | Soc3Option | Iso27001Option


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    description: str = ""
    accept: tuple[Option, ...] = (Soc2Option(), Iso27001Option())
    required_criteria: tuple[str, ...] = ()
    required_controls: tuple[str, ...] = ()
    exceptions_in_required: Policy = "finding"
    exceptions_other: Policy = "note"
    carve_out_hosting: Policy = "finding"
    carve_out_other: Policy = "note"
    cuecs_acknowledged: tuple[str, ...] = ()
    cuecs_unacknowledged: Policy = "note"
    cuecs_unowned: Policy = "finding"
    red_flags: Policy = "finding"
    ai_required: AIRequired = "if_vendor_uses_ai"
    ai_missing: Policy = "finding"
    source: str = field(default="<built in>", compare=False)

    @property
    def soc_max_age_months(self) -> int | None:
        """How old a SOC report may be: the strictest ``max_age_months`` of the SOC 2 / SOC 3 options, or None when
        the profile accepts no SOC report (the alerts and the portfolio's next date then use their own setting)."""
        months = [o.max_age_months for o in self.accept if isinstance(o, Soc2Option | Soc3Option)]
        return min(months) if months else None


# --- YAML with line numbers -------------------------------------------------------------------------------------


def policy(value: str) -> Policy:
    if value not in POLICIES:
        raise ValueError(f"unknown policy {value!r}")
    return cast(Policy, value)
