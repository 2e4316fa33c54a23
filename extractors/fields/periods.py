"""When: the period a report covers, the date the auditor signed it, and a certificate's issue, original and expiry
dates.

A SOC report states its period on the cover ("For the Period ...") and again in the opinion; the report date is the
date under the auditor's signature, after the opinion paragraph. A bridge letter names several periods (the last
report's, the next one's, its own) and covers the one that ends by the letter's date. Certificates label each date
("Expiry date", "Valid until", "Initial registration"); a few print a row of bare dates, which are then ordered:
original certification, issue, expiry.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..dates import AS_OF_RE, DATE_PATTERN, find_dates, find_periods
from ..model import Found, Kind
from ..patterns import lazy
from .text import DocText, fold, sentence_around

_I = re.IGNORECASE

_DATE_LINE = lazy(rf"^(?P<pre>(?:[A-Z][\w .'’-]*,\s*[A-Z][\w .'’-]*[.,]?\s+)?)(?P<date>(?i:{DATE_PATTERN}))\.?$")
# "Date: January 16, 2025" under a signature or at the top of a letter.
_DATE_LABEL = lazy(r"^(?:Date[d]?|Report\s+date|Letter\s+date)\s*:\s*", _I)
# A line that a sentence runs on from: a long one that does not end a sentence ("... August 1, 2024 through").
_CONTINUES = lazy(r"^.{40,}[^.:;!?\"”’)\]]$")
_CITY = lazy(r"^[A-Z][\w .'’-]{1,40},\s*[A-Z][\w .'’-]{1,30}\.?$")
_PERIOD_WORDS = lazy(r"(?:for|throughout|during|covering|covers|covered)\s+the\s+period", _I)

# Labels are read in English and in the languages European certification bodies print (German, French, Spanish,
# Italian, Dutch, Portuguese); a bilingual certificate states each date twice, and either label leads to it.
_SKIP_LABEL = lazy(
    r"surveillance|recertification|audit\s+due|cycle|re-?issue|\blast\b|statement\s+of\s+applicability|dated|"
    r"\bSoA\b|agreement|revision|version|manual|\bdue\b|"
    # surveillance and recertification audits, the next audit, the Statement of Applicability and its version
    r"[üu]berwachung|rezertifizierung|n[äa]chst|f[äa]llig|anwendbarkeit|\bstand\b|"
    r"\bsuivi\b|renouvellement|prochain|applicabilit|"
    r"seguimiento|recertificaci|pr[óo]xim|aplicabilidad|versi[óo]n|"
    r"sorveglianza|ricertificazione|rinnovo|prossim|"
    r"toezicht|hercertificering|volgende|toepasselijkheid|versie|"
    r"acompanhamento|manuten[çc][ãa]o|recertifica[çc]|aplicabilidade|vers[ãa]o",
    _I,
)
# "Recertification due" (not "recertification audit due"): the day the certificate must be renewed by, its expiry.
_RECERT_DUE = lazy(r"recertification\s+(?:date\s+)?due|due\s+for\s+recertification", _I)
# The bounds of the current certification cycle are the certificate's own dates ("Certification cycle start date",
# "Certification cycle expiry date"), though a cycle is otherwise an audit's word.
_CYCLE_BOUND = lazy(r"cycle\s+(?:start|begin|expir|end)", _I)
_EXPIRY_LABEL = lazy(
    r"expir|valid\s*(?:until|to|thru|through|till)|expires|\buntil\b|\btill\b|\bto\s*:?\s*$|cycle\s+end|"
    r"g[üu]ltig(?:keit)?\s*bis|ablauf|verfall|l[äa]uft\s+ab|"
    r"jusqu|[ée]ch[ée]ance|"
    r"hasta|caducidad|vencimiento|"
    r"fino\s+al|scadenza|"
    r"geldig\s+tot|vervaldatum|verloopt|"
    r"v[áa]lid[oa]\s+at[ée]|validade|vencimento",
    _I,
)
# "at the latest" right before a date, in the certificate languages: "Valid until the next recertification audit, at
# the latest 13 August 2026" states the expiry, though the label speaks of an audit.
_AT_THE_LATEST = lazy(
    r"(?:at\s+the\s+latest|no\s+later\s+than|l[äa]ngstens(?:\s+bis)?|sp[äa]testens(?:\s+bis)?|"
    r"au\s+plus\s+tard(?:\s+le|\s+jusqu\W+au)?|como\s+m[áa]ximo(?:\s+hasta)?(?:\s+el)?|a\s+m[áa]s\s+tardar(?:\s+el)?|"
    r"al\s+pi[ùu]\s+tardi(?:\s+(?:fino\s+)?al)?|entro\s+e\s+non\s+oltre\s+il|uiterlijk(?:\s+tot)?(?:\s+en\s+met)?|"
    r"no\s+m[áa]ximo\s+at[ée])\W*$",
    _I,
)
# A validity stated only as a length from a date printed above it: "valid for three years from the date above",
# "drei Jahre ab dem oben genannten Datum gültig", "valable trois ans à compter de la date ci-dessus", "válido
# durante tres años a partir de la fecha indicada arriba", "valido tre anni dalla data sopra indicata", "drie jaar
# geldig vanaf bovenstaande datum". The number of years, then the date it runs from (the issue date).
_YEARS_WORDS = {
    "one": 1, "two": 2, "three": 3, "ein": 1, "einem": 1, "zwei": 2, "drei": 3, "un": 1, "deux": 2, "trois": 3,
    "uno": 1, "dos": 2, "tres": 3, "due": 2, "tre": 3, "een": 1, "twee": 2, "drie": 3, "um": 1, "dois": 2, "três": 3,
    "1": 1, "2": 2, "3": 3,
}  # fmt: skip
_VALIDITY_WORD = r"valid|g[üu]ltig|valable|v[áa]lid[oa]|geldig|v[áa]lido"
_RELATIVE_VALIDITY = lazy(
    rf"(?P<sentence>(?:(?P<v1>{_VALIDITY_WORD})\b[^.\n]{{0,40}}?\b)?"
    r"(?P<n>one|two|three|ein|einem|zwei|drei|un|deux|trois|uno|dos|tres|due|tre|een|twee|drie|um|dois|três|[123])"
    r"\s+(?:\(\d\)\s+)?(?:years?|Jahren?|ans|años|anni|jaar|anos)\s+"
    rf"(?:(?P<v2>{_VALIDITY_WORD})\s+)?"
    r"(?:from|after|ab|nach|à\s+compter\s+de|a\s+partir\s+de|desde|dalla|dal|da|vanaf|na)\s+"
    r"(?P<from>[^.\n]{0,40}?(?:date|Datum|data|fecha|datum))(?P<where>\s+(?:above|of\s+issue|ci-dessus|"
    r"indicad[ao]\s+arriba|sopra\s+indicata|de\s+(?:emisi[óo]n|emiss[ãa]o)|d['’][ée]mission|di\s+emissione))?"
    rf"(?:\s+(?P<v3>{_VALIDITY_WORD}))?)",
    _I,
)
_ABOVE_OR_ISSUE = lazy(
    r"above|oben|ci-dessus|arriba|sopra|bovenstaand|acima|issu|ausstell|[ée]mission|emisi|emiss|uitgifte", _I
)
# Between the two dates of a validity ("vom 15.03.2025 bis 14.03.2028", "du ... au ...", "de ... a ..."): words
# that mean "until" only there; before a line's first date a lone "a" or "au" is as likely an OCR'd table rule.
_UNTIL_BETWEEN = lazy(r"^\W*(?:bis|au|al|tot(?:\s+en\s+met)?|t/m|at[ée]|a|hasta)\W*$", _I)
# "valid from": the issue date's label, and the first date of "valid from ... until ...".
_FROM_LABEL = lazy(
    r"\bfrom\b|g[üu]ltig\s+(?:ab|vom|von)|valable\s+(?:du|[àa]\s+partir)|partir\s+du|d[ée]but\s+de\s+validit|"
    r"v[áa]lid[oa]\s+(?:desde|dal|a\s+partir)|vigente\s+desde|a\s+partire\s+dal|geldig\s+(?:van|vanaf)|"
    r"\bvanaf\b|a\s+partir\s+de",
    _I,
)
# A label that ends with "from" in any of the languages, before the first of two dates on a line: the start of a
# validity ("Validade: de 15/03/2025 a ..."), whatever word for validity came before it.
_FROM_END = lazy(r"\b(?:from|vom|von|ab|du|desde|del|dal|van|vanaf|de)\s*:?\s*$", _I)
_ORIGINAL_LABEL = lazy(
    r"initial|original|\bfirst\b|\bsince\b|"
    r"\berst(?!ell)|\bseit\b|premi[èe]re?|depuis|inicial|primer[ao]?\b|primeir[ao]|iniziale|\bprim[ao]\b|"
    r"eerste|oorspronkelijk|\bsinds\b",
    _I,
)
_ISSUE_LABEL = lazy(
    r"issu(?:e|ance)|date\s+of\s+(?:this\s+)?certific|certific\w*\s+date|effective|granted|registration\s+date|"
    r"cycle\s+(?:start|begin)|"
    r"date\s+of\s+registration|valid\s+from|approval\s+date|current\s+certificate|"
    r"ausstell|ausgestellt|ausgabe|zertifizierungsdatum|datum\s+der\s+zertifizierung|zertifikatsdatum|erteilt|"
    r"[ée]mission|[ée]mis\b|d[ée]livr|date\s+de\s+(?:la\s+)?certification|date\s+du\s+certificat|"
    r"emisi[óo]n|expedici[óo]n|fecha\s+de\s+(?:la\s+)?certificaci[óo]n|otorga|concesi[óo]n|"
    r"emissione|emesso|rilascio|data\s+(?:di\s+|della\s+)?certificazione|"
    r"uitgifte|uitgegeven|afgifte|certificeringsdatum|datum\s+(?:van\s+)?certificering|"
    r"emiss[ãa]o|emitido|data\s+(?:de\s+|da\s+)?certifica[çc][ãa]o|concess[ãa]o",
    _I,
)


# A label that says "issued" in so many words; "Certification date" beside it is then the date the organisation was
# first certified (kept over a recertification), not this certificate's issue.
_ISSUE_STRONG = lazy(
    r"issu(?:e|ance)|ausstell|ausgestellt|[ée]mission|emisi[óo]n|emissione|uitgifte|afgifte|emiss[ãa]o", _I
)


def date_label(text: str) -> bool:
    """Whether ``text`` labels a certificate date (issue, original, expiry) in one of the languages read."""
    return bool(
        _EXPIRY_LABEL.search(text)
        or _ISSUE_LABEL.search(text)
        or _ORIGINAL_LABEL.search(text)
        or _RECERT_DUE.search(text)
    )


def _iso(d: date) -> str:
    return d.isoformat()


def read_report_date(text: DocText, kind: Kind) -> tuple[Found[str] | None, tuple[int, int] | None]:
    """The signed date of the auditor's report (or the letter's date) and where it is, for the issuer reader."""
    pages = text.text_pages()
    if kind == "bridge_letter":
        for n in pages[:2]:
            found = _first_date_line(text.page_lines[n], n)
            if found[0] is not None:
                return found
        return None, None
    if kind == "iso_certificate":
        return None, None
    start: tuple[int, int] | None = None
    for n in pages:
        for i, line in enumerate(text.page_lines[n]):
            # The opinion paragraph, or a disclaimer's ("we do not express an opinion").
            if re.search(
                r"\bIn\s+our\s+opinion\b|^Disclaimer\s+of\s+Opinion\b|\bdo\s+not\s+express\s+an\s+opinion\b", line, _I
            ):
                start = (n, i)
                break
        if start:
            break
    if start is None:
        return _dated_report_heading(text, pages)
    page, idx = start
    budget = 120
    for n in [p for p in pages if p >= page][:3]:
        lines = text.page_lines[n]
        for i in range(idx if n == page else 0, len(lines)):
            budget -= 1
            if budget < 0:
                return None, None
            m = _DATE_LINE.match(_DATE_LABEL.sub("", lines[i]))
            if not m:
                continue
            d = find_dates(m.group("date"))
            wrapped = not m.group("pre") and i > 0 and _CONTINUES.search(lines[i - 1]) and not _CITY.match(lines[i - 1])
            if not d or wrapped:
                continue  # the wrapped end of a sentence ("... through" / "January 31, 2025."), not a signed date
            quote = lines[i]
            if not m.group("pre") and i > 0 and _CITY.match(lines[i - 1]) and not find_dates(lines[i - 1]):
                quote = lines[i - 1] + " " + lines[i]
            return Found(_iso(d[0].value), n, quote), (n, i)
    return None, None


def _dated_report_heading(text: DocText, pages: list[int]) -> tuple[Found[str] | None, tuple[int, int] | None]:
    """No opinion paragraph in the text (e.g. it is an image): a date standing alone near the report's heading."""
    heading = re.compile(r"Independent\s+(?:Service\s+)?(?:Auditor|Accountant)", _I)
    for n in pages[:12]:
        lines = text.page_lines[n]
        if not any(heading.search(t) for t in lines[:12]):
            continue
        return _first_date_line(lines[:15], n)
    return None, None


