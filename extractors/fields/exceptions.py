"""Exceptions (deviations) found in testing, with the control they belong to, its criteria and management's response.

Control tables differ by auditor: some rows start with the control id and its criteria ("AC-05 CC6.1 ..."), some are
grouped under a criterion heading ("CC8.1 — The entity authorizes ...") with control ids like "CC8.1.1". A result
cell reads "Exception noted. ..." and may carry "Management's Response: ..."; otherwise management answers in its own
section ("Management's Responses to Exceptions"), by control id. Reading the line stream (headers and footers removed)
keeps a row that breaks across pages together.
"""

from __future__ import annotations

import re

from ..layout import Segment
from ..model import DocumentError, ExceptionRow
from ..patterns import lazy
from .sections import Sections, toc_pages
from .text import DocText, Line, fold

_I = re.IGNORECASE

_CRIT = r"(?:CC|PI|A|C|P)\d{1,2}\.\d{1,2}"
_EXC_MID = lazy(r"(?<=[.;:]\s)(?:Exceptions?|Deviations?)\s+(?:noted|identified|found)\b", _I)
_EXC_START = lazy(r"^(?:Exceptions?|Deviations?)\s+(?:noted|identified|found)\b", _I)
_ROW_START = lazy(
    rf"^(?P<id>[A-Z]{{1,6}}\d?\s?-\s?\d{{1,3}}(?:\.\d{{1,3}})*|[A-Z]{{2,6}}\.\d{{2,4}}|{_CRIT}[.-]\d{{1,3}}|"
    # "C014": a letter or two and a zero-padded number
    r"[A-Z]{1,2}0\d{2,3})"
    rf"(?=\s|$)(?!\s*[—–:])(?P<rest>.*)$"
)
_ROW_CRIT = lazy(rf"^\s*(?P<crit>{_CRIT}(?:\s*,\s*{_CRIT})*)(?P<comma>\s*,)?")
# A criterion heading: its id, then its text after a dash or colon, or without either when the text is the
# criterion's own wording, which in the Trust Services Criteria speaks of "the entity" within its first words
# ("CC7.3 The entity evaluates ...", "CC7.1 To meet its objectives, the entity uses ...").
_CRIT_HEADING = lazy(rf"^(?P<crit>{_CRIT})(?:\s*[—–:-]\s+\S|\s+(?:[\w,]+\s+){{0,5}}?[Tt]he\s+entity\b)")
_GROUP_HEADING = lazy(rf"^(?:CC|PI|A|C|P)\d{{1,2}}\s*[:—–]\s+\S|^{_CRIT}\s*$")
_TABLE_HEADER = lazy(
    r"^(?:Ref\.?|Control\s*(?:#|No\.?|ID|Number)|Criteria|Trust\s+Criteria|Test\s+Result)(?!\w).*(?:Control|Test|Result)",
    _I,
)
_NO_EXC = lazy(r"^No\s+(?:exceptions?|deviations?)\s+(?:were\s+)?(?:noted|identified)", _I)
_RESP_START = lazy(
    r"^(?:Management[’']?s?\s+(?:Response|Comments?)|Response\s+from\s+management|Management\s+response)\s*:\s*"
    r"(?P<rest>.*)$|^Management[’']s(?:\s+Response)?$",
    _I,
)
_HEADING = lazy(r"^[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|of|&)){0,5}$")
_RESP_SECTION = lazy(
    r"^Management[’']?s?\s+Responses?\s+to\s+(?:Testing\s+)?(?:Exceptions|Deviations)|"
    r"^(?:Testing\s+)?(?:Exceptions|Deviations)\s+and\s+Management[’']?s?\s+Responses?",
    _I,
)
_SECTION = lazy(r"^Section\s+[IVX\d]+\b|^[IVX]{1,4}\.\s+[A-Z]", _I)
_RESP_INLINE = lazy(
    r"(?<=[.;])\s+(?:Management[’']?s?\s+(?:Response|Comments?)|Response\s+from\s+management)\s*:\s*", _I
)
# A header cell of a tests table: a few capitalized words ("Test Performed", "Management", "ID", "Control #").
_HEADER_CELL = lazy(r"(?:[A-Z#][\w’'/&#.-]*)(?:\s+(?:[A-Z#][\w’'/&#.-]*|of|by|the|and)){0,3}")
# A tests table whose header gives management's response a column after the results ("Results  Management Response").
_RESP_COLUMN = lazy(
    r"\b(?:Results?|Exceptions?|Deviations?)(?:\s+of\s+Tests?(?:ing)?)?(?:\s+Noted)?\s+Management[’']?s?\s+Respons", _I
)
_AZ_ID = lazy(r"^(?P<id>[A-Z]{1,6}\s?-\s?\d{1,3})\s*:$")
# A results cell that reports no deviation under a heading that names them: "Exceptions noted: None", "Deviations
# identified: N/A", "Exceptions found – 0".
_NONE_AFTER = lazy(
    r"^\s*[:.\-–—]?\s*(?:(?:none|n/?a|nil|not\s+applicable|0|zero|no|[-–—])\s*\.?\s*$|none\b)", _I
)
# A results cell wrapped right after its negation ("No" / "exceptions noted."): the line before the phrase ends with
# the word that negates it.
_NEGATION_END = lazy(r"(?:^|[\s.;:])(?:No|Zero|0)\s*$", _I)
_SPLIT_WORD = lazy(r"^(?:Exceptions?|Deviations?)$", _I)
_SPLIT_REST = lazy(r"^(?:noted|identified|found)\b", _I)
# A sentence about exceptions in general, as the auditor's report and the introduction to the tests print it
# ("Deviations identified within the Testing Matrices are not necessarily weaknesses ...", "exceptions noted, if
# any, are ..."): never a result.
_GENERIC = lazy(
    r"\bif\s+any\b|not\s+necessarily|\bthe\s+phrase\b|(?:is|are)\s+(?:noted|described|indicated|presented|listed)\s+"
    r"(?:by|in|as|within)\b|\bwould\b|\bmay\s+(?:be|have)\b|\bsuch\s+as\b|\bany\s+(?:exceptions|deviations)\b|"
    r"\bthe\s+(?:testing\s+matri|test\s+result\s+column|results?\s+column)",
    _I,
)
# More rows than any report reports deviations for: the reader took a column of the table for results.
MAX_PLAUSIBLE = 40


