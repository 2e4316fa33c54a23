"""Dates and periods in the forms auditors and certification bodies print them.

Reports mix US ("April 1, 2025", "04/01/2025"), European ("1 April 2025", "14.03.2028"), ISO ("2028-03-14") and
ordinal ("1st April 2025") forms, sometimes in capitals, sometimes with a footnote digit glued to the year, and a
period is often split across a line break. Everything here works on text where any whitespace (newlines included)
separates words, so a period broken over two lines is found like any other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .patterns import lazy

# Month names as certification bodies print them in English, German, French, Spanish, Italian, Dutch and
# Portuguese, full and abbreviated, with and without their accents (a text layer or an OCR pass may drop them:
# "Marz", "fevrier", "aout", "marco"). Keys are lower case; lookups fold accents, so only the names are listed.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari",
        "janeiro"),
    2: ("february", "feb", "februar", "février", "févr", "fév", "fevr", "fev", "febrero", "febbraio", "februari",
        "fevereiro"),
    3: ("march", "mar", "märz", "maerz", "marz", "mrz", "mär", "mars", "marzo", "maart", "mrt", "março", "marco"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag", "mei", "maio"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dicembre",
         "dezembro"),
}


def _fold_accents(text: str) -> str:
    """Lower case without accents ("Décembre" -> "decembre"), so a name is known however it was printed."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


_MONTHS: dict[str, int] = {_fold_accents(name): n for n, names in _MONTH_NAMES.items() for name in names}


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes: a date regex runs over every page, and a
    prefix tree costs one character test per branch where a flat list of ~90 names would try each one."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
        return body

    return emit(tree)


# Every spelling: the names as listed and the same names without their accents.
_LOCAL_SPELLINGS = sorted({name for names in _MONTH_NAMES.values() for name in names} | set(_MONTHS))
# One prefix tree for every language: the English names are among them, and a whole word is needed either way
# (a separator follows every month in a date).
_MONTH = rf"(?:{_alternation(_LOCAL_SPELLINGS)})(?!\w)\.?"
# Month first ("März 15, 2025", "marzo 15 de 2025"): English names and the other languages' full names only; the
# short local forms ("set", "out", "ago") are English words too, and no body prints them month first.
_ENGLISH_SPELLINGS = ("jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
                      "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november",
                      "dec", "december")
_FIRST_SPELLINGS = sorted(set(_ENGLISH_SPELLINGS) | {name for name in _LOCAL_SPELLINGS if len(name) > 4})
_MONTH_FIRST = rf"(?:{_alternation(_FIRST_SPELLINGS)})(?!\w)\.?"
# A day: "1st", French "1er", Spanish/Italian/Portuguese "1º"/"1°", German "15." before the month.
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|[º°ª]|\.)"
_DAY = rf"(?:[0-2]?\d|3[01]){_DAY_SUFFIX}?"
# A year, optionally followed by one glued footnote digit ("September 30, 20182" in a footnoted sentence).
_YEAR = r"(?:19|20)\d\d(?=\d?(?!\d))\d?"
_SEP = r"[\s\u00a0]+"

DATE_PATTERN = (
    rf"(?:{_MONTH_FIRST}{_SEP}{_DAY}(?:,|{_SEP}de)?{_SEP}{_YEAR}"  # April 1, 2025 / Apr. 1 2025 / marzo 15 de 2025
    # 1 April 2025 / 1st of April, 2025 / 15. März 2025 / 1er avril 2025 / 15 de marzo de 2025 / 15 maart 2025
    rf"|{_DAY}(?:{_SEP}(?:of|de|del))?{_SEP}{_MONTH}(?:,|{_SEP}del?)?{_SEP}{_YEAR}"
    rf"|{_DAY}-{_MONTH}-{_YEAR}"  # 01-Apr-2025
    r"|(?:19|20)\d\d-[01]?\d-[0-3]?\d(?!\d)"  # 2028-03-14
    r"|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d(?!\d)"  # 14.03.2028
    r"|[01]?\d/[0-3]?\d/(?:19|20)\d\d(?!\d)"  # 04/01/2025 (month first, the US default)
    r"|[0-3]?\d/[01]?\d/(?:19|20)\d\d(?!\d)"  # 31/03/2026 (day first when the day cannot be a month)
    r"|[0-3]?\d-[0-3]?\d-(?:19|20)\d\d(?!\d)"  # 15-03-2025 (Dutch, Portuguese), read like the slashed forms
    r"|(?:19|20)\d\d\s?年\s?[01]?\d\s?月\s?[0-3]?\d\s?日)"  # 2025年3月1日 (Japanese, Chinese)
)
DATE_RE = lazy(rf"(?<![\w/.-]){DATE_PATTERN}", re.IGNORECASE)
# A point in time ("as of March 31, 2026"): what a Type 1 report is about, and where it states its date.
AS_OF_RE = lazy(rf"\bas\s+of\s+(?P<date>{DATE_PATTERN})", re.IGNORECASE)

_CONNECT = r"(?:,?\s+(?:to|through|thru|until|till|and)\s+|\s*[-\u2013\u2014]\s*)"


