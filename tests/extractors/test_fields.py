"""Field readers on small documents written in the test: each rule on the wording it is meant for, and on the
wording it must ignore. Pages are given as text, so the rules are tested apart from PDF parsing; one end-to-end test
goes through a real PDF."""

from __future__ import annotations

from datetime import date

import pytest

from extractors import extract_bytes
from extractors.document import Document, Page
from extractors.fields import ai, categories, cuecs, exceptions, opinion, parties, periods, scope, standards, subservice
from extractors.fields.text import DocText, build
from extractors.fields.warnings import warnings_for
from extractors.model import Fields, FileInfo, Found, Subservice
from extractors.pipeline import read_fields
from tests.extractors.make_pdf import text_pdf

HEADER = "Acme Cloud, Inc. SOC 2 Type 2 Report"


def doc_text(*pages: str, header: bool = False) -> DocText:
    """Pages as a document; with ``header`` each page gets the running header and footer a report prints."""
    if header:
        pages = tuple(f"{HEADER}\n{p}\nConfidential – Page {i + 1} of {len(pages)}" for i, p in enumerate(pages))
    return build(Document(data=b"", pages=[Page(i + 1, t) for i, t in enumerate(pages)]))


def test_running_headers_and_footers_are_dropped() -> None:
    text = doc_text("one", "two", "three", "four", header=True)
    assert text.page_lines[2] == ["two"]
    assert all(HEADER not in line.text for line in text.lines)


def test_certificate_parties_number_and_dates() -> None:
    text = doc_text(
        "KEYSTONE REGISTRAR SERVICES, INC.\nCertificate of Conformity\nKeystone Registrar Services, Inc. certifies "
        "that\nSablewood Cloud Ltd\n88 Canal Street, Manchester\nconforms to ISO/IEC 27001:2022\nISO/IEC 27018:2019\n"
        "Certificate No. KRS-ISM-2291\nOriginal certification date September 28, 2020\nIssue date September 28, 2025\n"
        "Expiration date September 27, 2028\nANAB\nACCREDITED MANAGEMENT SYSTEMS"
    )
    issuer = parties.read_issuer(text, "iso_certificate", None)
    assert issuer is not None and issuer.value == "Keystone Registrar Services, Inc."
    vendor = parties.read_vendor(text, "iso_certificate", issuer)
    assert vendor is not None and vendor.value == "Sablewood Cloud Ltd"
    number = parties.read_certificate_number(text)
    assert number is not None and number.value == "KRS-ISM-2291"
    body = parties.read_accreditation_body(text)
    assert body is not None and body.value == "ANAB"
    issue, original, expiry = periods.read_certificate_dates(text)
    assert issue == Found("2025-09-28", 1, "Issue date September 28, 2025")
    assert original is not None and original.value == "2020-09-28"
    assert expiry is not None and expiry.value == "2028-09-27"
    assert [s.value for s in standards.read_standards(text, "iso_certificate")] == [
        "ISO/IEC 27001:2022",
        "ISO/IEC 27018:2019",
    ]


def test_certificate_dates_in_one_line_and_unlabelled_rows() -> None:
    labelled = doc_text(
        "Certificate Number: X-1\nValidity: valid from June 23, 2024 until June 22, 2027\n"
        "Next surveillance audit due: 2025-06-01"
    )
    issue, _, expiry = periods.read_certificate_dates(labelled)
    assert (issue and issue.value, expiry and expiry.value) == ("2024-06-23", "2027-06-22")
    bare = doc_text("Certificate Number: 1203812-2\nOctober 12, 2019    October 3, 2018    October 9, 2021")
    issue, original, expiry = periods.read_certificate_dates(bare)
    assert (issue and issue.value, original and original.value, expiry and expiry.value) == (
        "2019-10-12",
        "2018-10-03",
        "2021-10-09",
    )


