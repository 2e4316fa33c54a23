"""`vendor-assurance eval FOLDER [--show-misses] [--evidence]`: score extraction on labelled PDFs, field by field.

Two kinds of labelled folder are understood:

- generated samples: ``FILE.pdf`` beside ``FILE.expected.json`` (the contract's shape);
- real documents: PDFs beside ``labels.tsv`` (one hand-read row per file; finer kinds such as ``iso27001_cert``).

The comparison rules are the project's published ones: names match leniently (legal suffixes, case and punctuation
ignored, any alternative of a label, or a close fuzzy match), certificate numbers and dates exactly, lists as sets,
exceptions by control id, CUECs by count. ``--evidence`` also checks, for generated samples, that every value carries
the page and the quote the label has (quotes compared with whitespace folded).

A miss is either a null (the extractor said nothing) or a WRONG value (it said something that is not the label's: a
name, date or number that differs, a list item the label does not have, a kind that is not the document's). Wrong
values are counted apart, per field and in total, because a confident wrong answer is worse than a null: the verdict
and the alerts rest on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

TEXT_FIELDS = ("vendor", "issuer", "accreditation_body", "certificate_number")
DATE_FIELDS = ("report_date", "period_start", "period_end", "issue_date", "original_issue_date", "expiry_date")
CATEGORIES = ("security", "availability", "processing_integrity", "confidentiality", "privacy")
# labels.tsv kinds -> contract kinds accepted for them (a kind named as in the contract stands for itself).
REAL_KINDS: dict[str, set[str]] = {
    "iso27001_cert": {"iso_certificate"},
    "iso27701_cert": {"iso_certificate"},
    "iso42001_cert": {"iso_certificate"},
}
# 'other' rows: what a document that is not what it claims may be classified as (never a SOC 2 report).
OTHER_KINDS: dict[str, set[str]] = {
    "iso27017": {"iso_certificate"},
    "iso27018": {"iso_certificate"},
    "pseudo-soc2": {"unknown", "iso_certificate"},
    "webtrust": {"unknown"},
    "pci": {"unknown"},
    "txramp": {"unknown"},
}
_SUFFIXES = re.compile(r"\b(inc|llc|llp|ltd|limited|corp|corporation|co|b\.?v|gmbh|plc|pvt|private|the)\b\.?")
_EMPTY_LABEL = re.compile(r"vs (None|\[\]|\{\}|0|False)$")


@dataclass
class Row:
    field: str
    ok: bool
    why: str
    stated: bool = True
    wrong: bool = False  # a miss that gave a value (not a null): counted apart


@dataclass
class Score:
    per_field: dict[str, list[int]] = field(default_factory=dict)
    wrong: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    stated: list[int] = field(default_factory=lambda: [0, 0])
    seconds: list[float] = field(default_factory=list)

    def add(self, name: str, rows: Iterable[Row]) -> None:
        for row in rows:
            hit = self.per_field.setdefault(row.field, [0, 0])
            hit[0] += row.ok
            hit[1] += 1
            if row.stated:
                self.stated[0] += row.ok
                self.stated[1] += 1
            wrong = not row.ok and row.wrong
            self.wrong[row.field] = self.wrong.get(row.field, 0) + wrong
            if not row.ok:
                self.misses.append(f"{name}: {row.field}: {'WRONG ' if wrong else ''}{row.why}")


def norm(value: object) -> str:
    """Case, '&', legal suffixes and punctuation do not make two names different."""
    s = str(value or "").casefold().replace("&", " and ")
    s = _SUFFIXES.sub(" ", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def text_match(pred: object, expected: str) -> bool:
    """Lenient: the prediction matches any alternative of the label (split on parentheses, semicolons, 'not')."""
    p = norm(pred)
    if not p:
        return False
    alternatives = [a for a in re.split(r"[();]|\bnot\b", expected) if norm(a)] or [expected]
    for alt in alternatives:
        a = norm(alt)
        if (len(p) >= 3 and p in a) or (len(a) >= 3 and a in p) or SequenceMatcher(None, a, p).ratio() >= 0.8:
            return True
    return False


def _value(found: object) -> Any:
    return found.get("value") if isinstance(found, dict) else None


def _values(items: object) -> list[Any]:
    return [i.get("value") for i in items or [] if isinstance(i, dict)] if isinstance(items, list) else []


def _row(name: str, ok: bool, why: str, gave: object = None) -> Row:
    """``gave``: what the extractor answered; a miss with an answer (not None, empty or False) is a wrong value."""
    return Row(name, ok, why, not _EMPTY_LABEL.search(why), wrong=not ok and _given(gave))


def _given(value: object) -> bool:
    if value is None or value is False or value == "" or value == 0:
        return False
    if isinstance(value, (list, set, dict, tuple)):
        return bool(value)
    return True


def score_generated(expected: dict[str, Any], got: dict[str, Any]) -> list[Row]:
    ef, gf = expected.get("fields") or {}, got.get("fields") or {}
    kind = got.get("kind")
    rows = [
        _row("kind", kind == expected.get("kind"), f"{kind} != {expected.get('kind')}", kind not in (None, "unknown"))
    ]
    for name in (*TEXT_FIELDS, "scope"):
        want, have = _value(ef.get(name)), _value(gf.get(name))
        if want is None:
            ok = have in (None, "")
        elif name == "certificate_number":
            ok = norm(have) == norm(want)
        else:
            ok = text_match(have, str(want))
        rows.append(_row(name, ok, f"{have!r} vs {want!r}", have))
    for name in DATE_FIELDS:
        want, have = _value(ef.get(name)), _value(gf.get(name))
        rows.append(_row(name, have == want, f"{have} vs {want}", have))
    want, have = _value(ef.get("opinion")), _value(gf.get("opinion"))
    rows.append(_row("opinion", have == want, f"{have} vs {want}", have))
    for name in ("standards", "tsc_categories"):
        g, e = set(map(str, _values(gf.get(name)))), set(map(str, _values(ef.get(name))))
        rows.append(_row(name, g == e, f"{sorted(g)} vs {sorted(e)}", g - e))
    e_sub = {norm(i.get("value")): i.get("method") for i in ef.get("subservice_organizations") or []}
    g_sub = {norm(i.get("value")): i.get("method") for i in gf.get("subservice_organizations") or []}
    ok = len(e_sub) == len(g_sub) and all(
        any(text_match(g, e) and gm == em for g, gm in g_sub.items()) for e, em in e_sub.items()
    )
    extra_sub = [g for g, gm in g_sub.items() if not any(text_match(g, e) and gm == em for e, em in e_sub.items())]
    rows.append(_row("subservice_organizations", ok, f"{g_sub} vs {e_sub}", extra_sub))
    e_exc = sorted(str(i.get("control")) for i in ef.get("exceptions") or [])
    g_exc = sorted(str(i.get("control")) for i in gf.get("exceptions") or [])
    rows.append(_row("exceptions", e_exc == g_exc, f"{g_exc} vs {e_exc}", set(g_exc) - set(e_exc)))
    e_cu, g_cu = len(ef.get("cuecs") or []), len(gf.get("cuecs") or [])
    rows.append(_row("cuecs(count)", e_cu == g_cu, f"{g_cu} vs {e_cu}", g_cu))
    e_ai, g_ai = (ef.get("ai") or {}).get("covered"), (gf.get("ai") or {}).get("covered")
    rows.append(_row("ai.covered", bool(e_ai) == bool(g_ai), f"{g_ai} vs {e_ai}", bool(g_ai)))
    return rows


def _fold(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fold(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    return value


def score_evidence(expected: dict[str, Any], got: dict[str, Any]) -> list[Row]:
    """Every labelled field reproduced exactly, page and quote included (quotes with whitespace folded)."""
    ef, gf = expected.get("fields") or {}, got.get("fields") or {}
    rows = []
    for name, want in ef.items():
        have = gf.get(name)
        ok = _fold(have) == _fold(want)
        why = f"{json.dumps(have)[:300]} vs {json.dumps(want)[:300]}"
        rows.append(Row(f"evidence:{name}", ok, why, True, wrong=not ok and _given(have)))
    return rows


def score_real(label: dict[str, str], got: dict[str, Any]) -> list[Row]:
    gf = got.get("fields") or {}
    kind = label["kind"]
    if kind == "other":
        key = next((k for k in OTHER_KINDS if k in label["file"]), "")
        allowed = OTHER_KINDS.get(key, {"unknown"})
    else:
        allowed = REAL_KINDS.get(kind, {kind})
    g_kind = got.get("kind")
    rows = [_row("kind", g_kind in allowed, f"{g_kind} not in {sorted(allowed)}", g_kind not in (None, "unknown"))]
    if got.get("error"):
        return rows
    for name in ("vendor", "issuer", "accreditation_body"):
        if label.get(name):
            have = _value(gf.get(name))
            rows.append(_row(name, text_match(have, label[name]), f"{have!r} vs {label[name]!r}", have))
    if label.get("certificate_number"):
        have = _value(gf.get("certificate_number"))
        ok = norm(have) == norm(label["certificate_number"])
        rows.append(_row("certificate_number", ok, f"{have!r} vs {label['certificate_number']!r}", have))
    is_cert = kind.startswith("iso") or got.get("kind") == "iso_certificate"
    for name in ("period_start", "period_end", "expiry_date"):
        if label.get(name):
            have = _value(gf.get(name))
            rows.append(_row(name, have == label[name], f"{have} vs {label[name]}", have))
    if label.get("report_date"):
        pred = _value(gf.get("issue_date")) if is_cert else _value(gf.get("report_date"))
        if is_cert and pred != label["report_date"]:
            pred = _value(gf.get("report_date")) or pred
        # The label's column is the "report or issue date": a certificate-like document of another kind (a
        # person's certificate) states an issue date and no report date.
        pred = pred or _value(gf.get("issue_date"))
        rows.append(_row("report/issue_date", pred == label["report_date"], f"{pred} vs {label['report_date']}", pred))
    if label.get("opinion"):
        have = _value(gf.get("opinion"))
        rows.append(_row("opinion", have == label["opinion"], f"{have} vs {label['opinion']}", have))
    if label.get("tsc_categories"):
        want = {c for c in CATEGORIES if c.replace("_", " ") in label["tsc_categories"].casefold()}
        g = set(map(str, _values(gf.get("tsc_categories"))))
        rows.append(_row("tsc_categories", g == want, f"{sorted(g)} vs {sorted(want)}", g - want))
    if label.get("standard_version", "").startswith("ISO/IEC"):
        wanted = re.findall(r"ISO/IEC \d{5}:\d{4}", label["standard_version"])
        g = set(map(str, _values(gf.get("standards"))))
        # A standard the label does not name is wrong only when it is another edition of a wanted one.
        editions = {w.split(":")[0] for w in wanted}
        rows.append(
            _row(
                "standards",
                set(wanted) <= g,
                f"{sorted(g)} vs {wanted}",
                {s for s in g - set(wanted) if s.split(":")[0] in editions},
            )
        )
    if label.get("has_exceptions") in ("yes", "no") and kind.startswith("soc2"):
        g_exc = bool(gf.get("exceptions"))
        want_exc = label["has_exceptions"] == "yes"
        rows.append(_row("has_exceptions", g_exc == want_exc, f"{g_exc} vs {label['has_exceptions']}", g_exc))
    if label.get("ai_mentioned") in ("yes", "no"):
        g_ai = bool((gf.get("ai") or {}).get("covered"))
        want_ai = label["ai_mentioned"] == "yes"
        rows.append(_row("ai.covered", g_ai == want_ai, f"{g_ai} vs {label['ai_mentioned']}", g_ai))
    return rows


def _extract(pdf: Path) -> tuple[dict[str, Any], float]:
    from extractors import extract_file

    started = time.perf_counter()
    try:
        result = extract_file(pdf).to_dict()
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the scoring of the rest
        result = {"_error": f"{type(exc).__name__}: {exc}"}
    return result, time.perf_counter() - started


def evaluate(folder: Path, evidence: bool = False, progress: Callable[[str], None] | None = None) -> Score:
    """Extract every labelled PDF in the folder and score it."""
    score = Score()
    labels_tsv = folder / "labels.tsv"
    if labels_tsv.exists():
        with labels_tsv.open(newline="", encoding="utf-8") as fh:
            labels = {r["file"]: r for r in csv.DictReader(fh, delimiter="\t")}
        for name, label in labels.items():
            pdf = folder / name
            if not pdf.exists():
                continue
            if progress:
                progress(name)
            got, secs = _extract(pdf)
            score.seconds.append(secs)
            rows = score_real(label, got)
            if "_error" in got:
                rows = [Row(r.field, False, "no output: " + got["_error"][-120:], r.stated) for r in rows]
            score.add(name, rows)
        return score
    for expected_path in sorted(folder.glob("*.expected.json")):
        pdf = expected_path.with_name(expected_path.name[: -len(".expected.json")] + ".pdf")
        if not pdf.exists():
            continue
        if progress:
            progress(pdf.name)
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        got, secs = _extract(pdf)
        score.seconds.append(secs)
        rows = score_generated(expected, got)
        if evidence:
            rows += score_evidence(expected, got)
        if "_error" in got:
            rows = [Row(r.field, False, "no output: " + got["_error"][-120:], r.stated) for r in rows]
        score.add(pdf.name, rows)
    return score


def render(score: Score, show_misses: bool) -> str:
    out = [f"{'field':34} {'hit':>5} {'of':>5} {'%':>6} {'wrong':>6}"]
    for name, (hit, total) in score.per_field.items():
        out.append(f"{name:34} {hit:5d} {total:5d} {100 * hit / max(total, 1):6.1f} {score.wrong.get(name, 0):6d}")
    if show_misses and score.misses:
        out.append("")
        out.extend(score.misses)
    hits = sum(h for h, _ in score.per_field.values())
    total = sum(n for _, n in score.per_field.values())
    docs = len(score.seconds)
    median = sorted(score.seconds)[docs // 2] if docs else 0.0
    out.append("")
    out.append(f"median {median:.2f}s per document (in process)")
    out.append(f"all-field accuracy {100 * hits / max(total, 1):.1f}% ({hits}/{total} fields) on {docs} documents")
    out.append(
        f"stated-field accuracy {100 * score.stated[0] / max(score.stated[1], 1):.1f}% "
        f"({score.stated[0]}/{score.stated[1]} fields the label states) on {docs} documents"
    )
    wrong = sum(score.wrong.values())
    out.append(
        f"wrong values {wrong} ({100 * wrong / max(total, 1):.1f}% of {total} fields; a wrong value is an answer that "
        f"is not the label's, a null is not one)"
    )
    return "\n".join(out)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eval", help="score extraction on a folder of labelled PDFs, field by field")
    p.add_argument("folder", type=Path, metavar="FOLDER", help="*.pdf beside *.expected.json, or PDFs with labels.tsv")
    p.add_argument("--show-misses", action="store_true", help="list every field that did not match, and why")
    p.add_argument("--evidence", action="store_true", help="also require each value's page and quote (generated)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    if not folder.is_dir():
        print(f"vendor-assurance eval: {folder} is not a folder", file=sys.stderr)
        return 2
    interactive = sys.stderr.isatty()

    def progress(name: str) -> None:
        if interactive:
            sys.stderr.write(f"\r\033[Kreading {name}")
            sys.stderr.flush()

    score = evaluate(folder, evidence=args.evidence, progress=progress)
    if interactive:
        sys.stderr.write("\r\033[K")
    if not score.seconds:
        print(f"vendor-assurance eval: no labelled PDFs in {folder}", file=sys.stderr)
        return 2
    print(render(score, args.show_misses))
    return 0
