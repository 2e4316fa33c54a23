"""Which alerts a document calls for on a given day. Pure functions over the indexed columns, so the daily scan
never opens the extraction JSON.

The validity rules themselves (when a SOC report goes stale, when surveillance audits fall, which certificates are
to the 2013 edition) are knowledge's; this module only turns them into alerts with the first day each fires,
thresholds and messages, so the assessment and the alerts cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from extractors.model import SOC_KINDS
from knowledge import TRANSITION_END_2013, soc_freshness, surveillance_due
from knowledge.rules.iso_validity import parse_standard

SURVEILLANCE_NOTICE_DAYS = 30


@dataclass(frozen=True, slots=True)
class DocRow:
    id: int
    vendor_id: int | None
    vendor_name: str | None
    filename: str
    status: str
    kind: str | None
    standards: str | None
    period_end: date | None
    issue_date: date | None
    original_issue_date: date | None
    expiry_date: date | None
    error_message: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    document_id: int
    vendor_id: int | None
    kind: str
    threshold: int
    due_date: date | None
    fires_on: date
    message: str


def _who(row: DocRow) -> str:
    return row.vendor_name or row.filename


def _is_2013_edition(standards: str) -> bool:
    return any(parse_standard(s).edition == "2013" for s in standards.split("|") if s)


def _surveillance_audits(cycle_start: date, expiry: date) -> list[date]:
    """The cycle's surveillance audit days, from knowledge's rule (anniversaries before the expiry)."""
    audits: list[date] = []
    day = cycle_start
    while (audit := surveillance_due(cycle_start, expiry, day).next_due) is not None:
        audits.append(audit)
        day = audit
    return audits


def candidates(
    row: DocRow, *, thresholds: list[int], freshness_days: int, freshness_months: int | None = None
) -> list[Candidate]:
    """Every alert this document will ever raise, each with the first day it fires (``fires_on``).

    The scan raises those whose day has come; the same list, filtered to the coming days, is the "upcoming" view.
    Of several expiry thresholds only the nearest one counts at any time: a certificate first seen 20 days before
    expiry raises the 30-day alert, not the 90-day one as well.
    """
    out: list[Candidate] = []
    who = _who(row)
    if row.status == "failed":
        out.append(
            Candidate(
                row.id,
                row.vendor_id,
                "parse_failed",
                0,
                None,
                date.min,
                f"{row.filename} could not be read: {row.error_message or 'unknown reason'}",
            )
        )
        return out
    if row.status != "parsed":
        return out
    standards = row.standards or ""
    if row.kind == "iso_certificate":
        if row.expiry_date is not None:
            for days in sorted(thresholds, reverse=True):
                out.append(
                    Candidate(
                        row.id,
                        row.vendor_id,
                        "certificate_expiry",
                        days,
                        row.expiry_date,
                        row.expiry_date - timedelta(days=days),
                        f"{who}: certificate {standards.replace('|', ', ') or ''} expires on {row.expiry_date} "
                        f"(within {days} days)".replace("  ", " "),
                    )
                )
            out.append(
                Candidate(
                    row.id,
                    row.vendor_id,
                    "certificate_expired",
                    0,
                    row.expiry_date,
                    row.expiry_date + timedelta(days=1),
                    f"{who}: certificate expired on {row.expiry_date}",
                )
            )
            cycle_start = row.issue_date or row.original_issue_date
            if cycle_start is not None:
                for year, audit in enumerate(_surveillance_audits(cycle_start, row.expiry_date), start=1):
                    out.append(
                        Candidate(
                            row.id,
                            row.vendor_id,
                            "surveillance_due",
                            year,
                            audit,
                            audit - timedelta(days=SURVEILLANCE_NOTICE_DAYS),
                            f"{who}: surveillance audit {year} due around {audit}; ask for the audit result",
                        )
                    )
        if _is_2013_edition(standards):
            out.append(
                Candidate(
                    row.id,
                    row.vendor_id,
                    "iso_2013_edition",
                    0,
                    None,
                    date.min,
                    f"{who}: certificate is to the 2013 edition ({standards.replace('|', ', ')}); "
                    f"ask for the 2022 transition (2013-edition certificates are void after {TRANSITION_END_2013})",
                )
            )
    elif row.kind in SOC_KINDS and row.period_end is not None:
        if freshness_months is not None:
            last_fresh = soc_freshness(row.period_end, row.period_end, freshness_months).stale_after
            allowed = f"{freshness_months} months"
        else:
            last_fresh = row.period_end + timedelta(days=freshness_days)
            allowed = f"{freshness_days} days"
        out.append(
            Candidate(
                row.id,
                row.vendor_id,
                "soc_report_stale",
                (last_fresh - row.period_end).days,
                row.period_end,
                last_fresh + timedelta(days=1),
                f"{who}: report period ended {row.period_end}, over {allowed} ago; ask for a newer report or a "
                "bridge letter",
            )
        )
    elif row.kind == "bridge_letter":
        end = row.expiry_date or row.period_end
        if end is not None:
            out.append(
                Candidate(
                    row.id,
                    row.vendor_id,
                    "bridge_letter_expired",
                    0,
                    end,
                    end + timedelta(days=1),
                    f"{who}: bridge letter ran out on {end}",
                )
            )
    return out


def due(
    row: DocRow, *, today: date, thresholds: list[int], freshness_days: int, freshness_months: int | None = None
) -> list[Candidate]:
    """The alerts to raise today: those whose day has come, keeping only the nearest expiry threshold."""
    every = candidates(row, thresholds=thresholds, freshness_days=freshness_days, freshness_months=freshness_months)
    fired = [c for c in every if c.fires_on <= today]
    expiry = [c for c in fired if c.kind == "certificate_expiry"]
    if expiry:
        expired = any(c.kind == "certificate_expired" for c in fired)
        nearest = min(expiry, key=lambda c: c.threshold)
        fired = [c for c in fired if c.kind != "certificate_expiry" or (c is nearest and not expired)]
    long_past = today - timedelta(days=SURVEILLANCE_NOTICE_DAYS)
    return [
        c for c in fired if not (c.kind == "surveillance_due" and c.due_date is not None and c.due_date < long_past)
    ]
