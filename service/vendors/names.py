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
from functools import lru_cache
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
    # more languages: Poland (sp. z o.o.), Czechia/Slovakia (s.r.o.), Brazil/Portugal (Ltda), Nordics (Oyj, ApS,
    # ASA, AB publ), Malaysia (Sdn Bhd), Singapore (Pte), India (Pvt), Hungary (Kft, Zrt), Russia (OOO), Germany
    # (KG, OHG, UG, e.V., GesmbH), Spain (S.L., S.L.U., S.A.E.), France (SCS, SNC), Japan (KK, GK)
    "sp",
    "zoo",
    "sro",
    "ltda",
    "oyj",
    "aps",
    "asa",
    "publ",
    "sdn",
    "bhd",
    "pte",
    "pvt",
    "kft",
    "zrt",
    "ooo",
    "kg",
    "ohg",
    "ug",
    "ev",
    "gesmbh",
    "sl",
    "slu",
    "sae",
    "scs",
    "snc",
    "gk",
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
    legal = [t in _LEGAL or _misspelt_legal(t) for t in tokens]
    # "& Co. KG": an "and" that only joins legal words goes with them
    kept = [t for i, t in enumerate(tokens) if not legal[i] and not (
        t == "and" and i + 1 < len(tokens) and all(legal[i + 1:]))]
    return " ".join(kept or tokens)


# Short names everyone uses for a few very large providers; not derivable from the legal name's letters.
WELL_KNOWN: dict[str, tuple[str, ...]] = {
    "amazon web services": ("aws", "amazon aws"),
    "amazon": ("aws",),
    "google cloud platform": ("gcp", "google cloud"),
    "google cloud": ("gcp",),
    "google": ("gcp", "google cloud", "goog"),
    "microsoft": ("msft", "azure", "microsoft azure", "ms azure", "office 365", "m365"),
    "microsoft azure": ("azure", "msft"),
    "oracle cloud infrastructure": ("oci",),
    "oracle": ("oci",),
    "international business machines": ("ibm",),
    "salesforce": ("sfdc",),
    "salesforce com": ("sfdc", "salesforce"),
}
_DBA = re.compile(r"\b(?:d\s?/\s?b\s?/\s?a|dba|doing business as|trading as|t\s?/\s?a|a\s?/\s?k\s?/\s?a|aka|"
                  r"also known as|formerly(?: known as)?|f\s?/\s?k\s?/\s?a|fka)\b\.?", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]{2,80})\)|[\"“”]([^\"“”]{2,80})[\"“”]")
_NOT_INITIAL = {"and", "of", "the", "for", "de", "du", "der", "und", "et"}


@lru_cache(maxsize=50_000)
def name_forms(raw: str) -> tuple[list[str], list[str]]:
    """The names one vendor goes by, read from its recorded name: (names, short forms).

    Names: the legal name, each side of "doing business as" / "formerly", the name with and without a part in
    parentheses or quotes ("Quick Pay (QP) Ltd"). Short forms (matched only exactly, never fuzzily, since three
    letters are too few to tell a typo from another company): the initials of a name of three or more words
    ("Amazon Web Services" -> "aws") and the well-known short names of a few large providers ("gcp", "msft").
    """
    names: list[str] = [raw]
    for part in _DBA.split(raw):
        part = part.strip(" ,;")
        if part and part not in names:
            names.append(part)
    for candidate in list(names):
        for m in _PAREN.finditer(candidate):
            inner = (m.group(1) or m.group(2) or "").strip()
            outer = " ".join((candidate[: m.start()] + " " + candidate[m.end():]).split()).strip(" ,;")
            for part in (outer, inner):
                if part and part not in names and normalize(part) not in _LEGAL:
                    names.append(part)
    shorts: list[str] = []
    for name in names:
        if _DBA.search(name) or _PAREN.search(name):
            continue  # its parts stand on their own
        norm = normalize(name)
        words = [w for w in norm.split() if w not in _NOT_INITIAL]
        if len(words) >= 3:
            shorts.append("".join(w[0] for w in words))
        for long, short in WELL_KNOWN.items():
            if norm == long or norm.startswith(long + " "):
                shorts.extend(short)
    full = {normalize(n).replace(" ", "") for n in names}
    return names, list(dict.fromkeys(s.replace(" ", "") for s in shorts if s.replace(" ", "") not in full))


_GROUP = {"group", "holdings", "holding", "international", "global", "worldwide", "gruppe", "groupe", "grupo"}
Relation = str  # "same" | "typo" | "part" | "other"


