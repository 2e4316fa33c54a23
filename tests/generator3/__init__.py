"""The third generator family: held out, scored separately, never tuned against.

Certificates of bodies and in languages and layouts the first two families never printed (DNV, TÜV SÜD / Rheinland,
Bureau Veritas, SGS, LRQA, NQA, Intertek, BSI, Kiwa, AENOR, IMQ, Schellman, A-LIGN, Coalfire; German, French,
Spanish, Italian, Dutch and Japanese-English; landscape pages, annexes listing sites, several standards on one
certificate, ISO/IEC 42001), SOC 2 and SOC 3 reports in other wording (Type 1 "as of", qualified and adverse
opinions, subservice organizations in a table with their method, "User Entity Responsibilities" / "Complementary
Customer Controls") and management's gap letters. Shares only the page rendering (tests/generator/render.py), the
second family's artwork and bookkeeping (``Expect2``) and its scorer. Each builder is deterministic in its seed and
returns ``(pdf_bytes, expected)`` in the contract's shape plus an ``x-generator`` key describing the variant.
"""

from __future__ import annotations

from tests.generator import scan
from tests.generator2 import Builder, Built, build_from

from . import certs, soc, wave3


def _cert(variant: str, wave2: bool = False) -> Builder:
    def b(seed: int) -> Built:
        return certs.build(variant, seed, wave2=wave2)

    b.__name__ = f"iso_{variant}{'_wave2' if wave2 else ''}"
    return b


def _soc(kind: str) -> Builder:
    def b(seed: int) -> Built:
        return soc.build(kind, seed)

    b.__name__ = kind
    return b


BUILDERS: dict[str, Builder] = {
    "iso_27001": _cert("27001"),
    "iso_multi": _cert("multi"),  # 27001 with 27701 + 27017, or 27017 + 27018
    "iso_42001": _cert("42001"),
    "soc2_type2": _soc("soc2_type2"),
    "soc2_type1": _soc("soc2_type1"),
    "soc3": _soc("soc3"),
    "gap_letter": soc.gap_letter,
    # Written after the fixes the builders above led to, and measured before any fix for them.
    "iso_wave2": _cert("multi", wave2=True),
    "scan_iso_27001": scan.scanned_builder(_cert("27001")),  # printed and scanned: read by OCR
    # The third wave (tests/generator3/wave3.py): written after the second wave's fixes, measured before any fix
    # for it. A table of standards and scopes per site, a bilingual certificate with the English below, validity
    # "three years from the date above", expiry "until the next recertification audit, at the latest ...".
    "iso_wave3": wave3.build,
    "scan_iso_wave3": scan.scanned_builder(wave3.build),
}


def fields_for(builder: str) -> tuple[str, ...] | None:
    """Every builder is scored on every field of the contract."""
    return None


def build(name: str, seed: int) -> Built:
    """The document ``name`` (a key of BUILDERS) for ``seed``."""
    return build_from(BUILDERS, name, seed, family=3)
