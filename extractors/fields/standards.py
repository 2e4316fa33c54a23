"""Standards the document certifies or examines against, normalized with their edition.

ISO/IEC management-system standards are read as printed ("ISO/IEC 27018:2014" stays 2014). Standards a certificate
only "aligns with", and the accreditation standards a certification body itself works under (ISO/IEC 17021-1,
27006), are not what the organization is certified to and are left out. A SOC report examined against the 2017
Trust Services Criteria gives 'AICPA TSC 2017'.
"""

from __future__ import annotations

import re

from ..model import TRUST_SERVICES_KINDS, Found, Kind
from ..patterns import lazy
from .text import DocText, fold

_ISO = lazy(
    r"\bISO\s*/?\s*(?:IEC\s*)?(?P<num>27001|27017|27018|27701|42001|9001|14001|22301|20000-1|27799)"
    r"(?:\s*[:\-]\s*(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
# A European adoption ("DIN EN ISO/IEC 27001:2024", "UNE-EN ISO/IEC 27001:2023", "NEN-EN-ISO/IEC 27001:2023")
# prints the year CEN adopted the standard, not the ISO edition it adopts: (first, last adoption year, ISO edition).
# An adoption year outside these is read without an edition.
_EN_ADOPTION = lazy(r"\bEN[\s-]*$")
_EN_EDITIONS: dict[str, tuple[tuple[int, int, str], ...]] = {
    "27001": ((2017, 2022, "2013"), (2023, 2026, "2022")),
    "27701": ((2021, 2024, "2019"),),
    "42001": ((2023, 2026, "2023"),),
}
_ALIGNED = lazy(r"(?:aligned|in\s+line|consistent)\s+with\s*$|guidance\s+(?:of|from)\s*$", re.IGNORECASE)
# Most specific wording first: the quote should be the criteria's full name where the report prints it.
_TSC_2017 = [
    lazy(
        r"2017\s+Trust\s+Services\s+Criteria\s+for\s+Security,\s+Availability,\s+Processing\s+Integrity,\s+"
        r"Confidentiality,\s+and\s+Privacy",
        re.IGNORECASE,
    ),
    lazy(r"2017\s+Trust\s+Services\s+Criteria|Trust\s+Services\s+Criteria\s+\(?2017\)?", re.IGNORECASE),
    # The criteria's own title: the 2016 edition was "Trust Services Principles and Criteria".
    lazy(
        r"Trust\s+Services\s+Criteria\s+for\s+Security,\s+Availability,\s+Processing\s+Integrity,\s+"
        r"Confidentiality,\s+and\s+Privacy(?:\s+\(2017\))?",
        re.IGNORECASE,
    ),
    lazy(r"TSP\s+(?:section\s+)?100,?\s+2017|TSC\s+2017", re.IGNORECASE),
]
_TSP_2016 = lazy(r"2016\s+edition\s+of\s+TSP\s+section\s+100A|TSP\s+(?:section\s+)?100A", re.IGNORECASE)


def read_standards(text: DocText, kind: Kind) -> list[Found[str]]:
    out: list[Found[str]] = []
    seen: set[str] = set()
    pages = text.text_pages()
    if kind == "iso_certificate":
        for n in pages[:3]:
            page = text.page_text[n]
            for m in _ISO.finditer(page):
                if (
                    _ALIGNED.search(page[max(0, m.start() - 40) : m.start()])
                    or re.search(r"\s(?:and|,)\s*$", page[max(0, m.start() - 6) : m.start()])
                    and _ALIGNED.search(page[max(0, m.start() - 80) : m.start() - 4].rsplit("ISO", 1)[0])
                ):
                    continue
                year, start = m["year"], m.start()
                adoption = _EN_ADOPTION.search(page, max(0, start - 8), start)
                if year and adoption:
                    spans = _EN_EDITIONS.get(m["num"], ())
                    year = next((ed for first, last, ed in spans if first <= int(year) <= last), None)
                    start = adoption.start()
                value = f"ISO/IEC {m['num']}:{year}" if year else f"ISO/IEC {m['num']}"
                if not m["year"] and any(v.startswith(value + ":") for v in seen):
                    continue
                if value not in seen:
                    seen.add(value)
                    out.append(Found(value, n, fold(page[start : m.end()])))
        # Drop a bare "ISO/IEC 27001" when the edition was printed elsewhere.
        return [f for f in out if ":" in f.value or not any(o.value.startswith(f.value + ":") for o in out)]
    if kind in TRUST_SERVICES_KINDS:
        for pattern in _TSC_2017:
            for n in pages[:15]:
                hit = pattern.search(text.page_text[n])
                if hit:
                    return [Found("AICPA TSC 2017", n, fold(hit.group(0)))]
        for n in pages[:15]:
            hit = _TSP_2016.search(text.page_text[n])
            if hit:
                return [Found("AICPA TSP 2016", n, fold(hit.group(0)))]
    return out