def test_aligned_standards_and_accreditation_standards_are_not_certified_standards() -> None:
    text = doc_text(
        "Certificate\nBased on ISO/IEC 17021-1:2015 and ISO/IEC 27006:2015\nconforms to ISO/IEC 27001:2013 "
        "and aligned with ISO/IEC 27017:2015 and ISO/IEC 27018:2014."
    )
    assert [s.value for s in standards.read_standards(text, "iso_certificate")] == ["ISO/IEC 27001:2013"]


def test_certificate_scope_runs_to_the_end_of_its_sentence_and_names_ai() -> None:
    text = doc_text(
        "for the following scope of registration:\nDesign and operation of the risk scoring service,\n"
        "including machine learning model development and deployment.\nCertificate number: A-1"
    )
    found = scope.read_scope(text, "iso_certificate")
    assert found is not None and found.value.endswith("model development and deployment.")
    evidence = ai.read_ai(text, "iso_certificate", [], found)
    assert [e.value for e in evidence] == ["including machine learning model development and deployment"]


def test_soc_title_gives_scope_categories_and_period() -> None:
    text = doc_text(
        "Acme Cloud, Inc.\nSOC 2® Type 2 Report\nReport on Acme’s Description of Its Widget\nPlatform System and on "
        "the Suitability of the Design and Operating Effectiveness of Its Controls Relevant to Security and\n"
        "Availability\nFor the Period 1 January 2025 to 31 December 2025"
    )
    found = scope.read_scope(text, "soc2_type2")
    assert found is not None and found.value == "Widget Platform"
    cats = categories.read_categories(text)
    assert [c.value for c in cats] == ["security", "availability"]
    assert cats[0].quote == "Relevant to Security and Availability"
    start, end = periods.read_period(text, "soc2_type2", None)
    assert (start and start.value, end and end.value) == ("2025-01-01", "2025-12-31")


def test_the_criteria_title_is_not_a_list_of_categories() -> None:
    text = doc_text(
        "Cover",
        "set forth in TSP section 100, 2017 Trust Services Criteria for Security, Availability, "
        "Processing Integrity, Confidentiality, and Privacy. The trust services criteria relevant to "
        "security and confidentiality (applicable trust services criteria).",
    )
    assert [c.value for c in categories.read_categories(text)] == ["security", "confidentiality"]
    found = standards.read_standards(text, "soc2_type2")
    assert [s.value for s in found] == ["AICPA TSC 2017"]


def test_opinion_kinds_and_the_signed_report_date() -> None:
    def read(paragraph: str, heading: str = "Opinion") -> str | None:
        text = doc_text(f"{heading}\n{paragraph}\nExample Attest LLP\nDenver, Colorado\nMay 15, 2026")
        found = opinion.read_opinion(text)
        return found.value if found else None

    assert read("In our opinion, in all material respects, the description presents fairly") == "unqualified"
    assert (
        read(
            "In our opinion, except for the matter described in the preceding paragraph, in all material respects,",
            "Qualified Opinion",
        )
        == "qualified"
    )
    assert (
        read(
            "In our opinion, because of the significance of the matter described, the description does not "
            "present fairly",
            "Adverse Opinion",
        )
        == "adverse"
    )
    assert read("In our opinion, we do not express an opinion", "Disclaimer of Opinion") == "disclaimer"
    text = doc_text(
        "Opinion\nIn our opinion, in all material respects,\nExample Attest LLP\nDenver, Colorado\nMay 15, 2026"
    )
    date_found, at = periods.read_report_date(text, "soc2_type2")
    assert date_found == Found("2026-05-15", 1, "Denver, Colorado May 15, 2026")
    issuer = parties.read_issuer(text, "soc2_type2", at)
    assert issuer is not None and issuer.value == "Example Attest LLP"


