"""Every validity rule, table-driven, with the edge days (the last valid day and the day after)."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.rules import (
    acknowledged_by,
    add_months,
    bridge_letter_status,
    certificate_expiry,
    check_accreditation,
    cycle_length,
    edition_2013_status,
    exception_criteria,
    is_hosting_provider,
    judge_opinion,
    parse_date,
    parse_standard,
    soc_freshness,
    surveillance_due,
    touches_required,
)
from knowledge.rules.accreditation import Signatory, SignatoryList
from knowledge.rules.dates import months_between

from .builders import cuec, exception

D = date.fromisoformat


@pytest.mark.parametrize(("start", "months", "want"), [
    ("2025-01-31", 1, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2025-12-31", 12, "2026-12-31"),
    ("2025-11-30", 3, "2026-02-28"), ("2025-03-15", 0, "2025-03-15"),
])
def test_add_months_clamps_to_month_end(start: str, months: int, want: str) -> None:
    assert add_months(D(start), months) == D(want)


@pytest.mark.parametrize(("raw", "want"), [("2026-01-31", date(2026, 1, 31)), ("31/01/2026", None), (None, None),
                                           ("", None), (20260131, None)])
def test_parse_date_never_guesses(raw: object, want: date | None) -> None:
    assert parse_date(raw) == want


def test_months_between_counts_whole_months() -> None:
    assert months_between(D("2025-09-30"), D("2026-11-30")) == 14
    assert months_between(D("2025-09-30"), D("2026-09-29")) == 11


@pytest.mark.parametrize(("period_end", "today", "max_age", "fresh"), [
    ("2025-11-30", "2026-11-30", 12, True),    # exactly 12 months: the last accepted day
    ("2025-11-30", "2026-12-01", 12, False),   # the day after
    ("2025-12-31", "2026-11-30", 12, True),
    ("2025-09-30", "2026-11-30", 12, False),
    ("2025-09-30", "2026-11-30", 18, True),
    ("2026-05-31", "2026-11-30", 6, True),
    ("2026-05-31", "2026-12-01", 6, False),
])
def test_soc_freshness(period_end: str, today: str, max_age: int, fresh: bool) -> None:
    assert soc_freshness(D(period_end), D(today), max_age).fresh is fresh


@pytest.mark.parametrize(("today", "start", "end", "months", "state", "uncovered"), [
    ("2026-03-31", None, None, 3, "not_needed", 0),            # the period end itself
    ("2026-05-10", None, None, 3, "none", 40),
    ("2026-06-15", "2026-04-01", "2026-06-15", 3, "covers", 0),
    ("2026-06-30", "2026-04-01", "2026-06-15", 3, "covers", 15),   # last accepted day, 15 days past the letter
    ("2026-07-01", "2026-04-01", "2026-06-15", 3, "lapsed", 16),   # the day after: lapsed
    ("2026-11-30", "2026-04-01", "2026-06-15", 3, "lapsed", 168),
    ("2026-11-30", "2026-04-01", "2026-06-15", 9, "covers", 168),  # a profile that accepts 9 months
    ("2026-05-10", "2026-04-15", "2026-05-10", 3, "disconnected", 40),
])
def test_bridge_letter_status(today: str, start: str | None, end: str | None, months: int, state: str,
                              uncovered: int) -> None:
    s = bridge_letter_status(D("2026-03-31"), D(today), D(start) if start else None, D(end) if end else None, months)
    assert (s.state, s.uncovered_days) == (state, uncovered)
    assert s.accepted_until == add_months(D("2026-03-31"), months)


@pytest.mark.parametrize(("expiry", "today", "state", "days_left", "threshold"), [
    ("2026-11-30", "2026-11-30", "expiring", 0, 7),      # expiry today: still valid
    ("2026-11-30", "2026-12-01", "expired", -1, None),    # the day after
    ("2027-02-28", "2026-11-30", "expiring", 90, 90),
    ("2027-03-01", "2026-11-30", "valid", 91, None),
    ("2026-12-30", "2026-11-30", "expiring", 30, 30),
    (None, "2026-11-30", "unknown", None, None),
])
def test_certificate_expiry(expiry: str | None, today: str, state: str, days_left: int | None,
                            threshold: int | None) -> None:
    s = certificate_expiry(D(expiry) if expiry else None, D(today), 90)
    assert (s.state, s.days_left, s.threshold) == (state, days_left, threshold)


@pytest.mark.parametrize(("today", "lapsed"), [("2025-10-30", False), ("2025-10-31", False), ("2025-11-01", True),
                                               ("2026-11-30", True)])
def test_2013_edition_lapses_after_31_october_2025(today: str, lapsed: bool) -> None:
    assert edition_2013_status(D(today)).lapsed is lapsed


@pytest.mark.parametrize(("issue", "expiry", "plausible"), [
    ("2025-03-15", "2028-03-14", True), ("2025-03-15", "2028-04-14", True), ("2025-03-15", "2029-03-14", False),
    ("2025-03-15", "2025-03-01", False), (None, "2028-03-14", True),
])
def test_certification_cycle_is_three_years(issue: str | None, expiry: str, plausible: bool) -> None:
    assert cycle_length(D(issue) if issue else None, D(expiry)).plausible is plausible


@pytest.mark.parametrize(("today", "last", "next_"), [
    ("2025-06-01", None, "2026-03-15"),
    ("2026-03-15", "2026-03-15", "2027-03-15"),   # anniversary day: that audit is due now
    ("2026-11-30", "2026-03-15", "2027-03-15"),
    ("2027-12-01", "2027-03-15", None),            # recertification is next
])
def test_surveillance_audits_fall_on_anniversaries(today: str, last: str | None, next_: str | None) -> None:
    s = surveillance_due(D("2025-03-15"), D("2028-03-14"), D(today))
    assert s.last_due == (D(last) if last else None)
    assert s.next_due == (D(next_) if next_ else None)
    assert s.recertification_due == D("2028-03-14")


@pytest.mark.parametrize(("text", "family", "edition"), [
    ("ISO/IEC 27001:2022", "27001", "2022"), ("ISO/IEC 27001:2013", "27001", "2013"), ("ISO 27701", "27701", None),
    ("ISO/IEC 42001:2023", "42001", "2023"), ("ISO 9001:2015", "other", "2015"), ("AICPA TSC 2017", "other", None),
    ("Certificate 2019-42 ISO/IEC 27018:2019", "27018", "2019"), ("ISO/IEC 27001 : 2013", "27001", "2013"),
])
def test_parse_standard(text: str, family: str, edition: str | None) -> None:
    s = parse_standard(text)
    assert (s.family, s.edition) == (family, edition)


@pytest.mark.parametrize(("opinion", "accepted", "want"), [
    ("unqualified", ("unqualified",), "accepted"), ("qualified", ("unqualified",), "modified"),
    ("qualified", ("unqualified", "qualified"), "accepted"), ("adverse", ("unqualified",), "modified"),
    ("disclaimer", ("unqualified",), "modified"), (None, ("unqualified",), "missing"),
    ("unmodified-ish", ("unqualified",), "missing"),
])
def test_opinion(opinion: str | None, accepted: tuple[str, ...], want: str) -> None:
    assert judge_opinion(opinion, accepted) == want


@pytest.mark.parametrize(("named", "state", "bodies", "covers"), [
    ("UKAS", "signatory", {"UKAS"}, True),
    ("ANAB and UKAS (8685) marks displayed", "signatory", {"ANAB", "UKAS"}, True),
    ("RvA (Dutch Accreditation Council), C 466", "signatory", {"RvA"}, True),
    ("Comité français d'accréditation", "signatory", {"COFRAC"}, True),
    ("Deutsche Akkreditierungsstelle GmbH", "signatory", {"DAkkS"}, True),
    ("JAS-ANZ", "signatory", {"JAS-ANZ"}, True),
    ("EGAC (CAB # 011905)", "signatory", {"EGAC"}, None),
    ("Wales Akkreditering Forum Limited", "not_signatory", set(), None),
    ("Global Accreditation Forum Ltd", "not_signatory", set(), None),
    ("IAF MLA", "not_signatory", set(), None),
    ("", "none_named", set(), None),
    (None, "none_named", set(), None),
])
def test_accreditation_against_the_iaf_mla(named: str | None, state: str, bodies: set[str],
                                           covers: bool | None) -> None:
    check = check_accreditation(named, "27001")
    assert check.state == state
    assert {b.id for b in check.bodies} == bodies
    assert check.covers_standard is covers
    assert check.compiled and "IAF" in check.source


def test_unrecognised_body_with_a_known_record_says_why() -> None:
    note = check_accreditation("Wales Akkreditering Forum Limited").note
    assert note is not None and "not an IAF" in note


@pytest.mark.parametrize(("scopes", "family", "covers"), [
    ({"isms": True}, "27001", True), ({"isms": False}, "27001", False), ({"isms": True}, "27701", None),
    ({"isms": True, "pims": False}, "27701", False), ({}, "42001", None), ({"isms": False}, "27017", False),
])
def test_accreditation_scope_where_the_data_says_so(scopes: dict[str, bool | None], family: str,
                                                    covers: bool | None) -> None:
    data = SignatoryList("2026-11-30", "test list", (Signatory("XAB", "Example Accreditation Board", "XX", (),
                                                               scopes),), ())
    assert check_accreditation("XAB", family, data).covers_standard is covers


@pytest.mark.parametrize(("control", "criteria", "want"), [
    ("AC-05", ("CC6.1",), ("CC6.1",)), ("CC8.1.1", (), ("CC8.1",)), ("AC-07", (), ()),
    ("PI1.2.3", (), ("PI1.2",)), ("X", ("cc6.2", "CC9.9"), ("CC6.2",)),
])
def test_exception_criteria(control: str, criteria: tuple[str, ...], want: tuple[str, ...]) -> None:
    assert exception_criteria(exception(control, criteria)) == want


def test_exception_touching_required_criteria() -> None:
    row = exception("AC-07", ("CC6.2", "CC6.3"))
    assert touches_required(row, {"CC6.3", "CC8.1"}) == ("CC6.3",)
    assert touches_required(row, {"CC8.1"}) == ()


@pytest.mark.parametrize(("name", "context", "hosting"), [
    ("Stratus Cloud Infrastructure, Inc.", None, True),
    ("Nimbus Colocation Partners, LLC", None, True),
    ("Kelpwater Hosting, LLC", None, True),
    ("Amazon Web Services", None, True),
    ("Relaymail Delivery, Inc.", "X uses Relaymail Delivery, Inc. to provide email delivery services.", False),
    ("Acme Corp", "X uses Acme Corp to provide data center hosting services.", True),
    # 'respectively' pairs roles by order; the neighbour's role must not be attributed to this one
    ("Relaymail Delivery, Inc.", "X uses Nimbus Colocation Partners, LLC and Relaymail Delivery, Inc. to provide "
     "data center colocation and email delivery services, respectively.", False),
])
def test_hosting_provider(name: str, context: str | None, hosting: bool) -> None:
    assert is_hosting_provider(name, context) is hosting


@pytest.mark.parametrize(("acknowledged", "criteria", "match"), [
    (("multi-factor authentication",), (), "multi-factor authentication"),
    (("CC6.1",), ("CC6.1",), "CC6.1"),
    (("CC6.3",), ("CC6.1",), None),
    (("user entities must enable multi-factor authentication for their users",), (),
     "user entities must enable multi-factor authentication for their users"),
    (("backups",), (), None),
    ((), ("CC6.1",), None),
])
def test_cuec_acknowledged(acknowledged: tuple[str, ...], criteria: tuple[str, ...], match: str | None) -> None:
    c = cuec("User entities are responsible for enabling multi-factor authentication for their users.", criteria)
    assert acknowledged_by(c, acknowledged) == match


def _sig(i: int) -> dict[str, object]:
    return {"id": f"AB{i}", "name": f"Accreditation Body {i}", "scopes": {"isms": True}}


@pytest.mark.parametrize(("data", "message"), [
    ({"source": "x", "signatories": []}, "compiled"),
    ({"compiled": "2026-11-30", "source": "x", "signatories": [_sig(1)] * 25}, "duplicate signatory"),
    ({"compiled": "2026-11-30", "source": "x", "signatories": [_sig(i) for i in range(5)]}, "truncated"),
    ({"compiled": "2026-11-30", "source": "x", "signatories": [{"id": "X"}]}, "needs an id and a name"),
    ({"compiled": "2026-11-30", "source": "x",
      "signatories": [{**_sig(0), "scopes": {"qms": True}}, *[_sig(i) for i in range(1, 25)]]}, "bad scope"),
])
def test_a_damaged_signatories_list_is_refused(data: dict[str, object], message: str) -> None:
    from knowledge.catalogues import CatalogueError
    from knowledge.rules.accreditation import _parse

    with pytest.raises(CatalogueError, match=message):
        _parse(data)


def test_the_shipped_signatories_list_names_its_date_and_source() -> None:
    from knowledge.rules.accreditation import iaf_mla

    data = iaf_mla()
    assert date.fromisoformat(data.compiled) and "IAF" in data.source
    ids = {s.id for s in data.signatories}
    assert {"UKAS", "ANAB", "DAkkS", "RvA", "COFRAC", "ACCREDIA", "ENAC", "JAS-ANZ", "SCC", "NABCB", "EGAC"} <= ids
