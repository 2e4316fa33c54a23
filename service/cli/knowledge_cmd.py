"""`vendor-assurance crosswalk ...` and `vendor-assurance check ...`: the knowledge base from the terminal.

crosswalk ID                    controls for a TSC criterion, or criteria for an Annex A control / ISMS clause
crosswalk --delta soc2 iso27001 what the second framework adds to the first
crosswalk --agreement [DIR]     agreement of the project's crosswalk with the reference crosswalks
check [--profile P] PDF...      assess the documents together as one vendor's evidence

`check` exits 0 when the verdict is meets or meets_with_findings, 1 when it is does_not_meet or
insufficient_evidence, and 2 when the input or the profile cannot be used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from datetime import date
from pathlib import Path

from extractors import extract_file
from knowledge import (
    Assessment,
    CatalogueError,
    ProfileError,
    assess,
    controls_for,
    criteria_for,
    delta,
    resolve_profile,
)
from knowledge import load_catalogues as catalogues
from knowledge import load_crosswalk as crosswalk
from knowledge.agreement import agreement, format_table
from knowledge.catalogues import normalize_iso_id
from knowledge.crosswalk import resolve_iso_id

_REFERENCE_DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("crosswalk", help="look up the TSC 2017 <-> ISO/IEC 27001:2022 crosswalk",
                       description="Controls for a TSC criterion (CC6.1), criteria for an Annex A control (A.8.28) "
                       "or ISMS clause (9.2), the delta between the frameworks, or the agreement with references.")
    p.add_argument("id", nargs="?", help="a TSC criterion (CC6.1), Annex A control (A.8.28) or ISMS clause (6.1.2)")
    p.add_argument("--delta", nargs=2, metavar=("HELD", "ADDS"), choices=("soc2", "iso27001"),
                   help="what ADDS brings on top of HELD, e.g. --delta soc2 iso27001")
    p.add_argument("--agreement", nargs="?", const="", metavar="DIR",
                   help="agreement with the reference crosswalks in DIR (default: ../shared/reference)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_crosswalk)

    c = sub.add_parser("check", help="assess one vendor's documents against a requirement profile",
                       description="Extract each PDF and assess them together as one vendor's evidence.")
    c.add_argument("files", nargs="+", metavar="PDF")
    c.add_argument("--profile", metavar="FILE|NAME", help="a profile YAML file or a bundled/folder profile name "
                   "(default: 'default')")
    c.add_argument("--profiles-dir", metavar="DIR", default=os.environ.get("PROFILES_DIR") or None,
                   help="folder of profile YAML files to choose NAME from (default: $PROFILES_DIR)")
    c.add_argument("--as-of", metavar="DATE", type=_date, help="judge as of this day (YYYY-MM-DD; default: today)")
    c.add_argument("--service", metavar="NAME", help="the service bought, checked against ISO certificate scopes")
    c.add_argument("--uses-ai", dest="uses_ai", action="store_true", default=None,
                   help="the vendor processes your data with AI (default: read it from the documents)")
    c.add_argument("--json", action="store_true", help="print one JSON object: verdict, findings with evidence")
    c.set_defaults(func=run_check)


def _date(text: str) -> date:
    """YYYY-MM-DD within 1970-2100 (``service.inputs``): a usage error, not a traceback from date arithmetic."""
    from ..inputs import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _err(message: str) -> int:
    print(f"vendor-assurance: {message}", file=sys.stderr)
    return 2


# --- crosswalk -------------------------------------------------------------------------------------------------


def run_crosswalk(args: argparse.Namespace) -> int:
    try:
        if args.agreement is not None:
            return _agreement(args.agreement or None, args.json)
        if args.delta:
            return _delta(args.delta[0], args.delta[1], args.json)
        if not args.id:
            return _err("crosswalk: give an id (CC6.1, A.8.28, 9.2), --delta soc2 iso27001, or --agreement")
        return _lookup(args.id, args.json)
    except CatalogueError as exc:
        return _err(f"the knowledge base is damaged: {exc}")


def _lookup(raw: str, as_json: bool) -> int:
    cat = catalogues()
    cw = crosswalk()
    key = raw.strip().upper()
    if key in cat.tsc:
        crit = cat.tsc[key]
        links = controls_for(key)
        rows = [{"id": link.iso_id, "title": _iso_title(link.iso_id), "relationship": link.relationship,
                 "reason": link.reason} for link in links]
        head = f"{crit.id} {crit.title} ({crit.category.replace('_', ' ')}; {crit.series} {crit.series_name})"
        direction = "ISO/IEC 27001:2022"
    elif normalize_iso_id(raw) in cat.annex_a_2013:
        return _lookup_2013(normalize_iso_id(raw), as_json)
    else:
        iso = resolve_iso_id(raw)
        if iso not in cat.annex_a and iso not in cat.clauses:
            return _err(f"crosswalk: {raw!r} is neither a TSC 2017 criterion nor an ISO/IEC 27001:2022 control or "
                        "clause (try CC6.1, A.8.28, 9.2)")
        links = criteria_for(iso)
        rows = [{"id": link.tsc_id, "title": cat.tsc[link.tsc_id].title, "relationship": link.relationship,
                 "reason": link.reason} for link in links]
        key = iso
        extra = ""
        if iso in cat.annex_a and cat.annex_a[iso].new_in_2022:
            extra = ", new in 2022"
        theme = f"Annex A, {cat.annex_a[iso].theme}{extra}" if iso in cat.annex_a else "ISMS clause"
        head = f"{iso} {_iso_title(iso)} ({theme})"
        direction = "TSC 2017"
    unmapped = cw.unmapped_reason(key)
    if as_json:
        print(json.dumps({"id": key, "title": head, "links": rows, "no_counterpart": unmapped}, indent=2))
        return 0
    print(head)
    if not rows:
        print(f"  no {direction} counterpart" + (f": {unmapped}" if unmapped else ""))
    for r in rows:
        print(f"  {r['relationship']:9} {r['id']:8} {r['title']}")
        print(textwrap.fill(r["reason"], 100, initial_indent=" " * 12, subsequent_indent=" " * 12))
    return 0


def _lookup_2013(old: str, as_json: bool) -> int:
    """A 2013 Annex A control read in 2022 terms (ISO's correspondence), then through the crosswalk."""
    cat = catalogues()
    rows = []
    for corr in cat.controls_2022_for_2013(old):
        criteria = sorted({link.tsc_id for link in criteria_for(corr.iso2022_id)})
        rows.append({"id": corr.iso2022_id, "title": _iso_title(corr.iso2022_id),
                     "relationship": corr.relationship, "criteria": criteria})
    head = f"{old} {cat.annex_a_2013[old].title} (ISO/IEC 27001:2013 Annex A)"
    if as_json:
        print(json.dumps({"id": old, "title": head, "iso2022": rows}, indent=2))
        return 0
    print(head)
    print("  in 2022 terms (ISO/IEC 27002:2022 Annex B):")
    for r in rows:
        print(f"  {r['relationship']:9} {r['id']:8} {r['title']}")
        print(f"            TSC 2017: {', '.join(r['criteria']) or 'no counterpart'}")
    return 0


def _iso_title(iso: str) -> str:
    cat = catalogues()
    if iso in cat.annex_a:
        return cat.annex_a[iso].title
    return cat.clauses[iso].title if iso in cat.clauses else ""


def _delta(held: str, adds: str, as_json: bool) -> int:
    if held == adds:
        return _err("crosswalk --delta: name two different frameworks: soc2 iso27001, or iso27001 soc2")
    d = delta(held, adds)  # type: ignore[arg-type]
    cat = catalogues()

    def title(item_id: str) -> str:
        return cat.tsc[item_id].title if item_id in cat.tsc else _iso_title(item_id)

    if as_json:
        print(json.dumps({
            "held": d.held, "adds": d.adds, "management_system": list(d.management_system),
            "without_counterpart": [{"id": u.id, "title": title(u.id), "reason": u.reason}
                                    for u in d.items_without_counterpart],
            "only_partly_covered": [{"id": i, "title": title(i)} for i in d.partly_covered],
        }, indent=2))
        return 0
    names = {"soc2": "SOC 2", "iso27001": "ISO/IEC 27001:2022"}
    print(f"Holding {names[held]}, {names[adds]} adds:\n")
    print("What the other framework has as a whole:")
    for line in d.management_system:
        print(textwrap.fill(line, 110, initial_indent="  - ", subsequent_indent="    "))
    kind = "Annex A controls" if adds == "iso27001" else "TSC criteria"
    print(f"\n{kind} with no counterpart in {names[held]}:")
    for u in d.items_without_counterpart:
        print(f"  {u.id:8} {title(u.id)}")
        print(textwrap.fill(u.reason, 100, initial_indent=" " * 11, subsequent_indent=" " * 11))
    print(f"\n{kind} only partly covered (every link an overlap, none equal or containing): {len(d.partly_covered)}")
    print(textwrap.fill(", ".join(d.partly_covered), 110, initial_indent="  ", subsequent_indent="  "))
    return 0


def _agreement(folder: str | None, as_json: bool) -> int:
    ref = Path(folder) if folder else Path(os.environ.get("VA_SHARED_DIR", _REFERENCE_DEFAULT.parent)) / "reference"
    if not ref.is_dir():
        return _err(f"crosswalk --agreement: no reference folder at {ref}")
    rows = agreement(ref)
    if not rows:
        return _err(f"crosswalk --agreement: no reference crosswalks in {ref}")
    if as_json:
        print(json.dumps([{"reference": a.reference, "description": a.description, "level": a.level,
                           "ours": a.ours, "ref": a.ref, "shared": a.shared, "recall": round(a.recall, 3),
                           "precision": round(a.precision, 3), "jaccard": round(a.jaccard, 3),
                           "keys_covered": [a.ours_keys_covered, a.ref_keys_covered],
                           "pof_weighted_recall": a.weighted_recall} for a in rows], indent=2))
        return 0
    cw = crosswalk()
    print(f"Project crosswalk: {len(cw.links)} links, {len(cw.unmapped)} items with no counterpart.")
    print(format_table(rows))
    return 0


# --- check -----------------------------------------------------------------------------------------------------


def run_check(args: argparse.Namespace) -> int:
    try:
        profile = resolve_profile(args.profile, args.profiles_dir)
    except ProfileError as exc:
        return _err(f"profile: {exc}")
    except CatalogueError as exc:
        return _err(f"the knowledge base is damaged: {exc}")
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        return _err(f"check: no such file: {', '.join(missing)}")
    evidence = []
    for f in args.files:
        try:
            evidence.append(extract_file(f))
        except OSError as exc:
            return _err(f"check: cannot read {f}: {exc.strerror or exc}")
    result = assess(evidence, profile, args.as_of or date.today(), vendor_uses_ai=args.uses_ai,
                    service=args.service)
    if args.json:
        data = result.to_dict()
        data["extractions"] = [{"document": x.file.name, "kind": x.kind,
                                "error": x.error.to_dict() if x.error else None} for x in evidence]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render(result))
    return 0 if result.verdict in ("meets", "meets_with_findings") else 1


