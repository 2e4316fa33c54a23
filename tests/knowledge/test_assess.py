"""The assessment engine on documents built in code: each scenario a buyer meets, and every profile option."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extractors.model import Extraction, ExtractionError
from knowledge import Assessment, assess, bundled_profile, default_profile, parse_profile
from knowledge.findings import VERDICTS
from knowledge.profiles import Profile

from . import builders as b

TODAY = date(2026, 11, 30)
CRITICAL = bundled_profile("critical-data-processor")
LOW = bundled_profile("low-risk-tool")


def codes(a: Assessment, *severities: str) -> set[str]:
    return {f.code for f in a.findings if not severities or f.severity in severities}


def check_citations(a: Assessment) -> None:
    """Every finding rests on cited evidence (document, and page+quote when it quotes) or on a named absence."""
    assert a.verdict in VERDICTS
    for f in a.findings:
        assert f.reason and f.code and f.severity
        assert f.evidence or f.absence, f
        for c in f.evidence:
            assert c.document in a.documents
        assert (f.blocks is not None) == (f.severity == "critical"), f


def run(docs: list[Extraction], profile: Profile | None = None, today: date = TODAY, **kw: object) -> Assessment:
    a = assess(docs, profile or default_profile(), today, **kw)  # type: ignore[arg-type]
    check_citations(a)
    return a


def test_a_clean_current_type2_meets() -> None:
    a = run([b.soc2()])
    assert a.verdict == "meets", a.findings
    assert a.relied_on == "acme-soc2.pdf"
    assert a.vendor == "Acme Cloud, Inc."


def test_a_qualified_opinion_does_not_meet_and_cites_the_opinion() -> None:
    a = run([b.soc2(opinion="qualified")])
    assert a.verdict == "does_not_meet"
    f = next(f for f in a.findings if f.code == "SOC_OPINION_QUALIFIED")
    assert f.evidence[0].page == 5 and "In our opinion" in (f.evidence[0].quote or "")


@pytest.mark.parametrize("opinion", ["adverse", "disclaimer"])
def test_adverse_and_disclaimer_do_not_meet(opinion: str) -> None:
    assert run([b.soc2(opinion=opinion)]).verdict == "does_not_meet"


def test_an_opinion_not_read_is_a_finding_to_confirm_not_a_failure() -> None:
    a = run([b.soc2(opinion=None)])
    assert a.verdict == "meets_with_findings" and "SOC_OPINION_NOT_READ" in codes(a, "high")


def test_a_profile_may_accept_qualified_opinions() -> None:
    p = parse_profile("name: p\naccept:\n  - soc2:\n      opinions: [unqualified, qualified]\n")
    assert run([b.soc2(opinion="qualified")], p).verdict == "meets"


def test_exception_in_a_required_criterion_is_a_finding_by_default_and_fails_a_critical_profile() -> None:
    doc = b.soc2(exceptions=[b.exception("AC-05", ("CC6.1",))], categories=("security", "confidentiality"))
    a = run([doc])
    assert a.verdict == "meets_with_findings"
    f = next(f for f in a.findings if f.code == "EXCEPTION_REQUIRED")
    assert f.severity == "high" and "CC6.1" in f.reason and f.evidence[0].page == 18
    assert run([doc], CRITICAL).verdict == "does_not_meet"


def test_exception_outside_required_criteria_follows_the_other_policy() -> None:
    doc = b.soc2(exceptions=[b.exception("CC1.5.1", ())])
    a = run([doc])
    assert a.verdict == "meets" and {f.severity for f in a.findings if f.code == "EXCEPTION"} == {"low"}
    p = parse_profile("name: p\naccept:\n  - soc2:\nexceptions:\n  other: fail\n")
    assert run([doc], p).verdict == "does_not_meet"
    p = parse_profile("name: p\naccept:\n  - soc2:\nexceptions:\n  other: ignore\n")
    assert "EXCEPTION" not in codes(run([doc], p))


def test_carve_out_of_the_hosting_provider_is_a_finding() -> None:
    a = run([b.soc2(subservice=[b.carve_out()])])
    assert a.verdict == "meets_with_findings"
    f = next(f for f in a.findings if f.code == "CARVE_OUT_HOSTING")
    assert f.severity == "medium" and "Stratus" in f.reason and f.evidence[0].page == 3


@pytest.mark.parametrize(("policy", "verdict", "code"), [
    ("fail", "does_not_meet", "CARVE_OUT_HOSTING"), ("note", "meets", "CARVE_OUT_HOSTING"), ("ignore", "meets", None),
])
def test_carve_out_policy(policy: str, verdict: str, code: str | None) -> None:
    p = parse_profile(f"name: p\naccept:\n  - soc2:\ncarve_outs:\n  hosting: {policy}\n")
    a = run([b.soc2(subservice=[b.carve_out()])], p)
    assert a.verdict == verdict
    assert (code in codes(a)) if code else "CARVE_OUT_HOSTING" not in codes(a)


def test_other_carve_outs_and_inclusive_subservice() -> None:
    email = b.carve_out("Relaymail Delivery, Inc.", "email and SMS message delivery services")
    inclusive = b.carve_out("Kelpwater Hosting, LLC", "managed hosting", method="inclusive")
    a = run([b.soc2(subservice=[email, inclusive])])
    assert a.verdict == "meets"
    assert {"CARVE_OUT", "SUBSERVICE_INCLUSIVE"} <= codes(a)


def test_a_type1_is_insufficient_where_type2_is_required_but_accepted_by_the_low_risk_profile() -> None:
    doc = b.soc2(kind="soc2_type1")
    a = run([doc])
    assert a.verdict == "insufficient_evidence" and "SOC2_TYPE1" in codes(a, "critical")
    assert run([doc], LOW).verdict == "meets"


@pytest.mark.parametrize(("period_end", "today", "verdict"), [
    ("2025-11-30", "2026-11-30", "meets"),                   # exactly 12 months: last accepted day
    ("2025-11-30", "2026-12-01", "insufficient_evidence"),   # the day after
])
def test_report_freshness_edge_days(period_end: str, today: str, verdict: str) -> None:
    a = run([b.soc2(period_start="2024-12-01", period_end=period_end)], today=date.fromisoformat(today))
    assert a.verdict == verdict
    assert ("SOC_STALE" in codes(a)) is (verdict != "meets")


def test_freshness_is_configurable() -> None:
    doc = b.soc2(period_end="2025-09-30")
    assert run([doc]).verdict == "insufficient_evidence"
    p = parse_profile("name: p\naccept:\n  - soc2:\n      max_age_months: 18\n")
    assert run([doc], p).verdict == "meets"


def test_a_lapsed_bridge_letter_is_a_finding() -> None:
    report = b.soc2(period_start="2025-04-01", period_end="2026-03-31")
    letter = b.bridge(start="2026-04-01", end="2026-06-15")
    a = run([report, letter])
    assert a.verdict == "meets_with_findings"
    f = next(f for f in a.findings if f.code == "BRIDGE_LAPSED")
    assert "2026-06-30" in f.reason and {c.document for c in f.evidence} == {"acme-soc2.pdf", "acme-bridge.pdf"}


def test_a_bridge_letter_within_its_months_covers_and_can_carry_a_short_freshness_window() -> None:
    report = b.soc2(period_start="2025-09-01", period_end="2026-08-31")
    letter = b.bridge(start="2026-09-01", end="2026-11-30")
    a = run([report, letter])
    assert a.verdict == "meets" and "BRIDGE_COVERS" in codes(a)
    p = parse_profile("name: p\naccept:\n  - soc2:\n      max_age_months: 2\n      bridge_letter_months: 3\n")
    assert run([report, letter], p).verdict == "meets"
    assert run([report], p).verdict == "insufficient_evidence"


def test_a_bridge_letter_alone_is_insufficient() -> None:
    a = run([b.bridge()])
    assert a.verdict == "insufficient_evidence"
    assert {"BRIDGE_WITHOUT_REPORT", "NO_ACCEPTED_EVIDENCE"} <= codes(a)


def test_a_missing_category_is_insufficient() -> None:
    a = run([b.soc2(categories=("security",))], CRITICAL)
    assert a.verdict == "insufficient_evidence"
    f = next(f for f in a.findings if f.code == "SOC_CATEGORY_MISSING")
    assert "confidentiality" in f.reason and f.absence


def test_required_criteria_outside_the_reports_categories_are_not_covered() -> None:
    p = parse_profile("name: p\naccept:\n  - soc2:\nrequired:\n  criteria: [CC6.1, A1.2]\n  controls: [A.8.6]\n")
    a = run([b.soc2(categories=("security",))], p)
    assert a.verdict == "insufficient_evidence"
    f = next(f for f in a.findings if f.code == "REQUIRED_NOT_COVERED")
    assert "A1.2" in f.reason and "A.8.6" in f.reason and "CC6.1" not in f.reason
    assert run([b.soc2(categories=("security", "availability"))], p).verdict == "meets"


def test_a_valid_accredited_iso27001_2022_meets() -> None:
    a = run([b.iso_cert()])
    assert a.verdict == "meets", a.findings
    assert "ISO_SURVEILLANCE" in codes(a)


@pytest.mark.parametrize(("expiry", "verdict"), [("2026-11-30", "meets"), ("2026-11-29", "does_not_meet")])
def test_certificate_expiry_edge_days(expiry: str, verdict: str) -> None:
    a = run([b.iso_cert(issue="2023-12-01", expiry=expiry)])
    assert a.verdict == verdict
    assert ("ISO_EXPIRED" in codes(a)) is (verdict == "does_not_meet")
    if verdict == "meets":
        assert "ISO_EXPIRING" in codes(a, "low")


def test_a_2013_certificate_is_void_after_the_transition() -> None:
    cert = b.iso_cert(standards=("ISO/IEC 27001:2013",), issue="2024-01-10", expiry="2027-01-09")
    a = run([cert])
    assert a.verdict == "does_not_meet"
    f = next(f for f in a.findings if f.code == "ISO_2013_LAPSED")
    assert "2025-10-31" in f.reason and f.evidence[0].quote
    before = run([cert], today=date(2025, 10, 31))
    assert before.verdict == "meets_with_findings" and "ISO_2013_TRANSITION" in codes(before, "high")


@pytest.mark.parametrize(("body", "verdict", "code"), [
    ("UKAS", "meets", None),
    ("Wales Akkreditering Forum Limited", "does_not_meet", "ISO_ACCREDITATION_UNRECOGNISED"),
    (None, "meets_with_findings", "ISO_ACCREDITATION_NOT_READ"),
    ("EGAC", "meets", "ISO_ACCREDITATION_SCOPE_UNKNOWN"),
])
def test_accreditation(body: str | None, verdict: str, code: str | None) -> None:
    a = run([b.iso_cert(accreditation=body)])
    assert a.verdict == verdict
    if code:
        assert code in codes(a)


def test_accreditation_policy_any_and_none() -> None:
    cert = b.iso_cert(accreditation="Wales Akkreditering Forum Limited")
    p_any = parse_profile("name: p\naccept:\n  - iso27001:\n      accreditation: any\n")
    assert run([cert], p_any).verdict == "meets_with_findings"
    p_none = parse_profile("name: p\naccept:\n  - iso27001:\n      accreditation: none\n")
    assert run([cert], p_none).verdict == "meets"


def test_edition_policy_and_missing_edition() -> None:
    p = parse_profile("name: p\naccept:\n  - iso27001:\n      editions: ['2022']\n")
    assert run([b.iso_cert(standards=("ISO/IEC 27001",))], p).verdict == "meets_with_findings"


def test_an_extension_certificate_alone_is_insufficient() -> None:
    a = run([b.iso_cert(standards=("ISO/IEC 27701:2019",))])
    assert a.verdict == "insufficient_evidence"
    assert "ISO_EXTENSION_WITHOUT_BASE" in codes(a)


def test_required_extension() -> None:
    base = b.iso_cert()
    pims = b.iso_cert("acme-27701.pdf", standards=("ISO/IEC 27701:2019",))
    assert run([base], CRITICAL).verdict == "insufficient_evidence"
    both = run([base, pims], CRITICAL)
    assert both.verdict in ("meets", "meets_with_findings") and both.relied_on == "acme-iso.pdf"
    combined = b.iso_cert(standards=("ISO/IEC 27001:2022", "ISO/IEC 27701:2019"))
    assert run([combined], CRITICAL).verdict in ("meets", "meets_with_findings")


def test_iso_does_not_reach_criteria_without_counterpart() -> None:
    p = parse_profile("name: p\naccept:\n  - iso27001:\nrequired:\n  criteria: [P5.1]\n")
    a = run([b.iso_cert()], p)
    assert a.verdict == "insufficient_evidence"
    assert "27701" in next(f.reason for f in a.findings if f.code == "REQUIRED_NOT_COVERED")


def test_scope_must_name_the_service() -> None:
    p = parse_profile("name: p\naccept:\n  - iso27001:\n      scope_names_service: true\n")
    assert run([b.iso_cert()], p, service="Acme Data Platform").verdict == "meets"
    assert run([b.iso_cert()], p, service="Acme Payments").verdict == "insufficient_evidence"
    assert "ISO_SCOPE_SERVICE_UNCHECKED" in codes(run([b.iso_cert()], p))
    # without --service, the system a SOC report describes is the service the certificate must name
    assert run([b.soc2(opinion="qualified"), b.iso_cert()], p).relied_on == "acme-iso.pdf"
    other_scope = b.iso_cert(scope="The ISMS for the Acme Payments Gateway.")
    a = run([b.soc2(opinion="qualified"), other_scope], p)
    assert "ISO_SCOPE_SERVICE" in codes(a) and "acme-soc2.pdf" in next(
        f.reason for f in a.findings if f.code == "ISO_SCOPE_SERVICE")


def test_a_type2_is_preferred_over_a_more_recent_type1() -> None:
    type1 = b.soc2("acme-type1.pdf", kind="soc2_type1", period_end="2026-09-30")
    type2 = b.soc2("acme-type2.pdf", period_end="2026-06-30")
    assert run([type1, type2], LOW).relied_on == "acme-type2.pdf"


def test_an_ai_vendor_without_ai_in_scope() -> None:
    report = b.soc2(ai=False)
    a = run([report], vendor_uses_ai=True)
    assert a.verdict == "meets_with_findings"
    f = next(f for f in a.findings if f.code == "AI_NOT_COVERED")
    assert f.severity == "high" and f.absence
    assert run([b.soc2(ai=False, categories=("security", "confidentiality"))], CRITICAL,
               vendor_uses_ai=True).verdict == "does_not_meet"


def test_ai_use_read_from_the_documents_and_covered_by_42001_or_scope() -> None:
    aims = b.iso_cert("acme-42001.pdf", standards=("ISO/IEC 42001:2023",), accreditation="ANAB")
    assert {"AI_COVERED", "AI_MANAGEMENT_SYSTEM"} <= codes(run([b.soc2(), aims]))
    assert "AI_SECURITY_ONLY" in codes(run([b.soc2(ai=True)]))
    assert run([b.soc2(ai=True)]).verdict == "meets"
    # AI named only in a document that is not relied on: the vendor uses AI, the evidence relied on does not reach it
    a = run([b.soc2(), b.iso_cert(ai=True, expiry="2026-01-01", issue="2023-01-02")])
    assert "AI_NOT_COVERED" in codes(a)


@pytest.mark.parametrize(("required", "uses", "code"), [
    ("never", True, None), ("always", None, "AI_NOT_COVERED"), ("if_vendor_uses_ai", False, None),
    ("if_vendor_uses_ai", True, "AI_NOT_COVERED"),
])
def test_ai_required_option(required: str, uses: bool | None, code: str | None) -> None:
    p = parse_profile(f"name: p\naccept:\n  - soc2:\nai:\n  required: {required}\n")
    a = run([b.soc2()], p, vendor_uses_ai=uses)
    assert ("AI_NOT_COVERED" in codes(a)) is (code is not None)


def test_cuecs_acknowledged_and_not() -> None:
    mfa = b.cuec()
    backups = b.cuec("User entities are responsible for maintaining backups of exported data.", ("A1.2",))
    a = run([b.soc2(cuecs=[mfa, backups])], CRITICAL)
    ack = next(f for f in a.findings if f.code == "CUECS_ACKNOWLEDGED")
    open_ = next(f for f in a.findings if f.code == "CUECS")
    assert len(ack.evidence) == 1 and "multi-factor" in (ack.evidence[0].quote or "")
    assert len(open_.evidence) == 1 and open_.severity == "medium"
    p = parse_profile("name: p\naccept:\n  - soc2:\ncuecs:\n  unacknowledged: ignore\n")
    assert "CUECS" not in codes(run([b.soc2(cuecs=[mfa])], p))


def test_either_option_is_enough_and_findings_about_the_other_are_softened() -> None:
    stale = b.soc2(period_end="2025-01-31", period_start="2024-02-01")
    a = run([stale, b.iso_cert()])
    assert a.verdict == "meets" and a.relied_on == "acme-iso.pdf"
    f = next(f for f in a.findings if f.code == "SOC_STALE")
    assert f.severity == "low" and f.blocks is None
    fake = run([b.soc2(), b.iso_cert(accreditation="Wales Akkreditering Forum Limited")])
    assert fake.verdict == "meets_with_findings" and fake.relied_on == "acme-soc2.pdf"
    assert next(f for f in fake.findings if f.code == "ISO_ACCREDITATION_UNRECOGNISED").severity == "medium"
    assert [o.status for o in a.options] == ["unproven", "satisfied"]


def test_the_failed_option_decides_when_nothing_is_satisfied() -> None:
    a = run([b.soc2(opinion="qualified"), b.iso_cert(accreditation=None, expiry="2025-01-01", issue="2022-01-02")])
    assert a.verdict == "does_not_meet"


def test_nothing_assessable() -> None:
    assert run([]).verdict == "insufficient_evidence"
    a = run([b.other()])
    assert a.verdict == "insufficient_evidence" and {"NO_EVIDENCE", "NOT_ASSURANCE"} <= codes(a)
    broken = replace(b.other("broken.pdf"), error=ExtractionError("corrupt", "broken.pdf could not be read"))
    assert "DOCUMENT_UNREADABLE" in codes(run([broken]))


def test_soc3_is_accepted_only_where_the_profile_says() -> None:
    assert run([b.soc3()]).verdict == "insufficient_evidence"
    assert run([b.soc3()], LOW).verdict == "meets"


def test_documents_from_different_vendors_are_flagged() -> None:
    a = run([b.soc2(), b.iso_cert(vendor="Other Corp Ltd")])
    assert "VENDOR_MISMATCH" in codes(a)
    assert "VENDOR_MISMATCH" not in codes(run([b.soc2(vendor="Acme Cloud Inc"), b.iso_cert(vendor="ACME CLOUD, LLC")]))


def test_assessment_serializes_for_scripts() -> None:
    data = run([b.soc2(subservice=[b.carve_out()])]).to_dict()
    assert data["verdict"] == "meets_with_findings"
    assert all({"severity", "reason", "evidence", "code"} <= set(f) for f in data["findings"])
    assert data["findings"][0]["evidence"][0]["document"] == "acme-soc2.pdf"


def test_a_profile_may_be_named() -> None:
    assert assess([b.soc3()], "low-risk-tool", TODAY).verdict == "meets"
    assert assess([b.soc3()], None, TODAY).profile == "default"


@pytest.mark.parametrize(("docs", "start", "contains"), [
    ([b.soc2()], "Meets 'default' on acme-soc2.pdf", ""),
    ([b.soc2(opinion="qualified")], "Does not meet 'default': The auditor gave a qualified opinion",
     "(acme-soc2.pdf, p. 5)"),
    ([b.other()], "Insufficient evidence for 'default': None of the documents", ""),
])
def test_headline_names_the_deciding_finding(docs: list[Extraction], start: str, contains: str) -> None:
    line = run(docs).headline()
    assert line.startswith(start) and contains in line and "\n" not in line


@pytest.mark.parametrize(("a", "b_", "same"), [
    ("Ledgerline, Inc.", "Ledgerline Cloud Ltd", True), ("Amazon Web Services, Inc.",
                                                          "Amazon Web Services, Inc. and its affiliates", True),
    ("ACME CLOUD, LLC", "Acme Cloud Inc", True), ("Acme Cloud, Inc.", "Other Corp Ltd", False),
    ("Corvane Systems, Inc.", "Halcyon Payroll Services, Inc.", False),
])
def test_vendor_names_compared_without_legal_suffixes(a: str, b_: str, same: bool) -> None:
    result = run([b.soc2(vendor=a), b.iso_cert(vendor=b_)])
    assert ("VENDOR_MISMATCH" not in codes(result)) is same