def relation(a: str, b: str) -> Relation:
    """How two normalized names relate, for deciding whether they are one company.

    "same": equal. "typo": as many words, each within a typo of the other ("umbrela health" / "umbrella health").
    "part": one name's words are all in the other ("acme cloud" / "acme cloud services"): often the same company
    by a shorter name, but not always, so a person decides. "other": distinct words on both sides ("acme cloud" /
    "acme payments"): sharing a first word does not make two companies one. "near": as "typo", but the first
    letter differs ("marrowby" / "yarrowby").
    """
    if a == b:
        return "same"
    ta, tb = a.split(), b.split()
    # "Group", "Holdings": a corporate group's name, which may be the parent of the vendor read from a document
    ga, gb = [t for t in ta if t not in _GROUP], [t for t in tb if t not in _GROUP]
    if ga and gb and (ga, gb) != (ta, tb) and (set(ga) <= set(gb) or set(gb) <= set(ga)):
        return "part"
    if len(ta) == len(tb) and all(x == y or (min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 80)
                                  for x, y in zip(ta, tb, strict=True)):
        # a changed first letter of the distinctive word makes another name more often than a typo does
        # ("Marrowby" / "Yarrowby"): a person decides
        return "typo" if ta[0][0] == tb[0][0] else "near"
    if fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= 94:
        return "typo"  # a space added or lost: "acmecloud"
    sa, sb = set(ta), set(tb)
    if sa < sb or sb < sa:
        return "part"
    return "other"


@lru_cache(maxsize=50_000)
def same_org(a: str, b: str) -> bool:
    """Whether two names of a provider mean one organization ("AWS", "Amazon Web Services, Inc.", "Amazon Web
    Services (AWS)"): one of the names' forms, a short form of the other, or the same words up to a typo or
    a dropped word after the same first word."""
    # lazy: this loads the knowledge package (a quarter second), which matching names alone does not need
    from knowledge.portfolio.providers import known_provider

    known_a = known_provider(a)
    if known_a is not None and known_a == known_provider(b):
        return True  # the knowledge base's list of providers' names and products ("Amazon S3" is AWS)
    forms_a, shorts_a = name_forms(a)
    forms_b, shorts_b = name_forms(b)
    norms_a = {normalize(f) for f in forms_a} - {""}
    norms_b = {normalize(f) for f in forms_b} - {""}
    if norms_a & norms_b:
        return True
    flat_a = {n.replace(" ", "") for n in norms_a} | set(shorts_a)
    flat_b = {n.replace(" ", "") for n in norms_b} | set(shorts_b)
    if ({n.replace(" ", "") for n in norms_a} & set(shorts_b)) or ({n.replace(" ", "") for n in norms_b}
                                                                    & set(shorts_a)):
        return True
    del flat_a, flat_b
    for x in norms_a:
        for y in norms_b:
            rel = relation(x, y)
            if rel in {"same", "typo"} or (rel == "part" and x.split()[0] == y.split()[0]):
                return True
    return False


PROVIDERS = ("Amazon Web Services", "Google Cloud Platform", "Microsoft Azure", "Oracle Cloud Infrastructure",
             "IBM Cloud", "Salesforce", "Cloudflare", "DigitalOcean", "Equinix", "Rackspace", "Snowflake",
             "Akamai", "Fastly", "Heroku", "MongoDB Atlas", "Twilio", "Stripe", "Okta", "Datadog", "GitHub",
             "Atlassian", "Zendesk", "OpenAI", "Anthropic", "Digital Realty", "Hetzner", "OVHcloud", "Linode")


@dataclass(frozen=True, slots=True)
class Hit:
    vendor_id: int
    score: float
    matched: str


class NameIndex:
    """Names and aliases of all vendors, searchable by fuzzy score. Immutable: rebuild it when vendors change."""

    def __init__(self, entries: Iterable[tuple[int, str]]) -> None:
        self._ids: list[int] = []
        self._short_raw: dict[tuple[str, int], str] = {}
        self._raw: list[str] = []
        self._norm: list[str] = []
        by_token: dict[str, set[int]] = defaultdict(set)
        self._short: dict[str, set[int]] = defaultdict(set)
        expanded: list[tuple[int, str]] = []
        for vendor_id, raw in entries:
            forms, shorts = name_forms(raw)
            expanded.extend((vendor_id, form) for form in forms)
            for short in shorts:
                self._short[short].add(vendor_id)
                self._short_raw.setdefault((short, vendor_id), raw)
        for vendor_id, raw in expanded:
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
        short = self._short.get(query.replace(" ", ""))
        if short:
            exact_hits = [Hit(vid, 100.0, self._short_raw[(query.replace(" ", ""), vid)]) for vid in sorted(short)]
            if len(exact_hits) >= limit:
                return exact_hits[:limit]
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
        if short:
            for hit in exact_hits:
                best[hit.vendor_id] = hit
        return sorted(best.values(), key=lambda h: (-h.score, h.vendor_id))[:limit]

    def short_forms(self, key: str) -> set[int]:
        """Vendors known by this exact short form ("aws", "gcp"), matched without fuzz."""
        return set(self._short.get(normalize(key).replace(" ", ""), ()))
