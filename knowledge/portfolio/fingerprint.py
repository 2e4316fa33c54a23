"""MinHash fingerprints of a report's own text, to find reports that share it at length with another vendor's.

In 2026 buyers found hundreds of SOC 2 reports from one provider that were the same template with the names
changed. A genuine report describes its own system (Section III) and its own tests (Section IV); two vendors'
genuine reports share the AICPA's illustrative wording in the auditor's report and assertion, and the criteria
texts, but not pages of description and test results. So:

- only the description and test sections are fingerprinted (from the first page that opens the description;
  the whole text when no such page is found);
- the text is folded (case; punctuation and numbers dropped) and the words of the vendor's and the auditor's
  names are dropped, so renaming a template does not hide it;
- the text becomes a set of overlapping 5-word shingles, summarised by 128 MinHash values (the share of equal
  values estimates the Jaccard similarity of the two sets), in 16 bands of 8 values: two reports sharing 80% of
  their shingles share a band with probability 0.95 (90%: 0.9998), two sharing half of them 0.06, so an indexed
  lookup of 16 keys finds the candidates among 10,000 reports and the estimate confirms them (at least 0.8).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 16
ROWS = PERMUTATIONS // BANDS
MIN_SHINGLES = 200  # below this a text is too short to be "shared at length" (a letter, a certificate)
THRESHOLD = 0.8  # estimated Jaccard similarity at which two reports are near-duplicates (template copies: 0.9+)

_rng = np.random.default_rng(20260101)  # fixed: fingerprints are stored and compared across processes and releases
_A = (_rng.integers(1, 2**63 - 1, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_B = _rng.integers(0, 2**63 - 1, PERMUTATIONS, dtype=np.uint64).reshape(-1, 1)
_MIX = np.array([0x9E3779B97F4A7C15 * (i + 1) % 2**64 for i in range(SHINGLE)], dtype=np.uint64)

_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[a-z]+")  # numbers (dates, counts, control ids) are what a renamed template changes too
_OPENS_DESCRIPTION = re.compile(
    r"^[ \t]*(?:Section|SECTION|Part|PART)[ \t]+(?:III|3|Three|THREE)\b(?![.,])[^\n]*$|"
    r"^[ \t]*(?:[A-Z][^.\n]{0,80})?\b(?:Description|DESCRIPTION)[ \t]+(?:of|OF)\b[^.\n]{0,80}"
    r"(?:system|services?|platform|solution|application|SYSTEM|SERVICES?|PLATFORM)s?[ \t]*$",
    re.MULTILINE,
)
_SECTION_LINE = re.compile(r"^[ \t]*(?:Section|SECTION)[ \t]+(?:[IVX]+|\d)\b", re.MULTILINE)
_LEADERS = re.compile(r"\.{5,}|(?:\. ){5,}")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The MinHash values of one text, and how many distinct shingles it had."""

    values: np.ndarray  # uint64, PERMUTATIONS long
    shingles: int

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int = 0) -> Fingerprint:
        return cls(np.frombuffer(data, dtype="<u8").astype(np.uint64), shingles)

    def bands(self) -> list[int]:
        """One signed 63-bit key per band (the band's number is part of the key), for an indexed column."""
        out = []
        for b in range(BANDS):
            chunk = self.values[b * ROWS : (b + 1) * ROWS].astype("<u8").tobytes()
            key = zlib.crc32(chunk, b) | (zlib.crc32(chunk[::-1], b + 977) << 32)
            out.append(key - 2**63 if key >= 2**63 else key)
        return out


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """The estimated Jaccard similarity of the two shingle sets (0 to 1)."""
    return float(np.count_nonzero(a.values == b.values)) / PERMUTATIONS


def report_body(pages: Sequence[str]) -> str:
    """The description and test sections: from the first page (after the contents) that opens the description."""
    for i, text in enumerate(pages):
        if i == 0 or len(_LEADERS.findall(text)) >= 3 or len(_SECTION_LINE.findall(text)) >= 3:
            continue  # the cover, and a table of contents, name the description without opening it
        if _OPENS_DESCRIPTION.search(text):
            return "\n".join(pages[i:])
    return "\n".join(pages)


def _words(text: str, drop: set[str]) -> list[str]:
    words = _LETTERS.findall(text.lower())
    return [w for w in words if w not in drop] if drop else words


def names_to_drop(names: Iterable[str | None]) -> set[str]:
    """Words of the vendor's and auditor's names, which a template mill changes from report to report."""
    generic = {"inc", "llc", "ltd", "the", "and", "of", "services", "group", "company", "corp", "co", "llp", "pc"}
    out: set[str] = set()
    for name in names:
        if name:
            out.update(w for w in _WORD.findall(name.lower()) if w not in generic)
    return out


def fingerprint(text: str, drop: set[str] | None = None) -> Fingerprint | None:
    """The fingerprint of ``text``, or None when it has too few shingles to compare."""
    words = _words(text, drop or set())
    if len(words) < SHINGLE:
        return None
    # a report repeats a few thousand words: hash each distinct word once (crc32: stable across processes)
    table = {w: zlib.crc32(w.encode()) for w in dict.fromkeys(words)}
    ids = np.fromiter(map(table.__getitem__, words), dtype=np.uint64, count=len(words))
    n = len(ids) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):
        h ^= ids[j : j + n] * _MIX[j]
    shingles = np.unique(h)
    if len(shingles) < MIN_SHINGLES:
        return None
    # multiply-shift universal hashing, wrapping in 64 bits; the minimum per permutation
    values = ((_A * shingles.reshape(1, -1) + _B) >> np.uint64(16)).min(axis=1)
    return Fingerprint(values.astype(np.uint64), int(len(shingles)))
