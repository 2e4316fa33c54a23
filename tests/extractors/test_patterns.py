"""Patterns compiled on first use (extractors/patterns.py) behave as compiled ones, and every one in the package
compiles: deferred, a mistake in a pattern would otherwise surface only on the first document that needs it."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import extractors
from extractors.patterns import LazyPattern, lazy
from scripts.lazy_patterns import compiled_at_import

TEXT = "Report date: April 1, 2025. Period: January 1, 2024 to December 31, 2024. ISO/IEC 27001:2022."
SOURCE = r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4})"


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    ours, theirs = lazy(SOURCE), re.compile(SOURCE)
    assert ours.pattern == theirs.pattern
    assert ours.search(TEXT)[0] == theirs.search(TEXT)[0] == "April 1, 2025"  # type: ignore[index]
    assert ours.match(TEXT) is None and theirs.match(TEXT) is None
    assert [m.groupdict() for m in ours.finditer(TEXT)] == [m.groupdict() for m in theirs.finditer(TEXT)]
    assert ours.findall(TEXT) == theirs.findall(TEXT)
    assert ours.sub(r"\g<year>", TEXT) == theirs.sub(r"\g<year>", TEXT)
    assert ours.split(TEXT) == theirs.split(TEXT)
    assert (ours.flags, ours.groups, ours.groupindex) == (theirs.flags, theirs.groups, theirs.groupindex)
    assert lazy("report", re.IGNORECASE).fullmatch("REPORT") is not None


def test_it_compiles_at_the_first_call_and_then_calls_the_compiled_pattern_directly() -> None:
    pattern = lazy(SOURCE + "  # unique to this test")
    assert "search" not in vars(pattern)  # declared: nothing compiled yet
    assert pattern.pattern.startswith("(?P<month>")  # embedding it in another pattern does not compile it either
    pattern.search(TEXT)
    search = vars(pattern)["search"]
    assert isinstance(search.__self__, re.Pattern)  # the compiled pattern's own bound method


def test_a_mistake_surfaces_at_first_use_as_re_error() -> None:
    broken = lazy(r"(unclosed")
    try:
        broken.search(TEXT)
    except re.error as exc:
        assert "missing )" in str(exc)
    else:
        raise AssertionError("a broken pattern searched without complaint")


def _lazy_in(value: object, depth: int = 3) -> list[LazyPattern]:
    """The lazy patterns in a module-level value: itself, or inside the tuples, lists and dicts patterns are kept in."""
    if isinstance(value, LazyPattern):
        return [value]
    if depth and isinstance(value, tuple | list | set | frozenset):
        return [p for item in value for p in _lazy_in(item, depth - 1)]
    if depth and isinstance(value, dict):
        return [p for item in value.values() for p in _lazy_in(item, depth - 1)]
    return []


def test_every_lazy_pattern_in_the_package_compiles() -> None:
    found = 0
    for info in pkgutil.walk_packages(extractors.__path__, "extractors."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for pattern in _lazy_in(value):
                assert isinstance(pattern.compiled(), re.Pattern), f"{info.name}.{name}: {pattern!r}"
                found += 1
    assert found >= 250  # every module-level pattern of the package, kept alone or in a table


def _compiled_at_import(source: str) -> list[int]:
    """Lines of ``re.compile(...)`` calls that run when the module is imported (outside any function): the same
    finder the rewriting script uses, so the test refuses exactly what the script would rewrite."""
    return [line for line, _ in compiled_at_import(source)]


def test_the_readers_compile_no_pattern_at_import() -> None:
    root = Path(extractors.__file__).parent
    eager = {
        path.relative_to(root).as_posix(): lines
        for path in sorted(root.rglob("*.py"))
        if (lines := _compiled_at_import(path.read_text(encoding="utf-8")))
    }
    assert not eager, (
        "declare module-level patterns with extractors.patterns.lazy (scripts/lazy_patterns.py FILE rewrites them): "
        "each one compiled at import is paid by every start of the command line"
    )
    assert _compiled_at_import("import re\nA = re.compile('a')\ndef f():\n    return re.compile('b')\n") == [2]
