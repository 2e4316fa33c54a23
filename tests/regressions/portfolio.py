"""A small portfolio for the bot's regressions: the bundled examples plus documents written here for vendors with
the traits people ask about (a carved-out hosting provider, AI in scope, a Type 1 only, a cloud provider known by
its initials, a vendor whose only file is no assurance at all), read into a real SQLite database through the same
intake as an upload. ``ask`` puts a question to ``vendor-assurance chat`` and returns what it prints."""

from __future__ import annotations

from pathlib import Path

from service.config import Settings
from service.database import get_database
from service.documents import intake
from tests.extractors.make_pdf import text_pdf

from .documents import Certificate, Soc2Report, certificate_pdf
from .helpers import run_cli

TODAY = "2026-06-15"

ORCHARDLINE = "Orchardline Payments, Inc."  # SOC 2 Type 2, carves out its hosting provider, AI in scope
BRAMBLEFORD = "Brambleford Data Systems, Inc."  # SOC 2 Type 1 only
AWS = "Amazon Web Services, Inc."  # an ISO/IEC 27001 certificate, asked for as "AWS"
KETTLEWICK = "Kettlewick Studio Ltd"  # only a pen-test letter on file
HOSTING = "Nimbus Vault Hosting, Inc."

CUECS = [  # more than an answer shows by default: the whole list is the point of one regression
    "Customers restrict administrator rights in the portal to named staff",
    "Customers review the quarterly report of active merchant users",
    "Customers disable the accounts of departing staff within one business day",
    "Customers keep their single sign-on configuration current",
    "Customers protect the API keys issued to them",
    "Customers rotate their API keys at least once a year",
    "Customers report suspected security incidents to the support desk at once",
    "Customers reconcile settlement files with their own ledgers each day",
    "Customers approve changes to payout bank accounts before they take effect",
    "Customers confirm that card data they send is encrypted in transit",
    "Customers train their staff on phishing and payment fraud",
    "Customers review the fraud rules they configure every quarter",
    "Customers keep a list of who may call the support desk on their behalf",
    "Customers retain their own copies of dispute evidence",
]


def _documents() -> list[tuple[str, bytes]]:
    orchardline = Soc2Report(
        vendor=ORCHARDLINE, firm="Thistlewood Garner LLP", system="Clearing Gateway",
        period=("April 1, 2025", "March 31, 2026"), signed="May 8, 2026",
        scope_extra=(f" Orchardline uses {HOSTING}, a subservice organization, to provide cloud hosting services. "
                     f"The description excludes the controls of {HOSTING}."),
        description=(
            "Orchardline settles card payments for merchants. A machine learning model scores each payment for "
            "fraud, and the AI model is within the scope of this report.\n"
            "Complementary User Entity Controls\nUser entities are responsible for:\n"
            + "\n".join(f"\u2022 {c}." for c in CUECS)
        ),
    )
    brambleford = Soc2Report(cover_title="SOC 2 Type 1 Report", period=("March 31, 2026", "March 31, 2026"))
    type1 = brambleford.pages()
    type1[0] = (f"{BRAMBLEFORD}\nSOC 2 Type 1 Report\nHarbor Records Platform\nRelevant to Security and "
                "Availability\nAs of March 31, 2026")
    type1[1] = type1[1].replace("throughout the period March 31, 2026 to March 31, 2026", "as of March 31, 2026")
    type1[1] = type1[1].replace(
        "the description presents the system that was designed and implemented throughout the period March 31, "
        "2026 to March 31, 2026, and the controls operated effectively throughout that period",
        "the description presents the system that was designed and implemented as of March 31, 2026, and the "
        "controls were suitably designed as of that date")
    type1[4] = "Section IV: Trust Services Criteria and Related Controls\nCC6.1 Access requires MFA."
    aws = Certificate(vendor=AWS, body="Northgate Certification Services Ltd", number="NCS-ISMS-50001",
                      scope="The cloud computing services of the organisation.")
    pentest = (
        "Redhollow Security Labs\nApril 9, 2026\nTo whom it may concern,\n"
        f"Redhollow Security Labs performed an external penetration test of the web application of {KETTLEWICK} "
        "between March 2 and March 13, 2026. All findings of high severity were remediated.\nMorgan Blake"
    )
    return [
        ("orchardline-soc2-type2.pdf", text_pdf(orchardline.pages())),
        ("brambleford-soc2-type1.pdf", text_pdf(type1)),
        ("aws-iso27001.pdf", certificate_pdf(aws)),
        ("kettlewick-pentest.pdf", text_pdf([pentest])),
    ]


def build(data_dir: Path) -> Settings:
    """The portfolio in ``data_dir``: examples and the documents above, each parsed and filed under its vendor."""
    from bots.console import load_examples_now

    settings = Settings(data_dir=data_dir)
    load_examples_now(settings)
    with get_database(settings).session() as session:
        for name, data in _documents():
            vendor = KETTLEWICK if name.startswith("kettlewick") else None
            intake.receive(db_session=session, settings=settings, data=data, filename=name, vendor=vendor,
                           uploaded_by="regressions", parse="now")
    return settings


def ask(data_dir: Path, question: str) -> str:
    """What ``vendor-assurance chat --data-dir D --today T QUESTION`` prints."""
    status, out, err = run_cli("chat", "--data-dir", data_dir, "--today", TODAY, question)
    assert status == 0, err
    assert "Traceback" not in err + out
    return out


def ask_in_turn(data_dir: Path, questions: list[str]) -> list[str]:
    """One chat session (a thread: a follow-up keeps what came before), the questions read from stdin; the
    answers, one per question."""
    status, out, err = run_cli("chat", "--data-dir", data_dir, "--today", TODAY, stdin="\n".join(questions) + "\n")
    assert status == 0, err
    answers = [a for a in out.split("\n\n") if a.strip()]
    assert len(answers) == len(questions), out
    return answers
