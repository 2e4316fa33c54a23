"""`vendor-assurance cuecs VENDOR [--controls FILE] [--json]`: who in the buyer's company owns each CUEC.

VENDOR is a vendor id or a name (fuzzy, as in the API's search). Each complementary user entity control of the
vendor's current SOC reports is printed with its page, criteria and the buyer's control that owns it, or "unowned".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .serve_cmd import settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cuecs",
        help="each CUEC of a vendor with the buyer's control (and owner) it falls to",
        description="Match each complementary user entity control (CUEC) of VENDOR's current SOC reports to the "
        "buyer's own controls (YAML: controls: [{id, title, owner, criteria, keywords}]) by criteria and words.",
    )
    p.add_argument("vendor", metavar="VENDOR", help="vendor id or name")
    p.add_argument("--controls", type=Path, default=None, help="the buyer's controls (YAML; default CONTROLS_FILE)")
    p.add_argument("--data-dir", type=Path, default=None, help="where the database lives (DATA_DIR)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON (the API's /vendors/{id}/cuecs)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from service.database import get_database
    from service.portfolio import service as portfolio
    from service.portfolio.controls import ControlsUnavailable
    from service.vendors import service as vendors

    err = Console(stderr=True, highlight=False)
    settings = settings_from(args)
    with get_database(settings).session() as db_session:
        vendor_id: int | None = int(args.vendor) if args.vendor.strip().isdigit() else None
        if vendor_id is None:
            hits = vendors.search(db_session=db_session, q=args.vendor, limit=2)
            if not hits:
                err.print(f"[red]no vendor matches[/] {escape(args.vendor)!r}")
                return 1
            vendor_id = hits[0].vendor.id
        try:
            answer = portfolio.vendor_cuecs(
                db_session=db_session, settings=settings, vendor_id=vendor_id, controls_file=args.controls
            )
        except vendors.VendorNotFound as exc:
            err.print(f"[red]{escape(str(exc))}[/]")
            return 1
        except ControlsUnavailable as exc:
            err.print(f"[red]controls file:[/] {escape(str(exc))}")
            return 2
    if args.json:
        print(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False))
        return 0
    out = Console(highlight=False)
    out.print(
        f"[bold]{escape(answer.vendor_name)}[/]: {len(answer.cuecs)} CUEC(s), {answer.owned} owned, "
        f"{answer.unowned} unowned" + (f" (controls: {escape(answer.controls_file)})" if answer.controls_file else
                                        " (no controls file: pass --controls or set CONTROLS_FILE)")
    )
    if not answer.cuecs:
        return 0
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Page", justify="right", no_wrap=True)
    table.add_column("Criteria", no_wrap=True)
    table.add_column("Control / owner", max_width=36)
    table.add_column("CUEC", overflow="fold", max_width=80)
    for c in answer.cuecs:
        owner = f"{c.control.id} {c.control.title} ({c.control.owner})" if c.control else "[yellow]unowned[/]"
        table.add_row(str(c.page or ""), ", ".join(c.criteria), owner if c.control is None else escape(owner),
                      escape(c.text))
    out.print(table)
    return 0