def _stop(t: str) -> bool:
    return bool(
        _ROW_START.match(t)
        or _CRIT_HEADING.match(t)
        or _GROUP_HEADING.match(t)
        or _TABLE_HEADER.match(t)
        or _NO_EXC.match(t)
        or _EXC_START.match(t)
        or _SECTION.match(t)
        or _RESP_SECTION.match(t)
    )


def _control_for(lines: list[Line], i: int) -> tuple[str | None, tuple[str, ...]]:
    control: str | None = None
    criteria: tuple[str, ...] = ()
    for j in range(i - 1, max(-1, i - 80), -1):
        t = lines[j].text
        if control is None:
            m = _ROW_START.match(t)
            if m and not (re.fullmatch(_CRIT, m.group("id")) and not m.group("rest").strip()):
                control = re.sub(r"\s*-\s*", "-", m.group("id"))
                c = _ROW_CRIT.match(m.group("rest"))
                if c:
                    found = [x.strip() for x in c.group("crit").split(",")]
                    k = j + 1
                    while c and c.group("comma") and k < len(lines):
                        c = _ROW_CRIT.match(lines[k].text)
                        if c:
                            found += [x.strip() for x in c.group("crit").split(",")]
                        k += 1
                    return control, tuple(found)
                continue
        h = _CRIT_HEADING.match(t)
        if h:
            criteria = (h.group("crit"),)
            if control is None:
                return None, criteria
            return control, criteria
    if control and not criteria:
        m = re.match(rf"^({_CRIT})[.-]\d+$", control)  # "CC8.1.2", "CC8.1-23": the id names its criterion
        if m:
            criteria = (m.group(1),)
    return control, criteria


def _response_at(lines: list[Line], j: int) -> str | None:
    """The text from a response label on, also when a narrow cell wrapped the label ("Response from" /
    "management: ...")."""
    t = lines[j].text
    if _RESP_START.match(t):
        return t
    if len(t.split()) <= 3 and j + 1 < len(lines) and _RESP_START.match(f"{t} {lines[j + 1].text}"):
        return f"{t} {lines[j + 1].text}"
    return None


