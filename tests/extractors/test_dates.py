"""Dates and periods in the forms auditors print, and a fuzz test that nothing escapes the parser."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import find_dates, find_period, find_periods, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 1, 2025", date(2025, 4, 1)),
        ("Apr. 1 2025", date(2025, 4, 1)),
        ("1 April 2025", date(2025, 4, 1)),
        ("1st April 2025", date(2025, 4, 1)),
        ("25th October 2025", date(2025, 10, 25)),
        ("March 22nd, 2025", date(2025, 3, 22)),
        ("2028-03-14", date(2028, 3, 14)),
        ("14.03.2028", date(2028, 3, 14)),
        ("04/01/2025", date(2025, 4, 1)),
        ("31/03/2026", date(2026, 3, 31)),
        ("01-Apr-2025", date(2025, 4, 1)),
        ("OCTOBER 1, 2018", date(2018, 10, 1)),
        ("Sept. 3, 2020", date(2020, 9, 3)),
    ],
)
def test_parse_date_reads_every_printed_form(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "February 30, 2025", "13/13/2025", "2025", "not a date", "31.02.2024"])
def test_parse_date_returns_none_for_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("For the Period April 1, 2025 to March 31, 2026", date(2025, 4, 1), date(2026, 3, 31)),
        ("throughout the period 1 April 2025 through 31 March 2026,", date(2025, 4, 1), date(2026, 3, 31)),
        ("04/01/2025 - 03/31/2026", date(2025, 4, 1), date(2026, 3, 31)),
        ("FOR THE PERIOD OF OCTOBER 1, 2018, TO SEPTEMBER 30, 2019", date(2018, 10, 1), date(2019, 9, 30)),
        ("the period March\n1st, 2024 to February 28th, 2025 (description)", date(2024, 3, 1), date(2025, 2, 28)),
        ("October 1, 2017 to September 30, 20182\n, based on", date(2017, 10, 1), date(2018, 9, 30)),
        ("2024-07-01 – 2025-06-30", date(2024, 7, 1), date(2025, 6, 30)),
    ],
)
def test_find_period_across_forms_and_line_breaks(text: str, start: date, end: date) -> None:
    period = find_period(text)
    assert period is not None
    assert (period.start, period.end) == (start, end)
    assert text[period.span_start : period.span_end] == period.text


def test_period_quote_keeps_its_lead_words() -> None:
    period = find_period("This letter covers the period from April 1, 2026 through June 15, 2026 (the Bridge Period)")
    assert period is not None and period.text == "from April 1, 2026 through June 15, 2026"


def test_a_range_that_runs_backwards_is_not_a_period() -> None:
    assert find_periods("March 31, 2026 to April 1, 2025") == []


def test_find_dates_reports_spans_in_order() -> None:
    text = "Date of issue: 15 March 2025\nExpiry date: 14 March 2028"
    found = find_dates(text)
    assert [d.value for d in found] == [date(2025, 3, 15), date(2028, 3, 14)]
    assert [text[d.start : d.end] for d in found] == ["15 March 2025", "14 March 2028"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_no_exception_escapes_on_any_text(text: str) -> None:
    parse_date(text)
    find_dates(text)
    find_periods(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "April",
                "1,",
                "1st",
                "2025",
                "to",
                "through",
                "-",
                "31",
                "March",
                "2026",
                "14.03.2028",
                "04/01/2025",
                "\n",
                "of",
                "the",
                "period",
                "For",
                "99/99/2025",
                "2028-13-40",
                "0.0.2020",
            ]
        ),
        max_size=14,
    )
)
def test_no_exception_escapes_on_date_like_tokens(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for d in find_dates(text):
        assert isinstance(d.value, date)
    for p in find_periods(text):
        assert p.start < p.end
