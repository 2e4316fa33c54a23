"""The fourth generator family: SOC report structures and letters the first three never printed.

Written before any fix for it and scored separately (``python -m tests.generator4.score``). Reuses the third
family's vocabulary (tests/generator3/words.py), controls and CUECs, the first family's page rendering and the second
family's bookkeeping (``Expect2``) and scorer. Each builder is deterministic in its seed.
"""

from __future__ import annotations

from tests.generator2 import Builder, Built, build_from

from . import soc


def _report(kind: str, wave2: bool = False) -> Builder:
    def b(seed: int) -> Built:
        return soc.report(kind, seed, wave2=wave2)

    b.__name__ = f"{kind}{'_wave2' if wave2 else ''}"
    return b


BUILDERS: dict[str, Builder] = {
    "soc2_type2": _report("soc2_type2"),  # Section I-V / 1.-5., Section V "Other Information", HIPAA / CSA STAR
    "soc2_type1": _report("soc2_type1"),
    "soc1": soc.soc1,
    "soc3": soc.soc3,  # one-page description of the boundaries; old-style "Report of Independent Accountants"
    "bridge_letter": soc.bridge,  # "To Our Valued Customers", periods in a table
    "readiness_letter": soc.readiness,  # no examination: unknown
    "marketing_page": soc.marketing,  # "SOC 2 compliant" one-pager: unknown
    # Written after the fixes the builders above led to, and measured before any fix for them: a qualified opinion
    # split after "In our opinion,", CUECs beside the criterion's wording or numbered, Section V's responses as a table.
    "soc2_type2_wave2": _report("soc2_type2", wave2=True),
    "soc2_type1_wave2": _report("soc2_type1", wave2=True),
}

# A SOC 1 report: what it is, whose, by whom, when and its opinion; no Trust Services categories or criteria.
SOC1_FIELDS = ("kind", "vendor", "issuer", "report_date", "period_start", "period_end", "opinion", "tsc_categories",
               "exceptions")
# No report at all: what it is, and that nothing a report states is made up for it.
NOT_REPORT_FIELDS = ("kind", "issuer", "report_date", "period_start", "period_end", "opinion", "tsc_categories",
                     "subservice_organizations", "cuecs", "exceptions")


def fields_for(builder: str) -> tuple[str, ...] | None:
    """The fields scored for ``builder``; None means all of the contract's."""
    if builder == "soc1":
        return SOC1_FIELDS
    if builder in ("readiness_letter", "marketing_page"):
        return NOT_REPORT_FIELDS
    return None


def build(name: str, seed: int) -> Built:
    """The document ``name`` (a key of BUILDERS) for ``seed``."""
    return build_from(BUILDERS, name, seed, family=4)
