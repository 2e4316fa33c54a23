"""Vendor name normalization and the in-memory fuzzy index behind vendor search.

Scoring every name with WRatio costs ~1 µs per name, too slow for 10,000 vendors under load, so the index first
gathers candidates cheaply (tokens within a small edit distance of a query token, tokens it prefixes, whole names
by plain ratio) and scores only those with WRatio.
"""

from __future__ import annotations

import bisect
import heapq
import math
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
        self._token_sets = {t: frozenset(p) for t, p in self._by_token.items()}
        self._tokens = sorted(self._by_token)
        self._similar_cache: dict[str, tuple[str, ...]] = {}
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for token in self._tokens:
            self._by_length[len(token)].append(token)
        self._by_length_cache: dict[int, list[str]] = {}
        # per-vendor data kept alongside this index (the row read with it, the search API's JSON); it dies with it
        self.records: dict[int, Mapping[Any, Any]] = {}
        self.payloads: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def _with_prefix(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._tokens, prefix)
        end = bisect.bisect_left(self._tokens, prefix + "\uffff", lo=start)
        return self._tokens[start:end]

    def _tokens_of_length(self, length: int) -> list[str]:
        """The tokens long enough and short enough to score 80 against a token of ``length``: the ratio is at most
        100 * (1 - |a - b| / (a + b)), so lengths that differ by more than a fifth of their sum are never similar."""
        found = self._by_length_cache.get(length)
        if found is None:
            found = [t for n, ts in self._by_length.items() if abs(n - length) * 5 <= n + length for t in ts]
            self._by_length_cache[length] = found
        return found

    def _similar_tokens(self, qtok: str) -> tuple[str, ...]:
        """Indexed tokens a query token may stand for: itself, tokens it prefixes, and tokens within an edit or two.

        Cached per index (it is immutable): the comparison with every token is the dearest step of a search, and
        people ask about the same vendors, and use the same words ("cloud", "data"), again and again."""
        found = self._similar_cache.get(qtok)
        if found is not None:
            return found
        tokens: dict[str, None] = {}
        if qtok in self._by_token:
            tokens[qtok] = None
        if len(qtok) >= 3:
            tokens.update(dict.fromkeys(self._with_prefix(qtok)[:200]))
            similar = process.extract(
                qtok, self._tokens_of_length(len(qtok)), scorer=fuzz.ratio, score_cutoff=80, limit=20
            )
            tokens.update(dict.fromkeys(token for token, _score, _ in similar))
        found = tuple(tokens)
        if len(self._similar_cache) >= 20_000:
            self._similar_cache.clear()
        self._similar_cache[qtok] = found
        return found

    def _token_candidates(self, query: str, cap: int) -> dict[int, float]:
        """Names sharing a token with the query (exactly, as a prefix, or within an edit or two), weighted by how
        rare the matched words are; at most ``cap``, the heaviest first.

        Rare words are looked at first. A word most names share ("cloud", "data") then only adds weight to the
        names already found instead of bringing in a thousand more: "kelmor cloud" is about Kelmor, not about
        every cloud company.
        """
        per_token = []
        for qtok in dict.fromkeys(query.split()):
            tokens = self._similar_tokens(qtok)
            df = sum(len(self._by_token[t]) for t in tokens)
            if df:
                per_token.append((df, tokens))
        per_token.sort(key=lambda item: item[0])
        total = len(self._ids)
        hits: dict[int, float] = {}
        for df, tokens in per_token:
            weight = math.log(1 + total / df)
            if hits and df > cap:  # a common word: rank what rarer words found, bring in nothing new
                for token in tokens:
                    members = self._token_sets[token]
                    for pos in hits:
                        if pos in members:
                            hits[pos] += weight
                continue
            for token in tokens:
                for pos in self._by_token[token]:
                    hits[pos] = hits.get(pos, 0.0) + weight
        if len(hits) > cap:
            hits = dict(heapq.nlargest(cap, hits.items(), key=lambda item: item[1]))
        return hits

    def search(self, q: str, limit: int = 10, cutoff: float = 60.0, cap: int = 200) -> list[Hit]:
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
