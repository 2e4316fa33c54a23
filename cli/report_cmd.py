"""`vendor-assurance report --format csv|xlsx -o FILE`: the whole portfolio, one row per vendor.

The workbook adds a sheet of findings (one row each, with document, page and quote) and a sheet of documents.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from .serve_cmd import settings_from


def _day(raw: str) -> date:
    """YYYY-MM-DD within 1970-2100 (``service.inputs``): a usage error, never a traceback from date arithmetic."""
    from service.inputs import parse_date

    try:
        return parse_date(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="one row per vendor (verdict, dates, findings, fourth parties, CUECs, audit window) as CSV or XLSX",
        description="Write the portfolio report: one row per vendor with its verdict, the document relied on, the "
        "next date that matters, findings by severity, red flags, fourth parties, open CUECs and the coverage of "
        "the audit window; the workbook adds Findings and Documents sheets.",
    )
    p.add_argument("--data-dir", type=Path, default=None, help="where the database lives (DATA_DIR)")
    p.add_argument("--as-of", type=_day, default=None, help="judge as of this day (default: today, UTC)")
    p.add_argument("--profile", default=None, help="requirement profile (default: DEFAULT_PROFILE)")
    p.add_argument("--from", dest="window_from", type=_day, default=None,
                   help="first day of the buyer's audit window (default: 1 January of the as-of year)")
    p.add_argument("--to", dest="window_to", type=_day, default=None,
                   help="last day of the audit window (default: 31 December of the as-of year)")
    p.add_argument("--controls", type=Path, default=None, help="the buyer's controls (YAML; default CONTROLS_FILE)")
    p.add_argument("--format", choices=("csv", "xlsx"), default=None, help="default: from the output's suffix")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from service.database import get_database, utcnow
    from service.portfolio import report
    from service.profiles import AssessmentUnavailable, ProfileNotFound

    fmt = args.format or args.output.suffix.lstrip(".").lower()
    if fmt not in ("csv", "xlsx"):
        print("error: say --format csv or --format xlsx (or name the output .csv / .xlsx)", file=sys.stderr)
        return 2
    if not args.output.parent.is_dir():
        print(f"error: the folder {args.output.parent} does not exist", file=sys.stderr)
        return 2
    settings = settings_from(args, controls_file=args.controls)
    as_of = args.as_of or utcnow().date()
    start = args.window_from or date(as_of.year, 1, 1)
    end = args.window_to or date(start.year, 12, 31) if args.window_from else args.window_to or date(as_of.year, 12, 31)
    if end < start:
        print(f"error: the audit window ends ({end}) before it starts ({start})", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        with get_database(settings).session() as db_session:
            built = report.build(db_session=db_session, settings=settings, as_of=as_of, window=(start, end),
                                 profile=args.profile)
    except (ProfileNotFound, AssessmentUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    (report.write_xlsx if fmt == "xlsx" else report.write_csv)(built, args.output)
    print(
        f"{args.output}: {len(built.vendors)} vendors, {len(built.findings)} findings, {len(built.documents)} "
        f"documents ({time.perf_counter() - began:.1f} s)"
    )
    return 0
