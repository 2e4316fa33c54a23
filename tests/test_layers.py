"""Imports go one way: bots, web -> service -> knowledge -> extractors. A static check over every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["extractors", "knowledge", "service", "bots"]
# Front ends sit side by side above the service: the web app (/ui) and the bots never import each other.
FRONT_ENDS = ["bots", "web"]


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


@pytest.mark.parametrize("package", FRONT_ENDS)
def test_front_ends_sit_beside_each_other(package: str) -> None:
    others = set(FRONT_ENDS) - {package}
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(_imported_top_levels(path) & others)}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if _imported_top_levels(path) & others
    ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("package", ORDER[:-1])
def test_nothing_below_the_front_ends_imports_the_web_app(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / package).rglob("*.py"))
        if "web" in _imported_top_levels(path)
    ]
    assert not offenders, "\n".join(offenders)
