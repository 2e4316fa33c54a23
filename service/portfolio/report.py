"""The portfolio report: one row per vendor, plus every finding and every document, as CSV or a formatted workbook.

Each vendor row: the verdict against the profile, the document it rests on and that document's period end or
expiry, the next date that matters (a certificate's expiry or surveillance audit, a report going stale, a bridge
letter running out), the findings counted by severity and the red flags among them, the fourth parties (providers
normalized), the CUECs nobody owns (or, without a controls file, not acknowledged), and how much of the buyer's
audit window the reports and bridge letters cover. Answers come from storage when the day's refresh stored them,
and are stored when computed here.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.model import TRUST_SERVICES_KINDS
from knowledge.portfolio import audit_window, spans_of
from knowledge.portfolio.providers import normalize_provider
from knowledge.rules.dates import add_months
from knowledge.rules.iso_validity import surveillance_due

from ..assessments import service as assessments
from ..config import Settings
from ..documents.models import Document
from ..documents.service import current_documents_by_vendor
from ..profiles import get_profile
from ..vendors.models import Vendor
from . import service as portfolio

SEVERITIES = ("critical", "high", "medium", "low", "info")
RED_FLAGS = {
    "TYPE2_SHORT_PERIOD", "SELF_TESTED", "SIGNED_BY_PERSON", "LICENCE_JURISDICTION", "SCOPE_OTHER_ORGANIZATION",
    "DATES_CONTRADICT", "NEAR_DUPLICATE", "SOC2_CERTIFICATE", "ISO_ACCREDITATION_UNRECOGNISED",
}
OPEN_CUEC_CODES = ("CUECS_UNOWNED", "CUECS")

VENDOR_COLUMNS = (
    "vendor_id", "vendor", "tier", "verdict", "profile", "relied_on", "relied_on_kind", "period_end_or_expiry",
    "next_date", "next_date_is", *SEVERITIES, "red_flags", "fourth_parties", "open_cuecs", "audit_window",
    "window_covered_days", "window_gaps", "headline",
)
FINDING_COLUMNS = ("vendor_id", "vendor", "severity", "code", "red_flag", "reason", "document", "page", "quote")
DOCUMENT_COLUMNS = (
    "document_id", "vendor_id", "vendor", "filename", "kind", "status", "period_start", "period_end", "report_date",
    "issue_date", "expiry_date", "pages", "error",
)


Cell = str | int | date | None
Row = dict[str, Cell]  # one row of a sheet: a cell by column name, flattened from the typed answers for CSV/XLSX


@dataclass(slots=True)
class Report:
    as_of: date
    profile: str
    window: tuple[date, date]
    vendors: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    documents: list[Row] = field(default_factory=list)


def _soc_max_age(settings: Settings, profile: str | None) -> int:
    months = get_profile(settings=settings, name=profile).soc_max_age_months
    return 12 if months is None else months


def _next_date(docs: Sequence[Any], today: date, max_age: int) -> tuple[date | None, str]:
    """The earliest date on or after ``today`` when something about the vendor's current evidence changes."""
    dates: list[tuple[date, str]] = []
    for d in docs:
        if d.kind in TRUST_SERVICES_KINDS and d.period_end:
            dates.append((add_months(d.period_end, max_age), f"{d.filename} goes stale"))
        elif d.kind == "bridge_letter" and d.period_end:
            dates.append((d.period_end, f"{d.filename} runs out"))
        elif d.kind == "iso_certificate":
            if d.expiry_date:
                dates.append((d.expiry_date, f"{d.filename} expires"))
            due = surveillance_due(d.issue_date, d.expiry_date, today).next_due
            if due:
                dates.append((due, f"{d.filename} surveillance audit due"))
    ahead = sorted(x for x in dates if x[0] >= today)
    return ahead[0] if ahead else (None, "")


