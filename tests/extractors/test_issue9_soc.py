"""Issue 9, the SOC side: reports read by the parts AT-C 205 gives them, letters told apart from reports, test tables
read row by row. Every document is a real PDF written here (reportlab) and read end to end; each test is named after
the class of error it guards against."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractors import extract_bytes
from extractors.document import Document, Page
from extractors.fields import exceptions
from extractors.fields.sections import find_sections, read_scope_paragraph
from extractors.fields.text import build
from tests.extractors.make_pdf import text_pdf

VENDOR = "Quarrybrook Analytics, Inc."
FIRM = "Hollins & Vance CPAs LLP"


def read(pages: Sequence[str]) -> dict[str, Any]:
    return extract_bytes(text_pdf(pages), "doc.pdf").to_dict()


def value(result: dict[str, Any], name: str) -> Any:
    found = result["fields"][name]
    return found["value"] if isinstance(found, dict) else found


def auditor_report(scope: str, *, firm_block: str = f"{FIRM}\nDenver, Colorado\nMarch 14, 2026") -> str:
    return (
        "Section I: Independent Service Auditor's Report\n"
        f"To the Management of {VENDOR}:\nScope\n{scope}\n"
        "Deviations identified within the tests of controls are not necessarily weaknesses in the total system.\n"
        "Opinion\nIn our opinion, in all material respects, the description presents the system that was designed "
        "and implemented throughout the period January 1, 2025 to December 31, 2025.\n"
        f"{firm_block}"
    )


SCOPE_DEFINED = (
    "We have examined the attached description, prepared by Quarrybrook management, of the Ledger Insight Hub "
    "(the \u201csystem\u201d) provided by Quarrybrook Analytics, Inc. throughout the period January 1, 2025 to "
    "December 31, 2025, based on the criteria for a description of a service organization's system."
)
ASSERTION = (
    "Section II: Assertion of Quarrybrook Management\nWe have prepared the accompanying description of the "
    "system for user entities."
)


def report(tests: str, description: str = "", scope: str = SCOPE_DEFINED, **kw: str) -> list[str]:
    """A Type 2 report in a layout unlike the first generator family: a cover without "Description of Its X
    System", the four parts of AT-C 205 and a tests-of-controls table as rows of id, control, test and result."""
    return [
        "Quarrybrook Analytics, Inc.\nSOC 2 Type 2 Report\nReport on the Ledger Insight Hub\n"
        "Relevant to Security & Availability\nFor the period January 1, 2025 to December 31, 2025",
        auditor_report(scope, **kw),
        ASSERTION,
        "Section III: Description of the System\nCompany Overview\nQuarrybrook provides analytics.\n" + description,
        "Section IV: Trust Services Criteria, Related Controls, and Tests of Controls\n" + tests,
    ]


TESTS = (
    "Control # Control Activity Test Performed Results of Tests\n"
    "CC6.1: The entity implements logical access security software.\n"
    "QA-01 Access to production requires MFA. Inspected the IdP settings. No exceptions noted.\n"
    "QA-02 Access reviews are performed quarterly. Inspected reviews for two quarters.\n"
    "Exception noted. For 2 of 4 quarters sampled, the access review was not signed off.\n"
    "QA-03 Terminated users are removed within one day. Inspected a sample of leavers.\n"
    "Exceptions noted: None\n"
    "QA-04 Firewalls deny by default. Inspected the rule sets.\n"
    "Deviations identified: N/A\n"
    "CC7.2: The entity monitors system components.\n"
    "QA-05 Alerts are triaged within one hour. Inspected a sample of alerts.\n"
    "Deviation\nnoted: 3 of 25 alerts sampled were triaged after four hours.\n"
    "QA-06 Logs are retained for one year. Inspected the retention settings. No deviations noted."
)