def _first_date_line(lines: list[str], page: int) -> tuple[Found[str] | None, tuple[int, int] | None]:
    """The first line that is a date alone (a signature block's date, a letter's date), and where it is."""
    for i, line in enumerate(lines):
        m = _DATE_LINE.match(_DATE_LABEL.sub("", line))
        if m and not m.group("pre"):
            d = find_dates(m.group("date"))
            if d:
                return Found(_iso(d[0].value), page, line), (page, i)
    return None, None


def read_period(
    text: DocText, kind: Kind, report_date: Found[str] | None
) -> tuple[Found[str] | None, Found[str] | None]:
    """(period_start, period_end); for a Type 1 only the "as of" date, as period_end."""
    pages = text.text_pages()
    if not pages:
        return None, None
    cover = pages[:2]
    if kind == "soc2_type1":
        for n in cover + pages[2:8]:
            m = AS_OF_RE.search(text.page_text[n])
            if m:
                d = find_dates(m.group("date"))
                if d:
                    return None, Found(_iso(d[0].value), n, fold(m.group(0)))
        return None, None
    if kind == "bridge_letter":
        return _bridge_period(text, pages[:2], report_date)
    if kind == "iso_certificate":
        return None, None
    if kind == "unknown" and report_date is None:
        return None, None
    if kind != "unknown":
        for n in cover:
            found = find_periods(text.page_text[n])
            if found:
                p = found[0]
                return Found(_iso(p.start), n, p.text), Found(_iso(p.end), n, p.text)
    for n in pages[:15]:
        page_text = text.page_text[n]
        for p in find_periods(page_text):
            before = page_text[max(0, p.span_start - 40) : p.span_start]
            if _PERIOD_WORDS.search(before + p.text[:20]):
                return Found(_iso(p.start), n, p.text), Found(_iso(p.end), n, p.text)
    return None, None


