"""Requirement profiles: the buyer's own rules, as YAML, validated with errors that name the file and line.

A profile says which evidence is accepted (any one option is enough), which TSC criteria or Annex A controls are
required (checked through the crosswalk against the evidence at hand), and what to do with exceptions,
carve-outs, CUECs and AI coverage. The format is documented in docs/profiles.md; the bundled profiles are in
``knowledge/profiles``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..catalogues import TSC_CATEGORIES, catalogues, normalize_iso_id

Policy = Literal["fail", "finding", "note", "ignore"]
POLICIES: tuple[Policy, ...] = ("fail", "finding", "note", "ignore")
AIRequired = Literal["never", "if_vendor_uses_ai", "always"]
Accreditation = Literal["iaf_mla", "any", "none"]
SOC2_TYPES = ("type1", "type2")
OPINIONS = ("unqualified", "qualified", "adverse", "disclaimer")
ISO_EXTENSIONS = ("27017", "27018", "27701")


class ProfileError(ValueError):
    """A profile that cannot be used; ``str()`` reads 'file:line: what is wrong'."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Soc2Option:
    """A SOC 2 report is accepted when it is of an accepted type, opinion and age, and covers the categories."""

    types: tuple[str, ...] = ("type2",)
    categories: tuple[str, ...] = ("security",)
    opinions: tuple[str, ...] = ("unqualified",)
    max_age_months: int = 12
    bridge_letter_months: int = 3
    kind: Literal["soc2"] = "soc2"

    def label(self) -> str:
        types = " or ".join(f"Type {t[-1]}" for t in self.types)
        return f"SOC 2 {types} ({', '.join(self.categories)}; {'/'.join(self.opinions)}; period ended within "\
               f"{self.max_age_months} months)"


@dataclass(frozen=True, slots=True)
class Soc3Option:
    """A SOC 3 report: the general-use summary, without the detail (no control tests, no exceptions)."""

    categories: tuple[str, ...] = ("security",)
    opinions: tuple[str, ...] = ("unqualified",)
    max_age_months: int = 12
    kind: Literal["soc3"] = "soc3"

    def label(self) -> str:
        return f"SOC 3 ({', '.join(self.categories)}; period ended within {self.max_age_months} months)"


@dataclass(frozen=True, slots=True)
class Iso27001Option:
    """An ISO/IEC 27001 certificate of an accepted edition, in date, from an accepted accreditation regime."""

    editions: tuple[str, ...] = ("2022",)
    accreditation: Accreditation = "iaf_mla"
    scope_names_service: bool = False
    extensions: tuple[str, ...] = ()
    expiry_warning_days: int = 90
    kind: Literal["iso27001"] = "iso27001"

    def label(self) -> str:
        ext = f" + {', '.join('ISO/IEC ' + e for e in self.extensions)}" if self.extensions else ""
        return f"ISO/IEC 27001:{'/'.join(self.editions)}{ext} certificate (valid, accreditation: {self.accreditation})"


Option = Soc2Option | Soc3Option | Iso27001Option


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    description: str = ""
    accept: tuple[Option, ...] = (Soc2Option(), Iso27001Option())
    required_criteria: tuple[str, ...] = ()
    required_controls: tuple[str, ...] = ()
    exceptions_in_required: Policy = "finding"
    exceptions_other: Policy = "note"
    carve_out_hosting: Policy = "finding"
    carve_out_other: Policy = "note"
    cuecs_acknowledged: tuple[str, ...] = ()
    cuecs_unacknowledged: Policy = "note"
    cuecs_unowned: Policy = "finding"
    red_flags: Policy = "finding"
    ai_required: AIRequired = "if_vendor_uses_ai"
    ai_missing: Policy = "finding"
    source: str = field(default="<built in>", compare=False)


# --- YAML with line numbers -------------------------------------------------------------------------------------


