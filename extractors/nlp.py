"""The rule-based spaCy pipeline: ``spacy.blank("en")`` plus phrase and token matchers, built once per process.

No trained model is downloaded or loaded (none is published on the package index by spaCy's authors, and mirrors are
a supply-chain risk). The pipeline is only run over the few sentences a regex pre-filter picked, so its cost does
not grow with the length of a report.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

AI_TERMS = (
    "artificial intelligence", "machine learning", "deep learning", "neural network", "neural networks",
    "large language model", "large language models", "language model", "language models", "generative ai",
    "foundation model", "foundation models", "ai", "ml", "llm", "llms", "genai", "ai-powered", "ai-based",
    "ai-driven", "ml-based", "natural language processing", "nlp", "computer vision", "predictive model",
    "predictive models", "scoring model", "scoring models", "model training", "model inference",
    "artificial intelligence management system", "aims",
)  # fmt: skip

_lock = threading.Lock()


@dataclass(frozen=True)
class Rules:
    nlp: Any
    ai_terms: Any  # PhraseMatcher on lower-case text
    scope_in: Any  # Matcher: "within the boundaries", "included in the scope", "part of the system", "in scope"
    scope_out: Any  # Matcher: "not included", "excluded", "outside the boundaries", "separate agreement"


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Build the pipeline once; later calls (from any thread) get the same objects."""
    with _lock:
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = spacy.blank("en")
        ai = PhraseMatcher(nlp.vocab, attr="LOWER")
        ai.add("AI", [nlp.make_doc(t) for t in AI_TERMS])
        # "lead-scoring models", "risk scoring models": a compound ending in "scoring"/"predictive" before "model".
        ai_tokens = Matcher(nlp.vocab)
        ai_tokens.add(
            "AI_MODEL",
            [
                [
                    {"LOWER": {"IN": ["predictive", "scoring", "ml", "ai", "recommendation"]}},
                    {"LOWER": {"IN": ["model", "models"]}},
                ]
            ],
        )
        scope_in = Matcher(nlp.vocab)
        scope_in.add(
            "IN_SCOPE",
            [
                [{"LOWER": "within"}, {"LOWER": "the"}, {"LOWER": {"IN": ["boundaries", "boundary", "scope"]}}],
                [
                    {"LOWER": "within"}, {"LOWER": "the"}, {"LOWER": "system"},
                    {"LOWER": {"IN": ["boundaries", "boundary"]}},
                ],
                [{"LOWER": {"IN": ["included", "covered"]}}, {"LOWER": {"IN": ["in", "within", "by"]}}],
                [{"LOWER": "part"}, {"LOWER": "of"}, {"LOWER": "the"}, {"LOWER": {"IN": ["system", "scope"]}}],
                [{"LOWER": "in-scope"}],
                [{"LOWER": "in"}, {"LOWER": "scope"}],
            ],
        )
        scope_out = Matcher(nlp.vocab)
        scope_out.add(
            "OUT_OF_SCOPE",
            [
                [{"LOWER": "not"}, {"LOWER": {"IN": ["included", "in", "part", "within", "covered"]}}],
                [{"LOWER": {"IN": ["excluded", "excludes", "outside"]}}],
                [{"LOWER": "separate"}, {"LOWER": {"IN": ["agreement", "contract", "report"]}}],
                [{"LOWER": "out"}, {"LOWER": "of"}, {"LOWER": "scope"}],
            ],
        )
        return Rules(nlp, _Either(ai, ai_tokens), scope_in, scope_out)


class _Either:
    """Both AI matchers behind one call."""

    def __init__(self, phrases: Any, tokens: Any) -> None:
        self._phrases = phrases
        self._tokens = tokens

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        return list(self._phrases(doc)) + list(self._tokens(doc))


@dataclass(frozen=True, slots=True)
class AIMention:
    mentions_ai: bool
    in_scope: bool
    out_of_scope: bool
    terms: tuple[str, ...]


def ai_mention(sentence: str) -> AIMention:
    """Whether a sentence names AI/ML, and whether it puts it inside or outside the scope."""
    r = rules()
    doc = r.nlp.make_doc(sentence)
    hits = r.ai_terms(doc)
    terms = tuple(doc[s:e].text for _, s, e in hits)
    # "AI" must be written in capitals to count: "ai" in lower case is too often something else.
    terms = tuple(t for t in terms if t.lower() not in ("ai", "ml", "aims") or t.isupper() or "-" in t)
    lowered = {t.lower_ for t in doc}
    # "The scope of this report includes ...": scope named as the subject of an including verb.
    scope_verb = "scope" in lowered and bool(lowered & {"includes", "include", "included", "covers", "encompasses"})
    return AIMention(bool(terms), bool(r.scope_in(doc)) or scope_verb, bool(r.scope_out(doc)), terms)