_TO_LETTER_DATE = lazy(
    rf"(?:from\s+)?(?P<start>(?i:{DATE_PATTERN}))\s+(?:through|to|until)\s+the\s+date\s+of\s+this\s+letter", _I
)


def _bridge_period(
    text: DocText, pages: list[int], report_date: Found[str] | None
) -> tuple[Found[str] | None, Found[str] | None]:
    letter_date = date.fromisoformat(report_date.value) if report_date else None
    for n in pages:
        m = _TO_LETTER_DATE.search(text.page_text[n])
        start_dates = find_dates(m.group("start")) if m else []
        if m and start_dates and report_date is not None:
            quote = fold(m.group(0))
            return Found(_iso(start_dates[0].value), n, quote), Found(report_date.value, n, quote)
    best = None
    best_score = -99
    report_end: date | None = None  # the end of the last report's period, which the bridge period must follow
    for n in pages:
        page_text = text.page_text[n]
        for p in find_periods(page_text):
            if letter_date and p.end > letter_date:
                continue  # a period still to come (the next report's)
            s, e = sentence_around(page_text, p.span_start, p.span_end)
            # Short unpunctuated lines above the sentence's first words (a heading, "Management Bridge Letter", or a
            # letterhead) are not part of it.
            while s < p.span_start and (s == 0 or page_text[s - 1] == "\n"):
                nl = page_text.find("\n", s, p.span_start)
                head = page_text[s:nl] if nl >= 0 else ""
                if nl < 0 or len(head) >= 60 or head.rstrip().endswith((".", ",", ";", ":")):
                    break
                s = nl + 1
            sentence = page_text[s:e].casefold()
            about_report = bool(re.search(r"\breport\b", sentence)) and not re.search(r"bridge|letter", sentence)
            if about_report:
                report_end = max(report_end, p.end) if report_end else p.end
            score = 0
            score += 2 if re.search(r"bridge|gap|this\s+letter", sentence) else 0
            score -= 2 if about_report else 0
            score += 1 if letter_date and p.end == letter_date else 0
            if best is None or score > best_score or (score == best_score and p.end > best[1].end):
                best, best_score = (n, p), score
    if best is not None and (best_score < 0 or (report_end is not None and best[1].start <= report_end)):
        best = None  # only the last report's own period was found: it is not the letter's (issue 9)
    if best is None:
        return _day_after(text, pages, report_end)
    n, p = best
    return Found(_iso(p.start), n, p.text), Found(_iso(p.end), n, p.text)


