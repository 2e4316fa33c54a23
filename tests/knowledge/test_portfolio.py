"""Portfolio rules, pure: provider names, the audit window, the buyer's controls, fingerprints and red flags."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

import pytest

from extractors.model import Found
from knowledge import assess, parse_profile
from knowledge.portfolio import (
    ControlsError,
    audit_window,
    match_cuec,
    normalize_provider,
    parse_controls,
    spans_of,
)
from knowledge.portfolio.fingerprint import THRESHOLD, fingerprint, names_to_drop, report_body, similarity
from knowledge.profiles import ProfileError
from knowledge.rules.red_flags import read_signals, red_flags

from . import builders as b


@pytest.mark.parametrize(
    ("printed", "provider"),
    [
        ("Amazon Web Services, Inc.", "Amazon Web Services"),
        ("AWS", "Amazon Web Services"),
        ("Amazon.com Services LLC", "Amazon Web Services"),
        ("Amazon Web Services (AWS) and its affiliates", "Amazon Web Services"),
        ("Amazon S3", "Amazon Web Services"),
        ("Microsoft Azure", "Microsoft"),
        ("Microsoft Corporation", "Microsoft"),
        ("Google Cloud Platform (GCP)", "Google"),
        ("Google LLC", "Google"),
        ("GitHub, Inc.", "GitHub"),  # a subsidiary with its own reports stays itself
        ("Amazonia Labs, Inc.", "Amazonia Labs"),  # a prefix inside a word is not the company
        ("Mailchimp, Inc.", "Mailchimp"),
    ],
)
def test_provider_names_normalize(printed: str, provider: str) -> None:
    assert normalize_provider(printed) == provider


@dataclass
class Row:
    id: int
    kind: str | None
    filename: str
    period_start: date | None = None
    period_end: date | None = None
    issue_date: date | None = None
    expiry_date: date | None = None


def test_audit_window_reports_bridge_letters_and_certificates() -> None:
    rows = [
        Row(1, "soc2_type2", "2025.pdf", date(2024, 10, 1), date(2025, 9, 30)),
        Row(2, "bridge_letter", "bridge.pdf", None, date(2025, 12, 31)),  # no start: continues the report
        Row(3, "soc2_type1", "type1.pdf", None, date(2026, 3, 31)),  # one day's design: no window
        Row(4, "iso_certificate", "iso.pdf", issue_date=date(2025, 1, 1), expiry_date=date(2027, 12, 31)),
    ]
    cov = audit_window(spans_of(rows), date(2025, 7, 1), date(2026, 6, 30))
    assert [(s.kind, s.start, s.end) for s in cov.covered] == [
        ("soc_report", date(2025, 7, 1), date(2025, 9, 30)),
        ("certificate", date(2025, 7, 1), date(2026, 6, 30)),
        ("bridge_letter", date(2025, 10, 1), date(2025, 12, 31)),
    ]
    assert [(g.start, g.end, g.certificate) for g in cov.gaps] == [(date(2026, 1, 1), date(2026, 6, 30), "iso.pdf")]
    assert cov.covered_days == 184 and cov.to_dict()["covered"][1]["certificate"] is True
    full = audit_window(spans_of(rows[:2]), date(2025, 1, 1), date(2025, 12, 31))
    assert full.complete and full.summary() == "covered 365/365 days"
    with pytest.raises(ValueError, match="before it starts"):
        audit_window([], date(2026, 1, 2), date(2026, 1, 1))


CONTROLS = """
controls:
  - {id: IAM-1, title: Leavers, owner: it@example.com, criteria: [CC6.2], keywords: [terminated, deprovision]}
  - {id: IAM-2, title: Authentication, owner: it@example.com, criteria: [CC6.1], keywords: [password, multi-factor]}
  - {id: IR-1, title: Incidents, owner: soc@example.com, keywords: [incident]}
