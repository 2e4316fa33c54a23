"""Every field reader on random report-like text: none may fail, whatever the words and line breaks."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.document import Document, Page
from extractors.model import FileInfo
from extractors.pipeline import read_fields

WORDS = [
    "SOC", "2", "3", "Type", "II", "1", "Report", "Independent", "Service", "Auditor’s", "In", "our", "opinion,",
    "except", "for", "the", "period", "April", "1,", "2025", "to", "March", "31,", "2026", "as", "of", "Acme",
    "Cloud,", "Inc.", "LLP", "Ltd", "uses", "subservice", "organization", "carve-out", "inclusive", "method",
    "Complementary", "User", "Entity", "Controls", "User entities are responsible for", "CC6.1", "A1.2,",
    "Exception", "noted.", "No exceptions noted.", "Management’s", "Response:", "AC-05", "RM.005", "CC8.1.1", "—",
    "ISO/IEC", "27001:2022", "27001:2013", "Certificate", "Number:", "Expiry", "date:", "14.03.2028", "04/01/2025",
    "This is to certify that", "UKAS", "machine learning", "models", "are within the boundaries of the system.",
    "Relevant to Security and Availability", "(", ")", "•", "1.", ":", ";", "/s/", "Section", "IV", "\n", "\n",
]  # fmt: skip

page_text = st.lists(st.sampled_from(WORDS), max_size=80).map(lambda ws: " ".join(ws))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(page_text, min_size=1, max_size=5))
def test_no_reader_fails_on_report_like_text(pages: list[str]) -> None:
    doc = Document(data=b"", pages=[Page(i + 1, t) for i, t in enumerate(pages)])
    result = read_fields(doc, FileInfo("fuzz.pdf", "0" * 64), today=date(2026, 1, 1))
    assert not any(w.startswith("Could not read") for w in result.warnings), result.warnings
    result.to_dict()