def test_issue9_attestation_letter_is_not_a_report() -> None:
    got = read([
        "Attestation Status\nConfirmation\nTHIS IS TO CONFIRM THAT\nQuarrybrook Analytics Pty Ltd\n"
        "WAS ISSUED AN ATTESTATION REPORT FOR\nSOC 2 Type 2\nSecurity, Availability, and Confidentiality\n"
        "FOR THE PERIOD\n1 March 2025 to 31 August 2025\nFOR THE SCOPE OF\nLedger Insight Hub System\n"
        "Report ID: 2025-10-04\nIssue Date: October 6, 2025\nJordan Pike, CPA\nChief Compliance Officer\nPikeLab"
    ])
    assert got["kind"] == "unknown"
    assert any("attestation letter" in w for w in got["warnings"])
    assert value(got, "vendor") == "Quarrybrook Analytics Pty Ltd"
    assert value(got, "issuer") == "PikeLab"
    assert value(got, "report_date") == "2025-10-06"
    assert value(got, "certificate_number") == "2025-10-04"
    assert (value(got, "period_start"), value(got, "period_end")) == ("2025-03-01", "2025-08-31")
    categories = sorted(c["value"] for c in got["fields"]["tsc_categories"])
    assert categories == ["availability", "confidentiality", "security"]
    assert value(got, "scope") == "Ledger Insight Hub"


def test_issue9_attestation_letter_quoting_an_opinion_is_not_a_report_and_the_firm_is_not_the_vendor() -> None:
    got = read([
        f"{FIRM}\nCertified Public Accountants - Denver, CO\nMarch 3, 2026\nTo Whom It May Concern:\n"
        f"Re: SOC 2 Type 2 Attestation - {VENDOR}\n"
        f"{FIRM} has completed an examination, under the attestation standards of the American Institute of "
        f"Certified Public Accountants, of the description of {VENDOR}'s Ledger Insight Hub and of its controls for "
        "the period July 1, 2025 to January 31, 2026.\nIn our opinion, in all material respects, the controls were "
        "suitably designed and operated effectively throughout that period.\nJordan Pike, CPA\nPartner"
    ])
    assert got["kind"] == "unknown"
    assert value(got, "vendor") == VENDOR
    assert value(got, "issuer") == FIRM
    assert value(got, "report_date") == "2026-03-03"
    assert (value(got, "period_start"), value(got, "period_end")) == ("2025-07-01", "2026-01-31")


def test_issue9_bridge_letter_without_the_words_is_not_a_type1() -> None:
    got = read([
        f"{VENDOR}\nSecurity & Compliance Office\nDate: January 11, 2026\n"
        "Letter Regarding the Period Since Our Last SOC 2 Report\n"
        f"{FIRM} examined the controls of the Ledger Insight Hub and issued a SOC 2 Type 2 report covering "
        "October 1, 2024 to September 30, 2025. This letter covers the interval from October 1, 2025 through "
        "December 31, 2025, which follows the end of that report's period.\n"
        "Management confirms that, during the period covered by this letter, it is not aware of any change.\n"
        f"Dana Wu\nChief Information Security Officer\n{VENDOR}"
    ])
    assert got["kind"] == "bridge_letter"
    assert value(got, "issuer") == FIRM
    assert value(got, "report_date") == "2026-01-11"
    assert (value(got, "period_start"), value(got, "period_end")) == ("2025-10-01", "2025-12-31")
    assert value(got, "scope") == "Ledger Insight Hub"


def test_issue9_bridge_period_is_never_the_reports_period() -> None:
    letter = (
        f"{VENDOR}\nDate: 18-May-2025\nManagement Bridge Letter\nOur most recent SOC 2 Type 2 report on the Ledger "
        f"Insight Hub, issued by {FIRM}, covered 01-Feb-2024 to 31-Jan-2025. This letter addresses the period "
        "beginning the day after that review period ended and ending on 30-Apr-2025.\n"
        "Management confirms that, during the period covered by this letter, it is not aware of any change."
    )
    got = read([letter])
    assert got["kind"] == "bridge_letter"
    assert (value(got, "period_start"), value(got, "period_end")) == ("2025-02-01", "2025-04-30")
    # Without the sentence that gives the letter's own period, only the report's is stated: null, not that one.
    cut = letter.replace(
        "This letter addresses the period beginning the day after that review period ended and ending on "
        "30-Apr-2025.", ""
    )
    got = read([cut])
    assert (value(got, "period_start"), value(got, "period_end")) == (None, None)


