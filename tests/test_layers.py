"""Imports go one way: cli -> bots, web -> service -> knowledge -> extractors, and no module imports itself back
through others (no circle). A static check over every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each layer's list: the packages at that level; a package may import only its own level and the levels below.
LAYERS = [["extractors"], ["knowledge"], ["service"], ["bots", "web"], ["cli"]]
ORDER = [package for level in LAYERS for package in level]
# Front ends sit side by side above the service: the web app (/ui) and the bots never import each other.
FRONT_ENDS = ["bots", "web"]


def _level(package: str) -> int:
    return next(i for i, level in enumerate(LAYERS) if package in level)


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
    above = {name for level in LAYERS[_level(package) + 1 :] for name in level}
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


@pytest.mark.parametrize("package", ["extractors", "knowledge", "service"])
def test_nothing_below_the_front_ends_imports_the_web_app(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / package).rglob("*.py"))
        if "web" in _imported_top_levels(path)
    ]
    assert not offenders, "\n".join(offenders)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _module_level_nodes(tree: ast.Module) -> list[ast.AST]:
    """The statements that run when the module loads: not function or class bodies, not ``if TYPE_CHECKING``."""
    nodes: list[ast.AST] = []

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            nodes.append(node)
            for child in ("body", "orelse", "finalbody"):
                visit(getattr(node, child, []))
            for handler in getattr(node, "handlers", []):
                visit(handler.body)

    visit(tree.body)
    return nodes


def _imported_modules(path: Path, name: str, known: set[str], module_level_only: bool = False) -> set[str]:
    """The project's modules ``path`` imports, wherever the import statement sits (a function's lazy import is
    still an arrow), resolved to the deepest known module; relative imports are resolved against ``name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _module_level_nodes(tree) if module_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` imports the module pkg.mod when there is one, else a name of pkg
            targets.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names)
    resolved: set[str] = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            resolved.add(target)
    return resolved


def _import_graph(module_level_only: bool = False) -> dict[str, set[str]]:
    paths = {
        _module_name(path): path for package in ORDER for path in sorted((ROOT / package).rglob("*.py"))
    }
    known = set(paths)
    return {name: _imported_modules(path, name, known, module_level_only) for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each one import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    # a package's __init__ re-exporting its own modules is the package's face, not a circle
    return _cycles({name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()})


def test_no_import_circle_between_modules() -> None:
    """No module's imports, lazy ones in functions included, lead back to it: an import inside a function is still
    an arrow, so hiding one there does not break a circle."""
    circles = _circles(_import_graph())
    assert not circles, "\n".join(" <-> ".join(circle) for circle in circles)


def test_no_import_circle_at_import_time() -> None:
    """The imports that run when a module loads (module level, not under TYPE_CHECKING) form no circle at all."""
    circles = _circles(_import_graph(module_level_only=True))
    assert not circles, "\n".join(" <-> ".join(circle) for circle in circles)


def test_the_documents_service_only_parses_and_records() -> None:
    """What follows a parse (signals, alerts, the vendor's answer) and the queue belong to the ingestion use case
    above the domains (service/documents/intake.py); the documents' own modules reach none of them, lazily or not."""
    graph = _import_graph()
    above = ("service.alerts", "service.assessments", "service.portfolio", "service.jobs", "service.jobqueue",
             "service.documents.intake", "service.documents.tasks")
    offenders = [
        f"{name} imports {target}"
        for name in ("service.documents.service", "service.documents.corrections", "service.documents.lookup",
                     "service.documents.extraction", "service.documents.storage", "service.documents.models")
        for target in sorted(graph[name])
        if target.startswith(above)
    ]
    assert not offenders, "\n".join(offenders)


def test_the_circle_check_sees_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Packages whose function-level imports must say why they are lazy. cli/ is lazy by design (each command imports
# what it runs on when it runs; its package docstring says so), so it is not held to a comment per import.
SAYS_WHY_LAZY = ["service", "bots", "web"]
LAZY_MARK = "# lazy:"


def _function_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Import statements inside a function or method body, at any depth."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(tree, False)
    return found


def _unexplained_lazy_imports(source: str) -> list[int]:
    """Line numbers of function-level imports that carry no ``# lazy: why`` comment: on the statement's own lines,
    or in the comment block just above it or above the run of imports it belongs to (blank lines between groups
    of one run allowed)."""
    lines = source.splitlines()
    imports = _function_level_imports(ast.parse(source))
    import_lines = {n for node in imports for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)}
    missing = []
    for node in imports:
        end = node.end_lineno or node.lineno
        explained = any(LAZY_MARK in lines[n - 1] for n in range(node.lineno, end + 1))
        n = node.lineno - 1
        while not explained and n >= 1:
            text = lines[n - 1].strip()
            if text.startswith("#"):
                explained = LAZY_MARK in text
            elif text and n not in import_lines:
                break
            n -= 1
        if not explained:
            missing.append(node.lineno)
    return missing


@pytest.mark.parametrize("package", SAYS_WHY_LAZY)
def test_every_function_level_import_says_why_it_is_lazy(package: str) -> None:
    """An import inside a function is there for start-up speed (or an optional part), never silently: it carries a
    ``# lazy: why`` comment, so a lazy import cannot be used unnoticed to dodge a circle or a layer."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in _unexplained_lazy_imports(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "function-level imports without a '# lazy: why' comment:\n" + "\n".join(offenders)


def test_the_lazy_import_check_tells_an_explained_import_from_a_silent_one() -> None:
    source = '''
import os


def explained_on_its_line():
    import json  # lazy: why
    return json


def explained_above_a_run():
    # lazy: why, for the run below
    import json

    from os import path
    return json, path


def silent():
    x = 1
    import csv
    return csv, x


def after_other_code():
    # lazy: why
    y = 2
    import glob
    return glob, y
'''
    lines = source.splitlines()
    assert [lines[n - 1].strip() for n in _unexplained_lazy_imports(source)] == ["import csv", "import glob"]