_DAY_AFTER = lazy(
    r"beginning\s+(?:on\s+)?the\s+day\s+after\s+(?:that|the)\s+(?:review|report(?:ing)?|examination|audit)\s+period\s+"
    rf"ended,?\s+and\s+ending\s+(?:on\s+)?(?P<end>(?i:{DATE_PATTERN}))",
    _I,
)


def _day_after(
    text: DocText, pages: list[int], report_end: date | None
) -> tuple[Found[str] | None, Found[str] | None]:
    """"The period beginning the day after that review period ended and ending on 30 April 2025": the bridge period
    starts the day after the last report's period ends."""
    if report_end is None:
        return None, None
    for n in pages:
        m = _DAY_AFTER.search(fold(text.page_text[n]))
        ends = find_dates(m.group("end")) if m else []
        if m and ends and ends[0].value > report_end:
            quote = fold(m.group(0))
            return Found(_iso(report_end + timedelta(days=1)), n, quote), Found(_iso(ends[0].value), n, quote)
    return None, None


_DATE_CUT = lazy(
    r"(?i:(?:\b\d{1,2}(?:st|nd|rd|th|er|[º°]|\.)?\s+(?:(?:of|de)\s+)?[^\W\d_]{3,10}\.?(?:\s+del?)?|"
    r"\b[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?))$"
)
_YEAR_START = lazy(r"^(?:19|20)\d\d\b")