_SMALL = frozenset("a an and as at by for in of on or the to its with from v1 v2 v3 v4".split())


def _title_line(t: str) -> bool:
    """A heading's line ("CSA Cloud Controls Matrix v4 Criteria Mapped to Controls", "HIPAA Security Rule
    Requirements"): a few words, nearly all capitalized, no closing punctuation. After a results cell's last sentence
    it starts the next part of the page, not more of the cell."""
    if len(t) > 90 or t.rstrip()[-1:] in ".,;:":
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", t) if w.casefold() not in _SMALL]
    return len(words) >= 3 and sum(1 for w in words if w[0].isupper()) >= 0.85 * len(words)


def _collect(lines: list[Line], start: int, limit: int = 30) -> tuple[list[str], int]:
    parts: list[str] = []
    j = start
    while j < len(lines) and j < start + limit:
        t = lines[j].text
        if parts and (_stop(t) or _response_at(lines, j)):
            break
        if parts and parts[-1].rstrip().endswith(".") and (_HEADING.match(t) or _title_line(t)):
            break  # the next group of controls ("System Operations"), or a heading after the table
        parts.append(t)
        j += 1
    return parts, j


def _guarded_cell(text: DocText, page: int, first: str, nth: int = 0, *, next_column: bool = False) -> str | None:
    try:
        return _cell_by_column(text, page, first, nth, next_column=next_column)
    except DocumentError:
        raise
    except Exception:  # noqa: BLE001 - the layout is a refinement; the line stream's reading stands without it
        return None


def _starts_row(row: list[Segment], left: float) -> bool:
    """A visual line that opens a new row or group of the table: its first cell lies left of the result column and
    holds a control id or a criterion heading."""
    first = row[0]
    return first.x0 < left - 20 and bool(_stop(" ".join(s.text for s in row)))


def _cell_by_column(text: DocText, page: int, first: str, nth: int = 0, *, next_column: bool = False) -> str | None:
    """The results cell that starts with ``first`` on ``page`` (its ``nth`` such cell there), read down its column
    to the next row, and on from the top of the next page when the row breaks there (repeated table headers, running
    headers and footers skipped). With ``next_column``, the cell right of it in the same row instead."""
    doc = text.doc
    if doc is None:
        return None
    rows = doc.lines(page)
    whole = fold(first)
    key = whole[:12]
    starts = [(r, s) for r, row in enumerate(rows) for s in row if s.text.startswith(key)]
    # Several results cells open alike ("Exception noted: ..."): the one whose first line is this one.
    same = [(r, s) for r, s in starts if s.text == whole]
    exact = [(r, s) for r, s in starts if whole.startswith(s.text) or s.text.startswith(whole)]
    starts = same if len(same) > nth else exact or starts
    if len(starts) <= nth:
        return None
    r0, seg0 = starts[nth]
    if next_column:
        seg0 = min((s for s in rows[r0] if s.x0 > seg0.x1 + 1), key=lambda s: s.x0, default=None)  # type: ignore[assignment]
        if seg0 is None:
            return None
    left = seg0.x0 - 3
    # The next column's left edge; its lines start a point or two apart, so the bound leaves that much room.
    right = min((s.x0 for s in rows[r0] if s.x0 > seg0.x1 + 1), default=float("inf")) - 3
    parts = [" ".join(s.text for s in rows[r0] if left <= s.x0 < right)]

    def take(rows_: list[list[Segment]], begin: int, top: bool = False) -> bool:
        """Add the column's text from rows_[begin:]; True when the next row was reached. At the ``top`` of a page
        the table's repeated header rows ("Control | ... | Results | Management" / "ID | Response") are skipped."""
        for row in rows_[begin:]:
            joined = " ".join(s.text for s in row)
            if _is_chrome(joined, text.dropped) or _TABLE_HEADER.match(joined):
                continue
            if top and all(_HEADER_CELL.fullmatch(s.text) for s in row):
                continue
            top = False
            if _starts_row(row, left):
                return True
            parts.extend(s.text for s in row if left <= s.x0 < right)
        return False

    if not take(rows, r0 + 1) and page + 1 in text.page_lines:
        take(doc.lines(page + 1), 0, top=True)
    return fold(" ".join(p for p in parts if p))


