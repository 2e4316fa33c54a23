"""The document as the field readers see it: cleaned lines per page, running headers and footers removed.

Every report repeats its running header ("Acme, Inc. SOC 2 Type 2 Report") and footer ("Confidential ... Page 7 of
30") on each page. Left in, they split a table row or a list item that continues on the next page and they look like
organization names to the party readers. They are found by repetition, not by wording, so any layout works.

Also here: where the sentence around a match begins and ends (``sentence_around``), which every reader quotes.
What an organisation's name looks like is ``org_names``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..document import Document
from ..patterns import lazy

_SPACES = lazy(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_DIGITS = lazy(r"\d+")
_WS = lazy(r"\s+")


def fold(text: str) -> str:
    """Collapse every run of whitespace to one space: how quotes are compared."""
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Line:
    page: int  # 1-based
    text: str


@dataclass
class DocText:
    """Cleaned text of a document. ``page_text[n]`` is page n's lines joined by newlines (1-based)."""

    page_lines: dict[int, list[str]]
    raw_lines: dict[int, list[str]] = field(default_factory=dict)
    doc: Document | None = None  # for the layout, when a reader needs reading order
    dropped: frozenset[str] = frozenset()  # shapes of the running headers and footers removed

    def reading_page(self, n: int) -> str:
        """Page n in reading order when part of it is set in two columns (left column, then right), else
        ``page_text[n]``. Costs a layout pass, so readers ask only for pages they have a reason to read closely."""
        if self.doc is None or n not in self.page_lines:
            return self.page_text.get(n, "")
        page = self.doc.page(n)
        ordered = self.doc.reading_text(n)
        if ordered is page.text:
            return self.page_text[n]
        lines = [t for t in (_normalize_line(t) for t in ordered.split("\n")) if t]
        return "\n".join(_without_edges(lines, self.dropped))

    @cached_property
    def page_text(self) -> dict[int, str]:
        return {n: "\n".join(lines) for n, lines in self.page_lines.items()}

    @cached_property
    def lines(self) -> list[Line]:
        return [Line(n, t) for n in sorted(self.page_lines) for t in self.page_lines[n]]

    @property
    def page_numbers(self) -> list[int]:
        return sorted(self.page_lines)

    def text_pages(self) -> list[int]:
        """Pages that have any text, in order."""
        return [n for n in self.page_numbers if self.page_lines[n]]

    def first_pages(self, count: int) -> list[int]:
        return self.text_pages()[:count]


def _normalize_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.casefold())


def build(doc: Document) -> DocText:
    """Split pages into lines and drop lines that repeat at the top or bottom of most pages."""
    raw: dict[int, list[str]] = {}
    for page in doc.pages:
        lines = [_normalize_line(t) for t in page.text.split("\n")]
        raw[page.number] = [t for t in lines if t]
    with_text = [n for n, ls in raw.items() if ls]
    drop: set[str] = set()
    if len(with_text) >= 4:
        counts: Counter[str] = Counter()
        for n in with_text:
            ls = raw[n]
            edge = {_shape(t) for t in ls[:2] + ls[-2:]}
            counts.update(edge)
        threshold = max(3, int(len(with_text) * 0.4))
        drop = {shape for shape, c in counts.items() if c >= threshold and not re.fullmatch(r"[#\W]*", shape)}
        # A bare page number ("12") also repeats in shape; drop it too.
        drop |= {shape for shape, c in counts.items() if c >= threshold and re.fullmatch(r"#", shape)}
    cleaned = {n: _without_edges(ls, drop) if drop else ls for n, ls in raw.items()}
    return DocText(cleaned, raw, doc, frozenset(drop))


def _without_edges(lines: list[str], drop: set[str] | frozenset[str]) -> list[str]:
    """The lines without the running headers and footers among the first and last two."""
    return [t for i, t in enumerate(lines) if not ((i < 2 or i >= len(lines) - 2) and _is_edge(_shape(t), drop))]


def _is_edge(shape: str, drop: set[str] | frozenset[str]) -> bool:
    """A running header or footer; also one that a page printed with its number on the same line ("Acme –
    Restricted Use 10" where the other pages put "10" on a line of its own)."""
    return shape in drop or (shape.endswith(" #") and shape[:-2].rstrip() in drop)


_HEADING_LINE = lazy(
    r"^(?:Section\s+[IVX\d]+\b.*|[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|and|of|the|for|to|in|&|:)){0,8}:?)$"
)
_SENTENCE_END = lazy(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"(•])")


# Abbreviations that never end a sentence, and names' abbreviations ("Inc.", "P.C.") that end one only when a
# new sentence follows rather than an aside in parentheses.
_NEVER_FINAL = lazy(r"\b(?:No|Nos|Mr|Mrs|Ms|Dr|St|vs|approx|Fig|Vol|e\.g|i\.e|cf)\.$")
_SUFFIX_NEXT = lazy(r"(?:LLP|LLC|L\.L\.C|Inc\b|Ltd\b|Limited|PLC|plc|GmbH|P\.C\.|PLLC|Pty)")
_NAME_ABBREVIATION = lazy(r"(?:\b(?:Inc|Corp|Co|Ltd|Bros|Jr|Sr)|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$")


def _sentence_ends(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """Sentence ends in text[start:stop], skipping the full stop of an abbreviation ("Inc.", "P.C.", "U.S.")."""
    for m in _SENTENCE_END.finditer(text, start, stop):
        if _NEVER_FINAL.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _SUFFIX_NEXT.match(text, m.end()) and _NAME_ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Stavros Lindahl & Co. LLP": a legal form follows the abbreviation, the name goes on
        if text[m.end() : m.end() + 1] == "(" and _NAME_ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
            continue
        yield m


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding text[start:end]; sentences end at ". " before a capital or at a bullet."""
    left = 0
    for m in _sentence_ends(text, 0, start):
        left = m.end()
    bullet = max(text.rfind("•", left, start), text.rfind("\n\n", left, start))
    if bullet >= 0:
        left = bullet + 1
    # A heading line ("Section III: Description of the System") ends where the sentence after it starts.
    line_end = text.rfind("\n", left, start)
    while line_end >= 0:
        line_start = text.rfind("\n", left, line_end) + 1
        if _HEADING_LINE.match(text[line_start:line_end]):
            left = line_end + 1
            break
        line_end = text.rfind("\n", left, line_start - 1) if line_start - 1 > left else -1
    stop = next(_sentence_ends(text, end, len(text)), None)
    right = stop.start() + (1 if text[stop.start()] in '"”’)' else 0) if stop else len(text)
    nxt = text.find("•", end, right)
    if nxt >= 0:
        right = nxt
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right