# The two period patterns embed the date pattern twice each, the slowest of all to compile (``lazy``: only the
# documents that ask for a period pay for them).
_PERIOD = lazy(
    rf"(?P<lead>for\s+the\s+period\s+(?:of\s+)?(?:from\s+)?|from\s+|between\s+)?"
    rf"(?P<start>(?<![\w/.-]){DATE_PATTERN}){_CONNECT}(?P<end>{DATE_PATTERN})",
    re.IGNORECASE,
)
# A period that prints its year once, after the end: "January 1 through June 30, 2025", "1 April to 31 August".
_PERIOD_SHARED_YEAR = lazy(
    rf"(?P<lead>for\s+the\s+period\s+(?:of\s+)?(?:from\s+)?|from\s+|between\s+)?"
    rf"(?<![\w/.-])(?P<start>{_MONTH_FIRST}{_SEP}{_DAY}|{_DAY}(?:{_SEP}of)?{_SEP}{_MONTH})(?!,?{_SEP}(?:19|20)\d\d)"
    rf"{_CONNECT}(?P<end>{DATE_PATTERN})",
    re.IGNORECASE,
)
_MDY = lazy(
    rf"^(?P<m>{_MONTH_FIRST}){_SEP}(?P<d>\d{{1,2}}){_DAY_SUFFIX}?(?:,|{_SEP}de)?{_SEP}(?P<y>\d{{4}})", re.IGNORECASE
)
_DMY = lazy(
    rf"^(?P<d>\d{{1,2}}){_DAY_SUFFIX}?(?:{_SEP}(?:of|de|del))?[\s\u00a0-]+(?P<m>{_MONTH})(?:,|{_SEP}del?)?"
    rf"[\s\u00a0-]+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_ISO = lazy(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_DOTTED = lazy(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
_SLASHED = lazy(r"^(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})$")
_YMD_CJK = lazy(r"^(?P<y>\d{4})\s?年\s?(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日$")


@dataclass(frozen=True, slots=True)
class DateMatch:
    value: date
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PeriodMatch:
    start: date
    end: date
    span_start: int
    span_end: int
    text: str


def _month(name: str) -> int | None:
    key = _fold_accents(name).rstrip(".")
    return _MONTHS.get(key) or _MONTHS.get(key[:4] if key.startswith("sept") else key[:3])


def _make(y: int, m: int | None, d: int) -> date | None:
    if m is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str, *, day_first: bool = False) -> date | None:
    """One date in any supported form, or None. Never raises, whatever the input.

    ``day_first`` reads "05/03/2028" as 5 March, as every European certification body prints it; without it the
    US order (month first) is assumed unless the first number cannot be a month."""
    if not isinstance(text, str):
        return None
    s = re.sub(r"\s+", " ", text).strip().strip(",.;:")
    if not s or len(s) > 60:
        return None
    try:
        if m := _MDY.match(s):
            return _make(int(m["y"][:4]), _month(m["m"]), int(m["d"]))
        if m := _DMY.match(s):
            return _make(int(m["y"][:4]), _month(m["m"]), int(m["d"]))
        if m := _ISO.match(s):
            return _make(int(m["y"]), int(m["m"]), int(m["d"]))
        if m := _YMD_CJK.match(s):
            return _make(int(m["y"]), int(m["m"]), int(m["d"]))
        if m := _DOTTED.match(s):
            return _make(int(m["y"]), int(m["m"]), int(m["d"]))
        if m := _SLASHED.match(s):
            a, b = int(m["a"]), int(m["b"])
            # US reports print month first; a first number above 12 can only be a day (and a second one above 12
            # can only be a day, whatever order the document uses).
            if a > 12 or (day_first and b <= 12):
                return _make(int(m["y"]), b, a)
            return _make(int(m["y"]), a, b)
    except (ValueError, OverflowError):
        return None
    return None


def _year_fix(raw: str) -> str:
    """Drop a footnote digit glued to a year ("20182" -> "2018")."""
    return re.sub(r"((?:19|20)\d\d)\d$", r"\1", raw)


def find_dates(text: str, *, day_first: bool = False) -> list[DateMatch]:
    """Every date in the text with its span, in order (``day_first``: see parse_date)."""
    out: list[DateMatch] = []
    for m in DATE_RE.finditer(text):
        raw = m.group(0)
        value = parse_date(_year_fix(raw), day_first=day_first)
        if value is not None:
            out.append(DateMatch(value, m.start(), m.end(), raw))
    return out


def find_periods(text: str) -> list[PeriodMatch]:
    """Every "date to date" range (start before end) with its span.

    The span includes a leading "for the period" or "from", the words a reviewer sees around the dates."""
    out: list[PeriodMatch] = []
    for m in _PERIOD.finditer(text):
        start = parse_date(_year_fix(m["start"]))
        end = parse_date(_year_fix(m["end"]))
        if start is None or end is None or end <= start:
            continue
        span_start = m.start("lead") if m["lead"] and not m["lead"].lower().startswith("between") else m.start("start")
        out.append(PeriodMatch(start, end, span_start, m.end(), text[span_start : m.end()]))
    for m in _PERIOD_SHARED_YEAR.finditer(text):
        end = parse_date(_year_fix(m["end"]))
        if end is None or any(p.span_start <= m.start("start") < p.span_end for p in out):
            continue
        # The start takes the end's year, or the year before when its month comes later ("1 November to 31 March").
        start = parse_date(f"{m['start']} {end.year}")
        if start is not None and start >= end:
            start = parse_date(f"{m['start']} {end.year - 1}")
        if start is None or start >= end:
            continue
        span_start = m.start("lead") if m["lead"] and not m["lead"].lower().startswith("between") else m.start("start")
        out.append(PeriodMatch(start, end, span_start, m.end(), text[span_start : m.end()]))
    out.sort(key=lambda p: p.span_start)
    return out


def find_period(text: str) -> PeriodMatch | None:
    """The first period in the text, or None."""
    found = find_periods(text)
    return found[0] if found else None