def test_subservice_organizations_and_methods() -> None:
    text = doc_text(
        "Acme uses Nimbus Colocation Partners, LLC and Relaymail Delivery, Inc., subservice organizations, to "
        "provide colocation and email delivery services, respectively. Our examination did not include the services "
        "provided by the subservice organizations. The accompanying description includes the controls of Kelp "
        "Hosting, LLC, which performs database administration for Acme, presented using the inclusive method."
    )
    found = subservice.read_subservice(text, "Acme Cloud, Inc.")
    assert [(s.value, s.method) for s in found] == [
        ("Nimbus Colocation Partners, LLC", "carve-out"),
        ("Relaymail Delivery, Inc.", "carve-out"),
        ("Kelp Hosting, LLC", "inclusive"),
    ]


def test_cuecs_in_lists_tables_and_glued_text() -> None:
    numbered = doc_text(
        "Complementary User Entity Controls\nAcme's controls were designed with the assumption that "
        "user entities would implement certain controls.\n1. User entities are responsible for "
        "enabling\nmulti-factor authentication.\n2. User entities are responsible for reviewing "
        "access.\nSection IV: Tests"
    )
    assert [c.value for c in cuecs.read_cuecs(numbered)] == [
        "User entities are responsible for enabling multi-factor authentication.",
        "User entities are responsible for reviewing access.",
    ]
    table = doc_text(
        "User Entity Responsibilities\n# Complementary User Entity Control Related Criteria 1 Customers "
        "are responsible for securing API keys.\nCC6.1, CC6.6\n2 User entities are responsible for "
        "backups. A1.2 3 Customers are responsible for their users. CC6.2"
    )
    found = cuecs.read_cuecs(table)
    assert [c.criteria for c in found] == [("CC6.1", "CC6.6"), ("A1.2",), ("CC6.2",)]


def test_exceptions_with_inline_and_sectioned_responses() -> None:
    inline = doc_text(
        "Controls and Tests of Operating Effectiveness\nRef. Criteria Control Description Tests of Controls Test "
        "Results\nAC-05 CC6.1 Keys are rotated annually.\nInspected key rotation.\nException noted. For 3 of 25 "
        "sampled keys,\nthe key was not rotated.\nManagement’s\nResponse: Management agrees.\nAC-06 CC6.2,\nCC6.3\n"
        "Access is approved.\nInspected tickets.\nNo exceptions noted."
    )
    found = exceptions.read_exceptions(inline)
    assert [(e.control, e.criteria, e.value, e.management_response) for e in found] == [
        (
            "AC-05",
            ("CC6.1",),
            "Exception noted. For 3 of 25 sampled keys, the key was not rotated.",
            "Management agrees.",
        ),
    ]
    grouped = doc_text(
        "CC8.1 — The entity authorizes changes.\nControl # Control Activity Test Results\nCC8.1.1 Changes are "
        "reviewed.\nInspected changes.\nException noted. For 2 of 15 changes, no review.",
        "Management’s Responses to Exceptions\nControl CC8.1.1\nManagement has added a review step.",
    )
    found = exceptions.read_exceptions(grouped)
    assert [(e.control, e.criteria, e.management_response) for e in found] == [
        ("CC8.1.1", ("CC8.1",), "Management has added a review step.")
    ]


def test_ai_evidence_needs_an_in_scope_statement() -> None:
    text = doc_text(
        "Section III: Description of the System\nThe machine learning models used for scoring are within the "
        "boundaries of the system. Acme’s route-optimization machine learning service is offered under a separate "
        "agreement and is not included in the scope of this report."
    )
    evidence = ai.read_ai(text, "soc2_type2", [], None)
    assert [e.value for e in evidence] == [
        "The machine learning models used for scoring are within the boundaries of the system."
    ]
    excluded = doc_text(
        "Acme’s route-optimization machine learning service is not included in the scope of this report."
    )
    assert ai.read_ai(excluded, "soc2_type2", [], None) == []
    assert ai.read_ai(text, "unknown", [], None) == []