class _Reader:
    """Walks a composed YAML node tree so every error can name the line it is about."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: Node | None, message: str) -> ProfileError:
        return ProfileError(self.source, node.start_mark.line + 1 if node is not None else None, message)

    def mapping(self, node: Node, where: str, allowed: tuple[str, ...]) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{where} must be a mapping of keys to values")
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                raise self.fail(key_node, f"{where}: keys must be plain words")
            if key not in allowed:
                raise self.fail(key_node, f"{where}: unknown key {key!r} (expected one of: {', '.join(allowed)})")
            if key in out:
                raise self.fail(key_node, f"{where}: key {key!r} appears twice")
            out[key] = value_node
        return out

    def scalar(self, node: Node, where: str) -> str:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, f"{where} must be a single value, not a list or mapping")
        return str(node.value)

    def text(self, node: Node, where: str) -> str:
        value = self.scalar(node, where).strip()
        if not value:
            raise self.fail(node, f"{where} must not be empty")
        return value

    def choice(self, node: Node, where: str, allowed: tuple[str, ...]) -> str:
        value = self.scalar(node, where).strip()
        if value not in allowed:
            raise self.fail(node, f"{where}: {value!r} is not one of: {', '.join(allowed)}")
        return value

    def integer(self, node: Node, where: str, low: int, high: int) -> int:
        raw = self.scalar(node, where).strip()
        try:
            value = int(raw)
        except ValueError:
            raise self.fail(node, f"{where} must be a whole number, not {raw!r}") from None
        if not low <= value <= high:
            raise self.fail(node, f"{where} must be between {low} and {high}, not {value}")
        return value

    def boolean(self, node: Node, where: str) -> bool:
        raw = self.scalar(node, where).strip().lower()
        if raw in ("true", "yes", "on"):
            return True
        if raw in ("false", "no", "off"):
            return False
        raise self.fail(node, f"{where} must be true or false, not {raw!r}")

    def items(self, node: Node, where: str) -> list[tuple[Node, str]]:
        """A list of plain values; a single value is read as a one-item list."""
        if isinstance(node, ScalarNode):
            return [(node, str(node.value).strip())] if str(node.value).strip() else []
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{where} must be a list")
        return [(item, self.scalar(item, f"{where} item").strip()) for item in node.value]

    def choices(self, node: Node, where: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for item, value in self.items(node, where):
            if value not in allowed:
                raise self.fail(item, f"{where}: {value!r} is not one of: {', '.join(allowed)}")
            out.append(value)
        if not out:
            raise self.fail(node, f"{where} must name at least one of: {', '.join(allowed)}")
        return tuple(out)


_TOP = ("name", "description", "accept", "required", "exceptions", "carve_outs", "cuecs", "ai", "red_flags")
# Sections whose every key is a policy (what to do with a finding): YAML key -> Profile field.
_POLICY_SECTIONS: dict[str, dict[str, str]] = {
    "exceptions": {"in_required": "exceptions_in_required", "other": "exceptions_other"},
    "carve_outs": {"hosting": "carve_out_hosting", "other": "carve_out_other"},
}


def parse_profile(text: str, source: str = "<profile>") -> Profile:
    """Read a profile from YAML text; ``source`` names it in errors."""
    r = _Reader(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ProfileError(source, mark.line + 1 if mark is not None else None, f"not valid YAML: {problem}") from None
    if root is None:
        raise ProfileError(source, None, "the profile is empty")
    top = r.mapping(root, "profile", _TOP)
    if "name" not in top:
        raise r.fail(root, "profile: 'name' is required")
    if "accept" not in top:
        raise r.fail(root, "profile: 'accept' is required (the evidence options, any one of which is enough)")
    kwargs: dict[str, object] = {"name": r.text(top["name"], "name"), "source": source}
    if "description" in top:
        kwargs["description"] = r.scalar(top["description"], "description").strip()
    kwargs["accept"] = _accept(r, top["accept"])
    if "required" in top:
        req = r.mapping(top["required"], "required", ("criteria", "controls"))
        if "criteria" in req:
            kwargs["required_criteria"] = _criteria(r, req["criteria"])
        if "controls" in req:
            kwargs["required_controls"] = _controls(r, req["controls"])
    for section, fields in _POLICY_SECTIONS.items():
        if section in top:
            found = r.mapping(top[section], section, tuple(fields))
            for key, kwarg in fields.items():
                if key in found:
                    kwargs[kwarg] = r.choice(found[key], f"{section}.{key}", POLICIES)
    if "cuecs" in top:
        cu = r.mapping(top["cuecs"], "cuecs", ("acknowledged", "unacknowledged", "unowned"))
        if "acknowledged" in cu:
            kwargs["cuecs_acknowledged"] = tuple(v for _, v in r.items(cu["acknowledged"], "cuecs.acknowledged") if v)
        if "unacknowledged" in cu:
            kwargs["cuecs_unacknowledged"] = r.choice(cu["unacknowledged"], "cuecs.unacknowledged", POLICIES)
        if "unowned" in cu:
            kwargs["cuecs_unowned"] = r.choice(cu["unowned"], "cuecs.unowned", POLICIES)
    if "red_flags" in top:
        kwargs["red_flags"] = r.choice(top["red_flags"], "red_flags", POLICIES)
    if "ai" in top:
        ai = r.mapping(top["ai"], "ai", ("required", "missing"))
        if "required" in ai:
            kwargs["ai_required"] = r.choice(ai["required"], "ai.required", ("never", "if_vendor_uses_ai", "always"))
        if "missing" in ai:
            kwargs["ai_missing"] = r.choice(ai["missing"], "ai.missing", POLICIES)
    return Profile(**kwargs)  # type: ignore[arg-type]


def _accept(r: _Reader, node: Node) -> tuple[Option, ...]:
    if not isinstance(node, SequenceNode) or not node.value:
        raise r.fail(node, "accept must be a non-empty list of evidence options (soc2, soc3, iso27001)")
    options: list[Option] = []
    for i, item in enumerate(node.value, 1):
        where = f"accept[{i}]"
        entry = r.mapping(item, where, ("soc2", "soc3", "iso27001"))
        if len(entry) != 1:
            raise r.fail(item, f"{where} must name exactly one kind of evidence (soc2, soc3 or iso27001)")
        kind, body = next(iter(entry.items()))
        defaults = isinstance(body, ScalarNode) and body.tag.endswith(":null")
        where = f"{where}.{kind}"
        if kind == "soc2":
            options.append(Soc2Option() if defaults else _soc2(r, body, where))
        elif kind == "soc3":
            options.append(Soc3Option() if defaults else _soc3(r, body, where))
        else:
            options.append(Iso27001Option() if defaults else _iso(r, body, where))
    return tuple(options)


def _soc2(r: _Reader, node: Node, where: str) -> Soc2Option:
    m = r.mapping(node, where, ("types", "categories", "opinions", "max_age_months", "bridge_letter_months"))
    kw: dict[str, object] = {}
    if "types" in m:
        kw["types"] = r.choices(m["types"], f"{where}.types", SOC2_TYPES)
    if "categories" in m:
        kw["categories"] = r.choices(m["categories"], f"{where}.categories", TSC_CATEGORIES)
    if "opinions" in m:
        kw["opinions"] = r.choices(m["opinions"], f"{where}.opinions", OPINIONS)
    if "max_age_months" in m:
        kw["max_age_months"] = r.integer(m["max_age_months"], f"{where}.max_age_months", 1, 60)
    if "bridge_letter_months" in m:
        kw["bridge_letter_months"] = r.integer(m["bridge_letter_months"], f"{where}.bridge_letter_months", 0, 24)
    return Soc2Option(**kw)  # type: ignore[arg-type]


def _soc3(r: _Reader, node: Node, where: str) -> Soc3Option:
    m = r.mapping(node, where, ("categories", "opinions", "max_age_months"))
    kw: dict[str, object] = {}
    if "categories" in m:
        kw["categories"] = r.choices(m["categories"], f"{where}.categories", TSC_CATEGORIES)
    if "opinions" in m:
        kw["opinions"] = r.choices(m["opinions"], f"{where}.opinions", OPINIONS)
    if "max_age_months" in m:
        kw["max_age_months"] = r.integer(m["max_age_months"], f"{where}.max_age_months", 1, 60)
    return Soc3Option(**kw)  # type: ignore[arg-type]


def _iso(r: _Reader, node: Node, where: str) -> Iso27001Option:
    keys = ("editions", "accreditation", "scope_names_service", "extensions", "expiry_warning_days")
    m = r.mapping(node, where, keys)
    kw: dict[str, object] = {}
    if "editions" in m:
        kw["editions"] = r.choices(m["editions"], f"{where}.editions", ("2013", "2022"))
    if "accreditation" in m:
        kw["accreditation"] = r.choice(m["accreditation"], f"{where}.accreditation", ("iaf_mla", "any", "none"))
    if "scope_names_service" in m:
        kw["scope_names_service"] = r.boolean(m["scope_names_service"], f"{where}.scope_names_service")
    if "extensions" in m:
        kw["extensions"] = r.choices(m["extensions"], f"{where}.extensions", ISO_EXTENSIONS)
    if "expiry_warning_days" in m:
        kw["expiry_warning_days"] = r.integer(m["expiry_warning_days"], f"{where}.expiry_warning_days", 0, 730)
    return Iso27001Option(**kw)  # type: ignore[arg-type]


def _criteria(r: _Reader, node: Node) -> tuple[str, ...]:
    known = catalogues().tsc
    out: list[str] = []
    for item, value in r.items(node, "required.criteria"):
        cid = value.upper()
        if cid not in known:
            raise r.fail(item, f"required.criteria: {value!r} is not a TSC 2017 criterion (e.g. CC6.1, A1.2, P4.1)")
        out.append(cid)
    return tuple(dict.fromkeys(out))


def _controls(r: _Reader, node: Node) -> tuple[str, ...]:
    known = catalogues().annex_a
    out: list[str] = []
    for item, value in r.items(node, "required.controls"):
        cid = normalize_iso_id(value if value.upper().startswith("A") else "A." + value)
        if cid not in known:
            raise r.fail(item, f"required.controls: {value!r} is not an ISO/IEC 27001:2022 Annex A control "
                         "(A.5.1-A.8.34)")
        out.append(cid)
    return tuple(dict.fromkeys(out))


# --- finding profiles -------------------------------------------------------------------------------------------


_loaded: dict[str, tuple[str, Profile]] = {}


def load_profile(path: str | Path) -> Profile:
    """Read and validate one profile file. Raises ProfileError naming the file and line.

    A file whose text is unchanged since it was last read is not parsed again: services re-list their profiles
    folder every few seconds to see a buyer's edits, and reading a small file costs far less than parsing YAML."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(str(p), None, f"cannot read the profile: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ProfileError(str(p), None, "the profile is not UTF-8 text") from None
    known = _loaded.get(str(p))
    if known is not None and known[0] == text:
        return known[1]
    profile = parse_profile(text, str(p))
    if len(_loaded) >= 256:
        _loaded.clear()
    _loaded[str(p)] = (text, profile)
    return profile