def _is_chrome(line: str, dropped: frozenset[str]) -> bool:
    shape = re.sub(r"\d+", "#", line.casefold())
    return shape in dropped or (shape.endswith(" #") and shape[:-2].rstrip() in dropped) or bool(
        re.fullmatch(r"[#\W]*", shape)
    )


def _line_index(text: DocText, where: tuple[int, int]) -> int:
    """The index in ``text.lines`` of (page, line index on that page)."""
    page, idx = where
    return sum(len(text.page_lines[n]) for n in text.page_numbers if n < page) + idx


def _report_lines(text: DocText, sections: Sections | None) -> range | None:
    """The lines of the auditor's report, whose paragraphs speak of exceptions without reporting any."""
    if sections is None or "auditor_report" not in sections.starts:
        return None
    start = _line_index(text, sections.starts["auditor_report"])
    later = [_line_index(text, w) for r, w in sections.starts.items() if r != "auditor_report"]
    later = [x for x in later if x > start]
    return range(start, min(later)) if later else None


# The last part of many reports: "Section V: Other Information Provided by Acme" (also "... Provided by Management",
# "Other Information Not Covered by the Service Auditor's Report"). Management writes it and the auditor's opinion
# does not cover it (AT-C 205's "other information"); it may restate exceptions with management's responses, which
# answer the auditor's findings but are no findings of their own.
_OTHER_INFO = lazy(
    r"^(?:(?:section|part)\s+(?:[ivx]+|\d+)\b\s*[:.–—-]?\s*|(?:[ivx]+|\d+)[.)]\s+)?"
    r"other\s+information\s+(?:(?:provided|prepared|presented|furnished)\s+by|not\s+covered\s+by)\b"
    r"(?!.*\b(?:is|are|was|has|have)\s)[^.]{0,80}$",
    _I,
)


def _other_information_start(text: DocText, sections: Sections | None) -> int | None:
    """The first line of the "Other Information Provided by ..." part, found by its heading after the tests of
    controls begin (the auditor's report and the contents name it too, in a sentence or a contents line)."""
    lines = text.lines
    after = 0
    if sections is not None and sections.has("tests"):
        after = _line_index(text, sections.starts["tests"])
    elif sections is not None and sections.has("auditor_report"):
        after = _line_index(text, sections.starts["auditor_report"]) + 1
    contents = toc_pages(text)
    for i in range(after, len(lines)):
        t = lines[i].text
        if lines[i].page in contents or len(t) > 140 or not _OTHER_INFO.match(t):
            continue
        if t[:1].islower() or t.rstrip().endswith((",", "”", '"')):
            continue  # a wrapped sentence, not a heading
        return i
    return None


