"""The bot's answers at 10,000 vendors: ``python -m benchmarks.bench_bot [--vendors 10000]``.

Seeds the database like ``bench_service`` (10,000 vendors x 5 current documents, real extractions re-labelled per
vendor), then asks the brain a mix of questions in people's words (one vendor, the whole portfolio, comparisons,
decisions, windows, refusals) in this process, as the Slack listener does after its ack, and prints the latency
per kind of question and overall (p50, p95, max). Budget: p95 under 1 s. The ack itself is sent before any of
this runs (Bolt lazy listeners), so its time does not depend on the question.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from benchmarks.bench_service import TODAY, seed
from bots.brain.reply import Context
from bots.brain.router import respond
from service.config import Settings
from service.database import get_database
from service.vendors.models import Vendor

QUESTIONS = (
    "does {v} cover us?", "is {v}'s soc 2 still current?", "who audited {v}?", "what are {v}'s cuecs?",
    "when does {v}'s iso cert run out?", "what period does {v}'s report cover?", "what should we ask {v} for?",
    "does {v} cover our FY2026 audit?", "compare {v} and {w}", "does {v}'s iso 27001 stand in for a soc 2?",
    "what's expiring next qtr?", "what's expiring this wk?", "which vendors only have a type 1?",
    "who depends on AWS?", "which vendors have a qualified opinion?", "how many vendors do we have?",
    "which vendors have exceptions in CC6?", "which vendors use carve-outs?", "what has expired?",
    "which vendors have bridge letters?", "what does A.8.28 map to in SOC 2?", "what's the weather like?",
    "and their iso cert?",
)


def _pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--vendors", type=int, default=10_000)
    ap.add_argument("--documents-per-vendor", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=4, help="how many times each question is asked")
    args = ap.parse_args(argv)
    rng = random.Random(20261206)
    tmp = Path(tempfile.mkdtemp(prefix="va-bench-bot-"))
    settings = Settings(data_dir=tmp, embedded_worker=False)
    started = time.perf_counter()
    seed(settings, args.vendors, args.documents_per_vendor, rng)
    print(f"{args.vendors} vendors x {args.documents_per_vendor} documents seeded in "
          f"{time.perf_counter() - started:.1f} s")
    db = get_database(settings)
    with db.session() as s:
        names = [n for (n,) in s.execute(Vendor.__table__.select().with_only_columns(Vendor.name))]
    started = time.perf_counter()
    with db.session() as s:  # the first question builds the name index and the portfolio snapshot
        respond("help", Context(db_session=s, settings=settings, today=TODAY))
        respond("which vendors use carve-outs?", Context(db_session=s, settings=settings, today=TODAY))
    print(f"warm-up (model, name index, portfolio snapshot): {time.perf_counter() - started:.1f} s")
    by_kind: dict[str, list[float]] = defaultdict(list)
    every: list[float] = []
    for _ in range(args.rounds):
        for template in QUESTIONS:
            v, w = (n.split()[0] for n in rng.sample(names, 2))
            text = template.format(v=v, w=w)
            with db.session() as s:
                ctx = Context(db_session=s, settings=settings, today=TODAY)
                t = time.perf_counter()
                answer = respond(text, ctx)
                elapsed = time.perf_counter() - t
            by_kind[answer.kind].append(elapsed)
            every.append(elapsed)
    print(f"{'answer':16} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, values in sorted(by_kind.items()):
        print(f"{kind:16} {len(values):4} {statistics.median(values) * 1000:8.1f} {_pct(values, 0.95) * 1000:8.1f} "
              f"{max(values) * 1000:8.1f}")
    p95 = _pct(every, 0.95)
    print(f"{'all':16} {len(every):4} {statistics.median(every) * 1000:8.1f} {p95 * 1000:8.1f} "
          f"{max(every) * 1000:8.1f}   budget: p95 < 1000 ms")
    return 0 if p95 < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
