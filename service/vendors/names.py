"""Vendor name normalization and the in-memory fuzzy index behind vendor search.

Scoring every name with WRatio costs ~1 µs per name, too slow for 10,000 vendors under load, so the index first
gathers candidates cheaply (tokens within a small edit distance of a query token, tokens it prefixes, whole names
by plain ratio) and scores only those with WRatio.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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
        self._tokens = sorted(self._by_token)
        # per-vendor data kept alongside this index (the row read with it, the search API's JSON); it dies with it
        self.records: dict[int, Mapping[Any, Any]] = {}
        self.payloads: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def _with_prefix(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._tokens, prefix)
        end = bisect.bisect_left(self._tokens, prefix + "\uffff", lo=start)
        return self._tokens[start:end]

    def _token_candidates(self, query: str, cap: int) -> dict[int, int]:
        """Names sharing a token with the query (exactly, as a prefix, or within an edit or two), with how many
        query tokens each matched; at most ``cap``, those matching most tokens first."""
        hits: dict[int, int] = {}
        for qtok in query.split():
            tokens: set[str] = set()
            if qtok in self._by_token:
                tokens.add(qtok)
            if len(qtok) >= 3:
                tokens.update(self._with_prefix(qtok)[:200])
                similar = process.extract(qtok, self._tokens, scorer=fuzz.ratio, score_cutoff=80, limit=20)
                tokens.update(token for token, _score, _ in similar)
            matched: set[int] = set()
            for token in tokens:
                matched.update(self._by_token[token])
            for pos in matched:
                hits[pos] = hits.get(pos, 0) + 1
        if len(hits) > cap:  # keep those matching the most query tokens (bucketed: cheaper than sorting)
            by_count: dict[int, list[int]] = defaultdict(list)
            for pos, count in hits.items():
                by_count[count].append(pos)
            kept: dict[int, int] = {}
            for count in sorted(by_count, reverse=True):
                for pos in by_count[count][: cap - len(kept)]:
                    kept[pos] = count
                if len(kept) >= cap:
                    break
            hits = kept
        return hits

    def search(self, q: str, limit: int = 10, cutoff: float = 60.0, cap: int = 400) -> list[Hit]:
        """The best vendors for ``q``, one hit per vendor (its best-scoring name), highest score first.

        Whole names are compared with the query only when no token led to a good match (a typo that joins or
        splits words: "acmecloud"), since that pass costs as much as all the others together.
        """
        query = normalize(q)
        if not query or not self._ids:
            return []
        choices = {pos: self._norm[pos] for pos in self._token_candidates(query, cap)}
        scored = process.extract(query, choices, scorer=fuzz.WRatio, score_cutoff=cutoff, limit=limit * 4 + 10)
        if not scored or scored[0][1] < 85:
            whole = process.extract(query, self._norm, scorer=fuzz.ratio, score_cutoff=70, limit=limit * 4 + 10)
            extra = {pos: self._norm[pos] for _n, _s, pos in whole if pos not in choices}
            if extra:
                scored += process.extract(query, extra, scorer=fuzz.WRatio, score_cutoff=cutoff, limit=limit * 4 + 10)
        best: dict[int, Hit] = {}
        for norm, score, pos in scored:
            value = 100.0 if norm == query else float(score)
            vendor_id = self._ids[pos]
            current = best.get(vendor_id)
            if current is None or value > current.score:
                best[vendor_id] = Hit(vendor_id, round(value, 1), self._raw[pos])
        return sorted(best.values(), key=lambda h: (-h.score, h.vendor_id))[:limit]
