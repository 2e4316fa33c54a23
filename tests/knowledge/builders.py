"""Extractions built in code, so knowledge tests run on a fresh clone without ../shared or a PDF.

Each builder states a document as an extractor would report it, every value with a page and a quote.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from extractors.model import AICoverage, Cuec, ExceptionRow, Extraction, Fields, FileInfo, Found, Kind, Subservice


def found(value: str, page: int = 1, quote: str | None = None) -> Found[str]:
    return Found(value, page, quote if quote is not None else f"... {value} ...")


def _file(name: str) -> FileInfo:
    return FileInfo(name, hashlib.sha256(name.encode()).hexdigest(), 10, 1000)


def soc2(
    name: str = "acme-soc2.pdf",
    *,
    kind: Kind = "soc2_type2",
    vendor: str = "Acme Cloud, Inc.",
    period_start: str | None = "",
    period_end: str | None = "2026-06-30",
    opinion: str | None = "unqualified",
    categories: Sequence[str] = ("security",),
    exceptions: Sequence[ExceptionRow] = (),
    subservice: Sequence[Subservice] = (),
    cuecs: Sequence[Cuec] = (),
    ai: bool = False,
) -> Extraction:
    if period_start == "":  # not given: the year before the period end, as most Type 2 reports run
        period_start = _year_before(period_end) if period_end else "2025-07-01"
    f = Fields(
        vendor=found(vendor),
        issuer=found("Example Attest LLP", 5),
        standards=[found("AICPA TSC 2017", 5)],
        report_date=found(_after(period_end) if period_end and period_end > "2026-07-31" else "2026-08-15", 5),
        period_start=found(period_start) if period_start and kind != "soc2_type1" else None,
        period_end=found(period_end) if period_end else None,
        opinion=found(opinion, 5, "In our opinion, in all material respects,") if opinion else None,
        tsc_categories=[found(c, 4, f"relevant to {c.replace('_', ' ')}") for c in categories],
        scope=found("Acme Data Platform"),
        subservice_organizations=list(subservice),
        cuecs=list(cuecs),
        exceptions=list(exceptions),
        ai=AICoverage(ai, [found("the machine learning models are within the system boundaries", 3)] if ai else []),
    )
    return Extraction(_file(name), kind, f)


def _year_before(end: str) -> str:
    from datetime import date, timedelta

    day = date.fromisoformat(end) + timedelta(days=1)
    return day.replace(year=day.year - 1).isoformat() if (day.month, day.day) != (2, 29) else f"{day.year - 1}-03-01"


def _after(end: str, days: int = 30) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(end) + timedelta(days=days)).isoformat()


def soc3(name: str = "acme-soc3.pdf", **kw: object) -> Extraction:
    x = soc2(name, **kw)  # type: ignore[arg-type]
    x.kind = "soc3"
    return x


def exception(control: str = "AC-05", criteria: Sequence[str] = ("CC6.1",), page: int = 18) -> ExceptionRow:
    text = "Exception noted. For 2 of 25 sampled items, the control did not operate."
    return ExceptionRow(text, page, text, control, tuple(criteria), "Management agrees.")


def carve_out(name: str = "Stratus Cloud Infrastructure, Inc.", role: str = "cloud infrastructure hosting services",
              method: str | None = "carve-out") -> Subservice:
    quote = f"Acme uses {name}, a subservice organization, to provide {role}."
    return Subservice(name, 3, quote, method)  # type: ignore[arg-type]


def cuec(text: str = "User entities are responsible for enabling multi-factor authentication for their users.",
         criteria: Sequence[str] = ("CC6.1",)) -> Cuec:
    return Cuec(text, 12, text, tuple(criteria))


def bridge(name: str = "acme-bridge.pdf", *, start: str = "2026-07-01", end: str = "2026-09-30",
           vendor: str = "Acme Cloud, Inc.") -> Extraction:
    f = Fields(vendor=found(vendor), issuer=found("Example Attest LLP"), report_date=found(end),
               period_start=found(start, 1, f"from {start} through {end}"),
               period_end=found(end, 1, f"from {start} through {end}"))
    return Extraction(_file(name), "bridge_letter", f)


def iso_cert(
    name: str = "acme-iso.pdf",
    *,
    standards: Sequence[str] = ("ISO/IEC 27001:2022",),
    vendor: str = "Acme Cloud, Inc.",
    accreditation: str | None = "UKAS",
    issue: str | None = "2025-03-15",
    original: str | None = "2019-03-15",
    expiry: str | None = "2028-03-14",
    scope: str = "The information security management system for the Acme Data Platform.",
    ai: bool = False,
) -> Extraction:
    f = Fields(
        vendor=found(vendor),
        issuer=found("Northgate Certification Ltd"),
        accreditation_body=found(accreditation) if accreditation else None,
        certificate_number=found("NCL-1"),
        standards=[found(s) for s in standards],
        issue_date=found(issue) if issue else None,
        original_issue_date=found(original) if original else None,
        expiry_date=found(expiry, 1, f"Valid until: {expiry}") if expiry else None,
        scope=found(scope),
        ai=AICoverage(ai, [found("machine learning model development", 1)] if ai else []),
    )
    return Extraction(_file(name), "iso_certificate", f)


def other(name: str = "acme-whitepaper.pdf") -> Extraction:
    return Extraction(_file(name), "unknown", Fields(vendor=found("Acme Cloud, Inc.")))