def bundled_profile_names() -> list[str]:
    """Names of the profiles shipped with the package (default, low-risk-tool, critical-data-processor)."""
    folder = resources.files("knowledge.profiles")
    return sorted(e.name[:-5] for e in folder.iterdir() if e.name.endswith(".yaml"))


@cache
def bundled_profile(name: str) -> Profile:
    """A profile shipped with the package, read once (package data does not change while the process runs)."""
    folder = resources.files("knowledge.profiles")
    entry = folder.joinpath(f"{name}.yaml")
    if not entry.is_file():
        have = ", ".join(bundled_profile_names())
        raise ProfileError(name, None, f"no bundled profile named {name!r} (have: {have})")
    return parse_profile(entry.read_text(encoding="utf-8"), f"knowledge/profiles/{name}.yaml")


def default_profile() -> Profile:
    return bundled_profile("default")


def list_profiles(folder: str | Path | None = None) -> dict[str, Profile]:
    """Profiles by name: the bundled ones, then every ``*.yaml``/``*.yml`` in ``folder``, which win on a name clash.

    A malformed file in the folder raises ProfileError (file, line, what is wrong) rather than being skipped,
    so a buyer's typo never silently falls back to another profile.
    """
    found: dict[str, Profile] = {n: bundled_profile(n) for n in bundled_profile_names()}
    if folder is not None and str(folder).strip():
        d = Path(folder)
        if not d.is_dir():
            raise ProfileError(str(d), None, "the profiles folder does not exist")
        seen: dict[str, Path] = {}
        for path in sorted([*d.glob("*.yaml"), *d.glob("*.yml")]):
            profile = load_profile(path)
            if profile.name in seen:
                other = seen[profile.name]
                raise ProfileError(str(path), 1, f"profile name {profile.name!r} is already used by {other}")
            seen[profile.name] = path
            found[profile.name] = profile
    return found


def resolve_profile(ref: str | Path | None, folder: str | Path | None = None) -> Profile:
    """A profile from a file path, or by name among ``list_profiles(folder)``; None gives the default."""
    if ref is None:
        return default_profile()
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") or p.is_file():
        return load_profile(p)
    profiles = list_profiles(folder)
    if str(ref) in profiles:
        return profiles[str(ref)]
    raise ProfileError(str(ref), None, f"no profile file or named profile {str(ref)!r} (have: {', '.join(profiles)})")


def policy(value: str) -> Policy:
    if value not in POLICIES:
        raise ValueError(f"unknown policy {value!r}")
    return cast(Policy, value)