def build(
    *, db_session: Session, settings: Settings, as_of: date, window: tuple[date, date], profile: str | None = None
) -> Report:
    """Every vendor's row (vendors without documents too), every finding and every document."""
    prof = get_profile(settings=settings, name=profile)
    report = Report(as_of, prof.name, window)
    vendor_rows = db_session.execute(select(Vendor.id, Vendor.name, Vendor.tier).order_by(Vendor.name, Vendor.id)).all()
    db_session.commit()
    names = {v.id: v.name for v in vendor_rows}
    current = current_documents_by_vendor(db_session=db_session)
    subs = portfolio.subservices_by_vendor(db_session=db_session, current=current)
    dated = portfolio.dated_documents(db_session=db_session)
    max_age = _soc_max_age(settings, profile)
    # one answer at a time, in the vendors' order: 10,000 parsed answers held at once would be hundreds of
    # thousands of objects for the garbage collector to walk again and again while the report is built
    answers = assessments.assess_many(
        db_session=db_session, settings=settings, vendor_ids=[v.id for v in vendor_rows], today=as_of,
        profile=profile, current=current,
    )
    for v, (_, answer) in zip(vendor_rows, answers, strict=True):  # assess_many answers in the order asked
        result = answer.result
        counts = {s: 0 for s in SEVERITIES}
        flags = 0
        open_cuecs = 0
        for f in result.findings:
            counts[f.severity] += 1
            flags += f.code in RED_FLAGS
            if f.code in OPEN_CUEC_CODES:
                open_cuecs += len(f.evidence)
            if f.severity == "info":
                continue  # counted in the vendor's row; the sheet lists what needs a follow-up
            cite = next((c for c in f.evidence if c.page), f.evidence[0] if f.evidence else None)
            report.findings.append(
                {
                    "vendor_id": v.id, "vendor": v.name, "severity": f.severity, "code": f.code,
                    "red_flag": "yes" if f.code in RED_FLAGS else "", "reason": f.reason,
                    "document": cite.document if cite else None, "page": cite.page if cite else None,
                    "quote": (cite.quote if cite else None) or f.absence,
                }
            )
        relied = result.relied_on
        relied_doc = next((d for d in answer.documents if d.filename == relied), None)
        nxt, what = _next_date(current.get(v.id, []), as_of, max_age)
        cov = audit_window(spans_of(dated.get(v.id, [])), *window)
        providers = sorted({normalize_provider(n) for n, _ in subs.get(v.id, [])}, key=str.casefold)
        report.vendors.append(
            {
                "vendor_id": v.id, "vendor": v.name, "tier": v.tier, "verdict": answer.verdict,
                "profile": prof.name, "relied_on": relied,
                "relied_on_kind": relied_doc.kind if relied_doc else None,
                "period_end_or_expiry": (relied_doc.period_end or relied_doc.expiry_date) if relied_doc else None,
                "next_date": nxt, "next_date_is": what, **counts, "red_flags": flags,
                "fourth_parties": "; ".join(providers), "open_cuecs": open_cuecs,
                "audit_window": f"{window[0].isoformat()}..{window[1].isoformat()}",
                "window_covered_days": f"{cov.covered_days}/{cov.days}",
                "window_gaps": "; ".join(f"{g.start.isoformat()}..{g.end.isoformat()}" for g in cov.gaps),
                "headline": result.headline,
            }
        )
    columns = (Document.id, Document.vendor_id, Document.filename, Document.kind, Document.status,
               Document.period_start, Document.period_end, Document.report_date, Document.issue_date,
               Document.expiry_date, Document.pages, Document.error_code, Document.error_message)
    for d in db_session.execute(select(*columns).order_by(Document.vendor_id, Document.id)):  # not the extraction
        report.documents.append(
            {
                "document_id": d.id, "vendor_id": d.vendor_id, "vendor": names.get(d.vendor_id or 0),
                "filename": d.filename, "kind": d.kind, "status": d.status, "period_start": d.period_start,
                "period_end": d.period_end, "report_date": d.report_date, "issue_date": d.issue_date,
                "expiry_date": d.expiry_date, "pages": d.pages,
                "error": f"{d.error_code}: {d.error_message}" if d.error_code else None,
            }
        )
    db_session.commit()
    return report