def read_exceptions(text: DocText, sections: Sections | None = None) -> list[ExceptionRow]:
    """Deviations reported in the results of the tests of controls, each with its control, criteria and response.

    With the report's sections known, the auditor's report is skipped: its paragraphs speak of exceptions in
    general. A results cell that says none ("Exceptions noted: None") and a sentence about exceptions in general
    are not exceptions."""
    lines = text.lines
    skip = _report_lines(text, sections)
    other_info = _other_information_start(text, sections)
    out: list[ExceptionRow] = []
    for i, line in enumerate(lines):
        at = 0
        if skip is not None and i in skip:
            continue
        if other_info is not None and i >= other_info:
            break  # management's other information: its restated exceptions are read for their responses only
        head = _EXC_START.match(line.text)
        split = i + 1 < len(lines) and _SPLIT_WORD.match(line.text) and _SPLIT_REST.match(lines[i + 1].text)
        if head is None and split:
            # A narrow results column broke the phrase: "Deviation" / "noted: the blocking policy ...".
            head = _SPLIT_WORD.match(line.text)
            rest = lines[i + 1].text[_SPLIT_REST.match(lines[i + 1].text).end() :]  # type: ignore[union-attr]
            if _NONE_AFTER.match(rest):
                continue
        elif head is None:
            # A result cell glued to the test text before it: "Inspected the report. Deviation noted. Of 25 ..."
            mid = _EXC_MID.search(line.text)
            if mid is None:
                continue
            at = mid.start()
            head = _EXC_START.match(line.text[at:])
            rest = line.text[at + head.end() :] if head else ""
        else:
            rest = line.text[head.end() :]
        if (
            at == 0
            and i > 0
            and _NEGATION_END.search(lines[i - 1].text)
            and (line.text[:1].islower() or not rest.strip(" .:;"))
        ):
            continue  # "... Inspected a sample. No" / "exceptions noted.": a narrow cell wrapped the negation
        # "Deviation noted: no" / "ticket was raised ...": a narrow cell wrapped after "no".
        wraps = i + 1 < len(lines) and bool(re.match(r"^[a-z]", lines[i + 1].text))
        if (_NONE_AFTER.match(rest) and not (wraps and re.search(r"\bno\s*$", rest, _I))) or (
            not rest.strip(" :.") and i + 1 < len(lines) and re.match(r"^(?:none|n/?a|nil)\.?$", lines[i + 1].text, _I)
        ):
            continue
        # A glued result may share its line with the row's control id ("CC6.7.1 Customer data ... Exception noted"):
        # then the search for the id starts on that line.
        control, criteria = _control_for(lines, i + 1 if at else i)
        parts, j = _collect(lines, i)
        parts[0] = parts[0][at:]
        if len(parts) > 1 and _AZ_ID.match(parts[1]) if len(parts) > 1 else False:
            control = re.sub(r"\s*-\s*", "-", _AZ_ID.match(parts[1]).group("id"))  # type: ignore[union-attr]
        value = fold(" ".join(parts))
        # Results cells that open alike ("Exception noted: one" / "vendor was ..." and "Exception noted: one" /
        # "customer's data ..."): this one is the n-th such line on its page.
        nth = sum(1 for k in range(i) if lines[k].page == line.page and lines[k].text == line.text)
        if text.doc is not None and any(lines[k].page != line.page for k in range(i, min(j + 1, len(lines)))):
            # The row breaks across pages: the text layer interleaves the columns' continuations, so the result
            # cell is read by its column on both pages.
            cell = _guarded_cell(text, line.page, parts[0], nth)
            if cell and cell.startswith(fold(parts[0])[:12]):
                value = cell
                # The row's response ("Management's Response: ...") comes after the interleaved continuations.
                for k in range(j, min(len(lines), j + 40)):
                    if _response_at(lines, k):
                        j = k
                        break
                    if _ROW_START.match(lines[k].text) or _SECTION.match(lines[k].text):
                        break
        if _GENERIC.search(value.split(". ")[0]) and control is None:
            continue
        response = None
        inline = _RESP_INLINE.search(value)
        if inline is not None:
            # The response's label wrapped into the middle of a line of the results cell ("... the period.
            # Management's" / "Response: Management has ..."): the exception ends where it begins.
            value, response = value[: inline.start()].rstrip(), value[inline.end() :].strip() or None
        label = _response_at(lines, j) if j < len(lines) and response is None else None
        if label is None and response is None and _RESP_COLUMN.search(fold(text.page_text.get(line.page, ""))):
            # Management's response in a column of its own, right of the results: the text layer runs the two cells
            # together, so the results cell is read by its column and what follows it is the response.
            cell = _guarded_cell(text, line.page, parts[0], nth)
            beside = _guarded_cell(text, line.page, parts[0], nth, next_column=True)
            if cell and beside and value.startswith(cell):
                value = cell
                if not re.fullmatch(r"(?:N/?A|None|Not\s+applicable|[-–—])\.?", beside, _I):
                    response = beside
        if label is not None:
            resp_parts, _ = _collect(lines, j)
            if label != lines[j].text:  # the wrapped label's two lines
                resp_parts = [label, *resp_parts[2:]]
            response = (
                re.sub(
                    r"^(?:Management[’']?s?\s+(?:Response|Comments?)|Response\s+from\s+management|"
                    r"Management\s+response)\s*:\s*",
                    "",
                    fold(" ".join(resp_parts)),
                    flags=_I,
                )
                or None
            )
        row = ExceptionRow(value, line.page, value, control, criteria, response)
        # A deviation is often repeated under every criterion its control maps to, and again in a summary: keep it
        # once, in its fullest form.
        key = _core(value)[:40].casefold()
        same = next(
            (k for k, o in enumerate(out) if o.control == control and _core(o.value)[:40].casefold() == key), None
        )
        if same is None:
            out.append(row)
            continue
        keep = out[same]
        # The first occurrence is the test result; a later one replaces its wording only where it completes it (a
        # cell cut by a page break), and lends a management response if the first had none.
        extends = (
            not keep.value.rstrip().endswith(".")
            and _core(value).startswith(_core(keep.value))
            and len(value) > len(keep.value)
        )
        out[same] = ExceptionRow(
            row.value if extends else keep.value,
            row.page if extends else keep.page,
            row.quote if extends else keep.quote,
            control,
            keep.criteria or criteria,
            keep.management_response or response,
        )
    if any(e.management_response is None for e in out):
        out = _responses_from_section(text, out)
    return out


