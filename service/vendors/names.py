"""Vendor name normalization and the in-memory fuzzy index behind vendor search.

Scoring every name with WRatio costs ~1 µs per name, too slow for 10,000 vendors under load, so the index first
gathers candidates cheaply (tokens within a small edit distance of a query token, tokens it prefixes, whole names
by plain ratio) and scores only those with WRatio.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_LEGAL = {
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "plc",
    "sa",
    "ag",
    "bv",
    "nv",
    "pty",
    "llp",
    "lp",
    "sarl",
    "sas",
    "srl",
    "spa",
    "kk",
    "oy",
    "ab",
    "as",
    "the",
}
_NON_WORD = re.compile(r"[^\w]+")


_LONG_LEGAL = ("incorporated", "corporation", "limited", "company")


def _misspelt_legal(token: str) -> bool:
    """A long legal word with a typo ("Corporaton") is still a legal word, not part of the name."""
    return len(token) >= 6 and any(fuzz.ratio(token, word) >= 88 for word in _LONG_LEGAL)


def _join_initials(tokens: list[str]) -> list[str]:
    """Runs of single letters are one abbreviation: "S.A." -> "sa", "I B M" -> "ibm"."""
    out: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        out.append(token)
    if run:
        out.append(run)
    return out


def normalize(name: str) -> str:
    """Case, accents, punctuation and legal suffixes do not distinguish vendors: "ACME Cloud, Inc." -> "acme cloud"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    tokens = _join_initials([t for t in _NON_WORD.sub(" ", text).split() if t])
    kept = [t for t in tokens if t not in _LEGAL and not _misspelt_legal(t)]
    return " ".join(kept or tokens)


@dataclass(frozen=True, slots=True)
class Hit:
    vendor_id: int
    score: float
    matched: str


class NameIndex:
    """Names and aliases of all vendors, searchable by fuzzy score. Immutable: rebuild it when vendors change."""

    def __init__(self, entries: Iterable[tuple[int, str]]) -> None:
        self._ids: list[int] = []
        self._raw: list[str] = []
        self._norm: list[str] = []
        by_token: dict[str, set[int]] = defaultdict(set)
        for vendor_id, raw in entries:
            norm = normalize(raw)
            if not norm:
                continue
            pos = len(self._ids)
            self._ids.append(vendor_id)
            self._raw.append(raw)
            self._norm.append(norm)
            for token in norm.split():
                by_token[token].add(pos)
        self._by_token = {t: sorted(p) for t, p in by_token.items()}
        self._tokens = list(self._by_token)

    def __len__(self) -> int:
        return len(self._ids)

    def _candidates(self, query: str, cap: int) -> set[int]:
        found: set[int] = set()
        for qtok in query.split():
            cutoff = 100 if len(qtok) <= 2 else 80
            similar = process.extract(qtok, self._tokens, scorer=fuzz.ratio, score_cutoff=cutoff, limit=50)
            for token, _score, _ in similar:
                found.update(self._by_token[token])
            if len(qtok) >= 3:
                for token in self._tokens:
                    if token.startswith(qtok):
                        found.update(self._by_token[token])
        whole = process.extract(query, self._norm, scorer=fuzz.ratio, score_cutoff=70, limit=cap)
        found.update(pos for _n, _s, pos in whole)
        if len(found) > cap:
            found = set(sorted(found)[:cap])
        return found

    def search(self, q: str, limit: int = 10, cutoff: float = 60.0, cap: int = 3000) -> list[Hit]:
        """The best vendors for ``q``, one hit per vendor (its best-scoring name), highest score first."""
        query = normalize(q)
        if not query or not self._ids:
            return []
        best: dict[int, Hit] = {}
        for pos in self._candidates(query, cap):
            norm = self._norm[pos]
            score = 100.0 if norm == query else float(fuzz.WRatio(query, norm))
            if score < cutoff:
                continue
            vendor_id = self._ids[pos]
            current = best.get(vendor_id)
            if current is None or score > current.score:
                best[vendor_id] = Hit(vendor_id, round(score, 1), self._raw[pos])
        return sorted(best.values(), key=lambda h: (-h.score, h.vendor_id))[:limit]