# --- writing ----------------------------------------------------------------------------------------------------


def write_csv(report: Report, path: Path) -> None:
    """The vendor rows (one per vendor) as CSV; findings and documents go in the workbook."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=VENDOR_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in report.vendors:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    tmp.replace(path)  # never a half-written file under the name asked for


def _cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else ("" if value is None else value)


_WIDTHS = {
    "vendor": 32, "verdict": 22, "relied_on": 36, "next_date_is": 40, "fourth_parties": 36, "window_gaps": 30,
    "headline": 70, "reason": 80, "quote": 70, "document": 36, "filename": 40, "error": 50, "audit_window": 23,
    "period_end_or_expiry": 12, "next_date": 12, "code": 26,
}
_VERDICT_FILL = {
    "meets": "C6EFCE", "meets_with_findings": "FFEB9C", "does_not_meet": "FFC7CE", "insufficient_evidence": "D9D9D9",
}
_SEVERITY_FILL = {"critical": "FFC7CE", "high": "F8CBAD", "medium": "FFEB9C"}


def write_xlsx(report: Report, path: Path) -> None:
    """A workbook: Vendors, Findings (document, page, quote each) and Documents sheets, with styled headers, column
    widths, frozen header rows, filters, dates as dates, and verdicts and severities coloured. XlsxWriter in its
    constant-memory mode: rows are streamed to the file (a report over 10,000 vendors in seconds)."""
    import xlsxwriter  # lazy: 11 ms at start-up, for an .xlsx report only

    tmp = path.with_name(path.name + ".part")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_urls": False,
                                        "strings_to_formulas": False, "default_date_format": "yyyy-mm-dd"})
    header = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F3864", "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    day = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    top = wb.add_format({"valign": "top"})
    fills = {k: wb.add_format({"bg_color": f"#{v}", "valign": "top"})
             for k, v in {**_VERDICT_FILL, **_SEVERITY_FILL}.items()}
    wrapped = {"reason", "quote", "headline", "error"}

    def sheet(title: str, columns: Sequence[str], rows: list[Row], colour: str | None) -> None:
        ws = wb.add_worksheet(title)
        for i, name in enumerate(columns):
            ws.set_column(i, i, _WIDTHS.get(name, max(10, len(name) + 2)))
        ws.freeze_panes(1, 2 if title == "Vendors" else 0)
        ws.autofilter(0, 0, len(rows), len(columns) - 1)
        ws.write_row(0, 0, columns, header)
        # each cell written once, with its column's format: the writer's cost is per call
        plan = [(i, name, wrap if name in wrapped else None) for i, name in enumerate(columns)]
        write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
        for r, row in enumerate(rows, 1):
            for i, name, fmt in plan:
                value = row.get(name)
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    write_string(r, i, value, fills.get(value, top) if name == colour else (fmt or top))
                elif isinstance(value, bool | int | float):
                    write_number(r, i, value, top)
                elif isinstance(value, date):
                    write_datetime(r, i, datetime(value.year, value.month, value.day), day)
                else:
                    write_string(r, i, str(value), top)

    sheet("Vendors", VENDOR_COLUMNS, report.vendors, "verdict")
    sheet("Findings", FINDING_COLUMNS, report.findings, "severity")
    sheet("Documents", DOCUMENT_COLUMNS, report.documents, None)
    about = wb.add_worksheet("About")
    about.set_column(0, 0, 22)
    about.set_column(1, 1, 60)
    for r, (k, v) in enumerate((("as of", report.as_of.isoformat()), ("profile", report.profile),
                                ("audit window", f"{report.window[0].isoformat()}..{report.window[1].isoformat()}"),
                                ("vendors", len(report.vendors)), ("findings", len(report.findings)),
                                ("documents", len(report.documents)))):
        about.write_row(r, 0, [k, v])
    wb.close()
    tmp.replace(path)