def test_issue9_report_read_by_its_sections_scope_and_vendor_from_the_scope_paragraph() -> None:
    text = build(Document(data=b"", pages=[Page(i + 1, t) for i, t in enumerate(report(TESTS))]))
    sections = find_sections(text)
    assert {"auditor_report", "assertion", "description", "tests"} <= set(sections.starts)
    paragraph = read_scope_paragraph(text, sections)
    assert paragraph is not None
    assert (paragraph.vendor, paragraph.system, paragraph.period) == (
        VENDOR, "Ledger Insight Hub", ("2025-01-01", "2025-12-31")
    )
    got = read(report(TESTS))
    assert got["kind"] == "soc2_type2"
    assert value(got, "scope") == "Ledger Insight Hub"
    assert value(got, "vendor") == VENDOR
    assert sorted(c["value"] for c in got["fields"]["tsc_categories"]) == ["availability", "security"]


def test_issue9_scope_from_accompanying_description_of_its_system() -> None:
    scope = (
        f"We have examined {VENDOR}'s (\u201cQuarrybrook\u201d or the \u201cCompany\u201d) accompanying description "
        "of its Ledger cloud system found in Section III as of December 31, 2025."
    )
    got = read(report(TESTS, scope=scope))
    assert value(got, "scope") == "Ledger cloud"


def test_issue9_exceptions_are_result_rows_tied_to_their_criteria_not_boilerplate_or_none() -> None:
    got = read(report(TESTS))
    rows = {e["control"]: e for e in got["fields"]["exceptions"]}
    assert sorted(rows) == ["QA-02", "QA-05"]  # not "None", "N/A", nor the auditor's paragraph about deviations
    assert rows["QA-02"]["criteria"] == ["CC6.1"]
    assert rows["QA-05"]["criteria"] == ["CC7.2"]
    assert rows["QA-02"]["value"].endswith("the access review was not signed off.")  # stops at the next row
    assert rows["QA-05"]["value"] == "Deviation noted: 3 of 25 alerts sampled were triaged after four hours."


def test_issue9_a_whole_table_is_never_taken_as_exceptions() -> None:
    rows = "\n".join(f"QA-{i:02d} Control {i}. Inspected it.\nExceptions noted. Sampled items." for i in range(1, 46))
    pages = report("")
    chunks = rows.split("\n")
    pages += ["\n".join(chunks[k : k + 45]) for k in range(0, len(chunks), 45)]
    got = read(pages)
    assert got["fields"]["exceptions"] == []
    assert any("Exceptions not read" in w for w in got["warnings"])


def test_issue9_exceptions_reader_skips_the_auditors_report() -> None:
    text = build(Document(data=b"", pages=[Page(i + 1, t) for i, t in enumerate(report("No exceptions noted."))]))
    page2 = text.page_lines[2]
    assert any(t.startswith("Deviations identified") for t in page2)
    assert exceptions.read_exceptions(text, find_sections(text)) == []


def test_issue9_cuec_lead_in_and_group_headings_are_not_cuecs() -> None:
    description = (
        "Complementary User Entity Controls\nThe controls below are needed, together with Quarrybrook's controls.\n"
        "User entities are responsible for:\n"
        "\u2022 Ensuring that the service agreement describes the services to be provided.\n"
        "\u2022 Communicating service level issues as they arise to the support desk.\n"
        "\u2022 Reviewing release notes and assessing the effect of changes on their processes."
    )
    got = read(report(TESTS, description))
    assert [c["value"] for c in got["fields"]["cuecs"]] == [
        "Ensuring that the service agreement describes the services to be provided",
        "Communicating service level issues as they arise to the support desk",
        "Reviewing release notes and assessing the effect of changes on their processes",
    ]
    grouped = (
        "Complementary User Entity Controls\nUser entities are responsible for the following:\n"
        "Access Responsibilities \u2022 Customers disable the accounts of their departing staff promptly. "
        "\u2022 Customers designate administrators who approve access.\n"
        "Data Responsibilities \u2022 Customers verify the completeness of files they send."
    )
    got = read(report(TESTS, grouped))
    assert len(got["fields"]["cuecs"]) == 3


