"""Slot readers: the parts of a question that are facts, not wording (ids, frameworks, time windows, profiles).

Each reader is a small rule over the standards' own vocabulary (TSC criterion ids, Annex A numbering, calendar
words), so it does not depend on how the question is phrased. ``mask`` replaces what the readers found with a
placeholder word ("CRIT", "CTRL"), so that the intent classifier learns the wording around them, not the ids.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

Framework = str  # "soc2" | "iso27001" | "iso42001" | "nist_ai_rmf" | "soc3"

# TSC criteria (CC6.1, A1.2, PI1.3, P4.2) or a whole series (CC6); ISO Annex A controls (A.8.28, A 5.23).
CRITERION = re.compile(r"\b(CC\s?\d{1,2}(?:\.\d{1,2})?|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)\b", re.IGNORECASE)
ANNEX_A = re.compile(r"\b(?:annex\s+)?[Aa]\s?\.?\s?([5-8])\.(\d{1,2})\b")
_BARE_ISO = re.compile(r"\b([5-8])\.(\d{1,2})\b")
_CLAUSE = re.compile(r"\bclause\s+(\d{1,2}(?:\.\d{1,2}){0,2})\b", re.IGNORECASE)
_PROFILE_NAME = re.compile(r"\bprofile\s+[\"'`“]?([a-z0-9][a-z0-9_.-]{0,60})", re.IGNORECASE)

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "sixty": 60, "ninety": 90, "couple": 2, "few": 3}
_UNIT = {
    "d": "day", "day": "day", "days": "day", "dys": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "m": "month", "mo": "month", "mos": "month", "mth": "month", "mths": "month", "month": "month", "months": "month",
    "q": "quarter", "qtr": "quarter", "qtrs": "quarter", "quarter": "quarter", "quarters": "quarter",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
}
_UNITS = "|".join(sorted(_UNIT, key=len, reverse=True))
_NUMS = r"\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_SPAN = re.compile(rf"\b(?:next|within|in|over|coming)\s+(?:the\s+)?(?:next\s+|coming\s+)?({_NUMS})\s*({_UNITS})\b",
                   re.IGNORECASE)
_THIS_NEXT = re.compile(rf"\b(this|current|next|nxt|coming|upcoming|last|previous|past)\s+({_UNITS})\b",
                        re.IGNORECASE)
_QUARTER = re.compile(r"\b(?:q([1-4])|([1-4])q|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)"
                      r"(?:\s+(?:of\s+)?(?:fy\s?)?'?(\d{2}|\d{4}))?\b", re.IGNORECASE)
_HALF = re.compile(r"\bh([12])(?:\s+'?(\d{2}|\d{4}))?\b", re.IGNORECASE)
_FISCAL = re.compile(r"\bfy\s?'?(\d{4}|\d{2})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(in|during|for|by|before|until|through|thru|end of|all of)?\s*(20\d{2})\b", re.IGNORECASE)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = re.compile(rf"\b(before|b4|by|until|till|til|in|during|through|thru|end of|from)?\s*({_MONTH_NAMES})\.?"
                    rf"(?:\s+'?(\d{{4}}|\d{{2}}))?\b", re.IGNORECASE)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# "the second half of next year", "1st half of 2027"
_HALF_WORDS = re.compile(r"\b(first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+(?:the\s+)?(this|next|last)\s+(?:year|yr)|"
                         r"\s+'?(\d{4}))?\b", re.IGNORECASE)
# "by the end of Q1", "before Q3": from today to the quarter's end, or to the day before it starts
_BY = re.compile(r"\b(by(?:\s+(?:the\s+)?end\s+of)?|before|b4|until|till|through|thru|end\s+of)\s+(?:the\s+)?$",
                 re.IGNORECASE)
# a day before or after a month's name: "by 31 March", "until March 15th"
_DAY_MONTH = re.compile(rf"\b(before|b4|by|until|till|til|through|thru|on)\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?"
                        rf"(?:\s+of)?\s+({_MONTH_NAMES})\.?(?:\s+'?(\d{{4}}))?\b|"
                        rf"\b(before|b4|by|until|till|til|through|thru|on)\s+({_MONTH_NAMES})\.?\s+(\d{{1,2}})"
                        rf"(?:st|nd|rd|th)?(?:,?\s+'?(\d{{4}}))?\b", re.IGNORECASE)
_FISCAL_WORDS = re.compile(r"\b(this|current|next|last|previous)\s+(?:fiscal|financial)\s+(?:year|yr)\b|"
                           r"\b(this|current|next|last|previous)\s+fy\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Window:
    """A time window: from ``start`` to ``end``, both included, and how to say it."""

    start: date
    end: date
    label: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _year(text: str | None, today: date) -> int | None:
    if not text:
        return None
    n = int(text)
    return n + 2000 if n < 100 else n


def _quarter(year: int, q: int) -> tuple[date, date]:
    start = date(year, 3 * q - 2, 1)
    return start, _month_end(year, 3 * q)


def window(text: str, today: date) -> Window | None:
    """The time window a question names, read the way people mean it: a quarter is three calendar months, a week
    runs Monday to Sunday, "next 60 days" counts from today, "Q1" is the next first quarter not yet over."""
    m = _SPAN.search(text)
    if m:
        raw = m.group(1).lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = _UNIT[m.group(2).lower()]
        if unit == "day":
            end = today + timedelta(days=n)
        elif unit == "week":
            end = today + timedelta(days=7 * n)
        elif unit == "month":
            end = _add_months(today, n)
        elif unit == "quarter":
            end = _add_months(today, 3 * n)
        else:
            end = _add_months(today, 12 * n)
        return Window(today, end, f"in the next {n} {unit}{'s' if n != 1 else ''}")
    m = _QUARTER.search(text)
    if m:
        q = int(m.group(1) or m.group(2) or _ORDINALS[m.group(3).lower()])
        year = _year(m.group(4), today)
        if year is None:
            year = today.year
            if _quarter(year, q)[1] < today:
                year += 1
        start, end = _quarter(year, q)
        by = _BY.search(text[: m.start()])
        if by and start > today:  # "by the end of Q1", "before Q3": from today
            before = by.group(1).lower() in {"before", "b4"}
            end = start - timedelta(days=1) if before else end
            return Window(today, end, f"{'before' if before else 'by the end of'} Q{q} {year}")
        return Window(start, end, f"in Q{q} {year}")
    m = _HALF.search(text)
    half = _HALF_WORDS.search(text)
    if m or half:
        if m:
            h, year = int(m.group(1)), _year(m.group(2), today) or today.year
        else:
            assert half is not None
            h = 1 if half.group(1).lower() in {"first", "1st"} else 2
            rel = (half.group(2) or "").lower()
            year = int(half.group(3)) if half.group(3) else today.year + {"next": 1, "last": -1}.get(rel, 0)
        start, end = (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1), date(year, 12, 31))
        return Window(start, end, f"in H{h} {year}")
    m = _DAY_MONTH.search(text)
    if m:
        prep = (m.group(1) or m.group(5)).lower()
        month = _MONTHS[(m.group(3) or m.group(6)).lower().rstrip(".")]
        day_text, year_text = m.group(2) or m.group(7), m.group(4) or m.group(8)
        year = int(year_text) if year_text else None
        try:
            if year is None:
                year = today.year if date(today.year, month, int(day_text)) >= today else today.year + 1
            day = date(year, month, int(day_text))
        except ValueError:
            day = None  # "31 February": not a day, read no window from it
        if day is not None:
            label = f"{day.day} {calendar.month_name[day.month]} {day.year}"
            if prep == "on":
                return Window(day, day, f"on {label}")
            if prep in {"before", "b4"}:
                return Window(today, day - timedelta(days=1), f"before {label}")
            return Window(today, day, f"by {label}")
    m = _FISCAL.search(text)
    if m:
        year = _year(m.group(1), today) or today.year
        return Window(date(year, 1, 1), date(year, 12, 31), f"in FY{year}")
    m = _THIS_NEXT.search(text)
    if m:
        which = m.group(1).lower()
        unit = _UNIT[m.group(2).lower()]
        return _relative(which, unit, today)
    for m in _MONTH.finditer(text):
        # "may" is a month only after a preposition or before a year ("in May", "May 2027"), else the modal verb
        if m.group(2).lower() != "may" or m.group(1) or m.group(3):
            return _month_window(m, today)
    m = _YEAR.search(text)
    if m:
        year = int(m.group(2))
        prep = (m.group(1) or "").lower()
        if prep in {"by", "before", "until", "through", "thru", "end of"}:
            end = date(year, 12, 31) if prep != "before" else date(year - 1, 12, 31)
            return Window(today, end, f"by the end of {end.year}")
        return Window(date(year, 1, 1), date(year, 12, 31), f"in {year}")
    lowered = text.lower()
    if re.search(r"\btoday\b", lowered):
        return Window(today, today, "today")
    if re.search(r"\btomorrow\b|\btmrw\b", lowered):
        return Window(today + timedelta(days=1), today + timedelta(days=1), "tomorrow")
    if re.search(r"\b(?:end of|by eo)\s*(?:the\s+)?(?:year|yr)\b|\beoy\b", lowered):
        return Window(today, date(today.year, 12, 31), "by the end of the year")
    if re.search(r"\b(?:end of|by eo)\s*(?:the\s+)?month\b|\beom\b", lowered):
        return Window(today, _month_end(today.year, today.month), "by the end of the month")
    if re.search(r"\bsoon\b|\bshortly\b|\bimminent", lowered):
        return Window(today, today + timedelta(days=30), "in the next 30 days")
    return None


def _relative(which: str, unit: str, today: date) -> Window:
    nxt = which in {"next", "nxt", "coming", "upcoming"}
    last = which in {"last", "previous", "past"}
    if unit == "day":
        day = today + timedelta(days=1 if nxt else -1 if last else 0)
        return Window(day, day, "tomorrow" if nxt else "yesterday" if last else "today")
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        if nxt:
            monday += timedelta(days=7)
        elif last:
            monday -= timedelta(days=7)
        start = monday if (nxt or last) else today
        label = "next week" if nxt else "last week" if last else "this week"
        return Window(start, monday + timedelta(days=6), label)
    if unit == "month":
        first = today.replace(day=1)
        if nxt:
            first = _add_months(first, 1)
        elif last:
            first = _add_months(first, -1)
        start = first if (nxt or last) else today
        label = "next month" if nxt else "last month" if last else "this month"
        return Window(start, _month_end(first.year, first.month), f"{label} ({calendar.month_name[first.month]})")
    if unit == "quarter":
        q = (today.month - 1) // 3 + 1
        year = today.year
        if nxt:
            q, year = (1, year + 1) if q == 4 else (q + 1, year)
        elif last:
            q, year = (4, year - 1) if q == 1 else (q - 1, year)
        qs, qe = _quarter(year, q)
        start = qs if (nxt or last) else today
        label = "next quarter" if nxt else "last quarter" if last else "this quarter"
        return Window(start, qe, f"{label} (Q{q} {year})")
    year = today.year + (1 if nxt else -1 if last else 0)
    start = date(year, 1, 1) if (nxt or last) else today
    label = "next year" if nxt else "last year" if last else "this year"
    return Window(start, date(year, 12, 31), f"{label} ({year})")


def _month_window(m: re.Match[str], today: date) -> Window:
    prep = (m.group(1) or "in").lower()
    month = _MONTHS[m.group(2).lower().rstrip(".")]
    year = _year(m.group(3), today)
    if year is None:
        year = today.year if _month_end(today.year, month) >= today else today.year + 1
    name = calendar.month_name[month]
    if prep in {"before", "b4"}:
        end = date(year, month, 1) - timedelta(days=1)
        return Window(today, end, f"before {name} {year}")
    if prep in {"by", "until", "till", "til", "through", "thru", "end of"}:
        return Window(today, _month_end(year, month), f"by the end of {name} {year}")
    return Window(date(year, month, 1), _month_end(year, month), f"in {name} {year}")


def criterion(text: str) -> str | None:
    m = CRITERION.search(text)
    return m.group(1).upper().replace(" ", "") if m else None


def iso_control(text: str) -> str | None:
    m = ANNEX_A.search(text)
    if m and not CRITERION.match(text, m.start()):
        return f"A.{m.group(1)}.{m.group(2)}"
    m = _CLAUSE.search(text)
    if m:
        return m.group(1)
    m = _BARE_ISO.search(text)
    if m and re.search(r"\biso\b|\bannex\b|27001|\bcontrol\b", text, re.IGNORECASE):
        return f"A.{m.group(1)}.{m.group(2)}"
    return None


_FRAMEWORKS: tuple[tuple[str, str], ...] = (
    (r"\biso\s?(?:/\s?iec\s?)?42001\b|\b42001\b|\baims\b", "iso42001"),
    (r"\bnist(?:\s+ai)?\s+rmf\b|\bai\s+rmf\b|\bnist\s+ai\b", "nist_ai_rmf"),
    (r"\bsoc\s?-?\s?(?:2|ii|two)\b|\bsoc\b(?!\s?-?\s?[13])|\bsoc2\b|\bsoc\s?-?\s?3\b|\bsoc3\b", "soc2"),
    (r"\biso\s?(?:/\s?iec\s?)?27001\b|\b27001\b|\biso\b(?!\s?(?:/\s?iec\s?)?(?:42001|27701|27017|27018))"
     r"|\bisms\b|\b(?:iso\s?)?27k\b", "iso27001"),
)


def frameworks(text: str) -> list[Framework]:
    """The frameworks named, in the order they appear ("does ISO 27001 replace SOC 2" -> iso27001, soc2)."""
    found: list[tuple[int, Framework]] = []
    for pattern, name in _FRAMEWORKS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            found.append((m.start(), name))
    out: list[Framework] = []
    for _pos, fw in sorted(found):
        if fw not in out:
            out.append(fw)
    return out


def profile(text: str, known: tuple[str, ...]) -> str | None:
    """A requirement profile named in the question: "profile NAME", or a known profile's name anywhere."""
    lowered = text.lower()
    for name in sorted(known, key=len, reverse=True):
        variants = {name, name.replace("-", " "), name.replace("-", "")}
        if any(re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", lowered) for v in variants):
            return name
    m = _PROFILE_NAME.search(text)
    if m:
        name = m.group(1).rstrip(".?!,").lower()
        if name not in {"here", "is", "are", "do", "does", "for", "in", "we", "i", "to", "this", "set", "used",
                        "applies", "should", "please", "pls", "now", "the", "a", "you"}:
            return name
    return None


def fiscal_year(text: str, today: date) -> int | None:
    """The fiscal year named: "FY2026", "fy26", or "this / next / last fiscal year" (the calendar year, as FY26 is)."""
    m = _FISCAL.search(text)
    if m:
        return _year(m.group(1), today)
    m = _FISCAL_WORDS.search(text)
    if m:
        rel = (m.group(1) or m.group(2)).lower()
        return today.year + {"next": 1, "last": -1, "previous": -1}.get(rel, 0)
    return None


def mask(text: str) -> str:
    """The question with its ids replaced by placeholder words, for the classifier."""
    text = CRITERION.sub(" CRIT ", text)
    text = ANNEX_A.sub(" CTRL ", text)
    text = _CLAUSE.sub(" clause CTRL ", text)
    return " ".join(text.split())
