"""Finding the vendor a question names: exact names and aliases first, then fuzzy (typos, "Acme Corp" for
"ACME Cloud, Inc."), over the words the intent patterns left over.

The index is the service's own (``service.vendors.names``), so the bot and ``GET /vendors?q=`` agree on what
"the same name" means: case, punctuation and legal suffixes are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from service.vendors.names import PROVIDERS, NameIndex, normalize, same_org

from .slots import frameworks

Common = Callable[[str], bool]

# the directory of each database, kept while its vendors and documents are unchanged (the snapshot's stamp)
_DIRECTORIES: dict[str, tuple[tuple[object, ...], VendorDirectory]] = {}
ACCEPT = 80.0  # a fuzzy score at or above this names the vendor
SUGGEST = 55.0  # below ACCEPT but above this, the vendor is offered as "did you mean"
_JOINERS = {",", "&", "-", ".", "'"}
_POSSESSIVE = frozenset({"'s", "’s"})  # spaCy splits "acme's" into "acme" and "'s"
_MAX_NGRAM = 6
_FUZZY_CANDIDATES = 25  # vendors read per fuzzy look-up: enough for every name sharing a stem
# A web address names its company ("quillfeather.io", "www.ledgerline.com", "acme.co.uk"): the part before the
# top-level domain is matched as the name. Only the common top-level domains, so "A.8.24" or "Node.js" stay as typed.
_DOMAIN = re.compile(r"(?:www\.)?([a-z0-9][a-z0-9-]*[a-z0-9])\.(?:com|io|net|org|co|ai|app|dev|cloud|tech|so|xyz|"
                     r"biz|info|us|uk|de|fr|eu|ca|au|nl|se|ch|es|it|ie|in|jp|sg|hq|systems|software|health|security)"
                     r"(?:\.(?:uk|au|nz|jp|in|za|br))?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VendorMention:
    """What the question calls the vendor (``query``) and what it resolved to.

    ``vendor_id`` is None when nothing matched well enough or two vendors matched equally; ``suggestions`` then
    lists the closest names, so the answer can ask "did you mean ...".
    """

    query: str
    vendor_id: int | None = None
    name: str | None = None
    score: float = 0.0
    suggestions: tuple[tuple[int, str], ...] = ()
    start: int = 0  # the tokens of the question it spans
    end: int = 0

    @property
    def ambiguous(self) -> bool:
        return self.vendor_id is None and len(self.suggestions) > 1 and self.score >= ACCEPT


class VendorDirectory:
    """All vendor names and aliases, searchable; immutable (build a new one when vendors change)."""

    def __init__(self, entries: Iterable[tuple[int, str, Sequence[str]]], providers: Iterable[str] = ()) -> None:
        flat: list[tuple[int, str]] = []
        self.names: dict[int, str] = {}
        self._exact: dict[str, set[int]] = {}
        for vendor_id, name, aliases in entries:
            self.names[vendor_id] = name
            for raw in (name, *aliases):
                flat.append((vendor_id, raw))
                key = normalize(raw)
                if key:
                    self._exact.setdefault(key, set()).add(vendor_id)
        self._index = NameIndex(flat)
        # subservice providers named in documents, and the big clouds: "who depends on AWS?"
        self.providers: list[str] = []
        for name in (*providers, *PROVIDERS):
            if not any(same_org(name, known) for known in self.providers):
                self.providers.append(name)
        self._provider_index = NameIndex(list(enumerate(self.providers)))
        self._distinctive: frozenset[str] | None = None
        self._provider_exact: dict[str, int] = {}
        for i, name in enumerate(self.providers):
            self._provider_exact.setdefault(normalize(name), i)

    @classmethod
    def from_session(cls, db_session: object) -> VendorDirectory:
        """Every vendor in the database (names and aliases)."""
        # lazy: the database layer (0.4 s) only to read the directory from a session; reading a question (the
        # scorer, the classifier's training) needs none
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from service.vendors.models import Vendor

        from .portfolio import snapshot

        assert isinstance(db_session, Session)
        snap = snapshot(db_session)
        key = str(db_session.get_bind().engine.url)
        cached = _DIRECTORIES.get(key)
        if cached is not None and cached[0] == snap.stamp:
            return cached[1]
        rows = db_session.execute(select(Vendor.id, Vendor.name, Vendor.aliases)).all()
        directory = cls(((vid, name, aliases or []) for vid, name, aliases in rows), snap.provider_names())
        _DIRECTORIES[key] = (snap.stamp, directory)
        return directory

    def find_providers(self, tokens: Sequence[tuple[str, bool]], common: Common,
                       taken: Sequence[tuple[int, int]] = ()) -> list[tuple[str, int, int]]:
        """The subservice providers the question names (exactly, by a short form such as "AWS", or with a typo in
        its distinctive word), left to right: (name, first token, end token). Vendors' own mentions count too."""
        tokens = _web_names(tokens)
        words = [t for t, _ in tokens]
        used = [False] * len(words)
        found: list[tuple[str, int, int]] = []
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                if any(used[start:start + size]):
                    continue
                chunk = words[start:start + size]
                if not any(ok for _t, ok in tokens[start:start + size]):
                    continue
                if size == 1 and common(chunk[0]):
                    continue
                key = normalize(_join(chunk))
                if not key:
                    continue
                pos = self._provider_exact.get(key)
                if pos is None:
                    short = self._provider_index.short_forms(key)
                    pos = min(short) if len(short) == 1 else None
                if pos is None and size <= 3 and any(a <= start < b for a, b in taken):
                    continue
                if pos is None and any(not ok or (common(t) and not t[:1].isupper())
                                       for t, ok in tokens[start:start + size]):
                    continue  # a fuzzy name is made of name-like words only
                if pos is None and size > 1 and (_trade_term(chunk[0]) or _trade_term(chunk[-1])):
                    continue  # "Salesforce SOC2": the name, then the question's framework
                if pos is None:
                    hits = [h for h in self._provider_index.search(key, limit=2, cutoff=ACCEPT)
                            if _anchored(chunk, h.matched, common)]
                    pos = hits[0].vendor_id if hits else None
                if pos is not None and all(self.providers[pos] != f[0] for f in found):
                    found.append((self.providers[pos], start, start + size))
                    used[start:start + size] = [True] * size
        return sorted(found, key=lambda f: f[1])

    def find_provider(self, tokens: Sequence[tuple[str, bool]], common: Common,
                      taken: Sequence[tuple[int, int]] = ()) -> tuple[str, int, int] | None:
        """The first provider the question names, or None."""
        found = self.find_providers(tokens, common, taken)
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self.names)

    def distinctive_words(self) -> frozenset[str]:
        """The first word of every vendor's and provider's name ("quillfeather", "stratus")."""
        if self._distinctive is None:
            words = {normalize(n).split()[0] for n in (*self.names.values(), *self.providers) if normalize(n)}
            self._distinctive = frozenset(words)
        return self._distinctive

    def search(self, query: str, limit: int = 5, cutoff: float = SUGGEST) -> list[tuple[int, str, float]]:
        """Vendors whose name or alias resembles ``query``: (id, vendor name, score), best first."""
        return [(h.vendor_id, self.names[h.vendor_id], h.score)
                for h in self._index.search(query, limit=limit, cutoff=cutoff)]

    def find(self, tokens: Sequence[tuple[str, bool]]) -> VendorMention | None:
        """The vendor named in a question given as (token, could-be-part-of-a-name) pairs, or None if it names none.

        An exact name anywhere in the question wins (so a vendor called "Cover Genius" is still found); otherwise
        each run of leftover words, and each part of it, is scored fuzzily and the best is kept.
        """
        exact = self._find_exact(tokens)
        if exact is not None:
            return exact
        runs = _runs(tokens)
        if not runs:
            return None
        best: tuple[float, int, str, list[tuple[int, str, float]]] | None = None
        for run in runs:
            for span in _spans(run):
                hits = self.search(span, limit=3)
                if not hits:
                    continue
                key = (hits[0][2], len(span))
                if best is None or key > (best[0], best[1]):
                    best = (hits[0][2], len(span), span, hits)
        if best is not None and best[0] >= ACCEPT:
            score, _length, span, hits = best
            tied = [h for h in hits if h[2] >= score - 0.5]
            if len({h[0] for h in tied}) > 1:
                return VendorMention(span, None, None, score, tuple((h[0], h[1]) for h in tied))
            return VendorMention(span, hits[0][0], hits[0][1], score, ())
        query = max((" ".join(run) for run in runs), key=_name_likeness)
        if _name_likeness(query) == 0:
            return None
        suggestions = tuple((vid, name) for vid, name, _s in self.search(query, limit=3))
        return VendorMention(query, None, None, best[0] if best else 0.0, suggestions)

    def find_all(self, tokens: Sequence[tuple[str, bool]], common: Common = lambda w: False,
                 ) -> tuple[list[VendorMention], VendorMention | None]:
        """Every vendor a question names, left to right, and the one name it seems to give that matches no vendor.

        ``tokens`` are (token, could-be-part-of-a-name); ``common`` says whether a word is one of the questions'
        own words. A vendor is found by an exact name, alias or short form ("AWS"), or fuzzily when the question
        has a word close to the name's first, distinctive word and that word is not a common one: "isn't",
        "among" or "wk" never become a vendor. The unmatched name is only a run of capitalised, uncommon words.
        A web address is read as the name it carries ("quillfeather.io").
        """
        tokens = _web_names(tokens)
        words = [t for t, _ in tokens]
        used = [False] * len(tokens)
        found: list[VendorMention] = []
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                if any(used[start:start + size]):
                    continue
                chunk = words[start:start + size]
                if not any(ok for _t, ok in tokens[start:start + size]):
                    titled = size >= 2 and all(w[:1].isupper() for w in chunk if w.isalpha())
                    if not titled:
                        continue
                if size == 1 and (common(chunk[0]) or not chunk[0][:1].isalnum()):
                    continue
                if chunk[0] in _JOINERS or chunk[-1] in _JOINERS:
                    continue
                key = normalize(_join(chunk))
                ids = set(self._exact.get(key, ())) if key else set()
                if not ids and size <= 2 and key:
                    ids = self._index.short_forms(key)
                if len(ids) == 1:
                    vid = next(iter(ids))
                    found.append(VendorMention(_join(chunk), vid, self.names[vid], 100.0, (), start, start + size))
                    used[start:start + size] = [True] * size
        pending = list(_runs_at(tokens, used, common))
        while pending:
            run_start, run = pending.pop()
            best: tuple[float, int, int, list[tuple[int, str, float]]] | None = None
            for a in range(len(run)):
                for b in range(a + 1, min(len(run), a + _MAX_NGRAM) + 1):
                    if run[a] in _JOINERS or run[b - 1] in _JOINERS:
                        continue  # ", orchardline" is "orchardline": a name neither starts nor ends with a comma
                    span_words = [w for w in run[a:b] if w not in _JOINERS]
                    if not span_words or not any(len(w) >= 4 and not common(w) for w in span_words):
                        continue
                    hits = self._anchored_search(span_words, common)
                    if hits and (best is None or (hits[0][2], b - a) > (best[0], best[2] - best[1])):
                        best = (hits[0][2], a, b, hits)
            if best is None or best[0] < ACCEPT:
                continue
            score, a, b, hits = best
            tied = {h[0] for h in hits if h[2] >= score - 0.5}
            text = _join(run[a:b])
            if len(tied) == 1:
                found.append(VendorMention(text, hits[0][0], hits[0][1], score, (), run_start + a, run_start + b))
            else:
                found.append(VendorMention(text, None, None, score, tuple((h[0], h[1]) for h in hits if h[0] in tied),
                                           run_start + a, run_start + b))
            used[run_start + a:run_start + b] = [True] * (b - a)
            # the rest of the run may name another vendor ("compare corvane, halcyon and ledgerline")
            for part_start, part in ((run_start, run[:a]), (run_start + b, run[b:])):
                while part and part[0] in _JOINERS:
                    part, part_start = part[1:], part_start + 1
                while part and part[-1] in _JOINERS:
                    part = part[:-1]
                if part:
                    pending.append((part_start, part))
        found.sort(key=lambda m: m.start)
        unknown = None
        for run_start, run in _runs_at(tokens, used, common):
            end = run_start + len(run)
            owner = tokens[end][0] if end < len(tokens) else ""
            if owner in _POSSESSIVE and len(run) <= 3 and all(w.isalpha() and not common(w) for w in run) \
                    and len(run[-1]) >= 3:
                # "is letsencrypt's report ok": a possessive makes even a lower-case, unknown word a name
                query = _join(run)
                suggestions = tuple((vid, name) for vid, name, _s in self.search(query, limit=3))
                unknown = VendorMention(query, None, None, 0.0, suggestions, run_start, end)
                break
            while run and (run[0] in _JOINERS or common(run[0])):
                # the question's own words before a name: "compare Apple", Title Case "Can We Use Apple?"
                run, run_start = run[1:], run_start + 1
            lead: list[str] = []
            for w in run:
                if not (w[:1].isupper() or w in _JOINERS):
                    break
                lead.append(w)
            while lead and (lead[-1] in _JOINERS or (common(lead[-1]) and (
                    lead[-1].isupper() or any(c.isdigit() for c in lead[-1])))):
                lead.pop()  # "Zorbex SOC2 current?": an acronym of the trade ends no name
            run = lead
            named = [w for w in run if w not in _JOINERS]
            after = tokens[run_start + len(run)][0] if run_start + len(run) < len(tokens) else ""
            opener = run_start == 0 or tokens[run_start - 1][0] in {":", ".", "!", "?", ";", "—", "-", "("}
            if len(named) == 1 and (opener or after == "," or named[0].lower().endswith("ly")):
                continue  # "Honestly, ...", "Regarding the ...": a sentence's first word, not a vendor's name
            if named and named[0][:1].isupper() and named[0].isalpha() and not common(named[0]) \
                    and len(named[0]) >= 3 and all(w[:1].isupper() for w in named):
                query = _join(run)
                suggestions = tuple((vid, name) for vid, name, _s in self.search(query, limit=3))
                unknown = VendorMention(query, None, None, 0.0, suggestions, run_start, run_start + len(run))
                break
        return found, unknown

    def _anchored_search(self, span_words: Sequence[str], common: Common) -> list[tuple[int, str, float]]:
        """Vendors whose name (or alias) the words give, through its distinctive first word, best first: those
        named by that word exactly before those named by a typo of it, then by score. Many vendors may share a
        stem ("Belnix Security", "Belnixar Data", "Horbelnix Labs"), so enough candidates are read that the one
        the question names exactly is among them, and a typo never settles a tie the exact word leaves open."""
        found: dict[int, tuple[int, float]] = {}
        for hit in self._index.search(" ".join(span_words), limit=_FUZZY_CANDIDATES, cutoff=SUGGEST):
            distance = _anchor_distance(span_words, hit.matched, common)
            if distance is None:
                continue
            seen = found.get(hit.vendor_id)
            if seen is None or (distance, -hit.score) < (seen[0], -seen[1]):
                found[hit.vendor_id] = (distance, hit.score)
        if not found:
            return []
        nearest = min(d for d, _s in found.values())
        group = sorted(((vid, s) for vid, (d, s) in found.items() if d == nearest), key=lambda x: (-x[1], x[0]))
        return [(vid, self.names[vid], score) for vid, score in group]

    def _find_exact(self, tokens: Sequence[tuple[str, bool]]) -> VendorMention | None:
        words = [t for t, _ in tokens]
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                chunk = words[start : start + size]
                if not any(ok for _t, ok in tokens[start : start + size]):
                    continue  # a name made only of question words ("the", "cover") is not a mention
                key = normalize(_join(chunk))
                ids = self._exact.get(key) if key else None
                if ids and len(ids) == 1:
                    vid = next(iter(ids))
                    return VendorMention(_join(chunk), vid, self.names[vid], 100.0, ())
        return None


