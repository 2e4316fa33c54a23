"""The held-out questions stay held out: never in the training corpus, never read by the corpus generator.

``tests/bots/questions/heldout_questions.tsv`` measures how the bot does on questions nobody tuned it on. It is only
worth that while no held-out question (nor its masked form, the words the classifier sees) is a training question.
"""

from __future__ import annotations

import inspect
import re

from bots.brain.intents import recognize
from bots.brain.training import corpus as corpus_module
from bots.brain.training.corpus import TEMPLATES, corpus

from .questions.score import HELDOUT, PROFILES, QUESTIONS, TODAY, directory, load, thread_of


def _norm(text: str) -> str:
    """Lower case, words only: "Does X cover us??" and "does x cover us" are the same question."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_the_held_out_set_is_large_and_well_formed() -> None:
    cases = load(HELDOUT)
    assert len(cases) >= 150
    assert {c.intent for c in cases} >= set(TEMPLATES)  # every intent is asked about
    assert sum(1 for c in cases if thread_of(c) is not None) >= 20  # follow-ups in a thread
    assert sum(1 for c in cases if "unk" in c.slots) >= 15  # names we do not know
    assert not {c.question for c in cases} & {c.question for c in load(QUESTIONS)}


def test_no_held_out_question_is_in_the_training_corpus() -> None:
    trained = {_norm(text) for text, _intent in corpus()}
    trained |= {_norm(t) for templates in TEMPLATES.values() for t in templates}
    trained.discard("")
    d = directory()
    leaked = []
    for case in load(HELDOUT):
        masked = recognize(case.question, d, today=TODAY, profiles=PROFILES, thread=thread_of(case)).masked
        if {_norm(case.question), _norm(masked)} & trained:
            leaked.append(case.question)
    assert not leaked, f"held-out questions found in the training corpus: {leaked}"


def test_the_corpus_generator_does_not_read_the_held_out_set() -> None:
    source = inspect.getsource(corpus_module)
    assert "heldout" not in source.lower() and "questions.tsv" not in source

