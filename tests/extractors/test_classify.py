"""Classification from the standards' vocabulary, including the documents that only look like SOC 2 reports."""

from __future__ import annotations

import pytest

from extractors.classify import classify
from extractors.document import Document, Page
from extractors.fields.text import build

AUDITOR = (
    "Independent Service Auditor's Report\nTo the Management of Acme Cloud, Inc.:\nScope\nWe have examined Acme's "
    "description of its Widget Platform system and the suitability of the design and operating effectiveness of "
    "controls based on the trust services criteria relevant to security."
)


# The parts after the auditor's report that make a document a report and not a letter about one (issue 9).
REPORT_PARTS = (
    "Section III: Acme's Description of Its Widget Platform System\nOverview of operations and system boundaries.",
    "Section IV: Trust Services Criteria, Related Controls, and Tests of Controls\nCC6.1 Access is restricted.",
)


def kind_of(*pages: str) -> tuple[str, list[str]]:
    doc = Document(data=b"", pages=[Page(i + 1, t) for i, t in enumerate(pages)])
    verdict = classify(build(doc))
    return verdict.kind, verdict.warnings


@pytest.mark.parametrize(
    ("pages", "kind"),
    [
        (
            ("Acme Cloud, Inc.\nSOC 2® Type 2 Report\nFor the Period April 1, 2025 to March 31, 2026", AUDITOR),
            "soc2_type2",
        ),
        (("Acme Cloud, Inc.\nSOC 2 Type II Report", AUDITOR), "soc2_type2"),
        (("Acme Cloud, Inc.\nSOC 2 Type 1 Report\nAs of September 30, 2025", AUDITOR), "soc2_type1"),
        (
            (
                "Acme Cloud, Inc.\nSOC 2 Report\nAs of September 30, 2025",
                "Independent Service Auditor's Report\nWe have examined the suitability of the design of controls as "
                "of September 30, 2025 based on the trust services criteria. We did not perform any procedures "
                "regarding the operating effectiveness of controls.",
            ),
            "soc2_type1",
        ),
        (
            (
                "Acme Cloud, Inc.\nService Organization Controls (SOC) 2 Report\nOctober 1, 2017 - September 30, 2018",
                AUDITOR,
            ),
            "soc2_type2",
        ),
        (("System and Organization Controls (SOC) 3\nReport\nAcme Cloud, Inc.", AUDITOR), "soc3"),
        (
            (
                "Acme Cloud, Inc. 1 Main Street\nJune 15, 2026\nRe: SOC 2 Type 2 Bridge Letter\nThis letter covers the "
                "period from April 1, 2026 through June 15, 2026.",
            ),
            "bridge_letter",
        ),
        (
            (
                "CERTIFICATE OF REGISTRATION\nThis is to certify that\nAcme Cloud, Inc.\nmeets ISO/IEC 27001:2022\n"
                "Certificate number: ABC-123",
            ),
            "iso_certificate",
        ),
        (
            (
                "Acme Cloud, Inc.\nCertificate Number: AD-200724-056I\nDate of initial registration: 24.07.2024\n"
                "1st Surveillance Due: 23.06.2025\nDate of expiry certificate: 23.06.2027",
            ),
            "iso_certificate",
        ),
    ],
)
def test_kinds(pages: tuple[str, ...], kind: str) -> None:
    if kind.startswith("soc"):
        pages = (*pages, *REPORT_PARTS)
    assert kind_of(*pages)[0] == kind


def test_soc1_is_told_apart_by_its_control_objectives() -> None:
    pages = (
        "Acme Payroll, Inc.\nSOC 1® Type 2 Report\nReport on Acme's Description of Its Payroll System and on the "
        "Suitability of the Design and Operating Effectiveness of Its Controls",
        "Independent Service Auditor's Report\nTo the Management of Acme Payroll, Inc.:\nWe have examined the "
        "description and the control objectives relevant to user entities' internal control over financial reporting.",
        "Section III: Acme's Description of Its Payroll System\nOverview of operations.",
        "Section IV: Control Objectives, Related Controls, and Tests of Controls\nControl objective 1.",
    )
    assert kind_of(*pages)[0] == "soc1"


@pytest.mark.parametrize(
    ("pages", "what"),
    [
        (
            (
                "Acme Cloud, Inc.\nSecurity Whitepaper\nAcme undergoes an annual SOC 2 Type 2 examination. "
                "This document is not an audit report and does not provide assurance.",
            ),
            "whitepaper",
        ),
        (
            (
                "Redoubt Offensive Security LLC\nSubject: Penetration Test Summary Letter\nIt is not an audit "
                "opinion, a SOC report or a certification.",
            ),
            "penetration test",
        ),
        (
            (
                "Payment Card Industry (PCI) Data Security Standard\nSelf-Assessment Questionnaire A\n"
                "and Attestation of Compliance",
            ),
            "PCI DSS",
        ),
        (
            (
                "REPORT OF THE INDEPENDENT ACCOUNTANT\nTo the management of Example CA:\nWe have examined ... "
                "based on the WebTrust Principles and Criteria for Certification Authorities v2.2.2",
            ),
            "WebTrust",
        ),
        (
            (
                "Sterling Assessment Services Ltd\nCertificate of Compliance\nThis is to certify that\n"
                "Acme Cloud, Inc.\nhas been assessed and found compliant with the requirements of\n"
                "SOC 2® Type 2 – Trust Services Criteria",
            ),
            "certificate",
        ),
    ],
)
def test_lookalikes_are_never_soc2_and_say_what_they_are(pages: tuple[str, ...], what: str) -> None:
    kind, warnings = kind_of(*pages)
    assert kind == "unknown"
    assert any("Not a SOC 2 report" in w and what in w for w in warnings), warnings
