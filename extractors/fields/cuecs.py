"""Complementary user entity controls: what the customer must do itself.

They follow a heading "Complementary User Entity Controls" (or "User Entity Responsibilities") as a numbered or
bulleted list, or as a table whose rows start or end with the criteria they serve. A plain text layer often glues
a bullet or the next row's number onto the previous line, so the section is read as flowing text and split where
an item begins: a marker or criteria, then "User entities ..." / "Customers ...", the subject every such control
starts with.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..limits import DocumentError
from ..model import Cuec
from ..patterns import lazy
from .sections import ROLES
from .text import DocText, fold

_HEADING = lazy(
    r"^(?:Complementary\s+User[- ]Entity\s+Controls?(?:\s+\(CUECs?\))?|User\s+Entity\s+Responsibilities|"
    r"Customer\s+(?:Control\s+)?Responsibilities|Complementary\s+User\s+Entity\s+Control\s+Considerations|"
    r"Complementary\s+(?:Customer|Client)\s+Controls?(?:\s+\(CCCs?\))?)\s*:?$",
    re.IGNORECASE,
)
_END = lazy(
    r"^(?:SECTION|Section|Attachment|Appendix|Part)\s+[IVX\dA-Z]+\b|^Complementary\s+Subservice|"
    r"^[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|of|the|for|to|&)){0,6}$"
)
_GROUP = lazy(r"^(?!(?:SECTION|Section|Attachment|Appendix|Part|Complementary)\b)[A-Z][a-z]+(?:\s+\S+){0,5}$")
_MARKER = lazy(r"^(?:[•●▪■◦‣∙·]|\d{1,3}[.)]\s|[a-z][.)]\s|\(\d{1,3}\)\s)")
_NUMBERED_PART = lazy(r"^[IVX]{1,4}\.\s+[A-Z]")
_CRIT = r"(?:CC|PI|A|C|P)\d{1,2}\.\d{1,2}"
_CRIT_LIST = rf"{_CRIT}(?:\s*,\s*{_CRIT})*"
_SUBJECT = (
    r"(?:User\s+entities|User\s+entity|Customers|Clients|User\s+organi[sz]ations|The\s+user\s+entity|"
    r"Each\s+user\s+entity|Subscribers|The\s+customer|Each\s+customer|The\s+client)\s+"
    r"(?:are|is|should|must|have|has|will|need|shall|retain|maintain)\b|"
    r"Controls\s+(?:should|must|are\s+expected\s+to)\s+(?:be\s+)?(?:established|implemented|in\s+place|operat\w*)\s+"
    r"(?:at|by|within)\s+(?:the\s+)?(?:user|customer)"
)
_SUBJECT_WORD = r"(?:User\s+entities|User\s+entity|Customers|Clients|User\s+organi[sz]ations|Subscribers)"
_ITEM = lazy(
    rf"(?:(?<![\w.])(?:\d{{1,3}}[.)]?|[a-z][.)]|\(\d{{1,3}}\))\s+|[•●▪■◦‣∙·–-]\s*)?"
    rf"(?:(?P<crit>{_CRIT_LIST})\s+)?(?P<start>{_SUBJECT})"
    # After a list marker, the subject and any verb: "• Customers disable the accounts of their departing staff".
    rf"|(?:(?<![\w.])(?:\d{{1,3}}[.)]|[a-z][.)]|\(\d{{1,3}}\))\s+|(?<![\w.,])\d{{1,3}}\s+|[•●▪■◦‣∙·]\s*)"
    rf"(?:(?P<crit2>{_CRIT_LIST})\s+)?"
    rf"(?P<start2>{_SUBJECT_WORD}\s+[a-z]\w+\b)"
)
_SENTENCE_END = lazy(r"[.;](?=\s|$)")
_ONLY_CRIT = lazy(rf"^\s*(?P<crit>{_CRIT_LIST})\b")
_TABLE_HEADER = lazy(
    r"#?\s*(?:Criteria\s+)?Complementary\s+User\s+Entity\s+Controls?(?:\s+(?:Related\s+)?Criteria)?", re.IGNORECASE
)


def _crit_list(raw: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in raw.split(",") if c.strip())


def read_cuecs(text: DocText) -> list[Cuec]:
    lines = text.lines
    for i, line in enumerate(lines):
        if _HEADING.match(line.text):
            found = _read_section(text, i + 1)
            if found:
                return found
    return []


def _read_section(text: DocText, start: int) -> list[Cuec]:
    lines = text.lines
    # The section as flowing text, with each line's page remembered by offset.
    chunks: list[tuple[int, int]] = []  # (offset, page)
    parts: list[str] = []
    offset = 0
    window = lines[start : start + 500]
    for k, line in enumerate(window):
        if k > 0 and _END.match(line.text) and not _TABLE_HEADER.fullmatch(line.text) and not _continues(parts):
            if not (_GROUP.match(line.text) and k + 1 < len(window) and _MARKER.match(window[k + 1].text)):
                break
            # A group heading inside the list ("Access Responsibilities" over its bullets): not an item, not the end.
            chunks.append((offset, line.page))
            parts.append("")
            offset += 1
            continue
        if k > 0 and (_NUMBERED_PART.match(line.text) or ROLES["tests"].match(line.text)):
            break  # "IV. Trust Services Criteria and Related Controls": the next part of the report
        chunks.append((offset, line.page))
        parts.append(line.text)
        offset += len(line.text) + 1
        if offset > 20000:
            break
    # Table headers go; the line breaks they held stay, so each line of ``flow`` is still one source line.
    flow = _TABLE_HEADER.sub(lambda m: "\n" * m.group(0).count("\n") or " ", "\n".join(parts))
    page_at = _page_lookup(chunks, flow)
    starts = list(_ITEM.finditer(flow))
    # In a list whose items carry a marker (a bullet, a number, their criteria), a sentence without one is the
    # section's lead-in or closing remark ("User entities are expected to implement the controls listed in this
    # section", "User entities are responsible for determining whether further controls are needed"), not a control.
    marked = [m.start() < (m.start("start") if m.group("start") else m.start("start2")) for m in starts]
    listed = sum(marked) >= 2
    out: list[Cuec] = []
    heads = [fold(flow[m.start("start") if m.group("start") else m.start("start2") :][:200]) for m in starts]
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(flow)
        at = m.start("start") if m.group("start") else m.start("start2")
        body = flow[at:end]
        if not marked[k] and (listed or _ABOUT_LIST.search(body.split(".")[0])) and not _LEAD_IN.search(body):
            continue
        lead = _LEAD_IN.search(body)
        if lead and not _SENTENCE_END.search(body[: lead.start()]):
            # "User entities are responsible for:" then a bulleted list: the lead-in is no control, each bullet is one.
            base = at + lead.end()
            for b in _bullets(body[lead.end() :]):
                value = fold(b[1]).rstrip(" ;.").strip()
                if len(value) >= 20:
                    out.append(Cuec(value, page_at(base + b[0]), value, ()))
            continue
        cut = _SENTENCE_END.search(body)
        value = fold(body[: cut.end()] if cut else body)
        rest = body[cut.end() :] if cut else ""
        crit = m.group("crit") or m.group("crit2")
        criteria = _crit_list(crit) if crit else ()
        if not criteria:
            tail = _ONLY_CRIT.match(rest)
            beside = _beside(text, page_at(at), value, heads)
            following = _crit_list(tail.group("crit")) if tail else ()
            if beside is not None and beside[1]:
                # The cell beside the control's first line, in its row; all of it when its list wraps onto more
                # lines ("CC6.2," / "CC6.3"), which the flowing text has in full after the control.
                wraps = following[: len(beside[1])] == beside[1]
                criteria = following if wraps else beside[1]
            elif tail and not (beside is not None and beside[0]):
                # Criteria after the control's sentence are its own when they sit right of it; with a column left
                # of the control ("CC6.1 – The entity implements ..." | control), they open the next row.
                criteria = _crit_list(tail.group("crit"))
        value = value.rstrip(";").strip()
        if value.endswith(":") or re.search(r"\bthe\s+following\b", value) or len(value) < 20:
            continue
        value = value.rstrip(" •")
        out.append(Cuec(value, page_at(at), value, criteria))
    return out


_ABOUT_LIST = lazy(
    r"\b(?:listed\s+(?:in|below|above)|this\s+section|the\s+(?:list|controls)\s+(?:above|below)|further\s+controls|"
    r"in\s+addition\s+to\s+th)",
    re.IGNORECASE,
)
_LEAD_IN = lazy(r":\s*(?=[•●▪■◦‣∙·]|[-–]\s|\(?[a-z1-9][.)]\s)")
_BULLET = lazy(r"(?:^|\s)(?:[•●▪■◦‣∙·]|[-–](?=\s)|\(?[a-z1-9][.)](?=\s))\s*")


def _bullets(listing: str) -> list[tuple[int, str]]:
    """(offset, text) of each item of a bulleted or lettered list."""
    marks = list(_BULLET.finditer(listing))
    return [
        (mk.end(), listing[mk.end() : marks[k + 1].start() if k + 1 < len(marks) else len(listing)])
        for k, mk in enumerate(marks)
    ]


def _beside(text: DocText, page: int, value: str, heads: list[str]) -> tuple[bool, tuple[str, ...]] | None:
    """In a table, the visual line where the control begins: (whether a cell of text lies left of it, the criteria that
    open the other cells of that line). Cells are set top-aligned, so a row's criteria share its first line. None
    without a layout, when the line is not found, or when it could be another control's (several open with
    "Customers are responsible for": ``heads`` are every control's opening words)."""
    doc = text.doc
    if doc is None:
        return None
    want = fold(value)
    try:
        rows = doc.lines(page)
    except DocumentError:
        raise
    except Exception:  # noqa: BLE001 - the layout is a refinement; the flowing text's reading stands without it
        return None
    starts = [
        (row, seg)
        for row in rows
        for seg in row
        if len(fold(seg.text)) >= 15
        and want.startswith(fold(seg.text)[:60])
        and sum(1 for h in heads if h.startswith(fold(seg.text)[:60])) == 1
    ]
    if len(starts) != 1:
        return None  # not found, or several controls open with the same line ("Customers are responsible for")
    row, seg = starts[0]
    # The cells of its row: runs set at the same height (a rotated watermark can merge a page into one "line" of
    # runs at every height).
    height = max(seg.bottom - seg.top, 1.0)
    others = [s for s in row if s is not seg and abs(s.top - seg.top) < 0.5 * height]
    crit: list[str] = []
    for s in others:
        m = _ONLY_CRIT.match(s.text)
        if m:
            crit.extend(_crit_list(m.group("crit")))
    # A bullet or a row number left of the control is no column of content.
    return any(s.x1 <= seg.x0 and len(s.text.strip()) > 3 for s in others), tuple(crit)


def _continues(parts: list[str]) -> bool:
    """True when the text so far stops mid-sentence, so the next line belongs to it."""
    return bool(parts) and not parts[-1].rstrip().endswith((".", ":", ";")) and not re.search(rf"{_CRIT}$", parts[-1])


def _page_lookup(chunks: list[tuple[int, int]], flow: str) -> Callable[[int], int]:
    # Map positions in ``flow`` back to pages by the line boundaries, which the header substitution keeps.
    boundaries: list[tuple[int, int]] = []
    pos = 0
    flow_lines = flow.split("\n")
    for (_, page), line in zip(chunks, flow_lines, strict=False):
        boundaries.append((pos, page))
        pos += len(line) + 1

    def lookup(at: int) -> int:
        page = boundaries[0][1] if boundaries else 1
        for b, p in boundaries:
            if b > at:
                break
            page = p
        return page

    return lookup