def test_issue9_carved_out_subservice_organizations_in_prose_and_in_a_table() -> None:
    scope = SCOPE_DEFINED + (
        " Quarrybrook uses a subservice organization, Stratus Hosting LLC (\u201cStratus\u201d), to provide cloud "
        "hosting services. The description does not disclose the actual controls at the subservice organization."
    )
    got = read(report(TESTS, scope=scope))
    assert [(s["value"], s["method"]) for s in got["fields"]["subservice_organizations"]] == [
        ("Stratus Hosting LLC", "carve-out")
    ]
    only_table = SCOPE_DEFINED + (
        " Quarrybrook uses the subservice organizations identified in Section III of this report. The description "
        "excludes the controls of those subservice organizations (carve-out method)."
    )
    table = (
        "Subservice Organizations and Complementary Subservice Organization Controls\n"
        "Subservice organization Services Controls expected\n"
        "Stratus Hosting LLC cloud infrastructure hosting Physical access is restricted.\n"
        "Commitline Software Ltd source code hosting Changes are authorized."
    )
    got = read(report(TESTS, table, scope=only_table))
    assert [(s["value"], s["method"]) for s in got["fields"]["subservice_organizations"]] == [
        ("Stratus Hosting LLC", "carve-out"),
        ("Commitline Software Ltd", "carve-out"),
    ]


def test_issue9_report_signed_by_an_accountant_in_person_and_a_vendor_with_a_czech_legal_form() -> None:
    pages = report(TESTS, firm_block="______\nJANE MORROW\nCertified Public Accountant\nLicense Number: 0042\n"
                                     "March 14, 2026")
    pages[0] = "QUARRYBROOK S.R.O.\n" + pages[0].split("\n", 1)[1]
    got = read(pages)
    assert value(got, "issuer") == "JANE MORROW, Certified Public Accountant"
    assert value(got, "vendor") == "QUARRYBROOK S.R.O."
    assert value(got, "report_date") == "2026-03-14"


def test_issue9_cover_and_scope_paragraph_that_disagree_give_null_and_a_warning() -> None:
    pages = report(TESTS)
    pages[0] = pages[0].replace("For the period January 1, 2025 to December 31, 2025",
                                "For the period January 1, 2024 to December 31, 2024")
    got = read(pages)
    assert (value(got, "period_start"), value(got, "period_end")) == (None, None)
    assert any(w.startswith("Period not read") for w in got["warnings"])
    # A label glued to the cover's name ("Service Organization Quarrybrook Analytics, Inc.") gives way to the name
    # the scope sentence uses.
    pages = report(TESTS)
    pages[0] = f"Service Organization {VENDOR}\n" + pages[0].split("\n", 1)[1]
    got = read(pages)
    assert value(got, "vendor") == VENDOR


def test_issue9_dates_that_break_the_order_of_a_report_are_not_given() -> None:
    # Signed before the end of the period it reports on: the report date is not trusted.
    got = read(report(TESTS, firm_block=f"{FIRM}\nDenver, Colorado\nMarch 14, 2025"))
    assert value(got, "report_date") is None
    assert any("report date" in w.lower() and "could not be read" in w for w in got["warnings"])


def test_issue9_a_basis_for_qualified_opinion_heading_outweighs_an_unqualified_reading() -> None:
    pages = report(TESTS)
    pages[1] = pages[1].replace("Opinion\nIn our opinion", "Basis for Qualified Opinion\nControl QA-02 did not "
                                "operate.\nOpinion\nIn our opinion")
    got = read(pages)
    assert value(got, "opinion") is None
    assert any(w.startswith("Opinion not read") for w in got["warnings"])
