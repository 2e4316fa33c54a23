"""Complementary user entity controls: what the buyer must do itself for the vendor's controls to work."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractors.model import Cuec

_WORDS = re.compile(r"[a-z0-9]+")


def acknowledged_by(cuec: Cuec, acknowledged: tuple[str, ...], threshold: int = 85) -> str | None:
    """The profile entry that acknowledges this CUEC, or None.

    An entry matches when it names a criterion the CUEC maps to (e.g. 'CC6.1'), when all its words appear in the
    CUEC (e.g. 'multi-factor authentication'), or when it is a close paraphrase of the CUEC's text.
    """
    text = cuec.value or ""
    words = set(_WORDS.findall(text.lower()))
    criteria = {c.upper() for c in cuec.criteria}
    for entry in acknowledged:
        e = entry.strip()
        if e.upper() in criteria:
            return entry
        entry_words = _WORDS.findall(e.lower())
        if entry_words and all(w in words for w in entry_words):
            return entry
        if len(entry_words) >= 4 and fuzz.token_set_ratio(e.lower(), text.lower()) >= threshold:
            return entry
    return None
