"""What a question asks: the intent, the vendor it names, and the ids, frameworks and time window in it.

Rules, not a model: a ``spacy.blank("en")`` tokenizer with Matcher patterns over lower-cased tokens, built once per
process. The words an intent pattern consumes (and the function words around them) are not vendor names, so what
is left over in the question is where the vendor is looked for (see ``vendors.VendorDirectory``).
"""

from __future__ import annotations

import calendar
import re
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from .vendors import VendorDirectory, VendorMention

IntentKind = Literal[
    "help",
    "cover",
    "soc2_current",
    "iso_expiry",
    "expiring",
    "exceptions",
    "crosswalk",
    "replace",
    "set_profile",
    "show_profile",
    "list_vendors",
    "unknown",
]
Framework = Literal["soc2", "iso27001"]

# TSC criteria (CC6.1, A1.2, PI1.3, P4.2) or a whole series (CC6); ISO Annex A controls (A.8.28, A 5.23).
_CRITERION = re.compile(r"\b(CC\d{1,2}(?:\.\d{1,2})?|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)\b", re.IGNORECASE)
_ANNEX_A = re.compile(r"\b[Aa]\s?\.\s?([5-8])\.(\d{1,2})\b|\bA\s([5-8])\.(\d{1,2})\b")
_BARE_ISO = re.compile(r"\b([5-8])\.(\d{1,2})\b")
_CLAUSE = re.compile(r"\bclause\s+(\d{1,2}(?:\.\d{1,2}){0,2})\b", re.IGNORECASE)
_DAYS = re.compile(r"\b(?:next|within|in)\s+(\d{1,3})\s+(day|days|week|weeks|month|months)\b", re.IGNORECASE)
_PROFILE_NAME = re.compile(r"\bprofile\s+[\"'`]?([a-z0-9][a-z0-9_.-]{0,60})", re.IGNORECASE)

# Words that carry the intent (label -> phrases of lower-cased tokens).
_PATTERNS: dict[str, list[list[str]]] = {
    "HELP": [["help"], ["examples"], ["what", "can", "you", "do"], ["how", "do", "i", "use"], ["usage"]],
    "COVER": [
        ["cover"], ["covers"], ["covered"], ["cover", "us"], ["covers", "us"], ["assess"], ["reassess"],
        ["re", "-", "assess"], ["evaluate"], ["verdict"], ["good", "enough"], ["meet"], ["meets"],
        ["our", "requirements"], ["ok", "to", "use"], ["okay", "to", "use"], ["safe", "to", "use"], ["approve"],
        ["approved"], ["compliant"], ["pass"], ["check"], ["status", "of"],
    ],
    "CURRENT": [
        ["current"], ["valid"], ["fresh"], ["stale"], ["up", "to", "date"], ["recent"], ["latest"], ["still", "good"],
        ["out", "of", "date"], ["outdated"], ["old"], ["bridged"], ["bridge", "letter"],
    ],
    "EXPIRE": [
        ["expire"], ["expires"], ["expired"], ["expiring"], ["expiry"], ["expiration"], ["lapse"], ["lapses"],
        ["lapsing"], ["run", "out"], ["runs", "out"], ["valid", "until"], ["due"], ["renewal"], ["renew"],
    ],
    "EXCEPTION": [["exception"], ["exceptions"], ["deviation"], ["deviations"], ["finding"], ["findings"]],
    "MAP": [
        ["map"], ["maps"], ["mapped"], ["mapping"], ["correspond"], ["corresponds"], ["equivalent"],
        ["crosswalk"], ["match"], ["matches"], ["relate"], ["relates"],
    ],
    "REPLACE": [
        ["replace"], ["replaces"], ["substitute"], ["instead", "of"], ["enough", "instead"], ["same", "as"],
        ["do", "we", "still", "need"], ["need", "both"], ["versus"], ["vs"], ["vs", "."], ["difference"],
        ["compare"],
    ],
    "PROFILE": [["profile"], ["profiles"], ["requirements", "profile"]],
    "SET": [["use"], ["set"], ["switch"], ["bind"], ["apply"]],
    "WHICH": [["which"], ["what"], ["show"]],
    "VENDORS": [["vendors"], ["suppliers"], ["list", "vendors"]],
    "SOC2": [["soc", "2"], ["soc2"], ["soc", "ii"], ["soc", "3"], ["soc3"], ["soc", "report"], ["soc"]],
    "ISO": [
        ["iso"], ["iso", "27001"], ["iso", "/", "iec", "27001"], ["iso", "/", "iec"], ["27001"], ["iso27001"],
        ["certificate"], ["certificates"], ["cert"], ["certification"], ["iso", "42001"], ["42001"],
    ],
    "WINDOW": [
        ["this", "month"], ["this", "week"], ["this", "quarter"], ["this", "year"], ["next", "month"],
        ["next", "week"], ["next", "quarter"], ["soon"], ["today"],
    ],
}

