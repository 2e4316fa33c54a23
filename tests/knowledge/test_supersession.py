"""The rule that picks a vendor's current documents (knowledge.supersession), on plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from knowledge.supersession import pick_current


@dataclass
class Doc:
    id: int
    kind: str | None
    standards: str | None = None
    period_end: date | None = None
    issue_date: date | None = None
    report_date: date | None = None
    expiry_date: date | None = None
    uploaded_at: datetime = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_latest_per_kind_of_evidence_is_current() -> None:
    old_type2 = Doc(1, "soc2_type2", period_end=date(2024, 12, 31))
    new_type1 = Doc(2, "soc2_type1", period_end=date(2025, 6, 30))
    soc3 = Doc(3, "soc3", period_end=date(2023, 12, 31))
    letter = Doc(4, "bridge_letter", period_end=date(2025, 3, 31))
    iso = Doc(5, "iso_certificate", standards="27001:2022", issue_date=date(2024, 2, 1))
    iso_newer = Doc(6, "iso_certificate", standards="27001:2022", issue_date=date(2025, 2, 1))
    privacy = Doc(7, "iso_certificate", standards="27001:2022|27701:2019", issue_date=date(2023, 2, 1))
    unknown = Doc(8, "unknown", report_date=date(2026, 1, 1))
    current = pick_current([old_type2, new_type1, soc3, letter, iso, iso_newer, privacy, unknown])
    # SOC 2 Type 1 and Type 2 share one slot; each ISO set of standards is its own; an unknown document is no evidence
    assert [d.id for d in current] == [2, 3, 4, 6, 7]


def test_the_same_date_goes_to_the_later_upload() -> None:
    first = Doc(1, "soc3", period_end=date(2025, 12, 31), uploaded_at=datetime(2026, 1, 2, tzinfo=UTC))
    again = Doc(2, "soc3", period_end=date(2025, 12, 31), uploaded_at=datetime(2026, 1, 3, tzinfo=UTC))
    assert pick_current([again, first]) == [again]
