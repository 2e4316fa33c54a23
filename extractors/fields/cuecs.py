"""Complementary user entity controls: what the customer must do itself.

They follow a heading "Complementary User Entity Controls" (or "User Entity Responsibilities") as a numbered or
bulleted list, or as a table whose rows start (or end) with the criteria they serve. Items continue across lines and
pages until the text leaves the list shape.
"""

from __future__ import annotations

import re

from ..model import Cuec
from .text import DocText, Line, fold

_HEADING = re.compile(
    r"^(?:Complementary\s+User[- ]Entity\s+Controls?(?:\s+\(CUECs?\))?|User\s+Entity\s+Responsibilities|"
    r"Customer\s+(?:Control\s+)?Responsibilities)\s*:?$",
    re.IGNORECASE,
)
_CRIT = r"(?:CC|PI|A|C|P)\d{1,2}\.\d{1,2}"
_CRIT_LIST = rf"{_CRIT}(?:\s*,\s*{_CRIT})*"
_ROW_CRIT = re.compile(rf"^(?P<crit>{_CRIT_LIST})\s+(?P<text>\S.*)$")
_MARKER = re.compile(r"^(?:(?:\d{1,3}|[a-z])[.)]|[•●▪■◦‣∙·\-–*]|\(\d{1,3}\))\s+(?P<text>\S.*)$")
_TRAILING_CRIT = re.compile(rf"\s+(?P<crit>{_CRIT_LIST})$")
_TABLE_HEADER = re.compile(r"^(?:Criteria\s+)?Complementary\s+User\s+Entity\s+Control(?:s)?(?:\s+Criteria)?$", re.I)
_ITEM_START = re.compile(r"^(?:User\s+entities|Customers|Clients|The\s+user\s+entity)\b(?!.*:$)")


def _crit_list(raw: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in raw.split(",") if c.strip())


def read_cuecs(text: DocText) -> list[Cuec]:
    lines = text.lines
    for i, line in enumerate(lines):
        if _HEADING.match(line.text):
            found = _read_list(lines, i + 1)
            if found:
                return found
    return []


def _read_list(lines: list[Line], start: int) -> list[Cuec]:
    items: list[tuple[int, list[str], tuple[str, ...]]] = []
    preamble = 0
    for line in lines[start : start + 400]:
        t = line.text
        if _TABLE_HEADER.match(t):
            continue
        row = _ROW_CRIT.match(t)
        marker = _MARKER.match(t)
        if row and (_ITEM_START.match(row.group("text")) or items):
            items.append((line.page, [row.group("text")], _crit_list(row.group("crit"))))
            continue
        if marker:
            items.append((line.page, [marker.group("text")], ()))
            continue
        if _ITEM_START.match(t) and (not items or _ended(items[-1][1])):
            items.append((line.page, [t], ()))
            continue
        if items and not _ended(items[-1][1]):
            items[-1][1].append(t)
            continue
        if items:
            break
        preamble += 1
        if preamble > 8:
            break
    out: list[Cuec] = []
    for page, parts, crit in items:
        value = fold(" ".join(parts))
        m = _TRAILING_CRIT.search(value)
        if m and not crit:
            crit = _crit_list(m.group("crit"))
            value = value[: m.start()].rstrip()
        if len(value) < 15:
            continue
        out.append(Cuec(value, page, value, crit))
    return out


def _ended(parts: list[str]) -> bool:
    last = parts[-1].rstrip()
    return last.endswith((".", ";", ":")) or bool(_TRAILING_CRIT.search(last) and last[-1].isdigit())