def test_warnings_are_judged_against_the_given_day() -> None:
    f = Fields(
        standards=[Found("ISO/IEC 27001:2013", 1, "ISO/IEC 27001:2013")],
        expiry_date=Found("2025-10-31", 1, "Expiry date: 31 October 2025"),
    )
    before = warnings_for("iso_certificate", f, date(2025, 6, 1))
    after = warnings_for("iso_certificate", f, date(2025, 11, 1))
    assert any("27001:2013" in w for w in before) and not any("expired" in w for w in before)
    assert any("expired on 2025-10-31" in w for w in after)
    soc = Fields(
        period_end=Found("2025-03-31", 1, "x"),
        opinion=Found("qualified", 5, "In our opinion, except for"),
        subservice_organizations=[Subservice("Stratus Cloud, Inc.", 3, "x", "carve-out")],
    )
    found = warnings_for("soc2_type1", soc, date(2026, 4, 2))
    assert any("qualified" in w for w in found)
    assert any("more than 12 months" in w for w in found)
    assert any("carved out" in w for w in found)
    assert any("Type 1" in w for w in found)
    assert not any("12 months" in w for w in warnings_for("soc2_type1", soc, date(2026, 3, 1)))


def test_a_soc1_report_is_said_to_cover_financial_reporting_not_the_trust_services_criteria() -> None:
    told = " ".join(warnings_for("soc1", Fields(), date(2026, 4, 2)))
    assert "ICFR" in told and "Trust Services Criteria" in told and "not a SOC 2" in told
    assert not any("ICFR" in w for w in warnings_for("soc2_type2", Fields(), date(2026, 4, 2)))


def test_end_to_end_certificate_pdf_with_a_fixed_day() -> None:
    pdf = text_pdf(
        [
            "NORTHGATE CERTIFICATION\nCERTIFICATE OF REGISTRATION\nThis is to certify that the management system of\n"
            "Pellucid Archive Ltd\nUnit 4, Riverside Business Park, Bristol\nhas been registered as meeting ISO/IEC "
            "27001:2013\nfor the following scope of registration:\nSecure offsite records storage.\n"
            "Certificate number: NCL-ISMS-02217\nInitial registration date: 2 November 2016\n"
            "Date of issue: 2 November 2022\nExpiry date: 31 October 2025\n"
            "For and on behalf of Northgate Certification Ltd\nUKAS"
        ]
    )
    result = extract_bytes(pdf, "cert.pdf")
    assert result.kind == "iso_certificate"
    f = result.fields
    assert (f.vendor and f.vendor.value, f.issuer and f.issuer.value) == (
        "Pellucid Archive Ltd",
        "Northgate Certification Ltd",
    )
    assert f.expiry_date is not None and f.expiry_date.value == "2025-10-31"
    from extractors.document import load

    fixed = read_fields(load(pdf), FileInfo("cert.pdf", "0" * 64), today=date(2025, 1, 1))
    assert not any("expired" in w for w in fixed.warnings)
    assert any(
        "expired" in w for w in read_fields(load(pdf), FileInfo("cert.pdf", "0" * 64), today=date(2026, 1, 1)).warnings
    )


