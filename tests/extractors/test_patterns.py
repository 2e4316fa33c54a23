"""Patterns compiled on first use (extractors/patterns.py) behave as compiled ones, and every one in the package
compiles: deferred, a mistake in a pattern would otherwise surface only on the first document that needs it."""

from __future__ import annotations

import importlib
import pkgutil
import re

import extractors
from extractors.patterns import LazyPattern, lazy

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


def test_every_lazy_pattern_in_the_package_compiles() -> None:
    found = 0
    for info in pkgutil.walk_packages(extractors.__path__, "extractors."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                assert isinstance(value.compiled(), re.Pattern), f"{info.name}.{name}"
                found += 1
    assert found >= 30  # classify.py and dates.py declare theirs lazily
