"""Issue 9: "One-page auditor letters that say a SOC 2 examination took place (quoting the opinion) were classified as
SOC 2 Type 1/Type 2 reports, 4 of 4."

A letter is not the report: a reviewer who sees "SOC 2 Type 2" on it would accept evidence nobody has read. The
fixture is a one-page letter on a CPA firm's letterhead that names the examination, its period and its opinion, and
has neither a system description nor tests of controls.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import check, extract, value, write_pdf

FIRM = "Pemberton Ashdown CPAs, P.C."
VENDOR = "Lindenmoor Health Data, Inc."
LETTER = (
    f"{FIRM}\nCertified Public Accountants\nPortland, Oregon\nFebruary 20, 2026\n"
    "To the customers and prospects of Lindenmoor Health Data\n"
    f"Re: Completion of a SOC 2 Type 2 examination of {VENDOR}\n"
    f"We have completed an examination of {VENDOR}'s description of its Claims Exchange system and the suitability "
    "of the design and operating effectiveness of its controls relevant to security and availability for the period "
    "August 1, 2025 through January 31, 2026, under AT-C section 205 of the AICPA attestation standards.\n"
    "Our report states that, in our opinion, in all material respects, the controls were suitably designed and "
    "operated effectively throughout that period. The report itself is restricted to the management of the company, "
    "its user entities and their auditors.\n"
    "Avery Quint, CPA\nEngagement Partner"
)


def test_issue_009_one_page_letter_quoting_the_opinion_is_not_a_soc2_report(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-attestation-letter.pdf", [LETTER])
    assert got["kind"] == "unknown"
    assert not got["kind"].startswith("soc2")
    assert any("attestation letter" in w.lower() for w in got["warnings"])
    # the firm that wrote the letter is its issuer, never the vendor (a null vendor is honest; the firm is wrong)
    assert value(got, "issuer") == FIRM
    assert value(got, "vendor") in (VENDOR, None)


def test_issue_009_a_letter_alone_never_meets(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "issue-009-attestation-letter.pdf", [LETTER])
    verdict = check([path], "2026-03-01")
    assert verdict["verdict"] != "meets"
    assert verdict["verdict"] != "meets_with_findings"