# Function words and question words that are never part of a vendor's name when they stand alone.
STOPWORDS = frozenset(
    """a an the is are was were be been do does did doing done has have had will would can could should shall may
    might must of to in on at by for from with about as into over under within until and or but if than then so
    what which who whom whose when where why how that this these those it its it's they them their there here
    we us our ours you your i me my mine he she his her please tell me show give list any all some every each
    s 's ’s ? ! . , : ; ' " ( ) - us? now still yet still still also just really currently vendor vendors
    company supplier report reports doc docs document documents pdf hey hi hello thanks thank bot
    type annex control controls criterion criteria standard standards iec tsc audit auditor opinion period
    letter cuec cuecs ai month week quarter year days day one ones next last
    """.split()
)


@dataclass(frozen=True, slots=True)
class Window:
    """A time window for "what's expiring this month": from ``start`` to ``end``, both included."""

    start: date
    end: date
    label: str


@dataclass(slots=True)
class Intent:
    kind: IntentKind
    text: str
    vendor: VendorMention | None = None
    criterion: str | None = None
    iso_control: str | None = None
    frameworks: list[Framework] = field(default_factory=list)
    window: Window | None = None
    profile: str | None = None
    labels: set[str] = field(default_factory=set)

    @property
    def vendor_query(self) -> str | None:
        return self.vendor.query if self.vendor else None


_lock = threading.Lock()
_state: dict[str, Any] = {}


def _pipeline() -> tuple[Any, Any]:
    """The tokenizer and Matcher, built once per process (spaCy's vocab is not cheap to build per question)."""
    with _lock:
        if "nlp" not in _state:
            import spacy
            from spacy.matcher import Matcher

            nlp = spacy.blank("en")
            matcher = Matcher(nlp.vocab)
            for label, phrases in _PATTERNS.items():
                matcher.add(label, [[{"LOWER": word} for word in phrase] for phrase in phrases])
            _state["nlp"] = nlp
            _state["matcher"] = matcher
        return _state["nlp"], _state["matcher"]


def _frameworks(text: str) -> list[Framework]:
    """The frameworks named, in the order they appear ("does ISO 27001 replace SOC 2" -> iso27001, soc2)."""
    found: list[tuple[int, Framework]] = []
    for m in re.finditer(r"\bsoc\s?(?:2|ii|3)\b|\bsoc\b", text, re.IGNORECASE):
        found.append((m.start(), "soc2"))
    for m in re.finditer(r"\biso(?:\s?/\s?iec)?\s?27001\b|\biso\b|\b27001\b", text, re.IGNORECASE):
        found.append((m.start(), "iso27001"))
    out: list[Framework] = []
    for _pos, fw in sorted(found):
        if fw not in out:
            out.append(fw)
    return out


