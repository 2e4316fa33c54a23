"""The system, services or sites in scope, as the document words them.

A SOC report names its system in its title ("Description of Its Payroll Platform System", "Acme's Contact Center
System"); a letter says "its ... system". A certificate has a scope block after a heading ("Scope of certification:",
"for the following scope of registration:") that runs to the end of its first sentence.
"""

from __future__ import annotations

import re

from ..model import Found, Kind
from ..patterns import lazy
from .sections import read_scope_paragraph
from .text import DocText, fold

_NAME = r"(?P<name>[A-Z][\w&'’-]*(?:[ \n]+(?:[A-Z][\w&'’-]*|and|&|for|of))*?)"
# A report may cover two systems ("Description of its Acme Pay and Acme Ledger Systems"): the name then holds both.
_SOC_PATTERNS = [
    lazy(rf"Description\s+of\s+(?:Its|its|the)\s+{_NAME}[ \n]+Systems?\b"),
    lazy(rf"\b[A-Z][\w-]*[’']s\s+{_NAME}[ \n]+Systems?\b"),
    lazy(rf"\b[A-Z][\w-]*[’']s\s+{_NAME}[ \n]+systems?\b"),
    lazy(rf"\bits\s+{_NAME}[ \n]+systems?\b"),
    lazy(rf"Description\s+of\s+{_NAME}[ \n]+System\b"),
    lazy(rf"Report\s+on\s+the\s+{_NAME}[ \n]+System\b"),
    # A letter: "our most recent SOC 2 examination of the Acme Ledger Platform, performed by ..."
    lazy(
        rf"(?:examination|report|audit)\s+(?:of|on|covering)\s+(?:the|its|our)\s+{_NAME}"
        rf"(?=,|\s+(?:performed|system|was|by)\b)"
    ),
    # A bridge letter: "Ardent & Loewe LLP examined the controls of the Foxhollow Mobile Workforce App and issued ..."
    # "... engaged Ardent & Loewe LLP to examine the controls of the Foxhollow App."
    lazy(rf"examine[ds]?\s+the\s+controls\s+(?:of|over)\s+(?:the|its|our)\s+{_NAME}(?=[,.;]|\s+(?:and|was|by|for)\b)"),
]
_BRIDGED_REPORT = lazy(
    r"(?i:SOC\s*[23]\s+(?:Type\s*(?:2|II|1|I)\s+)?(?:report|examination)\s+(?:of|on|covering)\s+(?:the|its|our)\s+)"
    rf"{_NAME}(?=[.,;]|\s+(?:for|prepared|performed|issued|was|by)\b)"
)
_SCOPE_ROW = lazy(r"^(?:Scope|System|In-scope\s+system)\s*:?[ \t]+(?P<name>[A-Z][^\n.;]{2,80})$", re.M)
_SCOPE_HEADING = lazy(
    r"(?:scope\s+of\s+(?:certification|registration|activities|the\s+certificate)|"
    r"following\s+scope(?:\s+of\s+\w+)?|certified\s+scope|(?:^|/\s*)scope|^for\s+the\s+scope|"
    # German, French, Spanish, Italian, Dutch and Portuguese certificates
    r"geltungsbereich|anwendungsbereich|domaine\s+d['’]application|p[ée]rim[èe]tre(?:\s+de\s+certification)?|"
    r"\balcance(?:\s+de\s+(?:la\s+)?certificaci[óo]n)?|campo\s+(?:di\s+applicazione|applicativo)|"
    r"scopo(?:\s+della\s+certificazione)?|toepassingsgebied|"
    r"(?<!\w)[âa]mbito(?:\s+da\s+certifica[çc][ãa]o)?)\s*:?\s*$",
    re.IGNORECASE | re.M,
)
_STOP = lazy(
    r"^(?:In\s+accordance|Statement\s+of\s+Applicability|Certificate\s+(?:(?:identity|registration)\s+)?(?:No|Number|ID)|"
    r"Registration\s+(?:No|Number)|N[úu]m[ée]ro\b|Registratie|Registrier|Date|Issue|Initial|Original|"
    r"Expir|Valid|Certified\s+locations|This\s+certificate|"
    r"Zertifikat|G[üu]ltig|Ausstellung|Erstzertifizierung|Certificat(?![ei])|Valable|N°|Certificad[oa]\b|Fecha\b|"
    r"V[áa]lid[oa]\b|Certificato\b|Data\s+d[aeio]\b|Certificaat|Geldig|Datum\b)",
    re.IGNORECASE,
)