"""


def test_cuecs_match_the_control_sharing_most_criteria_and_words() -> None:
    controls = parse_controls(CONTROLS)
    mfa = match_cuec("User entities are responsible for enabling multi-factor authentication.", ("CC6.1",), controls)
    assert mfa.control is not None and mfa.control.id == "IAM-2" and mfa.score == 3
    assert set(mfa.matched) == {"criterion CC6.1", "word 'multi-factor'"}
    words_only = match_cuec("Customers notify the vendor of security incidents.", (), controls)
    assert words_only.control is not None and words_only.control.id == "IR-1"
    assert match_cuec("Customers keep their own backups.", ("A1.2",), controls).control is None
    passwords = match_cuec("Users keep passwords secret.", (), controls)  # a keyword matches at a word start
    assert passwords.control is not None and passwords.control.id == "IAM-2"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("controls: [{id: A, title: T, owner: o, criteria: [CC99]}]", "is not a Trust Services criterion"),
        ("controls: [{id: A, title: T, owner: o}]", "give 'criteria' or 'keywords'"),
        ("controls: [{id: A, title: T, criteria: [CC6.1]}]", "'owner' is required"),
        ("controls: [{id: A, title: T, owner: o, keywords: [x], colour: red}]", "unknown key(s) colour"),
        ("controls:\n  - {id: A, title: T, owner: o, keywords: [x]}\n  - {id: A, title: U, owner: o, keywords: [y]}",
         "used twice"),
        ("nothing: here", "'controls' list"),
        ("controls: [", "not valid YAML"),
    ],
)
def test_a_bad_controls_file_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ControlsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_controls(text, "controls.yaml")


def test_profile_decides_how_severe_unowned_cuecs_and_red_flags_are() -> None:
    controls = parse_controls(CONTROLS)
    report = b.soc2(cuecs=[b.cuec(), b.cuec("User entities are responsible for their own backups.", ("A1.2",))])
    base = "name: p\naccept:\n  - soc2: {}\n"
    a = assess([report], parse_profile(base), date(2026, 9, 1), controls=controls)
    codes = {f.code: f for f in a.findings}
    assert codes["CUECS_UNOWNED"].severity == "medium" and len(codes["CUECS_UNOWNED"].evidence) == 1
    assert codes["CUECS_OWNED"].severity == "info" and "IAM-2" in codes["CUECS_OWNED"].reason
    strict = assess([report], parse_profile(base + "cuecs:\n  unowned: fail\n"), date(2026, 9, 1), controls=controls)
    assert strict.verdict == "does_not_meet"
    assert "CUECS_UNOWNED" not in {f.code for f in assess([report], parse_profile(base), date(2026, 9, 1)).findings}
    with pytest.raises(ProfileError, match="red_flags"):
        parse_profile(base + "red_flags: sometimes\n")
    short = b.soc2(period_start="2026-03-01", period_end="2026-06-30")
    assert "TYPE2_SHORT_PERIOD" in {f.code for f in assess([short], parse_profile(base), date(2026, 9, 1)).findings}
    quiet = assess([short], parse_profile(base + "red_flags: ignore\n"), date(2026, 9, 1))
    assert "TYPE2_SHORT_PERIOD" not in {f.code for f in quiet.findings}


def _prose(seed: int, words: int = 3000) -> str:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randrange(3, 9))) for _ in range(2000)] + ["the"] * 40
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_fingerprints_find_a_renamed_template_and_not_a_different_text() -> None:
    body = _prose(1)
    a = fingerprint(("Acme Corp. " + body).replace(" the ", " Acme "), names_to_drop(["Acme Corp"]))
    renamed = fingerprint(("Zenith Ltd. " + body).replace(" the ", " Zenith "), names_to_drop(["Zenith Ltd"]))
    other = fingerprint(_prose(2))
    assert a is not None and renamed is not None and other is not None and " the " in body
    assert similarity(a, renamed) >= 0.95 > THRESHOLD > 0.2 > similarity(a, other)
    assert set(a.bands()) & set(renamed.bands()) and not set(a.bands()) & set(other.bands())
    assert fingerprint("a short letter of ten words or so, not a report") is None


def test_report_body_starts_at_the_description_not_the_contents() -> None:
    pages = ["Cover", "Section 1 ...\nSection 2 ...\nSection 3 ...\nSection 4 ...", "Opinion text",
             "Section 3: Acme's Description of the Acme Platform System\nThe company ...", "Section 4 tests"]
    assert report_body(pages).startswith("Section 3: Acme's Description")


def test_text_signals_self_testing_person_signature_and_foreign_licence() -> None:
    x = b.soc2()
    x = replace(x, fields=replace(x.fields, report_date=Found("2026-08-15", 2, "August 15, 2026")))
    pages = [
        "Report on Acme's system. Examined under attestation standards established by the AICPA.",
        "This report is not intended to be used by anyone other than these specified parties.\n"
        "______________\nJOHN Q SMITH\nChartered Accountant\nLicence No. 12345, Institute of Chartered Accountants "
        "of India\nAugust 15, 2026",
        "Section IV. The tests of controls were performed by the service organization's internal audit team.",
    ]
    signals = read_signals(pages, x)
    assert signals["signature"]["by"] == "person" and signals["signature"]["name"] == "JOHN Q SMITH"
    assert signals["self_tested"]["page"] == 3
    codes = {f.code: f for f in red_flags(x, signals)}
    assert {"SIGNED_BY_PERSON", "LICENCE_JURISDICTION", "SELF_TESTED"} <= set(codes)
    assert "India" in codes["LICENCE_JURISDICTION"].reason and codes["SELF_TESTED"].evidence[0].page == 3
    firm_pages = [pages[0], "used by anyone other than these specified parties.\nHalvorsen & Pike LLP\n"
                  "Denver, Colorado\nAugust 15, 2026", "Tests performed by the service auditor: inspection."]
    firm = read_signals(firm_pages, x)
    assert firm["signature"]["by"] == "firm" and not firm["self_tested"]
    assert not {f.code for f in red_flags(x, firm)} & {"SIGNED_BY_PERSON", "SELF_TESTED", "LICENCE_JURISDICTION"}


def test_scope_naming_another_organization_and_contradicting_dates() -> None:
    cert = b.iso_cert(scope="The ISMS of Acme Cloud, Inc. and the physical location of Slack Technologies, Inc., "
                            "hosted on Amazon Web Services, Inc.", issue="2025-03-15", original=None,
                      expiry="2027-03-14")
    signals = read_signals(["Certificate. This certificate is valid for three (3) years from the date of issue."],
                           cert)
    assert [o["name"] for o in signals["scope_organizations"]] == ["Slack Technologies, Inc"]
    assert signals["stated_term"]["years"] == 3
    codes = sorted(f.code for f in red_flags(cert, signals))
    assert codes == ["DATES_CONTRADICT", "SCOPE_OTHER_ORGANIZATION"]
    consistent = b.iso_cert(issue="2025-03-15", original=None, expiry="2028-03-14")
    assert red_flags(consistent, read_signals(["valid for three years"], consistent)) == []
    letter = b.bridge(start="2026-07-01", end="2026-09-30")
    early = replace(letter, fields=replace(letter.fields, report_date=Found("2026-08-01", 1, "August 1, 2026")))
    flag = red_flags(early)
    assert [f.code for f in flag] == ["DATES_CONTRADICT"] and "2026-08-01" in flag[0].reason
    assert red_flags(letter) == []
