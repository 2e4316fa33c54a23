"""Dates as certification bodies print them in German, French, Spanish, Italian, Dutch and Portuguese, and the
English words that look like a month elsewhere but must not become dates."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import find_dates, find_period, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German
        ("15. März 2025", date(2025, 3, 15)),
        ("15. Maerz 2025", date(2025, 3, 15)),
        ("15. Marz 2025", date(2025, 3, 15)),
        ("1. Mai 2026", date(2026, 5, 1)),
        ("31. Dezember 2027", date(2027, 12, 31)),
        ("3. Okt. 2025", date(2025, 10, 3)),
        ("15 MÄRZ 2025", date(2025, 3, 15)),
        ("4. Jänner 2026", date(2026, 1, 4)),
        # French
        ("15 mars 2025", date(2025, 3, 15)),
        ("1er avril 2025", date(2025, 4, 1)),
        ("3 févr. 2026", date(2026, 2, 3)),
        ("3 fevrier 2026", date(2026, 2, 3)),
        ("12 août 2027", date(2027, 8, 12)),
        ("12 aout 2027", date(2027, 8, 12)),
        ("31 décembre 2027", date(2027, 12, 31)),
        ("14 juil. 2028", date(2028, 7, 14)),
        # Spanish
        ("15 de marzo de 2025", date(2025, 3, 15)),
        ("15 de marzo del 2025", date(2025, 3, 15)),
        ("1º de abril de 2025", date(2025, 4, 1)),
        ("30 de septiembre de 2026", date(2026, 9, 30)),
        ("30 de setiembre de 2026", date(2026, 9, 30)),
        ("marzo 15 de 2025", date(2025, 3, 15)),
        ("7 dic. 2025", date(2025, 12, 7)),
        ("15-ene-2025", date(2025, 1, 15)),
        # Italian
        ("15 marzo 2025", date(2025, 3, 15)),
        ("1° gennaio 2026", date(2026, 1, 1)),
        ("9 giugno 2027", date(2027, 6, 9)),
        ("20 ottobre 2025", date(2025, 10, 20)),
        ("1 dicembre 2025", date(2025, 12, 1)),
        # Dutch
        ("15 maart 2025", date(2025, 3, 15)),
        ("15 mrt. 2025", date(2025, 3, 15)),
        ("2 mei 2026", date(2026, 5, 2)),
        ("31 augustus 2027", date(2027, 8, 31)),
        # Portuguese
        ("15 de março de 2025", date(2025, 3, 15)),
        ("15 de marco de 2025", date(2025, 3, 15)),
        ("2 de outubro de 2025", date(2025, 10, 2)),
        ("12 de dezembro de 2027", date(2027, 12, 12)),
        ("30 set. 2025", date(2025, 9, 30)),
    ],
)
def test_parse_date_reads_local_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    found = find_dates(f"Gültig bis / valid until: {text}.")
    assert [(d.value, d.text) for d in found] == [(expected, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mai",  # a name, or a month without a day and a year
        "Mai Nguyen, 2025",
        "mars",
        "de",
        "15 de",
        "de marzo de 2025",  # no day
        "15 marzo",  # no year
        "31 febbraio 2025",  # no such day
        "30. Februar 2025",
        "15 Marsupial 2025",  # a month name must be a whole word
        "15 dem 2025",
    ],
)
def test_parse_date_rejects_what_is_not_a_local_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "The Mars 2025 mission and the mars rover were discussed.",
        "Contact Mai Tanaka (mai@example.com) about the 2025 audit.",
        "This set of 12 controls was tested in 2025; 3 out of 40 samples, 2 years ago 2025 plans.",
        "Section de la politique 2025 and the de facto standard.",
        "We sampled 25 de-identified records in 2025.",
    ],
)
def test_english_text_with_month_like_words_holds_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_english_forms_are_unchanged_next_to_local_ones() -> None:
    text = "Valid until 14 March 2028 / Gültig bis 14. März 2028; issued April 1, 2025 (1er avril 2025)."
    assert [d.value for d in find_dates(text)] == [date(2028, 3, 14), date(2028, 3, 14), date(2025, 4, 1),
                                                   date(2025, 4, 1)]


def test_a_local_date_in_an_english_period() -> None:
    period = find_period("for the period 1 April 2025 to 31 March 2026")
    assert period is not None and (period.start, period.end) == (date(2025, 4, 1), date(2026, 3, 31))


@pytest.mark.parametrize("text", ["15. März 20", "1er", "º de", "\u00a0de\u00a0", "15 de marzo de 25", "31.\u00ad"])
def test_odd_fragments_are_not_dates(text: str) -> None:
    assert parse_date(text) is None
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "us", "day_first"),
    [
        ("05/03/2028", date(2028, 5, 3), date(2028, 3, 5)),
        ("05-03-2028", date(2028, 5, 3), date(2028, 3, 5)),
        ("15-03-2025", date(2025, 3, 15), date(2025, 3, 15)),  # the first number cannot be a month
        ("04/25/2025", date(2025, 4, 25), date(2025, 4, 25)),  # the second cannot
    ],
)
def test_numeric_dates_in_either_order(text: str, us: date, day_first: date) -> None:
    assert parse_date(text) == us
    assert parse_date(text, day_first=True) == day_first
    assert [d.value for d in find_dates(f"valid until {text}", day_first=True)] == [day_first]


@pytest.mark.parametrize("text", ["13-13-2025", "05-03-28", "2025-13-01", "CC6-1-2025", "05-03/2028"])
def test_dashed_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []
