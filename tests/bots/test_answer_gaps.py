"""Questions the bot understood but answered short: a subservice provider asked about as a vendor, "how many vendors
are ISO certified" (and have a SOC 2) answered with a count of documents, and a comparison that dropped a name it
did not know.

Real parts: the regression portfolio (tests/regressions/portfolio.py: the bundled examples and documents written
there) in a real SQLite file, plus a SOC 3 report and a vendor that includes Cumulus as a subservice organization,
both generated here as PDFs and read through the same intake as an upload; the trained classifier; the Slack app
over signed HTTP on loopback for the same questions on the examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from bots.brain.reply import Answer, Context
from bots.brain.router import respond
from extractors.model import SOC2_KINDS
from service.config import Settings
from service.database import forget_databases, get_database
from service.documents import intake
from service.documents import service as documents
from service.vendors import service as vendors
from tests.extractors.make_pdf import text_pdf
from tests.regressions.documents import Soc2Report
from tests.regressions.portfolio import BRAMBLEFORD, ORCHARDLINE, build

from .conftest import Bot

DAY = date(2026, 6, 15)
HALVERD = "Halverd Ledger Company"
CUMULUS = "Cumulus Hosting Services, Inc."  # carved out by the examples' Quillfeather report


def _soc3() -> bytes:
    """Orchardline's SOC 3: a second current trust services report of a vendor that has a SOC 2 Type 2."""
    return text_pdf([
        f"{ORCHARDLINE}\nSOC 3 Report\nReport on the Clearing Gateway System Relevant to Security\n"
        "For the period April 1, 2025 to March 31, 2026",
        f"Independent Service Auditor's Report\nTo the Management of {ORCHARDLINE}:\nScope\nWe have examined "
        f"management's assertion that {ORCHARDLINE} maintained effective controls over the Clearing Gateway system "
        "throughout the period April 1, 2025 to March 31, 2026, to provide reasonable assurance that its service "
        "commitments and system requirements were achieved based on the trust services criteria relevant to "
        "security.\nOpinion\nIn our opinion, management's assertion is fairly stated, in all material respects.\n"
        "Thistlewood Garner LLP\nDenver, Colorado\nMay 8, 2026",
        f"Attachment A: Management's Assertion\nWe, as management of {ORCHARDLINE}, are responsible for designing, "
        "implementing and operating effective controls within the Clearing Gateway system.",
        "Attachment B: Description of the Boundaries of the Clearing Gateway System\nOrchardline settles card "
        "payments for merchants. The system comprises the infrastructure, software, people, procedures and data "
        "used to accept, route and settle payments.",
    ])


def _halverd() -> bytes:
    """A SOC 2 Type 2 report whose description includes (rather than carves out) Cumulus's controls."""
    report = Soc2Report(
        vendor=HALVERD, firm="Fenlow Partners LLP", system="Ledger Hub", period=("May 1, 2025", "April 30, 2026"),
        signed="May 29, 2026",
        scope_extra=(f" Halverd uses {CUMULUS}, a subservice organization, to provide data center hosting. The "
                     f"description includes the controls of {CUMULUS} (the inclusive method)."))
    return text_pdf(report.pages())


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("gaps") / "data"
    settings = build(data_dir)
    with get_database(settings).session() as s:
        for name, data in (("orchardline-soc3.pdf", _soc3()), ("halverd-soc2-type2.pdf", _halverd())):
            intake.receive(db_session=s, settings=settings, data=data, filename=name, vendor=None,
                           uploaded_by="tests", parse="now")
    yield settings
    forget_databases()


def ask(settings: Settings, question: str) -> Answer:
    with get_database(settings).session() as s:
        return respond(question, Context(db_session=s, settings=settings, today=DAY))


def _current(settings: Settings) -> dict[str, list[Any]]:
    """Every vendor's current documents by vendor name, read from the service (not from the bot's snapshot)."""
    with get_database(settings).session() as s:
        names = {v.id: v.name for v in vendors.list_vendors(db_session=s, limit=1000)}
        return {names[vid]: docs for vid, docs in documents.current_documents_by_vendor(db_session=s).items()}


# 1. A subservice provider asked about as a vendor


