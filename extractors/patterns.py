"""Regular expressions compiled when first used, not when their module is imported.

The readers keep their patterns at module level, named, beside the rule each implements: that is where a reader of
the code looks for them. Compiled at import, they cost every start of the command line: a few hundred patterns,
some of them kilobytes long (every way of printing a date, in seven languages), took about 60 ms, a third of reading
a 2-page certificate as a whole process, and a certificate uses fewer than half of them. ``lazy`` keeps the
declaration where it is and compiles on the first call; from then on the pattern's methods are the compiled
pattern's own, so a search pays nothing for the deferral.

A pattern with a mistake in it now fails on first use instead of at import, so tests/extractors/test_patterns.py
compiles every lazy pattern in the package.
"""

from __future__ import annotations

import re
from typing import Any, cast, overload

# What callers use of a compiled pattern: copied onto the stand-in at the first use.
_COMPILED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "flags", "groups",
             "groupindex")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until first used; ``.pattern`` is there without compiling (other
    patterns embed it)."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> re.Pattern[Any]:
        """Compile now (the ``re`` module's cache makes a second call cheap) and answer from it from now on."""
        compiled = re.compile(self.pattern, self._flags)
        for name in _COMPILED:
            setattr(self, name, getattr(compiled, name))  # two threads may both get here: they set the same values
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for names not yet set on the instance, i.e. before the first use.
        if name.startswith("__") or name not in _COMPILED:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags})"


@overload
def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]: ...
@overload
def lazy(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]: ...


def lazy(pattern: str | bytes, flags: int = 0) -> re.Pattern[str] | re.Pattern[bytes]:
    """``re.compile(pattern, flags)``, compiled at the first search, match, sub, split or find.

    Typed as the pattern it stands for. It is not an instance of ``re.Pattern``: call its methods rather than passing
    it to ``re.search`` and the like.
    """
    return cast("re.Pattern[str] | re.Pattern[bytes]", LazyPattern(pattern, flags))