def _join_split_dates(lines: list[str]) -> list[str]:
    """Rejoin a date that a line break cut before its year ("valid until 19th January" / "2027")."""
    out: list[str] = []
    for line in lines:
        if out and _YEAR_START.match(line) and _DATE_CUT.search(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# Words only a certificate in German, French, Spanish, Italian, Dutch or Portuguese prints: such a body writes
# "05/03/2028" for 5 March.
_EUROPEAN_WORDS = lazy(
    r"\b(?:zertifikat\w*|bescheinig\w*|g[üu]ltig\w*|certificat|certifie|valable|jusqu|certificado|certifica|"
    r"v[áa]lido|vigencia|emisi[óo]n|certificato|scadenza|emissione|certificaat|geldig|verklaart|validade|"
    r"emiss[ãa]o)\b",
    _I,
)
_SLASHED = lazy(r"(?<![\d/-])(\d{1,2})([/-])(\d{1,2})\2(?:19|20)\d\d(?!\d)")
# The accreditation bodies of countries that write the day first: a certificate they accredit is read day first
# when no date and no word of its own says otherwise (a Dutch or British body printing "06-08-2025" in English).
_DAY_FIRST_ACCREDITORS = lazy(
    r"\b(?:UKAS|DAkkS|RvA|COFRAC|ENAC|ACCREDIA|BELAC|DANAK|SWEDAC|INAB|FINAS|IPAC|EGAC|SANAS|JAS-ANZ|NABCB|"
    r"TURKAK|ESYD|Raad\s+voor\s+Accreditatie|"
    r"United\s+Kingdom\s+Accreditation\s+Service|Deutsche\s+Akkreditierungsstelle)\b"
)


def _day_first(text: DocText, pages: list[int]) -> bool:
    """Whether "05/03/2028" (or "05-03-2028") means 5 March here: a date whose first number cannot be a month says
    so, one whose second cannot says not; otherwise a certificate worded in a European language is read day first."""
    joined = "\n".join(text.page_text[n] for n in pages)
    for m in _SLASHED.finditer(joined):
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            return True
        if b > 12 >= a:
            return False
    return bool(_EUROPEAN_WORDS.search(joined) or _DAY_FIRST_ACCREDITORS.search(joined))


_LabelKind = str  # "expiry", "due", "original", "issue" or "skip"
_ROW_LABELS: tuple[tuple[_LabelKind, re.Pattern[str]], ...] = (
    ("due", _RECERT_DUE),
    ("skip", _SKIP_LABEL),
    ("expiry", _EXPIRY_LABEL),
    ("original", _ORIGINAL_LABEL),
    ("issue", _ISSUE_LABEL),
    ("issue", _FROM_LABEL),
)


def _label_kinds(text: str) -> list[tuple[int, int, _LabelKind]]:
    """Every date-label word in ``text`` as (start, end, kind), in reading order, overlaps resolved by priority."""
    spans: list[tuple[int, int, _LabelKind]] = []
    for kind, pattern in _ROW_LABELS:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e, _ in spans):
                spans.append((m.start(), m.end(), kind))
    return sorted(spans)


