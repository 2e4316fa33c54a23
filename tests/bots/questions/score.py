"""Score the bot's understanding on a question set: ``python -m tests.bots.questions.score [--set heldout|heldout2]``.

Each question in ``questions.tsv`` has its expected intent and slots. A question counts as right only when the
intent is right, every slot given is right, the vendors found are exactly the ones expected (no word taken for a
vendor), and an unknown name is reported only where one is expected. Prints the accuracy per intent, the misses,
and how many answers would be about a vendor the question did not name (the worst mistake: it must stay 0).

``heldout_questions.tsv`` is a second set, written before a round of fixes and never used to train or tune the
bot (tests/bots/test_heldout.py holds it apart from the corpus); it may also give the thread a question is asked in
(``thread=`` its vendors, ``tkind=`` its last intent). ``heldout2_questions.tsv`` is a third, in voices the first two
lack (non-native English, Slack fragments and formatting, long rambling questions, dates, negations, legal suffixes
and domains, words that look like names), held apart the same way.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bots.brain.intents import Intent, Thread, recognize
from bots.brain.vendors import VendorDirectory
from service.vendors.names import same_org

TODAY = date(2026, 11, 18)
QUESTIONS = Path(__file__).with_name("questions.tsv")
HELDOUT = Path(__file__).with_name("heldout_questions.tsv")
HELDOUT2 = Path(__file__).with_name("heldout2_questions.tsv")
SETS = {"scored": QUESTIONS, "heldout": HELDOUT, "heldout2": HELDOUT2}
VENDORS = (
    "Quillfeather Analytics, Inc.", "Pebblestack Archive Ltd", "Amazon Web Services, Inc.", "Microsoft Corporation",
    "Google LLC", "Corvane Systems, Inc.", "Ledgerline, Inc.", "Halcyon Payroll Services, Inc.",
    "Brightpath Health Technologies, LLC", "Nimbleroot CRM, Inc.", "Parcelwise Data Corp.", "Pellucid Archive Ltd",
    "Sablewood Cloud Ltd", "Tidewell Logistics Software, Inc.", "Verdigris Labs, Inc.", "Fernhill Communications, Inc.",
    "Ostrander Mobile, Inc.", "Aptible, Inc.", "HackerBay, Inc.", "Tembo Data Systems, Inc.", "Cover Genius",
    "Acme Cloud, Inc.", "Acme Payments GmbH",
)
PROVIDERS = ("Cumulus Hosting Services, Inc.", "Stratus Cloud Infrastructure, Inc.", "Relaymail Delivery, Inc.",
             "Kelpwater Hosting, LLC", "Nimbus Colocation Partners, LLC")
PROFILES = ("default", "critical-data-processor", "low-risk-tool")


@dataclass(frozen=True, slots=True)
class Case:
    intent: str
    question: str
    slots: dict[str, str]


@dataclass(frozen=True, slots=True)
class Result:
    case: Case
    got: Intent
    problems: tuple[str, ...]

    @property
    def right(self) -> bool:
        return not self.problems

    @property
    def wrong_vendor(self) -> bool:
        """The answer would be about a vendor the question did not name (or the thread did not carry)."""
        expected = {v for v in self.case.slots.get("v", "").split("|") if v}
        return any(m.vendor_id is not None and m.name not in expected for m in self.got.vendors)


def load(path: Path = QUESTIONS) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        slots = dict(p.split("=", 1) for p in parts[2:] if p.strip())
        cases.append(Case(parts[0], parts[1], slots))
    return cases


def directory() -> VendorDirectory:
    return VendorDirectory([(i, name, ()) for i, name in enumerate(VENDORS, start=1)], providers=PROVIDERS)


def thread_of(case: Case) -> Thread | None:
    """The thread a question is asked in (``thread=`` vendor names, ``tkind=`` the thread's intent), or None."""
    if "thread" not in case.slots and "tkind" not in case.slots:
        return None
    ids = {name: i for i, name in enumerate(VENDORS, start=1)}
    names = tuple(n for n in case.slots.get("thread", "").split("|") if n)
    unknown = [n for n in names if n not in ids]
    if unknown:
        raise ValueError(f"{case.question!r}: thread vendor {unknown[0]!r} is not in the directory")
    return Thread(vendor_ids=tuple(ids[n] for n in names), vendor_names=names, kind=case.slots.get("tkind") or None)


def check(case: Case, got: Intent) -> tuple[str, ...]:
    problems = []
    if got.kind != case.intent:
        problems.append(f"intent {got.kind}")
    expected_vendors = [v for v in case.slots.get("v", "").split("|") if v]
    found = [m.name for m in got.vendors if m.vendor_id is not None]
    if found != expected_vendors:
        problems.append(f"vendors {found or [m.query for m in got.vendors]}")
    unknown = got.unknown_vendor.query if got.unknown_vendor and not got.vendors else None
    if (case.slots.get("unk") or None) != unknown:
        problems.append(f"unknown name {unknown!r}")
    if "p" in case.slots and not (got.provider and same_org(case.slots["p"], got.provider)):
        problems.append(f"provider {got.provider!r}")
    if "w" in case.slots:
        window = f"{got.window.start}..{got.window.end}" if got.window else None
        if window != case.slots["w"]:
            problems.append(f"window {window}")
    if "c" in case.slots and got.criterion != case.slots["c"]:
        problems.append(f"criterion {got.criterion}")
    if "a" in case.slots and got.iso_control != case.slots["a"]:
        problems.append(f"control {got.iso_control}")
    if "prof" in case.slots and got.profile != case.slots["prof"]:
        problems.append(f"profile {got.profile}")
    if "fy" in case.slots and str(got.fiscal_year) != case.slots["fy"]:
        problems.append(f"fiscal year {got.fiscal_year}")
    if "fw" in case.slots and got.frameworks[: len(case.slots["fw"].split("|"))] != case.slots["fw"].split("|"):
        problems.append(f"frameworks {got.frameworks}")
    return tuple(problems)


def score(cases: list[Case] | None = None) -> list[Result]:
    d = directory()
    out = []
    for case in cases or load():
        got = recognize(case.question, d, today=TODAY, profiles=PROFILES, thread=thread_of(case))
        out.append(Result(case, got, check(case, got)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=sorted(SETS), default="scored", help="which question set (default: scored)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    results = score(load(SETS[args.set]))
    elapsed = time.perf_counter() - started
    by: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by[r.case.intent].append(r)
    print(f"{'intent':16} {'right':>5} / {'all':<4} accuracy")
    for intent, rs in sorted(by.items()):
        right = sum(r.right for r in rs)
        print(f"{intent:16} {right:5} / {len(rs):<4} {right / len(rs):6.1%}")
    right = sum(r.right for r in results)
    print(f"{'all':16} {right:5} / {len(results):<4} {right / len(results):6.1%}   "
          f"({elapsed / len(results) * 1000:.1f} ms per question)")
    wrong = [r for r in results if r.wrong_vendor]
    print(f"answered about a vendor the question did not name: {len(wrong)}")
    misses = [r for r in results if not r.right]
    if misses:
        print("\nmisses:")
        for r in misses:
            print(f"  [{r.case.intent}] {r.case.question!r}: {'; '.join(r.problems)}")
    return 0 if right / len(results) >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
