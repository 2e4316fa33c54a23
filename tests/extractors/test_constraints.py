"""extractors.constraints: the cross-field rules, one by one (vendor = issuer, dates out of order, validity longer
than a certification cycle, a bridge letter overlapping its report), and a candidate that passes replacing a value
that breaks a rule. A broken value becomes null with a warning naming the field; nothing is ever swapped."""

from __future__ import annotations

from datetime import date

from extractors import constraints
from extractors.constraints import Candidates
from extractors.fields.text import DocText
from extractors.model import Fields, Found


def _f(value: str, quote: str | None = None) -> Found[str]:
    return Found(value, 1, quote or value)


def test_vendor_that_is_the_certification_body_is_nulled_with_a_warning() -> None:
    f = Fields(vendor=_f("Compass Assurance Services Pty Ltd"), issuer=_f("Compass Assurance Services"))
    warnings = constraints.apply("iso_certificate", f)
    assert f.vendor is None
    assert any("vendor could not be read" in w and "certification body" in w for w in warnings)


def test_vendor_that_is_the_auditor_is_replaced_by_a_candidate_that_passes() -> None:
    f = Fields(vendor=_f("Ashcombe & Vale LLP"), issuer=_f("Ashcombe and Vale, LLP"))
    candidates = Candidates()
    candidates.add("vendor", _f("Ledgerline, Inc."))
    assert constraints.apply("soc2_type2", f, candidates) == []
    assert f.vendor is not None and f.vendor.value == "Ledgerline, Inc."


def test_an_individual_auditor_or_a_cpa_firm_is_never_the_vendor() -> None:
    for name in ("Erika Villanueva, CPA", "AssureWell CPAs LLC"):
        f = Fields(vendor=_f(name))
        assert constraints.apply("soc2_type1", f)
        assert f.vendor is None


def test_a_different_vendor_is_kept() -> None:
    f = Fields(vendor=_f("Kinde Australia Pty Ltd"), issuer=_f("Compass Assurance Services"))
    assert constraints.apply("iso_certificate", f) == []
    assert f.vendor is not None


def test_issue_after_expiry_nulls_both_never_swaps() -> None:
    f = Fields(issue_date=_f("2029-04-20"), expiry_date=_f("2026-04-11"))
    warnings = constraints.apply("iso_certificate", f)
    assert f.issue_date is None and f.expiry_date is None
    assert any("could not be told apart" in w for w in warnings)


def test_validity_longer_than_a_certification_cycle_drops_the_issue_date() -> None:
    f = Fields(standards=[_f("ISO/IEC 27001:2013")], issue_date=_f("2010-11-18"), expiry_date=_f("2025-10-31"))
    warnings = constraints.apply("iso_certificate", f)
    assert f.issue_date is None and f.expiry_date is not None
    assert any("more than three years" in w for w in warnings)


def test_a_three_year_cycle_and_an_original_date_pass() -> None:
    f = Fields(
        standards=[_f("ISO/IEC 27001:2022")],
        issue_date=_f("2026-04-20"),
        original_issue_date=_f("2023-04-11"),
        expiry_date=_f("2029-04-11"),
    )
    assert constraints.apply("iso_certificate", f) == []
    assert f.issue_date and f.original_issue_date and f.expiry_date


def test_an_original_date_after_the_issue_is_dropped() -> None:
    f = Fields(issue_date=_f("2025-03-15"), original_issue_date=_f("2026-01-01"), expiry_date=_f("2028-03-14"))
    assert constraints.apply("iso_certificate", f)
    assert f.original_issue_date is None and f.issue_date is not None


def test_soc_period_that_ends_after_the_report_date_drops_the_report_date() -> None:
    f = Fields(period_start=_f("2025-04-01"), period_end=_f("2026-03-31"), report_date=_f("2025-05-14"))
    warnings = constraints.apply("soc2_type2", f)
    assert f.report_date is None and f.period_end is not None
    assert any("report date could not be read" in w for w in warnings)


def test_soc_report_date_candidate_after_the_period_is_taken() -> None:
    f = Fields(period_start=_f("2025-04-01"), period_end=_f("2026-03-31"), report_date=_f("2025-05-14"))
    candidates = Candidates()
    candidates.add("report_date", _f("2026-05-14"))
    assert constraints.apply("soc2_type2", f, candidates) == []
    assert f.report_date is not None and f.report_date.value == "2026-05-14"


def test_soc_period_in_the_wrong_order_is_nulled() -> None:
    f = Fields(period_start=_f("2026-03-31"), period_end=_f("2025-04-01"))
    assert constraints.apply("soc2_type2", f)
    assert f.period_start is None and f.period_end is None


def test_bridge_letter_period_must_start_after_the_bridged_report_ends() -> None:
    f = Fields(period_start=_f("2025-04-01"), period_end=_f("2026-03-31"), report_date=_f("2026-06-15"))
    assert constraints.apply("bridge_letter", f, bridged_end=date(2026, 3, 31))
    assert f.period_start is None and f.period_end is None
    ok = Fields(period_start=_f("2026-04-01"), period_end=_f("2026-06-15"), report_date=_f("2026-06-15"))
    assert constraints.apply("bridge_letter", ok, bridged_end=date(2026, 3, 31)) == []


def test_bridged_report_end_is_the_past_report_not_the_next_one() -> None:
    text = DocText(
        {
            1: [
                "The most recent SOC 2 Type 2 report covered the period April 1, 2025 to March 31, 2026.",
                "Our next report is expected to cover the period April 1, 2026 to March 31, 2027.",
                "This letter covers the period from April 1, 2026 through June 15, 2026.",
            ]
        }
    )
    assert constraints.bridged_report_end(text, _f("2026-06-15")) == date(2026, 3, 31)
