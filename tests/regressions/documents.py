"""Texts of the documents the regression fixtures are made of, in this project's own wording: a SOC 2 Type 2 report
laid out in the parts AT-C 205 gives it, and an ISO/IEC 27001 certificate with the items ISO/IEC 17021-1 8.2.2
asks for. Each test passes what its bug needs (a test table, a description, a label order); the rest is filler a
real document would carry."""

from __future__ import annotations

from dataclasses import dataclass, field

VENDOR = "Brambleford Data Systems, Inc."
FIRM = "Corriston & Vale LLP"
SYSTEM = "Harbor Records Platform"
PERIOD = ("January 1, 2025", "December 31, 2025")

CLEAN_TESTS = (
    "Control Number Control Activity Tests Performed Test Results\n"
    "CC6.1 The entity implements logical access security measures.\n"
    "BD-01 Production access requires multi-factor authentication. Inspected the configuration. No exceptions noted.\n"
    "BD-02 Access is revoked within one business day of termination. Inspected a sample of terminations. "
    "No exceptions noted."
)


@dataclass
class Soc2Report:
    """A SOC 2 Type 2 report as a list of page texts (``pages()``)."""

    vendor: str = VENDOR
    firm: str = FIRM
    system: str = SYSTEM
    period: tuple[str, str] = PERIOD
    signed: str = "February 27, 2026"
    cover_title: str = "SOC 2 Type 2 Report"
    scope_extra: str = ""
    opinion_extra: str = ""
    description: str = "The company stores medical records for clinics."
    tests: str = CLEAN_TESTS
    extra_pages: list[str] = field(default_factory=list)

    def pages(self) -> list[str]:
        start, end = self.period
        short = self.vendor.split()[0]
        return [
            f"{self.vendor}\n{self.cover_title}\n{self.system}\nRelevant to Security and Availability\n"
            f"For the period {start} to {end}",
            "Section I: Independent Service Auditor's Report\n"
            f"To the Management of {self.vendor}\nScope\n"
            f"We have examined {short}'s accompanying description of its {self.system} system found in Section III "
            f"throughout the period {start} to {end}, based on the criteria for a description of a service "
            f"organization's system.{self.scope_extra}\n"
            "Service Auditor's Responsibilities\nOur examination included performing procedures to obtain evidence "
            "about the description and the suitability of the design and operating effectiveness of the controls.\n"
            f"{self.opinion_extra}Opinion\nIn our opinion, in all material respects, the description presents the "
            f"system that was designed and implemented throughout the period {start} to {end}, and the controls "
            "operated effectively throughout that period.\n"
            f"{self.firm}\nRaleigh, North Carolina\n{self.signed}",
            f"Section II: Assertion of {self.vendor} Management\nWe have prepared the accompanying description of "
            f"the {self.system} system for user entities and their auditors.",
            f"Section III: Description of the {self.system} System\nOverview of Operations\n{self.description}",
            "Section IV: Trust Services Criteria, Related Controls and Tests of Controls\n" + self.tests,
            *self.extra_pages,
        ]


@dataclass
class Certificate:
    """An ISO/IEC 27001:2022 certificate as the lines of its one page (``lines()``, ``text()``)."""

    vendor: str = "Fenwick Tide Software Ltd"
    body: str = "Northgate Certification Services Ltd"
    number: str = "NCS-ISMS-40217"
    dates: tuple[tuple[str, str], ...] = (
        ("Date of issue:", "12 March 2026"), ("Expiry date:", "11 March 2029"),
    )
    accreditation: str = "Accredited by UKAS, management systems certification body No. 4127"
    scope: str = "The development and hosting of payroll software for small businesses."

    def lines(self) -> list[str]:
        return [
            self.body, "CERTIFICATE OF REGISTRATION", "This is to certify that", self.vendor,
            "operates an information security management system which complies with the requirements of",
            "ISO/IEC 27001:2022", f"Scope: {self.scope}", f"Certificate number: {self.number}",
            *(f"{label} {when}" for label, when in self.dates),
            f"For and on behalf of {self.body}", self.accreditation,
        ]

    def text(self) -> str:
        return "\n".join(self.lines())


def certificate_pdf(certificate: Certificate | None = None) -> bytes:
    """The certificate as a one-page PDF with a text layer."""
    from tests.extractors.make_pdf import text_pdf

    return text_pdf([(certificate or Certificate()).text()])
