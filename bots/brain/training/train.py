"""Train the intent classifier on the project's own corpus: ``python -m bots.brain.training.train``.

Reproducible (fixed seeds, a fixed number of epochs), offline (``spacy.blank("en")``), small (a bag-of-words
``textcat`` with 2^15 hashed features; about 4 MB on disk). Prints the accuracy on a held-out tenth of the corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from collections import Counter
from pathlib import Path

from ..classifier import MODEL_DIR, PLACEHOLDERS, prepare
from .corpus import TEMPLATES, corpus, vocabulary


def name_frames(rows: list[tuple[str, str]]) -> dict[str, list[int]]:
    """Where a vendor's name stands in the corpus: for each pair of neighbouring words (``<s>``/``</s>`` at the
    ends) that ever hold the vendor placeholder, how often they hold it and how often they hold anything. "does _
    have" holds a vendor 9 times in 10; "letter _ now" never: the bot reads an unknown word in the first as a name."""
    held: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for text, _intent in rows:
        words = ["<s>", *text.split(), "</s>"]
        for i in range(1, len(words) - 1):
            frame = (words[i - 1], words[i + 1])
            total[frame] += 1
            if words[i] == PLACEHOLDERS["VENDOR"]:
                held[frame] += 1
    return {f"{left} {right}": [n, total[(left, right)]] for (left, right), n in sorted(held.items())}


def train(out: Path = MODEL_DIR, epochs: int = 12, seed: int = 7) -> float:
    # lazy: spaCy's training loop only when training; the corpus and its name frames (read by tests) need none
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    data = [(prepare(text, correct=False), intent) for text, intent in corpus()]
    held = data[: len(data) // 10]
    train_set = data[len(data) // 10:]
    labels = list(TEMPLATES)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 2 ** 15}})
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]

    def examples(rows: list[tuple[str, str]]) -> list[Example]:
        return [Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab == intent) for lab in labels}})
                for text, intent in rows]

    train_examples = examples(train_set)
    optimizer = nlp.initialize(lambda: train_examples)
    rng = random.Random(seed)
    started = time.perf_counter()
    for epoch in range(epochs):
        rng.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in minibatch(train_examples, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.1)
        print(f"epoch {epoch + 1}: loss {losses.get('textcat', 0.0):.3f}")
    right = sum(1 for text, intent in held if max(nlp(text).cats.items(), key=lambda kv: kv[1])[0] == intent)
    accuracy = right / len(held)
    print(f"{len(train_set)} questions, {len(labels)} intents, {time.perf_counter() - started:.1f} s; "
          f"held-out accuracy {accuracy:.3f} ({right}/{len(held)})")
    fresh = out.with_name(out.name + ".new")
    if fresh.exists():
        shutil.rmtree(fresh)
    nlp.to_disk(fresh)
    (fresh / "vocabulary.txt").write_text("\n".join(sorted(vocabulary())) + "\n", encoding="utf-8")
    frames = name_frames(data)  # one frame a line, so a retrained model's diff reads
    (fresh / "name_frames.json").write_text(
        "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in frames.items()) + "\n}\n", encoding="utf-8")
    if out.exists():  # swapped in whole, so a process loading the model never sees half of it
        shutil.rmtree(out)
    fresh.rename(out)
    return accuracy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()
    train(args.out, args.epochs)


if __name__ == "__main__":
    main()