_VERDICT_TEXT = {
    "meets": "MEETS the profile",
    "meets_with_findings": "MEETS the profile, WITH FINDINGS to follow up",
    "does_not_meet": "DOES NOT MEET the profile",
    "insufficient_evidence": "INSUFFICIENT EVIDENCE to decide",
}


def render(result: Assessment) -> str:
    """The assessment as a reviewer reads it: verdict, options tried, then findings worst first, each cited."""
    lines = [f"{result.vendor or 'Vendor'}: {_VERDICT_TEXT[result.verdict]} '{result.profile}' "
             f"(as of {result.as_of})"]
    if result.relied_on:
        lines.append(f"Relied on: {result.relied_on}")
    lines.append("Evidence options:")
    for o in result.options:
        lines.append(f"  [{o.status}] {o.option}" + (f" <- {o.document}" if o.document else ""))
    lines.append("Findings:")
    for f in result.findings:
        lines.append(textwrap.fill(f"{f.severity.upper():8} {f.code}: {f.reason}", 110,
                                   initial_indent="  ", subsequent_indent="      "))
        for c in f.evidence:
            where = f"{c.document}" + (f", p. {c.page}" if c.page else "")
            quote = f': "{c.quote}"' if c.quote else ""
            lines.append("      - " + textwrap.shorten(f"{where}{quote}", 150, placeholder=' …"'))
        if f.absence:
            lines.append(f"      - not found: {f.absence}")
    return "\n".join(lines)