def _label_row(line: str) -> list[tuple[_LabelKind, str]] | None:
    """A line of date labels of two or more kinds and no values ("Expiry date  Date of issue") as one (kind, words)
    per label, or None when it is not such a row.

    Plain text (and OCR without positions) does not show where one label ends and the next begins, so words of one
    kind in a row count as one label; a caller maps labels to dates only when the counts agree, and guesses nothing
    otherwise ("Original Registration Date" reads as two labels and so stops the mapping rather than misplace it).
    """
    if len(line) > 160:
        return None
    merged: list[tuple[int, int, _LabelKind]] = []
    for start, end, kind in _label_kinds(line):
        if merged and merged[-1][2] == kind:
            merged[-1] = (merged[-1][0], end, kind)
        else:
            merged.append((start, end, kind))
    if len({kind for _, _, kind in merged}) < 2:
        return None
    return [(kind, line[start:end]) for start, end, kind in merged]


def _relative_expiry(
    text: DocText, pages: list[int], issue: Found[str] | None, original: Found[str] | None
) -> Found[str] | None:
    """The expiry of a certificate whose validity is a number of years from its date of issue ("valid for three
    years from the date above"): that date so many years on, quoted from the sentence. "The date above" is the issue
    date only when it is the one date printed above it (no date of first certification beside it)."""
    if issue is None:
        return None
    for n in pages:
        page = text.page_text[n]
        m = next((m for m in _RELATIVE_VALIDITY.finditer(page) if m.group("v1") or m.group("v2") or m.group("v3")),
                 None)
        if m is None:
            continue
        where = " ".join(g for g in (m.group("from"), m.group("where")) if g)
        if not _ABOVE_OR_ISSUE.search(where):
            return None  # from some other date ("from the date of the recertification audit")
        if original is not None and not re.search(r"issu|ausstell|[ée]mission|emisi|uitgifte", where, _I):
            return None  # "the date above" with two dates above it
        years = _YEARS_WORDS.get(m.group("n").casefold())
        if years is None:
            return None
        start = date.fromisoformat(issue.value)
        try:
            end = start.replace(year=start.year + years)
        except ValueError:  # 29 February
            end = start.replace(year=start.year + years, day=28)
        return Found(_iso(end), n, fold(m.group("sentence")))
    return None


