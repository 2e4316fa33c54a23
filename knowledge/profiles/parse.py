"""Requirement profiles from YAML: validated with errors that name the file and line (format: docs/profiles.md)."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..catalogues import TSC_CATEGORIES, catalogues, normalize_iso_id
from .model import (
    ISO_EXTENSIONS,
    OPINIONS,
    POLICIES,
    SOC2_TYPES,
    Iso27001Option,
    Option,
    Profile,
    ProfileError,
    Soc2Option,
    Soc3Option,
)


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
