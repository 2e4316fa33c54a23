"""The intent classifier: a spaCy ``textcat`` on ``spacy.blank("en")``, trained by ``bots.brain.training.train``
on the project's own question corpus and shipped in ``bots/brain/model/``; loaded once per process.

Before classifying, a question is brought to the corpus's form: lower case, placeholders for what the slot readers
found (a vendor is ``zzvendor``, whatever its name), and misspelt words put right against the corpus vocabulary
("expirng" -> "expiring"), so a typo the corpus never had still reads as the word it was meant to be.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

MODEL_DIR = Path(__file__).with_name("model")
PLACEHOLDERS = {"VENDOR": "zzvendor", "PROVIDER": "zzprovider", "CRIT": "zzcrit", "CTRL": "zzctrl"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']*|\S")

_lock = threading.Lock()
_state: dict[str, Any] = {}


def vocabulary() -> frozenset[str]:
    """The words of the training corpus (saved beside the model): the question's words, never a vendor's name."""
    return _load()[1]


def _load() -> tuple[Any, frozenset[str]]:
    with _lock:
        if "nlp" not in _state:
            import spacy

            if not (MODEL_DIR / "config.cfg").exists():
                raise RuntimeError(f"the intent model is missing from {MODEL_DIR}: run "
                                   "`python -m bots.brain.training.train`")
            _state["nlp"] = spacy.load(MODEL_DIR)
            words = (MODEL_DIR / "vocabulary.txt").read_text(encoding="utf-8").split()
            _state["vocab"] = frozenset(words)
            _state["vocab_list"] = sorted(words)
        return _state["nlp"], _state["vocab"]


@lru_cache(maxsize=20_000)
def _correct(word: str) -> str:
    vocab = _state["vocab"]
    if word in vocab or len(word) < 4 or not word.isalpha():
        return word
    best = process.extractOne(word, _state["vocab_list"], scorer=fuzz.ratio, score_cutoff=84)
    return str(best[0]) if best else word


def prepare(text: str, *, correct: bool = True) -> str:
    """``text`` in the corpus's form (see the module docstring)."""
    if correct:
        _load()
    out = []
    for token in _WORD.findall(text):
        if token in PLACEHOLDERS:
            out.append(PLACEHOLDERS[token])
            continue
        low = token.lower()
        out.append(_correct(low) if correct else low)
    return " ".join(out)


def predict(text: str) -> list[tuple[str, float]]:
    """Intents for ``text`` (already masked: VENDOR, PROVIDER, CRIT, CTRL), most likely first, with scores."""
    nlp, _vocab = _load()
    doc = nlp(prepare(text))
    return sorted(((label, float(score)) for label, score in doc.cats.items()), key=lambda x: -x[1])