def read_scope(text: DocText, kind: Kind) -> Found[str] | None:
    pages = text.text_pages()
    if not pages:
        return None
    if kind == "iso_certificate":
        return _certificate_scope(text, pages[:2])
    if kind == "unknown":
        return None
    if kind == "bridge_letter":
        # A bridge letter's key/value table: "Scope  Benefits Operations Hub"; or the report it bridges, named with
        # its system: "our last SOC 2 Type 2 report on the Acme Portal.", "a SOC 2 examination of the Acme Portal for
        # the period ...".
        for n in pages[:2]:
            m = _SCOPE_ROW.search(text.page_text[n]) or _BRIDGED_REPORT.search(text.page_text[n])
            if m:
                return Found(fold(m.group("name")), n, fold(m.group(0)))
    for pattern in _SOC_PATTERNS:
        for n in pages[:3]:
            m = pattern.search(text.page_text[n])
            if m:
                name = fold(m.group("name"))
                if name.lower() in ("the", "its", "description") or len(name) < 3:
                    continue
                return Found(name, n, fold(m.group(0)))
    # No title names the system: the auditor's scope paragraph or management's assertion does ("We have examined
    # Acme's accompanying description of its Payroll system", "the accompanying "Description of Acme, a ...").
    paragraph = read_scope_paragraph(text)
    if paragraph and paragraph.system and len(paragraph.system) >= 3:
        return Found(paragraph.system, paragraph.page, paragraph.quote)
    return None


_STANDARD_LINE = lazy(r"^(?:ISO(?:/IEC)?|IEC|EN|BS)\s*[\d:/ .-]+(?:,?\s*(?:ISO(?:/IEC)?|IEC)\s*[\d:/ .-]+)*$")


def _line_boxes(text: DocText, n: int) -> dict[str, tuple[float, float]]:
    """(top, bottom) of each of page n's visual lines, by its folded text, when the page has a layout (a text layer or
    a scan's OCR'd words): where a paragraph ends is a matter of spacing, which the text does not keep."""
    doc = text.doc
    if doc is None or not doc.data:
        return {}
    boxes: dict[str, tuple[float, float]] = {}
    for row in doc.lines(n):
        key = fold(" ".join(s.text for s in row))
        boxes.setdefault(key, (min(s.top for s in row), max(s.bottom for s in row)))
    return boxes


def _new_paragraph(above: tuple[float, float] | None, below: tuple[float, float] | None) -> bool:
    """Whether the line ``below`` starts a new paragraph after ``above``: a gap taller than most of a line (lines of
    one paragraph lie a fraction of a line apart). Heights vary with the letters a line holds ("customers." has no
    capital), so the taller of the two lines is the measure."""
    if above is None or below is None:
        return False
    return below[0] - above[1] > 0.7 * max(above[1] - above[0], below[1] - below[0])


def _certificate_scope(text: DocText, pages: list[int]) -> Found[str] | None:
    for n in pages:
        lines = text.page_lines[n]
        boxes: dict[str, tuple[float, float]] | None = None
        for i, line in enumerate(lines):
            if not _SCOPE_HEADING.search(line):
                continue
            # Text on the heading's own line after a colon ("Scope: ...") starts the block.
            tail = line.split(":", 1)[1].strip() if ":" in line and not line.rstrip().endswith(":") else ""
            parts = [tail] if tail else []
            for k, nxt in enumerate(lines[i + 1 : i + 10], start=i + 1):
                # The block ends at the next label, also one printed after its translation ("登録番号 /
                # Certificate No."), and at a footer or letterhead line ("Acme Cert Ltd | Leeds").
                if parts and (_STOP.match(nxt) or _STOP.match(nxt.split(" / ", 1)[-1]) or " | " in nxt):
                    break
                if not parts and _STANDARD_LINE.match(nxt):
                    continue  # a standard's designation is no scope (OCR may order it after the scope's heading)
                if parts and k > i + 1:
                    # ... and at the end of its paragraph: the sentence after it ("The sites are listed below."),
                    # or its English translation printed under it.
                    boxes = _line_boxes(text, n) if boxes is None else boxes
                    # A list the scope introduces goes on ("The scope includes:" / "• Platform" / "• APIs").
                    listed = lines[k - 1].rstrip().endswith((":", ",", ";")) or nxt.lstrip()[:1] in "•▪◦●·-–*"
                    if not listed and _new_paragraph(boxes.get(fold(lines[k - 1])), boxes.get(fold(nxt))):
                        break
                parts.append(nxt)
                if nxt.rstrip().endswith(".") or len(" ".join(parts)) > 600:
                    break
            value = fold(" ".join(parts))
            if value:
                return Found(value, n, value)
    return None
