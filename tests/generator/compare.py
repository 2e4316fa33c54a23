"""Field-by-field comparison of an extraction with a generated document's expected values.

Text values are compared leniently (legal suffixes, case and punctuation folded; either contains the
other) because "Quillfeather Analytics" and "Quillfeather Analytics, Inc." name the same party; dates,
opinions, categories, standards, methods and control ids are compared exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

TEXT = ("vendor", "issuer", "accreditation_body", "scope")
DATES = ("report_date", "period_start", "period_end", "issue_date", "original_issue_date", "expiry_date")
ALL_FIELDS = ("kind", *TEXT, "certificate_number", *DATES, "opinion", "standards", "tsc_categories",
              "subservice_organizations", "cuecs", "exceptions", "ai", "warnings")

_SUFFIX = re.compile(r"\b(inc|llc|llp|ltd|limited|corp|corporation|co|b\.?v|gmbh|plc|pty|s\.?a|p\.?c|the)\b\.?")


def norm(s: object) -> str:
    text = str(s or "").casefold().replace("&", " and ").replace("’", "'")
    text = _SUFFIX.sub(" ", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def text_match(got: object, expected: object) -> bool:
    g, e = norm(got), norm(expected)
    if not g or not e:
        return g == e
    return g in e or e in g or SequenceMatcher(None, g, e).ratio() >= 0.85


def _val(x: Any) -> Any:
    return x.get("value") if isinstance(x, dict) else None


def _vals(items: Any) -> list[Any]:
    return [_val(i) for i in items or []]


def compare(expected: dict[str, Any], got: dict[str, Any], fields: Iterable[str] = ALL_FIELDS) -> dict[str, str]:
    """Mismatches as {field: explanation}; empty when every asked field agrees."""
    ef, gf = expected["fields"], got.get("fields") or {}
    out: dict[str, str] = {}
    for f in fields:
        why = _compare_one(f, expected, got, ef, gf)
        if why:
            out[f] = why
    return out


def _compare_one(f: str, expected: dict[str, Any], got: dict[str, Any], ef: dict[str, Any],
                 gf: dict[str, Any]) -> str | None:
    if f == "kind":
        want = expected["kind"]
        pseudo = expected.get("x-generator", {}).get("variant", {}).get("pseudo_soc2")
        allowed = {"unknown", "iso_certificate"} if pseudo else {want}
        return None if got.get("kind") in allowed else f"{got.get('kind')} != {want}"
    if f in TEXT:
        e, g = _val(ef.get(f)), _val(gf.get(f))
        if e is None:
            return None if g in (None, "") else f"{g!r} where the document states none"
        return None if text_match(g, e) else f"{g!r} != {e!r}"
    if f == "certificate_number":
        e, g = _val(ef.get(f)), _val(gf.get(f))
        return None if norm(e) == norm(g) else f"{g!r} != {e!r}"
    if f in DATES or f == "opinion":
        e, g = _val(ef.get(f)), _val(gf.get(f))
        return None if e == g else f"{g} != {e}"
    if f in ("standards", "tsc_categories"):
        e_set, g_set = set(_vals(ef.get(f))), set(_vals(gf.get(f)))
        return None if e_set == g_set else f"{sorted(g_set)} != {sorted(e_set)}"
    if f == "subservice_organizations":
        exp, have = ef.get(f) or [], gf.get(f) or []
        problems = [f"missing {e['value']!r} ({e['method']})" for e in exp
                    if not any(text_match(h.get("value"), e["value"]) and h.get("method") == e["method"] for h in have)]
        extra = [h.get("value") for h in have if not any(text_match(h.get("value"), e["value"]) for e in exp)]
        if extra:
            problems.append(f"unexpected {extra}")
        return "; ".join(problems) or None
    if f == "cuecs":
        exp, have = ef.get(f) or [], gf.get(f) or []
        if len(exp) != len(have):
            return f"{len(have)} CUECs != {len(exp)}: got {[h.get('value', '')[:50] for h in have]}"
        problems = []
        for e in exp:
            match = next((h for h in have if text_match(h.get("value"), e["value"])), None)
            if match is None:
                problems.append(f"missing {e['value'][:60]!r}")
            elif sorted(match.get("criteria") or []) != sorted(e["criteria"]):
                problems.append(f"criteria {match.get('criteria')} != {e['criteria']} for {e['value'][:40]!r}")
        return "; ".join(problems) or None
    if f == "exceptions":
        exp, have = ef.get(f) or [], gf.get(f) or []
        e_ids, g_ids = sorted(str(e["control"]) for e in exp), sorted(str(h.get("control")) for h in have)
        if e_ids != g_ids:
            return f"controls {g_ids} != {e_ids}"
        problems = []
        for e in exp:
            h = next(h for h in have if str(h.get("control")) == str(e["control"]))
            if sorted(h.get("criteria") or []) != sorted(e["criteria"]):
                problems.append(f"{e['control']} criteria {h.get('criteria')} != {e['criteria']}")
            if not text_match(h.get("management_response"), e["management_response"]):
                problems.append(f"{e['control']} response {str(h.get('management_response'))[:60]!r}")
            if not text_match(h.get("value"), e["value"]):
                problems.append(f"{e['control']} text {str(h.get('value'))[:60]!r}")
        return "; ".join(problems) or None
    if f == "ai":
        e_ai, g_ai = bool((ef.get("ai") or {}).get("covered")), bool((gf.get("ai") or {}).get("covered"))
        if e_ai != g_ai:
            return f"covered={g_ai} != {e_ai}"
        # A quote of the stated sentence must be that sentence (or part of it), not text read across columns.
        for g in (gf.get("ai") or {}).get("evidence") or []:
            gq = fold(str(g.get("quote") or ""))
            for e in (ef.get("ai") or {}).get("evidence") or []:
                eq = fold(str(e.get("quote") or ""))
                if _shares_words(gq, eq, 5) and gq not in eq and eq not in gq:
                    return f"evidence quote mixes in other text: {gq[:90]!r}"
        return None
    if f == "warnings":
        words = expected.get("x-generator", {}).get("warn_about") or []
        text = " ".join(got.get("warnings") or []).casefold()
        missing = [w for w in words if w.casefold() not in text]
        return f"no warning mentions {missing}: {got.get('warnings')}" if missing else None
    raise ValueError(f"unknown field {f!r}")


def is_scanned(expected: dict[str, Any]) -> bool:
    """A scan has no text layer to check quotes against."""
    return bool(expected.get("x-generator", {}).get("variant", {}).get("scanned"))


def is_interleaved(expected: dict[str, Any]) -> bool:
    """Interleaved columns: a quote in reading order is not contiguous in the plain text layer."""
    return bool(expected.get("x-generator", {}).get("variant", {}).get("interleaved"))


def _in_order(words: list[str], page: str) -> bool:
    at = 0
    for word in words:
        at = page.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _shares_words(a: str, b: str, n: int) -> bool:
    """Whether ``a`` and ``b`` have a run of ``n`` words in common."""
    wa, wb = a.split(), b.split()
    grams = {tuple(wb[i : i + n]) for i in range(len(wb) - n + 1)}
    return any(tuple(wa[i : i + n]) in grams for i in range(len(wa) - n + 1))


def evidence_problems(got: dict[str, Any], pages: list[str], *, columns: bool = False) -> list[str]:
    """Every quote the extraction gives must be on the page it cites (whitespace ignored); a quote may run on
    to the next page when the item it quotes breaks across the page boundary, and with ``columns`` (interleaved
    two-column text) its words need only appear on the page in order."""
    squash = [re.sub(r"\s+", "", p) for p in pages]
    out: list[str] = []

    def check(where: str, item: Any) -> None:
        if not isinstance(item, dict) or item.get("quote") in (None, ""):
            return
        page = item.get("page")
        q = re.sub(r"\s+", "", str(item["quote"])).rstrip("…")
        if not isinstance(page, int) or not 1 <= page <= len(pages) or not _on_page(q, page, str(item["quote"])):
            out.append(f"{where}: quote {str(item['quote'])[:60]!r} is not on page {page}")

    def _on_page(q: str, page: int, raw: str) -> bool:
        """On the page, or begun there and finished at the top of the next (an item that breaks across pages)."""
        here = squash[page - 1]
        if q in here:
            return True
        if columns and _in_order(raw.rstrip("…").split(), pages[page - 1]):
            return True  # read across interleaved columns: every word on the page, in order
        nxt = squash[page] if page < len(squash) else ""
        return any(q[:k] in here and q[k:] in nxt for k in range(20, len(q)))

    fields = got.get("fields") or {}
    for name, value in fields.items():
        if name == "ai":
            for i, e in enumerate((value or {}).get("evidence") or []):
                check(f"ai.evidence[{i}]", e)
        elif isinstance(value, list):
            for i, e in enumerate(value):
                check(f"{name}[{i}]", e)
        else:
            check(name, value)
    return out