def test_a_provider_of_vendors_on_record_is_said_to_be_one_with_where_it_was_read(settings: Settings) -> None:
    answer = ask(settings, "what about Cumulus?")
    assert answer.kind == "unknown_vendor"
    assert answer.summary.startswith("“Cumulus” is not a vendor on record, but 2 vendors name it")
    assert "Quillfeather Analytics, Inc. carves it out" in answer.summary
    assert f"{HALVERD} includes it" in answer.summary
    assert {i.text.split(" — ")[0] for i in answer.items} == {"Quillfeather Analytics, Inc.", HALVERD}
    for item in answer.items:  # each statement with its document, page and the words read there
        (cite,) = item.cites
        assert cite.document.endswith(".pdf") and cite.page is not None
        assert cite.quote is not None and "Cumulus" in cite.quote
    assert answer.examples[0] == "who depends on Cumulus?"
    follow = ask(settings, answer.examples[0])  # the suggested question is understood and answers the same
    assert follow.kind == "fourth_parties"
    assert {i.text.split(" — ")[0] for i in follow.items} == {"Quillfeather Analytics, Inc.", HALVERD}


def test_a_name_nobody_names_is_still_unknown(settings: Settings) -> None:
    answer = ask(settings, "what about Zentrix?")
    assert answer.kind == "unknown_vendor"
    assert answer.summary.startswith("I don't know a vendor called “Zentrix”")
    assert not answer.items


# 2. "How many vendors ..." counts vendors


def _certified(settings: Settings) -> tuple[list[str], int]:
    """The vendors with a valid ISO certificate, and the number of current certificates."""
    current = _current(settings)
    valid = sorted(name for name, docs in current.items() if any(
        d.kind == "iso_certificate" and d.expiry_date and d.expiry_date >= DAY and "2013" not in (d.standards or "")
        for d in docs))
    certificates = sum(1 for docs in current.values() for d in docs if d.kind == "iso_certificate")
    return valid, certificates


def test_how_many_vendors_are_iso_certified_counts_vendors_then_names_them(settings: Settings) -> None:
    valid, certificates = _certified(settings)
    assert certificates > len(valid) >= 2  # a vendor with two certificates, one with a void one: counts differ
    answer = ask(settings, "how many vendors are ISO certified")
    assert answer.kind == "iso_expiry"
    assert answer.summary.startswith(f"{len(valid)} vendors are ISO certified (a valid certificate on record): "
                                     + ", ".join(valid))
    assert "Pebblestack Archive Ltd" in answer.summary.split(".", 1)[1]  # only a void 2013 certificate: said apart
    assert f"{certificates} ISO certificates on record" in answer.summary
    assert len(answer.items) == certificates and all(i.cites for i in answer.items)


def test_how_many_iso_certificates_counts_certificates(settings: Settings) -> None:
    _valid, certificates = _certified(settings)
    answer = ask(settings, "how many ISO certificates do we hold")
    assert answer.summary.startswith(f"{certificates} ISO certificates on record")


def test_how_many_vendors_have_a_soc_2_counts_each_vendor_once(settings: Settings) -> None:
    current = _current(settings)
    with_soc2 = sorted(n for n, docs in current.items() if any(d.kind in SOC2_KINDS for d in docs))
    assert any(d.kind == "soc3" for d in current[ORCHARDLINE])  # a SOC 3 beside its SOC 2: one vendor, no SOC 2
    answer = ask(settings, "how many vendors have a SOC 2")
    assert answer.kind == "soc2_current"
    assert answer.summary.startswith(f"{len(with_soc2)} vendors with a SOC 2 Type 1 report or SOC 2 Type 2 report;")
    assert ", ".join(with_soc2) in answer.summary  # asked how many: the number, then who
    assert not any("SOC 3" in i.text for i in answer.items)
    every = ask(settings, "how many vendors have a SOC report")  # SOC 2 and SOC 3: still one vendor each
    reports = sum(1 for docs in current.values() for d in docs if d.kind in (*SOC2_KINDS, "soc3"))
    assert reports == len(with_soc2) + 1
    assert every.summary.startswith(f"{len(with_soc2)} vendors with a ")
    assert len(every.items) == reports