def _window(text: str, today: date) -> Window | None:
    lowered = text.lower()
    m = _DAYS.search(text)
    if m:
        n = int(m.group(1))
        unit = m.group(2).lower()
        days = n * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
        return Window(today, today + timedelta(days=days), f"in the next {n} {unit}")
    last_of_month = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if "this month" in lowered:
        return Window(today, last_of_month, "this month")
    if "next month" in lowered:
        first = last_of_month + timedelta(days=1)
        end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return Window(today, end, "by the end of next month")
    if "this week" in lowered:
        return Window(today, today + timedelta(days=6 - today.weekday()), "this week")
    if "next week" in lowered:
        return Window(today, today + timedelta(days=13 - today.weekday()), "by the end of next week")
    if "this quarter" in lowered:
        q_end_month = ((today.month - 1) // 3 + 1) * 3
        return Window(today, date(today.year, q_end_month, calendar.monthrange(today.year, q_end_month)[1]),
                      "this quarter")
    if "next quarter" in lowered:
        return Window(today, today + timedelta(days=120), "in the next four months")
    if "this year" in lowered:
        return Window(today, date(today.year, 12, 31), "this year")
    if "today" in lowered:
        return Window(today, today, "today")
    return None


def _criterion(text: str) -> str | None:
    m = _CRITERION.search(text)
    return m.group(1).upper() if m else None


def _iso_control(text: str) -> str | None:
    m = _ANNEX_A.search(text)
    if m:
        major, minor = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"A.{major}.{minor}"
    m = _CLAUSE.search(text)
    if m:
        return m.group(1)
    m = _BARE_ISO.search(text)
    if m and re.search(r"\biso\b|\bannex\b|27001", text, re.IGNORECASE):
        return f"A.{m.group(1)}.{m.group(2)}"
    return None


def _strip_mentions(text: str) -> str:
    """Slack mentions (<@U123>), channel links and URLs are not words of the question."""
    text = re.sub(r"<[@#!][^>]*>", " ", text)
    text = re.sub(r"<(https?://[^>|]+)(\|[^>]*)?>", " ", text)
    return " ".join(text.split())


def recognize(text: str, directory: VendorDirectory | None = None, *, today: date | None = None) -> Intent:
    """The intent of ``text``; ``directory`` finds the vendor it names (fuzzy, aliases), if any."""
    today = today or date.today()
    clean = _strip_mentions(text)
    nlp, matcher = _pipeline()
    doc = nlp(clean)
    labels: set[str] = set()
    consumed: set[int] = set()
    for match_id, start, end in matcher(doc):
        label = nlp.vocab.strings[match_id]
        labels.add(label)
        consumed.update(range(start, end))
    intent = Intent(kind="unknown", text=clean, labels=labels)
    intent.frameworks = _frameworks(clean)
    intent.criterion = _criterion(clean)
    intent.iso_control = _iso_control(clean)
    intent.window = _window(clean, today)
    pm = _PROFILE_NAME.search(clean)
    intent.profile = pm.group(1).rstrip(".?!,") if pm else None

    ids = {m.span() for m in (*_CRITERION.finditer(clean), *_ANNEX_A.finditer(clean))}
    tokens: list[tuple[str, bool]] = []
    for tok in doc:
        in_id = any(a <= tok.idx < b for a, b in ids)
        is_word = not (tok.i in consumed or in_id or tok.is_punct or tok.is_space or tok.lower_ in STOPWORDS
                       or tok.like_num)
        tokens.append((tok.text, is_word))
    if directory is not None:
        intent.vendor = directory.find(tokens)
    intent.kind = _decide(intent, clean)
    return intent


def _decide(intent: Intent, text: str) -> IntentKind:
    labels = intent.labels
    vendor = intent.vendor
    words = [w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in {"please", "bot"}]
    if not words or (("HELP" in labels) and len(words) <= 4 and vendor is None):
        return "help"
    if "REPLACE" in labels and len(intent.frameworks) >= 2 and not intent.iso_control and not intent.criterion:
        return "replace"
    if intent.iso_control and ("MAP" in labels or intent.frameworks):
        return "crosswalk"
    if intent.criterion and "MAP" in labels and "EXCEPTION" not in labels:
        return "crosswalk"
    if "EXCEPTION" in labels and (intent.criterion or (vendor is not None and vendor.vendor_id is not None)):
        return "exceptions"
    if "PROFILE" in labels:
        if "SET" in labels and intent.profile:
            return "set_profile"
        return "show_profile"
    if vendor is not None and vendor.vendor_id is not None:
        if "ISO" in labels and ("EXPIRE" in labels or "CURRENT" in labels):
            return "iso_expiry"
        if "SOC2" in labels and ("CURRENT" in labels or "EXPIRE" in labels):
            return "soc2_current"
        if "EXPIRE" in labels and "SOC2" not in labels:
            return "iso_expiry"
        if "CURRENT" in labels:
            return "soc2_current"
        if "COVER" not in labels and "ISO" in labels and "SOC2" not in labels:
            return "iso_expiry"  # "what ISO certificates does Acme have?"
        if "COVER" not in labels and "SOC2" in labels and "ISO" not in labels:
            return "soc2_current"  # "show me Acme's SOC 2"
        return "cover"
    if "EXPIRE" in labels and vendor is None:
        return "expiring"
    if "EXCEPTION" in labels and intent.criterion:
        return "exceptions"
    if vendor is not None and (labels & {"COVER", "ISO", "SOC2", "CURRENT", "EXPIRE"} or len(words) <= 2):
        # a name we do not know: the answer says so and suggests close ones
        if "ISO" in labels and "EXPIRE" in labels:
            return "iso_expiry"
        if "SOC2" in labels and "CURRENT" in labels:
            return "soc2_current"
        return "cover"
    if "VENDORS" in labels and ("WHICH" in labels or len(words) <= 3):
        return "list_vendors"
    if "HELP" in labels:
        return "help"
    return "unknown"
