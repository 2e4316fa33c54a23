"""Generated assurance documents with their expected extraction, for tests and the benchmark.

Each builder is deterministic in its seed and returns ``(pdf_bytes, expected)``, where ``expected`` is the
contract's JSON (value + page + quote for what the document states; null or empty for what it does not)
plus an ``x-generator`` key describing the variant. ``build(name, seed)`` picks a builder by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import bridge, iso, iso_local, negatives, scan, soc, soc1

Built = tuple[bytes, dict[str, Any]]
Builder = Callable[[int], Built]


def _soc(kind: str) -> Builder:
    def b(seed: int) -> Built:
        return soc.build(kind, seed)

    b.__name__ = kind
    return b


def _iso_local(lang: str) -> Builder:
    def b(seed: int) -> Built:
        return iso_local.build(lang, seed)

    b.__name__ = f"iso_27001_{lang}"
    return b


def _iso(variant: str) -> Builder:
    def b(seed: int) -> Built:
        return iso.build(variant, seed)

    b.__name__ = f"iso_{variant}"
    return b


BUILDERS: dict[str, Builder] = {
    "soc2_type2": _soc("soc2_type2"),
    "soc2_type1": _soc("soc2_type1"),
    "soc3": _soc("soc3"),
    "soc2_type2_columns": lambda seed: soc.build("soc2_type2", seed, interleaved=True),
    "soc1_type2": soc1.build,
    "bridge_letter": bridge.build,
    **{f"iso_{v}": _iso(v) for v in iso.VARIANTS},
    # ISO/IEC 27001:2022 certificates in German, French, Spanish, Italian, Dutch and Portuguese, monolingual or
    # bilingual (slashed labels, or an English translation on the next page).
    **{f"iso_27001_{lang}": _iso_local(lang) for lang in iso_local.LANGUAGES},
    "pentest_letter": negatives.pentest,
    "whitepaper": negatives.whitepaper,
    "soc2_certificate": negatives.soc2_certificate,
    "iso_readiness_letter": negatives.iso_readiness_letter,
    "soc2_readiness_letter": negatives.soc2_readiness_letter,
    # Scans (image-only pages): read by OCR.
    "scan_iso_27001_2022": scan.scanned_builder(_iso("27001_2022")),
    "scan_bridge_letter": scan.scanned_builder(bridge.build),
}


def build(name: str, seed: int) -> Built:
    """The document ``name`` (a key of BUILDERS) for ``seed``."""
    try:
        builder = BUILDERS[name]
    except KeyError:
        raise ValueError(f"unknown builder {name!r}; choose from {', '.join(sorted(BUILDERS))}") from None
    return builder(seed)