def _trade_term(word: str) -> bool:
    """A framework or its number ("SOC2", "ISO", "27001"): a question's word, never the end of a fuzzy name."""
    return bool(frameworks(word)) or word.isdigit()


def _web_names(tokens: Sequence[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Each token that is a web address replaced by the name in it ("quillfeather.io" -> "quillfeather")."""
    out = []
    for text, ok in tokens:
        m = _DOMAIN.fullmatch(text)
        out.append((m.group(1), ok) if m else (text, ok))
    return out


def join_tokens(chunk: Sequence[str]) -> str:
    """Tokens back into the words as typed ("acme", "'s" -> "acme's")."""
    return _join(chunk)


def _join(chunk: Sequence[str]) -> str:
    out = ""
    for tok in chunk:
        if not out or tok in {",", ".", "'s", "’s"} or out.endswith("-") or tok == "-":
            out += tok
        else:
            out += " " + tok
    return out


def _runs(tokens: Sequence[tuple[str, bool]]) -> list[list[str]]:
    """Maximal runs of name-like tokens; a comma, ampersand or hyphen between two of them stays inside the run."""
    runs: list[list[str]] = []
    current: list[str] = []
    for i, (text, ok) in enumerate(tokens):
        if ok:
            current.append(text)
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if current and text in _JOINERS and nxt is not None and nxt[1]:
            current.append(text)
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [r for r in runs if any(len(t) >= 2 and t[0].isalnum() for t in r)]


def _spans(run: list[str]) -> list[str]:
    words = [t for t in run if t not in _JOINERS]
    out = [_join(run)]
    for size in range(min(len(words), _MAX_NGRAM), 0, -1):
        for start in range(0, len(words) - size + 1):
            span = " ".join(words[start : start + size])
            if span not in out and any(len(w) >= 3 for w in words[start : start + size]):
                out.append(span)
    return out


def _name_likeness(text: str) -> int:
    """How much a leftover phrase looks like a company name: capitals and length (0 = not a name at all)."""
    words = [w for w in text.split() if len(w) >= 3 or w[:1].isupper()]
    if not words:
        return 0
    return sum(2 if w[:1].isupper() else 1 for w in words)


def _runs_at(tokens: Sequence[tuple[str, bool]], used: Sequence[bool], common: Common) -> list[tuple[int, list[str]]]:
    """Maximal runs of name-like, unused tokens with where each starts."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for i, (text, ok) in enumerate(tokens):
        good = ok and not used[i]
        if good:
            if not current:
                start = i
            current.append(text)
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if current and text in _JOINERS and nxt is not None and nxt[1] and not used[i + 1]:
            current.append(text)
            continue
        if current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return [(s, r) for s, r in runs if any(len(t) >= 2 and t[0].isalnum() for t in r)]


def _anchor_distance(span_words: Sequence[str], name: str, common: Common) -> int | None:
    """How many edits separate the question's word from the name's distinctive first word (0: the very word), or
    None when no uncommon word of four letters or more is within a typo of it."""
    first = (normalize(name).split() or [""])[0]
    distances = [OSA.distance(normalize(w), first) for w in span_words
                 if len(w) >= 4 and not common(w) and is_typo(normalize(w), first)]
    return min(distances) if distances else None


def _anchored(span_words: Sequence[str], name: str, common: Common) -> bool:
    """A fuzzy match counts only through the name's distinctive first word: some uncommon word of the question
    of four letters or more is within a typo of it (so "cloud" alone never finds "Sablewood Cloud")."""
    first = (normalize(name).split() or [""])[0]
    return any(len(w) >= 4 and not common(w) and is_typo(normalize(w), first) for w in span_words)


def is_typo(word: str, name: str) -> bool:
    """Whether ``word`` is ``name`` mistyped: close by ratio, and within the edits a typist makes in a word that
    long (one in a short word, two in a longer one, a swap of neighbours counting once), so "line" is not
    "Linode" and "sales" is not "Salesforce"."""
    if fuzz.ratio(word, name) < 80:
        return False
    return OSA.distance(word, name) <= (1 if min(len(word), len(name)) <= 5 else 2)
