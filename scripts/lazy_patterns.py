"""Declare module-level patterns with ``extractors.patterns.lazy``: ``python scripts/lazy_patterns.py FILE...``.

Rewrites every ``re.compile(`` that runs at import (outside any function) into ``lazy(`` and adds the import, so
the pattern is compiled at its first use instead of at every start of the command line. Patterns compiled inside
functions are left alone. Used for the field readers once the parallel work on them had landed (issue 10); after it,
take the converted files off ``PENDING`` in tests/extractors/test_patterns.py and run ruff, mypy and the tests.
Prints each file changed and how many calls.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

_RELATIVE_IMPORT = re.compile(r"^from \.[\w.]* import (?:\([^)]*\)|.*)\n", re.M)


def compiled_at_import(source: str) -> list[tuple[int, int]]:
    """(line, column) of each ``re.compile(`` call that runs when the module is imported."""
    found: list[tuple[int, int]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if (
                not inside
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "compile"
                and isinstance(child.func.value, ast.Name)
                and child.func.value.id == "re"
            ):
                found.append((child.lineno, child.col_offset))
            visit(child, inside)

    visit(ast.parse(source), False)
    return found


def convert(path: Path) -> int:
    """Rewrite ``path`` in place; the number of calls converted."""
    source = path.read_text(encoding="utf-8")
    spots = compiled_at_import(source)
    if not spots:
        return 0
    lines = source.splitlines(keepends=True)
    for lineno, col in sorted(spots, reverse=True):
        line = lines[lineno - 1]
        if line[col : col + len("re.compile(")] != "re.compile(":
            raise SystemExit(f"{path}:{lineno}: not a plain re.compile( call; convert it by hand")
        lines[lineno - 1] = line[:col] + "lazy(" + line[col + len("re.compile(") :]
    source = "".join(lines)
    depth = len(path.resolve().relative_to(_package_root(path)).parts) - 1
    statement = f"from {'.' * (depth + 1)}patterns import lazy\n"
    imports = list(_RELATIVE_IMPORT.finditer(source))
    at = imports[-1].end() if imports else list(re.finditer(r"^(?:import|from) .*\n", source, re.M))[-1].end()
    path.write_text(source[:at] + statement + source[at:], encoding="utf-8")
    return len(spots)


def _package_root(path: Path) -> Path:
    """The ``extractors`` package folder that holds ``path``."""
    for parent in path.resolve().parents:
        if parent.name == "extractors":
            return parent
    raise SystemExit(f"{path}: not inside the extractors package")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        count = convert(Path(name))
        if count:
            print(f"{name}: {count}")
