"""Whatever the extractor hands over, the assessment answers: no exception, a verdict, every finding cited."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.model import KINDS, AICoverage, Extraction, Fields
from knowledge import assess, bundled_profile, bundled_profile_names
from knowledge.findings import VERDICTS

from . import builders as b

DATES = st.one_of(st.none(), st.dates(date(2012, 1, 1), date(2032, 12, 31)).map(date.isoformat),
                  st.sampled_from(["", "31/12/2025", "2025-13-01", "soon"]))
TEXT = st.one_of(st.none(), st.text(max_size=40))


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    kind = draw(st.sampled_from(KINDS))
    f = Fields(
        vendor=b.found(v) if (v := draw(TEXT)) else None,
        accreditation_body=b.found(a) if (a := draw(TEXT)) else None,
        standards=[b.found(s) for s in draw(st.lists(st.sampled_from(
            ["ISO/IEC 27001:2022", "ISO/IEC 27001:2013", "ISO/IEC 27701:2019", "ISO/IEC 42001:2023",
             "ISO/IEC 27017:2015", "AICPA TSC 2017", "ISO 9001:2015", ""]), max_size=3))],
        period_start=b.found(d) if (d := draw(DATES)) else None,
        period_end=b.found(d) if (d := draw(DATES)) else None,
        issue_date=b.found(d) if (d := draw(DATES)) else None,
        original_issue_date=b.found(d) if (d := draw(DATES)) else None,
        expiry_date=b.found(d) if (d := draw(DATES)) else None,
        opinion=b.found(o) if (o := draw(st.sampled_from([None, "unqualified", "qualified", "adverse",
                                                            "disclaimer", "odd"]))) else None,
        tsc_categories=[b.found(c) for c in draw(st.lists(st.sampled_from(
            ["security", "availability", "processing_integrity", "confidentiality", "privacy", "other"]),
            max_size=5))],
        scope=b.found(s) if (s := draw(TEXT)) else None,
        subservice_organizations=[b.carve_out(n, r, m) for n, r, m in draw(st.lists(st.tuples(
            st.text(min_size=1, max_size=20), st.text(max_size=30),
            st.sampled_from(["carve-out", "inclusive", None])), max_size=3))],
        cuecs=[b.cuec(t or "x", c) for t, c in draw(st.lists(st.tuples(
            st.text(max_size=40), st.lists(st.sampled_from(["CC6.1", "A1.2", "XX"]), max_size=2)), max_size=3))],
        exceptions=[b.exception(c or "", cr) for c, cr in draw(st.lists(st.tuples(
            st.text(max_size=10), st.lists(st.sampled_from(["CC6.1", "CC8.1", "P4.1", "zz"]), max_size=2)),
            max_size=3))],
        ai=AICoverage(draw(st.booleans()), []),
    )
    name = draw(st.sampled_from(["a.pdf", "b.pdf", "c.pdf"]))
    return Extraction(b._file(name), kind, f)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(extractions(), max_size=4), st.sampled_from(bundled_profile_names()),
       st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.sampled_from([None, True, False]))
def test_assess_always_answers_with_cited_findings(docs: list[Extraction], profile: str, today: date,
                                                   uses_ai: bool | None) -> None:
    result = assess(docs, bundled_profile(profile), today, vendor_uses_ai=uses_ai)
    assert result.verdict in VERDICTS
    for f in result.findings:
        assert f.evidence or f.absence
        assert (f.blocks is not None) == (f.severity == "critical")
    assert result.headline()
    assert result.to_dict()["verdict"] == result.verdict
