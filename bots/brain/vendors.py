"""Finding the vendor a question names: exact names and aliases first, then fuzzy (typos, "Acme Corp" for
"ACME Cloud, Inc."), over the words the intent patterns left over.

The index is the service's own (``service.vendors.names``), so the bot and ``GET /vendors?q=`` agree on what
"the same name" means: case, punctuation and legal suffixes are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from service.vendors.names import NameIndex, normalize

ACCEPT = 80.0  # a fuzzy score at or above this names the vendor
SUGGEST = 55.0  # below ACCEPT but above this, the vendor is offered as "did you mean"
_JOINERS = {",", "&", "-", ".", "'"}
_MAX_NGRAM = 6


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

    @property
    def ambiguous(self) -> bool:
        return self.vendor_id is None and len(self.suggestions) > 1 and self.score >= ACCEPT


class VendorDirectory:
    """All vendor names and aliases, searchable; immutable (build a new one when vendors change)."""

    def __init__(self, entries: Iterable[tuple[int, str, Sequence[str]]]) -> None:
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

    @classmethod
    def from_session(cls, db_session: object) -> VendorDirectory:
        """Every vendor in the database (names and aliases)."""
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from service.vendors.models import Vendor

        assert isinstance(db_session, Session)
        rows = db_session.execute(select(Vendor.id, Vendor.name, Vendor.aliases)).all()
        return cls((vid, name, aliases or []) for vid, name, aliases in rows)

    def __len__(self) -> int:
        return len(self.names)

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


def _join(chunk: Sequence[str]) -> str:
    out = ""
    for tok in chunk:
        if not out or tok in {",", ".", "'s", "’s"} or out.endswith(("-", "&")) or tok == "-":
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