def _core(value: str) -> str:
    """An exception's wording without its "Exception noted." lead, to recognise it when it is quoted again."""
    core = re.sub(r"^(?:Exceptions?|Deviations?)\s+(?:noted|identified|found)\s*[.:]?\s*", "", value, flags=_I)
    return re.sub(r"^[A-Z]{1,6}\d?\s?[-.]\s?\d{1,4}(?:\.\d+)*\s*:\s*", "", core)


def _responses_from_section(text: DocText, rows: list[ExceptionRow]) -> list[ExceptionRow]:
    lines = text.lines
    start = next((i for i, ln in enumerate(lines) if _RESP_SECTION.match(ln.text)), None)
    if start is None:
        return rows
    by_control: dict[str, str] = {}
    i = start + 1
    while i < len(lines) and i < start + 400:
        m = _ROW_START.match(re.sub(r"^Control\s+", "", lines[i].text))
        if m:
            parts = [m.group("rest")]
            k = i + 1
            while (
                k < len(lines)
                and not _ROW_START.match(re.sub(r"^Control\s+", "", lines[k].text))
                and not _SECTION.match(lines[k].text)
            ):
                if re.match(r"^[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,4}$", lines[k].text) and parts[-1].rstrip().endswith(
                    "."
                ):
                    break  # a heading after the table
                parts.append(lines[k].text)
                k += 1
            by_control[re.sub(r"\s*-\s*", "-", m.group("id"))] = fold(" ".join(parts))
            i = k
            continue
        i += 1
    out = []
    for row in rows:
        resp = row.management_response
        cell = by_control.get(row.control or "")
        if resp is None and cell:
            if cell.startswith(row.value):
                resp = cell[len(row.value) :].strip() or None
            elif _core(row.value)[:40] not in cell:
                resp = cell  # the section's row holds only the response
            else:
                resp = _after_exception(cell, _core(row.value))
        if resp:
            resp = _RESP_LABEL.sub("", resp).strip() or None
        out.append(ExceptionRow(row.value, row.page, row.quote, row.control, row.criteria, resp))
    return out


_RESP_LABEL = lazy(
    r"^(?:Management[’']?s?\s+(?:Response|Comments?)|Response\s+from\s+management|Management\s+response)\s*:\s*", _I
)


def _after_exception(cell: str, core: str) -> str | None:
    """The response in a row that repeats the exception: what follows the exception's own words, from the next
    sentence on; else a sentence starting with "Management"."""
    at = cell.find(core[:40])
    matched = 0
    while at >= 0 and matched < len(core) and at + matched < len(cell) and cell[at + matched] == core[matched]:
        matched += 1
    if at >= 0 and matched >= 0.8 * len(core):
        rest = cell[at + matched :]
        if matched == len(core) and core.rstrip().endswith("."):
            tail = rest  # the exception's words end a sentence: the response starts right after them
        else:
            nxt = re.search(r"(?<=[.;])\s+(?=[A-Z])", rest)
            tail = rest[nxt.end() :] if nxt else ""
        if tail.strip():
            return tail.strip()
    m = re.search(r"(?:(?<=[.;])\s+|^)(Management\b.*)$", cell)
    return m.group(1) if m else None
