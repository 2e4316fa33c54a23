"""The groups of document kinds are spelled once, in extractors/model.py beside ``Kind`` (issue 10: they were string
tuples in ten places and disagreed on SOC 1). A static check: outside that module, no tuple, list, set or dict
literal names two or more kinds; code uses the named groups (SOC2_KINDS, PERIOD_REPORT_KINDS, EVIDENCE_ORDER, ...)."""

from __future__ import annotations

import ast
from pathlib import Path

from extractors.model import KINDS

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractors", "knowledge", "service", "bots", "web", "cli")
HOME = ROOT / "extractors" / "model.py"
_KIND_NAMES = set(KINDS) - {"unknown"}


def _kinds_in(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Dict):
        items: list[ast.expr | None] = list(node.keys)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        items = list(node.elts)
    else:
        return set()
    return {i.value for i in items if isinstance(i, ast.Constant) and i.value in _KIND_NAMES}


def _groups_outside_home() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == HOME:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                kinds = _kinds_in(node)
                if len(kinds) >= 2:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(kinds)}")
    return found


def test_kind_groups_are_defined_once() -> None:
    assert not _groups_outside_home(), "\n".join(_groups_outside_home())


def test_the_check_sees_a_group() -> None:
    assert _kinds_in(ast.parse('("soc2_type1", "soc3")', mode="eval").body) == {"soc2_type1", "soc3"}
    assert _kinds_in(ast.parse('{"soc1": 1, "bridge_letter": 2}', mode="eval").body) == {"soc1", "bridge_letter"}
