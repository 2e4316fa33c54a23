"""The general rules behind the fixes of issue 9's strict xfails (tests/regressions), each checked on a variant the
regression fixture does not show: the rule, not the fixture's sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractors import extract_bytes
from extractors.document import Document, Page
from extractors.fields import exceptions, parties
from extractors.fields.text import build
from tests.extractors.make_pdf import text_pdf


def read(pages: Sequence[str]) -> dict[str, Any]:
    return extract_bytes(text_pdf(pages), "doc.pdf").to_dict()


def value(result: dict[str, Any], name: str) -> Any:
    found = result["fields"][name]
    return found["value"] if isinstance(found, dict) else found


def rows_of(table: str) -> list[tuple[str | None, tuple[str, ...], str]]:
    text = build(Document(data=b"", pages=[Page(1, table)]))
    return [(e.control, e.criteria, e.value) for e in exceptions.read_exceptions(text)]


def test_a_criterion_heading_in_the_criteria_own_words_needs_no_colon() -> None:
    # CC7.1's wording does not open with "The entity": "To meet its objectives, the entity uses ...".
    got = rows_of(
        "CC7.1 To meet its objectives, the entity uses detection and monitoring procedures.\n"
        "MN-01 Vulnerability scans run weekly. Inspected scan reports.\n"
        "Exception noted. For 2 of 10 weeks sampled, no scan was run.\n"
        "CC7.2 The entity monitors system components for anomalies.\n"
        "MN-02 Alerts are triaged daily. Inspected a sample of alerts.\n"
        "Exception noted. For 1 of 25 alerts sampled, triage took three days."
    )
    assert [(control, criteria) for control, criteria, _ in got] == [("MN-01", ("CC7.1",)), ("MN-02", ("CC7.2",))]
    assert got[0][2].endswith("no scan was run.")  # stops at the next heading


def test_a_line_ending_in_no_before_a_reported_exception_keeps_the_exception() -> None:
    # The wrapped negation is skipped only when what follows is the bare phrase; an exception with its own text
    # after a line that happens to end in "No" is still an exception.
    got = rows_of(
        "CC8.1: The entity authorizes changes.\n"
        "CH-01 Changes are approved. Inspected the change log for ticket No\n"
        "Exception noted: 1 of 25 changes sampled was deployed without approval.\n"
        "CH-02 Changes are tested. Inspected test evidence. No\n"
        "exceptions noted."
    )
    assert [(control, text) for control, _, text in got] == [
        ("CH-01", "Exception noted: 1 of 25 changes sampled was deployed without approval.")
    ]


def test_a_testers_letter_naming_no_other_organization_gives_no_vendor_rather_than_the_tester() -> None:
    got = read([
        "GRAYMOOR OFFENSIVE SECURITY LTD\nPenetration Test Summary\n3 March 2026\n"
        "Graymoor Offensive Security Ltd conducted an internal network penetration test between 9 and 20 February "
        "2026. No critical findings remain open.\nAlex Rowe\nLead Tester"
    ])
    assert got["kind"] == "unknown"
    assert value(got, "vendor") is None


def test_a_testers_letter_names_the_organization_tested_for() -> None:
    page = (
        "Graymoor Offensive Security Ltd\n4 Dock Road, Bristol\n3 March 2026\n"
        "Graymoor Offensive Security Ltd carried out a penetration test for Pellucid Freight Software Ltd in "
        "February 2026."
    )
    performed, tested = parties._work_object(page, "Graymoor Offensive Security Ltd")
    assert performed and tested is not None and tested[0] == "Pellucid Freight Software Ltd"
    assert parties._work_object(page, "Pellucid Freight Software Ltd") == (False, None)