# 3. A comparison names what it leaves out


@pytest.mark.parametrize("question", ["compare Orchardline, Brambleford and Zentrix",
                                      "compare zentrix, orchardline and brambleford"])
def test_a_comparison_names_the_vendor_it_does_not_know(settings: Settings, question: str) -> None:
    answer = ask(settings, question)
    assert answer.kind == "compare"
    assert answer.summary.lower().startswith("i don't know a vendor called “zentrix”. comparing orchardline "
                                             "payments and brambleford data systems: ")
    assert [s.title for s in answer.sections] == [ORCHARDLINE, BRAMBLEFORD] or \
        [s.title for s in answer.sections] == [BRAMBLEFORD, ORCHARDLINE]


def test_a_comparison_offers_close_names_and_says_what_a_provider_is(settings: Settings) -> None:
    typo = ask(settings, "compare Orchardline, Brambleford and Pebblestone Archive")
    assert typo.kind == "compare"
    assert typo.summary.startswith("I don't know a vendor called “Pebblestone Archive” (did you mean Pebblestack "
                                   "Archive Ltd?). Comparing Orchardline Payments and Brambleford Data Systems: ")
    provider = ask(settings, "compare Orchardline, Brambleford and Cumulus")
    assert provider.summary.startswith("“Cumulus” is not a vendor on record, but 2 vendors name it")
    assert len(provider.sections) == 2


def test_the_rest_of_a_compared_name_is_no_other_vendor(settings: Settings) -> None:
    for question in ("compare Quillfeather, Brambleford and Orchardlyne Pay",
                     "compare Orchardline, Brambleford and Quillfeather Analytica Group"):
        answer = ask(settings, question)
        assert len(answer.sections) == 3, question
        assert not answer.summary.startswith("I don't know"), question


# The same through Slack (the examples: Quillfeather carves Cumulus out; Pebblestack's certificate is void)


def test_slack_answers_the_three(bot: Bot) -> None:
    cumulus = bot.ask("what about Cumulus?").text()
    assert "not a vendor on record, but Quillfeather Analytics, Inc. carves it out" in cumulus
    assert "who depends on Cumulus?" in cumulus
    iso = bot.ask("how many vendors are ISO certified").text()
    assert "1 vendor is ISO certified (a valid certificate on record): Quillfeather Analytics, Inc." in iso
    assert "3 ISO certificates on record" in iso
    compared = bot.ask("compare Quillfeather, Pebblestack and Zentrix").text()
    assert "I don't know a vendor called “Zentrix”. Comparing Quillfeather Analytics and Pebblestack" in compared


def test_one_fact_asked_of_several_vendors_names_the_one_it_does_not_know(settings: Settings) -> None:
    answer = ask(settings, "who audited Quillfeather, Orchardline and Zentrix")
    assert answer.kind == "auditor" and len(answer.sections) == 2
    assert answer.summary.startswith("I don't know a vendor called “Zentrix”. Quillfeather Analytics: ")


@pytest.mark.parametrize("question", ["who audited Quillfeather and Orchardline in Europe",
                                      "compare Quillfeather and Orchardline on their use of Cumulus"])
def test_a_name_outside_the_list_of_vendors_is_not_taken_for_a_left_out_vendor(settings: Settings,
                                                                               question: str) -> None:
    answer = ask(settings, question)
    assert len(answer.sections) == 2
    assert answer.summary.startswith("Quillfeather Analytics: "), answer.summary


@pytest.mark.parametrize("question", ["which vendors DON'T have a SOC 2", "who doesn't have a soc2",
                                      "vendors without a SOC 2 report"])
def test_which_vendors_lack_a_soc_2_names_the_others_never_the_holders(settings: Settings, question: str) -> None:
    current = _current(settings)
    with_soc2 = {n for n, docs in current.items() if any(d.kind in SOC2_KINDS for d in docs)}
    without = sorted(set(current) - with_soc2)
    assert with_soc2 and without  # the portfolio has both
    answer = ask(settings, question)
    assert answer.kind == "soc2_current"
    assert answer.summary.startswith(f"{len(without)} vendor")
    assert [i.text for i in answer.items] == without
    assert not with_soc2 & {i.text for i in answer.items}