def test_a_failing_reader_costs_only_its_own_field(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise ValueError("unexpected layout")

    monkeypatch.setattr(parties, "read_certificate_number", broken)
    pdf = text_pdf(
        [
            "CERTIFICATE OF REGISTRATION\nThis is to certify that\nPellucid Archive Ltd\nmeets ISO/IEC 27001:2022\n"
            "Certificate number: NCL-ISMS-02217\nExpiry date: 31 October 2027\nFor and on behalf of Northgate "
            "Certification Ltd"
        ]
    )
    result = extract_bytes(pdf, "cert.pdf")
    assert result.error is None
    assert result.fields.certificate_number is None
    assert result.fields.vendor is not None and result.fields.expiry_date is not None
    assert any("Could not read: certificate number" in w for w in result.warnings)


def test_categories_named_after_the_criteria_on_a_cover() -> None:
    text = doc_text("Acme Cloud, Inc.\nSOC 3 Report\nRelevant to the Trust Services Criteria for Security and Privacy")
    assert [c.value for c in categories.read_categories(text)] == ["security", "privacy"]


def test_a_letter_without_letterhead_is_the_signatory_organizations() -> None:
    text = doc_text(
        "June 15, 2026\nTo our valued customers:\nRe: SOC 2 Type 2 Bridge Letter\nThis letter covers the period from "
        "April 1, 2026 through June 15, 2026.\nSincerely,\nDana Whitcombe\nChief Executive Officer, Ledgerline, Inc."
    )
    vendor = parties.read_vendor(text, "bridge_letter", None)
    assert vendor is not None and vendor.value == "Ledgerline, Inc."


def test_a_form_names_its_company_in_the_cell_after_the_label() -> None:
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setFont("Helvetica", 10)
    labels = ["Self-Assessment Questionnaire and Attestation of Compliance", "Part 1a. Merchant Information",
              "Company Name:", "Contact Name:", "Telephone:"]  # fmt: skip
    for k, label in enumerate(labels):
        c.drawString(60, 740 - 16 * k, label)
    # A filled-in form draws its values after all the labels, so plain text puts them far apart.
    for k, value in enumerate(["Fennick Workforce Solutions, LLC", "Dana Whitcombe", "+1-555-0100"]):
        c.drawString(220, 740 - 16 * (k + 2), value)
    c.showPage()
    c.save()
    result = extract_bytes(buf.getvalue(), "form.pdf")
    assert result.kind == "unknown"
    assert result.fields.vendor is not None and result.fields.vendor.value == "Fennick Workforce Solutions, LLC"


def test_a_response_table_that_repeats_the_control_and_the_exception() -> None:
    text = doc_text(
        "Results of Tests\nDS - 1 Secrets are rotated.\nInspected the vault.\nException Noted:\nFor 3 of 25 sampled "
        "secrets, rotation was late.",
        "Management’s Response to Exceptions Noted:\nControl ID Control Activity Exception Noted Management Response\n"
        "DS - 1 Secrets are rotated.\nException Noted:\nFor 3 of 25 sampled secrets, rotation was late.\nThe secrets "
        "were retired and the vault now alerts on overdue rotation.",
    )
    found = exceptions.read_exceptions(text)
    assert [(e.control, e.management_response) for e in found] == [
        ("DS-1", "The secrets were retired and the vault now alerts on overdue rotation.")
    ]


def test_a_certificate_whose_scope_names_another_organization_is_flagged() -> None:
    f = Fields(
        vendor=Found("HackerBay, Inc.", 1, "HackerBay, Inc."),
        issuer=Found("SES", 1, "SES"),
        scope=Found("The scope covers the information assets and physical location of Slack Technologies, Inc. and "
                    "the ISMS of HackerBay, Inc.", 1, "x"),
    )  # fmt: skip
    found = warnings_for("iso_certificate", f, date(2020, 1, 1))
    assert [w for w in found if "Slack Technologies, Inc." in w]
    f.scope = Found("Services for AXISPHERE MEDIA WORX LLP.", 1, "x")
    f.vendor = Found("AXISPHERE MEDIAWORX LLP", 1, "x")
    assert not [w for w in warnings_for("iso_certificate", f, date(2020, 1, 1)) if "scope names" in w]


def test_an_accreditation_mark_read_by_ocr_with_one_letter_wrong_is_still_named() -> None:
    art = doc_text("Head of Certification\nmw KGAC\norcant\nCAB # 011905\nValidity of this certificate is subject")
    found = parties.read_accreditation_mark(art)
    assert found is not None and (found.value, found.page) == ("EGAC", 1)
    assert "KGAC" in found.quote and "CAB # 011905" in found.quote
    exact = parties.read_accreditation_mark(doc_text("ANAB ACCREDITED\nMANAGEMENT SYSTEMS\nAccreditation No. 0874"))
    assert exact is not None and exact.value == "ANAB"  # not INAB, one letter away
    assert parties.read_accreditation_mark(doc_text("mw KGAC\nHead of Certification")) is None  # no mark beside it
    assert parties.read_accreditation_mark(doc_text("FINAL REPORT\nAccredited laboratory")) is None  # no mark's number
