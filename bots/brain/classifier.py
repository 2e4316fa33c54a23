"""The intent classifier: a spaCy ``textcat`` on ``spacy.blank("en")``, trained by ``bots.brain.training.train``
on the project's own question corpus and shipped in ``bots/brain/model/``; loaded once per process.

Before classifying, a question is brought to the corpus's form: lower case, placeholders for what the slot readers
found (a vendor is ``zzvendor``, whatever its name), and misspelt words put right against the corpus vocabulary
("expirng" -> "expiring"), so a typo the corpus never had still reads as the word it was meant to be. Slack
shorthand is spelled out first ("iso27k" -> "iso 27001", "ltr" -> "letter", "exp" -> "expiry"), in training as in
use, so the model learns the words once whatever the spelling.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

MODEL_DIR = Path(__file__).with_name("model")
PLACEHOLDERS = {"VENDOR": "zzvendor", "PROVIDER": "zzprovider", "CRIT": "zzcrit", "CTRL": "zzctrl"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']*|\S")
_JOINED = re.compile(r"(soc|iso)(\d+)")  # "soc2", "iso27001": the framework and its number, written together
# Shorthand of the trade and of Slack, spelled out before classifying. Keys are single tokens as ``_WORD`` cuts
# them (lower case); each is also one of the questions' own words, never a vendor's name.
SHORTHAND: dict[str, str] = {
    "iso27k": "iso 27001", "27k": "27001", "socii": "soc 2", "soc2s": "soc 2 reports",
    "ltr": "letter", "ltrs": "letters", "exp": "expiry", "expy": "expiry", "cert": "certificate",
    "certs": "certificates", "rpt": "report", "rpts": "reports", "docs": "documents", "doc": "document",
    "b4": "before", "yr": "year", "yrs": "years", "mo": "month", "mos": "months", "mth": "month", "wk": "week",
    "wks": "weeks", "qtr": "quarter", "eoy": "end of year", "eom": "end of month", "asap": "soon",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks", "u": "you", "ur": "your", "r": "are",
    "abt": "about", "reqs": "requirements", "req": "requirement", "w": "with", "wrt": "about", "info": "information",
    "4th": "fourth", "3rd": "third", "genai": "generative ai", "gen": "generative", "ml": "machine learning",
    "llms": "llm", "orgs": "organizations", "org": "organization", "cb": "certification body",
    "vendrs": "vendors", "suppliers": "vendors",
    "supplier": "vendor", "tl": "summary", "dr": "", "tldr": "summary", "fyi": "", "imo": "", "btw": "",
}

_lock = threading.Lock()
_state: dict[str, Any] = {}


def is_shorthand(word: str) -> bool:
    """Whether ``word`` is shorthand that ``prepare`` spells out ("ltr", "iso27k", "soc2")."""
    low = word.lower()
    return low in SHORTHAND or bool(_JOINED.fullmatch(low))


def name_frame(left: str, right: str) -> tuple[int, int]:
    """How often the corpus holds a vendor's name between ``left`` and ``right`` (words in the corpus's form,
    ``<s>``/``</s>`` at the ends), and how often it holds anything there: (0, 0) for a frame never seen holding a
    name. Saved beside the model by the training script."""
    with _lock:
        if "frames" not in _state:
            path = MODEL_DIR / "name_frames.json"
            raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            _state["frames"] = {tuple(k.split(" ", 1)): (int(v[0]), int(v[1])) for k, v in raw.items()}
        frames: dict[tuple[str, str], tuple[int, int]] = _state["frames"]
    return frames.get((left, right), (0, 0))


def vocabulary() -> frozenset[str]:
    """The words of the training corpus (saved beside the model): the question's words, never a vendor's name."""
    return _load()[1]


def _load() -> tuple[Any, frozenset[str]]:
    with _lock:
        if "nlp" not in _state:
            import spacy  # lazy: a second to import; loaded by the first question (or the warm-up), not at start

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
        if low in SHORTHAND:
            out.extend(SHORTHAND[low].split())
            continue
        joined = _JOINED.fullmatch(low)
        if joined:
            out += [joined.group(1), joined.group(2)]
            continue
        out.append(_correct(low) if correct else low)
    return " ".join(out)


def predict(text: str) -> list[tuple[str, float]]:
    """Intents for ``text`` (already masked: VENDOR, PROVIDER, CRIT, CTRL), most likely first, with scores."""
    nlp, _vocab = _load()
    doc = nlp(prepare(text))
    return sorted(((label, float(score)) for label, score in doc.cats.items()), key=lambda x: -x[1])