def read_certificate_dates(
    text: DocText, *, bare: bool = True
) -> tuple[Found[str] | None, Found[str] | None, Found[str] | None]:
    """(issue_date, original_issue_date, expiry_date) from a certificate's labelled dates; with ``bare``, a row of
    unlabelled dates fills what the labels left out (ordered: original, issue, expiry)."""
    issue: Found[str] | None = None
    original: Found[str] | None = None
    expiry: Found[str] | None = None
    issued: Found[str] | None = None  # under a label that says "issue"
    due: Found[str] | None = None  # "Recertification due": the expiry when no label says "expiry"
    unlabelled: list[tuple[date, int, str]] = []
    pages = text.text_pages()[:3]
    day_first = _day_first(text, pages)
    for n in pages:
        lines = _join_split_dates(text.page_lines[n])
        for i, line in enumerate(lines):
            found = find_dates(line, day_first=day_first)
            row = _label_row(lines[i - 1]) if i > 0 and len(found) >= 2 and not find_dates(lines[i - 1]) else None
            if row is not None and not _label_kinds(line[: found[0].start]):
                # A row of labels over a row of values (a table whose cells the text pass put on two lines, or OCR
                # of one): the k-th date is the k-th date label's when the counts agree; otherwise no guess at all.
                if len(row) == len(found):
                    for (kind, label), d in zip(row, found, strict=True):
                        value = Found(_iso(d.value), n, d.text)
                        if kind == "expiry":
                            expiry = expiry or value
                        elif kind == "due":
                            due = due or value
                        elif kind == "original":
                            original = original or value
                        elif kind == "issue":
                            issued = issued or value if _ISSUE_STRONG.search(label) else issued
                            issue = issue or value
                continue
            prev_end = 0
            for k, d in enumerate(found):
                label = line[prev_end : d.start]
                prev_end = d.end
                quote_label = label
                if not label.strip(" :-–\t,.") and k == 0 and i > 0 and not find_dates(lines[i - 1]):
                    prev = lines[i - 1]
                    if len(prev) <= 60 and (
                        _EXPIRY_LABEL.search(prev) or _ISSUE_LABEL.search(prev) or _ORIGINAL_LABEL.search(prev)
                    ):
                        label, quote_label = prev, prev + " "
                if not label.strip(" :-–\t,."):
                    if len(found) >= 2:
                        unlabelled.append((d.value, n, d.text))
                    continue
                # The sentence may start on the line before ("Valid until the next recertification audit, at the" /
                # "latest 13 August 2026").
                joined = f"{lines[i - 1]} {label}" if k == 0 and i > 0 else label
                latest = k == 0 and _AT_THE_LATEST.search(joined) is not None
                if latest:
                    label = label if _EXPIRY_LABEL.search(label) and _AT_THE_LATEST.search(label) else joined
                    latest = _EXPIRY_LABEL.search(label) is not None
                if (
                    _SKIP_LABEL.search(label)
                    and not _RECERT_DUE.search(label)
                    and not _CYCLE_BOUND.search(label)
                    and not latest
                ):
                    continue
                quote = fold(quote_label.strip(" ,;") + " " + d.text) if quote_label.strip() else d.text
                quote = re.sub(r"^\W+", "", quote) if not quote_label.strip().startswith("(") else quote
                value = Found(_iso(d.value), n, quote)
                ranged = k + 1 < len(found) and _FROM_END.search(label)
                if latest:
                    expiry = expiry or value
                elif ranged or (_FROM_LABEL.search(label) and not _EXPIRY_LABEL.search(label)):
                    issue = issue or value
                elif _EXPIRY_LABEL.search(label) or (k > 0 and _UNTIL_BETWEEN.match(label)):
                    expiry = expiry or value
                elif _RECERT_DUE.search(label):
                    due = due or value
                elif _ORIGINAL_LABEL.search(label):
                    original = original or value
                elif _ISSUE_LABEL.search(label):
                    if _ISSUE_STRONG.search(label):
                        issued = issued or value
                    else:
                        issue = issue or value
    expiry = expiry or due
    if expiry is None and (issued or issue) is not None:
        expiry = _relative_expiry(text, pages, issued or issue, original)
    if issued is not None and (issue is None or issue.value != issued.value):
        # "Certification date" beside a different "Date of issue": the first certification when it comes earlier.
        # The same date under both labels (a bilingual certificate) stays where it was first read.
        if issue is not None and issue.value < issued.value and original is None:
            original = issue
        issue = issued
    if bare and unlabelled and (issue is None or expiry is None):
        ordered = sorted(unlabelled)
        if expiry is None and len(ordered) >= 2:
            day, n, raw = ordered.pop()
            expiry = Found(_iso(day), n, raw)
        if original is None and len(ordered) >= 2:
            day, n, raw = ordered.pop(0)
            original = Found(_iso(day), n, raw)
        if issue is None and ordered:
            day, n, raw = ordered[-1]
            issue = Found(_iso(day), n, raw)
    return issue, original, expiry
