"""Requirement profiles: the bundled ones load, every option parses, and a malformed file says file, line and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.profiles import (
    Iso27001Option,
    ProfileError,
    Soc2Option,
    Soc3Option,
    bundled_profile_names,
    default_profile,
    list_profiles,
    load_profile,
    parse_profile,
    resolve_profile,
)


def test_bundled_profiles_are_default_and_two_examples() -> None:
    assert set(bundled_profile_names()) == {"default", "low-risk-tool", "critical-data-processor"}
    for name, profile in list_profiles().items():
        assert profile.name == name and profile.description and profile.accept


def test_default_profile_accepts_soc2_type2_or_iso27001_2022() -> None:
    p = default_profile()
    assert p.accept == (Soc2Option(types=("type2",), categories=("security",)),
                        Iso27001Option(editions=("2022",), accreditation="iaf_mla"))
    assert "CC6.1" in p.required_criteria


FULL = """\
name: full
description: every option set
accept:
  - soc2:
      types: [type1, type2]
      categories: [security, availability]
      opinions: [unqualified, qualified]
      max_age_months: 18
      bridge_letter_months: 6
  - soc3:
      categories: security
      max_age_months: 9
  - iso27001:
      editions: ["2013", "2022"]
      accreditation: any
      scope_names_service: yes
      extensions: ["27701", "27017"]
      expiry_warning_days: 30
  - iso27001:
required:
  criteria: [cc6.1, A1.2]
  controls: [A.8.24, "5.34"]
exceptions: {in_required: fail, other: ignore}
carve_outs: {hosting: fail, other: finding}
cuecs:
  acknowledged: [multi-factor authentication, CC6.3]
  unacknowledged: finding
ai: {required: always, missing: note}
"""


def test_every_option_parses() -> None:
    p = parse_profile(FULL, "full.yaml")
    assert p.accept[0] == Soc2Option(("type1", "type2"), ("security", "availability"), ("unqualified", "qualified"),
                                     18, 6)
    assert p.accept[1] == Soc3Option(("security",), ("unqualified",), 9)
    assert p.accept[2] == Iso27001Option(("2013", "2022"), "any", True, ("27701", "27017"), 30)
    assert p.accept[3] == Iso27001Option()
    assert p.required_criteria == ("CC6.1", "A1.2")
    assert p.required_controls == ("A.8.24", "A.5.34")
    assert (p.exceptions_in_required, p.exceptions_other) == ("fail", "ignore")
    assert (p.carve_out_hosting, p.carve_out_other) == ("fail", "finding")
    assert p.cuecs_acknowledged == ("multi-factor authentication", "CC6.3")
    assert p.cuecs_unacknowledged == "finding"
    assert (p.ai_required, p.ai_missing) == ("always", "note")


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", None, "empty"),
    ("name: x\naccept: [\n", 3, "not valid YAML"),
    ("- a\n- b\n", 1, "must be a mapping"),
    ("accept:\n  - soc2:\n", 1, "'name' is required"),
    ("name: x\n", 1, "'accept' is required"),
    ("name: x\naccept: []\n", 2, "non-empty list"),
    ("name: x\naccept:\n  - soc4: {}\n", 3, "unknown key 'soc4'"),
    ("name: x\naccept:\n  - soc2: {}\n    iso27001: {}\n", 3, "exactly one kind"),
    ("name: x\naccept:\n  - soc2:\n      catgories: [security]\n", 4, "unknown key 'catgories'"),
    ("name: x\naccept:\n  - soc2:\n      categories: [securty]\n", 4, "'securty' is not one of"),
    ("name: x\naccept:\n  - soc2:\n      types: []\n", 4, "at least one"),
    ("name: x\naccept:\n  - soc2:\n      max_age_months: twelve\n", 4, "whole number"),
    ("name: x\naccept:\n  - soc2:\n      max_age_months: 0\n", 4, "between 1 and 60"),
    ("name: x\naccept:\n  - iso27001:\n      editions: [2005]\n", 4, "'2005' is not one of"),
    ("name: x\naccept:\n  - iso27001:\n      scope_names_service: maybe\n", 4, "true or false"),
    ("name: x\naccept:\n  - iso27001:\n      accreditation: [iaf_mla]\n", 4, "single value"),
    ("name: x\naccept:\n  - soc2:\nrequired:\n  criteria: [CC6.1, CC6.9]\n", 5, "'CC6.9' is not a TSC"),
    ("name: x\naccept:\n  - soc2:\nrequired:\n  controls: [A.9.1]\n", 5, "'A.9.1' is not an ISO"),
    ("name: x\naccept:\n  - soc2:\nexceptions:\n  in_required: block\n", 5, "'block' is not one of"),
    ("name: x\naccept:\n  - soc2:\nai:\n  required: sometimes\n", 5, "'sometimes' is not one of"),
    ("name: x\nname: y\naccept:\n  - soc2:\n", 2, "appears twice"),
    ("name: ''\naccept:\n  - soc2:\n", 1, "must not be empty"),
])
def test_malformed_profiles_name_file_line_and_problem(text: str, line: int | None, message: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, "bad.yaml")
    err = info.value
    assert err.source == "bad.yaml"
    assert err.line == line
    assert message in err.message
    assert str(err).startswith("bad.yaml:" + (f"{line}:" if line else ""))


def test_load_profile_from_a_file_and_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\naccept:\n  - soc3:\n", encoding="utf-8")
    assert load_profile(path).accept == (Soc3Option(),)
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "absent.yaml")
    bad = tmp_path / "bin.yaml"
    bad.write_bytes(b"\xff\xfe\x00name")
    with pytest.raises(ProfileError, match="UTF-8"):
        load_profile(bad)


def test_list_profiles_adds_a_folder_which_wins_on_a_name_clash(tmp_path: Path) -> None:
    (tmp_path / "default.yaml").write_text("name: default\ndescription: ours\naccept:\n  - soc3:\n", encoding="utf-8")
    (tmp_path / "vendor-x.yml").write_text("name: vendor-x\naccept:\n  - iso27001:\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a profile", encoding="utf-8")
    found = list_profiles(tmp_path)
    assert set(found) == {"default", "low-risk-tool", "critical-data-processor", "vendor-x"}
    assert found["default"].description == "ours"
    assert resolve_profile("vendor-x", tmp_path).accept == (Iso27001Option(),)


def test_a_malformed_file_in_the_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("name: broken\naccept:\n  - soc2:\n      types: [type3]\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"broken.yaml:4: .*'type3'"):
        list_profiles(tmp_path)
    with pytest.raises(ProfileError, match="does not exist"):
        list_profiles(tmp_path / "nowhere")


def test_resolve_profile_by_name_path_or_default(tmp_path: Path) -> None:
    assert resolve_profile(None).name == "default"
    assert resolve_profile("low-risk-tool").name == "low-risk-tool"
    with pytest.raises(ProfileError, match="no profile file or named profile 'nope'"):
        resolve_profile("nope")
    with pytest.raises(ProfileError, match="cannot read"):
        resolve_profile(str(tmp_path / "missing.yaml"))


def test_two_files_with_one_name_in_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: same\naccept:\n  - soc3:\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: same\naccept:\n  - soc2:\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="already used by"):
        list_profiles(tmp_path)
    assert set(list_profiles("")) == set(bundled_profile_names())
