"""Imports go one way: bots -> service -> knowledge -> extractors. A static check over every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["extractors", "knowledge", "service", "bots"]


def _imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ORDER)
def test_no_package_imports_a_layer_above_it(package: str) -> None:
    above = set(ORDER[ORDER.index(package) + 1 :])
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(_imported_top_levels(path) & above)}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if _imported_top_levels(path) & above
    ]
    assert not offenders, "\n".join(offenders)


def test_the_pure_layers_need_no_web_framework_or_database() -> None:
    forbidden = {"fastapi", "sqlalchemy", "slack_bolt", "slack_sdk", "huey", "starlette", "uvicorn"}
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(_imported_top_levels(path) & forbidden)}"
        for package in ("extractors", "knowledge")
        for path in sorted((ROOT / package).rglob("*.py"))
        if _imported_top_levels(path) & forbidden
    ]
    assert not offenders, "\n".join(offenders)
