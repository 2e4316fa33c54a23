"""What a question asks: the intent, the vendors (and providers) it names, and its slots.

1. Slot readers (``slots.py``) find the facts of the question: criterion and Annex A ids, frameworks, the time
   window, a profile, a fiscal year.
2. The vendor directory finds the vendors it names (exact names, aliases, short forms such as "AWS", typos through
   the distinctive word of the name) and the subservice providers ("who depends on AWS?").
3. What they found is masked (``VENDOR``, ``PROVIDER``, ``CRIT``, ``CTRL``) and the classifier
   (``classifier.py``, trained on the project's own corpus) names the intent from the remaining words.
4. A name the directory does not know is still a name: a capitalised one, a possessive one ("letsencrypt's"),
   a provider that is no vendor of ours ("is Salesforce ok?"), or a word that is none of the questions' own words
   standing where a vendor's name stands ("does letsencrypt cover us": masked as ``VENDOR``, the question reads as
   one about a vendor). The answer then says it does not know that vendor; it never answers about another one.
5. A few structural rules check the intent against the slots (a comparison needs two vendors, a crosswalk an id),
   and a follow-up in a thread borrows the thread's vendor ("and their ISO cert?") or asks the thread's question
   about another vendor ("what about Corvane?"), unless it names a vendor of its own or asks about all of them.
"""

from __future__ import annotations

import calendar
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import classifier, slots
from .slots import Window
from .vendors import VendorDirectory, VendorMention, join_tokens

__all__ = ["Intent", "Thread", "Window", "recognize", "NEEDS_VENDOR", "PORTFOLIO_OK"]

# Intents about one vendor (asked without one, and with no vendor in the thread, the bot asks which).
NEEDS_VENDOR = frozenset({"cover", "period", "scope", "cuecs", "what_to_ask", "coverage", "documents", "compare"})
# Intents that are about one vendor when one is named and about the whole portfolio otherwise.
PORTFOLIO_OK = frozenset({"auditor", "opinion", "categories", "subservice", "exceptions", "ai", "type1", "bridge",
                          "fourth_parties", "expiring", "expired", "verdicts", "soc2_current", "iso_expiry"})
# Intents where the question may name a vendor: a name we do not know is reported there as an unknown vendor.
NAMED_OK = NEEDS_VENDOR | PORTFOLIO_OK | {"replace", "what_to_ask", "one_evidence"}
# Intents about the whole portfolio or the bot itself: a thread's vendor is never carried into them.
_NEVER_BORROW = frozenset({"expiring", "expired", "verdicts", "fourth_parties", "list_vendors", "show_profile",
                           "set_profile", "help"})
CONFIDENT = 0.30  # below this the classifier's best guess is not an answer: the bot says it cannot answer yet
NAME_SLOT = 0.50  # a word standing where a vendor's name stands: the question masked with it must be this sure,
SURER = 2.5  # and its doubt (1 - confidence) this many times smaller than the question's as asked
FRAME_MIN, FRAME_SHARE = 5, 0.5  # or its neighbours hold a vendor's name in the corpus this often, and this share
_MAX_TRIALS = 3  # words tried in a vendor's place, at most (a pasted paragraph is not worth a classifier run a word)

# Function words and question words that are never part of a vendor's name when they stand alone.
STOPWORDS = frozenset(
    """a an the is are was were be been do does did doing done has have had will would can could should shall may
    might must of to in on at by for from with about as into over under within until and or but if than then so
    what which who whom whose when where why how that this these those it its it's they them their there here
    we us our ours you your i me my mine he she his her please tell me show give list any all some every each
    s 's ’s ? ! . , : ; ' " ( ) - us? now still yet still still also just really currently vendor vendors
    company supplier report reports doc docs document documents pdf hey hi hello thanks thank bot
    type annex control controls criterion criteria standard standards iec tsc audit auditor opinion period
    letter cuec cuecs ai month week quarter year days day one ones next last isn't aren't doesn't don't didn't
    wasn't won't can't what's who's where's when's how's it's that's there's among amongst between wk wks mo qtr
    yr something anything everything nothing someone anyone vs versus eg ie etc ok okay pls plz thx ty
    """.split()
)
# Days and months are when, never who: "is Monday covered?", "will anything expire in December?".
CALENDAR = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.day_abbr, *calendar.month_name[1:], *calendar.month_abbr[1:])
) | {"sept", "tues", "thur", "thurs", "weekend", "tonight", "today", "tomorrow", "yesterday", "christmas", "xmas",
     "easter", "morning", "afternoon", "evening", "noon", "midnight"}
# Slack's small talk around a question: "Urgent: ...", "Sorry to bother, ...", "Cheers", "lol".
_CHATTER = frozenset("""
    sorry urgent quick question thanks thank cheers ta lol lmao haha hehe hmm hm ah oh ok okay oops wow cool great
    nice awesome perfect brilliant super sweet fab amazing folks team guys everyone y'all yall hiya howdy morning gm
    heads fyi btw imo imho tbh afaik iirc np nvm ack noted sure yes yeah yep yup nope no right alright gotcha kk
    again also actually basically honestly seriously really hopefully maybe please kindly sir madam mate bud
    """.split())
# A lower-case word after a possessive or a determiner is a thing, not a name: "their pentest", "the hosting".
_NOT_BEFORE_NAME = frozenset({"their", "its", "our", "your", "my", "his", "her", "theirs", "the", "a", "an", "this",
                              "that", "these", "those", "any", "some", "each", "every", "no"})
# The trade's words, asked about but never a vendor's name by themselves: laws and schemes, security controls and
# their shorthand. The words of the controls' titles in the standards the project ships are added on first use.
_TRADE = frozenset("""
    gdpr ccpa cpra hipaa hitrust pci dss fedramp stateramp nis nis2 dora sox glba ferpa coppa csa star tisax iso27017
    iso27018 mfa 2fa otp sso saml oidc oauth ldap iam rbac abac pam kms hsm tls ssl mtls vpn waf ddos dlp siem soar edr
    xdr mdm sast dast sca sbom cve cves cvss pentest pentests pentesting vulnerability vulnerabilities scanning patch
    patches patching encryption encrypted decryption cryptography backups backup restore logging logs log monitoring
    retention deletion residency sla slas rto rpo bcp drp failover uptime downtime outage outages incident incidents
    breach breaches phishing malware ransomware antivirus firewall firewalls endpoint endpoints kubernetes containers
    docker serverless hosting datacenter datacentre onboarding offboarding procurement legal finance hr payroll
    compliance governance privacy availability confidentiality integrity security infosec appsec devsecops secrets
    passwords password credentials authentication authorization authorisation provisioning deprovisioning tenancy
    multitenancy segregation segmentation network networks api apis sdk webhook webhooks questionnaire questionnaires
    caiq sig dpa dpia msa nda contract contracts renewal invoice invoices pricing budget
    nist csf cis cmmc cobit itil ssae isae aicpa c5 irap ismap pipeda lgpd appi pdpa cjis itar fisma hds ens
    """.split())


@dataclass(slots=True)
class Thread:
    """What a conversation has been about: follow-ups ("and their ISO cert?") keep its vendors and profile."""

    vendor_ids: tuple[int, ...] = ()
    vendor_names: tuple[str, ...] = ()
    kind: str | None = None
    profile: str | None = None
    criterion: str | None = None


@dataclass(slots=True)
class Intent:
    """A recognised question: ``kind`` and the slots; ``alternatives`` are the next likeliest intents."""

    kind: str
    text: str
    vendors: list[VendorMention] = field(default_factory=list)
    unknown_vendor: VendorMention | None = None
    unknown_name: str | None = None  # a capitalised name that is no vendor's, kept even where it is no vendor
    provider: str | None = None
    providers: list[str] = field(default_factory=list)
    criterion: str | None = None
    iso_control: str | None = None
    frameworks: list[str] = field(default_factory=list)
    window: Window | None = None
    profile: str | None = None
    fiscal_year: int | None = None
    confidence: float = 0.0
    alternatives: list[str] = field(default_factory=list)
    masked: str = ""
    from_thread: bool = False
    count: bool = False  # "how many ..."
    ranked: list[tuple[str, float]] = field(default_factory=list)

    @property
    def vendor(self) -> VendorMention | None:
        """The first vendor named, or the unmatched name when none matched (the answer says it is unknown)."""
        if self.vendors:
            return self.vendors[0]
        return self.unknown_vendor

    @property
    def vendor_query(self) -> str | None:
        return self.vendor.query if self.vendor else None

    @property
    def vendor_ids(self) -> list[int]:
        return [m.vendor_id for m in self.vendors if m.vendor_id is not None]


_lock = threading.Lock()
_state: dict[str, Any] = {}


def _tokenizer() -> Any:
    with _lock:
        if "nlp" not in _state:
            import spacy  # lazy: a second to import; loaded by the first question, not at start

            _state["nlp"] = spacy.blank("en")
        return _state["nlp"]


def _strip_mentions(text: str) -> str:
    """Slack mentions (<@U123>), channel links and URLs are not words of the question."""
    text = re.sub(r"<[@#!][^>]*>", " ", text)
    # a link keeps its label: Slack sends "<https://acme.io|Acme>" for a pasted link and "<http://acme.io|acme.io>"
    # for a typed domain, and the label is what the person wrote
    text = re.sub(r"<(?:https?://|mailto:)[^>|]+\|([^>]*)>", r" \1 ", text)
    text = re.sub(r"<(https?://[^>|]+)>", " ", text)
    # Slack's formatting around words (*bold*, _italic_, ~struck~, `code`) and a quoted line ("> ...")
    text = re.sub(r"(?<![\w*_~`])[*_~`]+(?=\S)|(?<=\S)[*_~`]+(?![\w*_~`])", " ", text)
    text = re.sub(r"^\s*(?:>|&gt;)\s*", "", text)
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def _trade_words() -> frozenset[str]:
    """``_TRADE`` and every word of the control titles of Annex A (2022 and 2013), the TSC, the ISMS clauses and
    ISO/IEC 42001: "is logging covered?" asks about a control, not a vendor called Logging."""
    with _lock:
        if "trade" not in _state:
            from knowledge.catalogues import catalogues  # lazy: the catalogues take 0.1 s, read once on first use

            cat = catalogues()
            titles = [*(c.title for c in cat.annex_a.values()), *(c.title for c in cat.annex_a_2013.values()),
                      *(c.title for c in cat.clauses.values()), *(c.title for c in cat.iso42001.values()),
                      *(c.title for c in cat.tsc.values()), *(c.series_name for c in cat.tsc.values())]
            words = {w for t in titles for w in re.findall(r"[a-z][a-z0-9-]+", t.lower()) if len(w) >= 3}
            _state["trade"] = _TRADE | frozenset(words)
        return frozenset(_state["trade"])


def _commoner(directory: VendorDirectory | None) -> Callable[[str], bool]:
    """Whether a word is one of the questions' own words (so never a vendor's name by itself): a stop word, a
    word of the training corpus, or a misspelling of one, unless it is the distinctive word of a name we know
    ("stratus" is Stratus Cloud's, not a typo of "status")."""
    names = directory.distinctive_words() if directory is not None else frozenset()
    vocab = classifier.vocabulary()
    trade = _trade_words()

    def common(word: str) -> bool:
        low = word.lower()
        if low in STOPWORDS:
            return True
        if low in vocab or low.split("'")[0] in vocab or classifier.is_shorthand(low):
            return True
        if low in names:
            return False
        if low in CALENDAR or low in trade or low in _CHATTER:
            return True
        if word[:1].isupper():
            return False
        if _inflected(low, vocab):
            return True
        return classifier.prepare(low) in vocab

    return common


def _inflected(word: str, vocab: frozenset[str]) -> bool:
    """Whether a lower-case word is a form of one of the questions' own words ("having", "passing", "audits",
    "renewed"): English endings taken off, and the "e" a stem drops put back."""
    for ending in ("ing", "ed", "es", "s", "ies"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms = {stem, stem + "e", stem + "y"} if ending != "ies" else {stem + "y"}
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "stopped" -> "stop"
            if forms & vocab:
                return True
    return False


_FOLLOW_UP = re.compile(r"^\s*(?:and|&|what about|how about|also|ok,? and|same for|what of|plus)\b", re.IGNORECASE)
_REFERS = re.compile(r"\b(?:they|their|theirs|them|em|it|its|this vendor|that vendor|the vendor|this one|that one|"
                     r"same vendor|he|she)\b", re.IGNORECASE)
# Words that make a question one about every vendor: the nouns for all of them ("which vendors", "anyone",
# "across the portfolio") always; question words ("who", "which", "all") only where no pronoun points back at the
# thread's vendor ("who audited them?" is about them).
_ALL = re.compile(r"\b(?:vendors|suppliers|companies|anyone|anybody|everyone|everybody|nobody|portfolio|across)\b",
                  re.IGNORECASE)
_ALL_WEAK = re.compile(r"\b(?:which|who|whom|all|every|list|how many)\b", re.IGNORECASE)
_BARE = re.compile(r"^\W*(?:and|&|what about|how about|also|ok,? and|same for|what of|plus)?\W*"
                   r"(?:(?:for|on|with|re|regarding|from|of)\W+)?(?:VENDOR|PROVIDER)"
                   r"(?:\W+(?:and|,|&|or|v|vs|versus)\W+(?:VENDOR|PROVIDER))*"
                   r"\W*(?:then|too|instead|as well|pls|please)?\W*$",
                   re.IGNORECASE)
_PAST = re.compile(r"\b(?:have|has|had|did)\b[^?]*\b(?:expired|lapsed|gone stale|went stale|run out|ran out)\b|"
                   r"\b(?:already|went stale|ran out)\b", re.IGNORECASE)
_COMPARE = re.compile(r"^\W*(?:pls\s+|please\s+|can you\s+)?(?:compare|contrast)\b", re.IGNORECASE)
_PAST_FORM = re.compile(r"\b(?:expired|lapsed|ran out|went stale|ended)\b", re.IGNORECASE)
_COUNT = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b|\b#\s?of\b", re.IGNORECASE)


def recognize(text: str, directory: VendorDirectory | None = None, *, today: date | None = None,
              profiles: tuple[str, ...] = (), thread: Thread | None = None) -> Intent:
    """The intent of ``text``; ``directory`` finds the vendors it names; ``thread`` is the conversation so far."""
    today = today or date.today()
    clean = _strip_mentions(text)
    intent = Intent(kind="unknown", text=clean)
    if not re.search(r"[A-Za-z0-9]", clean):
        intent.kind = "help"
        return intent
    intent.criterion = slots.criterion(clean)
    intent.iso_control = slots.iso_control(clean)
    intent.frameworks = slots.frameworks(clean)
    intent.window = slots.window(clean, today)
    intent.fiscal_year = slots.fiscal_year(clean, today)
    intent.profile = slots.profile(clean, profiles)
    intent.count = bool(_COUNT.search(clean))

    doc = _tokenizer()(clean)
    ids = [m.span() for m in (*slots.CRITERION.finditer(clean), *slots.ANNEX_A.finditer(clean))]
    profile_words = set(re.split(r"[\s-]+", intent.profile)) if intent.profile else set()
    tokens: list[tuple[str, bool]] = []
    for tok in doc:
        in_id = any(a <= tok.idx < b for a, b in ids)
        is_word = not (in_id or tok.is_punct or tok.is_space or tok.lower_ in STOPWORDS or tok.like_num
                       or tok.lower_ in profile_words)
        tokens.append((tok.text, is_word))
    spans: list[tuple[int, int, str]] = []
    ranked: list[tuple[str, float]] | None = None
    if directory is not None:
        common = _commoner(directory)
        found, unknown = directory.find_all(tokens, common)
        seen_ids: set[int] = set()
        intent.vendors = []
        for m in found:  # a vendor named twice ("... Nimbleroot, is Nimbleroot's AI covered") is one vendor
            if (m.vendor_id is not None and m.vendor_id not in seen_ids) or (m.vendor_id is None and m.suggestions):
                intent.vendors.append(m)
                seen_ids.add(m.vendor_id) if m.vendor_id is not None else None
        intent.unknown_vendor = unknown
        intent.unknown_name = unknown.query if unknown is not None else None
        for m in found:
            spans.append((m.start, m.end, "VENDOR"))
        providers: list[tuple[str, int, int]] = []
        for name, start, end in directory.find_providers(tokens, common, taken=[(m.start, m.end) for m in found]):
            intent.providers.append(name)
            if unknown is not None and unknown.start < end and start < unknown.end:
                intent.unknown_vendor = None
            if not any(a <= start < b for a, b, _ in spans):
                spans.append((start, end, "PROVIDER"))
                providers.append((name, start, end))
        intent.provider = intent.providers[0] if intent.providers else None
        if intent.unknown_vendor is not None:  # a name we do not know still stands where a name stands
            spans.append((intent.unknown_vendor.start, intent.unknown_vendor.end, "VENDOR"))
        if not intent.vendors and intent.unknown_vendor is None:
            ranked = _unknown_name(intent, directory, doc, tokens, spans, providers, common, thread)
    if ranked is None:
        intent.masked = _masked(clean, doc, spans)
        ranked = classifier.predict(intent.masked)
        if directory is not None and ranked[0][0] == "compare" and intent.unknown_vendor is None \
                and not intent.providers:  # even beside two vendors we know: a comparison never drops a name
            ranked = _other_name(intent, directory, doc, tokens, spans, common, ranked)
    ranked = _last_clause(intent.masked, ranked)
    intent.kind, intent.confidence = ranked[0]
    intent.ranked = ranked[:5]
    intent.alternatives = [label for label, _score in ranked[1:4]]
    _check(intent, thread, today)
    return intent


_CLAUSE_BREAK = re.compile(r"(?<=[.?!;:])\s+|,\s+|\s+[-–—]+\s+|\s+(?:anyway|so|but)\s+", re.IGNORECASE)
_LONG = 14  # words: a message this long may carry its context first and its question last


def _last_clause(masked: str, ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A long message often tells its story first and asks last ("...we're renewing in the spring, so when does
    their ISO cert expire?"): its last clause (or last two) is read alone, and kept when it is read with confidence
    or surer than the whole; when the whole reads as no question, each clause is tried ("I need Acme's auditor for
    the board pack, thanks for the help")."""
    if len(masked.split()) < _LONG:
        return ranked
    pieces = [p for p in _CLAUSE_BREAK.split(masked) if p and p.strip()]
    best = ranked
    tails = [pieces[-1:], pieces[-2:]]
    if ranked[0][0] in {"help", "unknown"}:  # no question read in the whole: any clause may be the question
        tails += [[p] for p in pieces[:-1]]
    for tail in tails:
        if len(pieces) < 2 or len(tail) >= len(pieces):
            continue
        text = ", ".join(tail)
        if len(text.split()) < 3:
            continue
        trial = classifier.predict(text)
        if trial[0][0] in {"help", "unknown"}:
            continue  # small talk at the end ("thanks for the help!") is not the question
        # the question at the end, read with confidence, is what is asked, unless the whole is read surely
        if trial[0][1] > best[0][1] or (trial[0][1] >= 0.5 and best is ranked and ranked[0][1] < 0.8):
            best = trial
    return best


def _masked(clean: str, doc: Any, spans: list[tuple[int, int, str]]) -> str:
    """The question with each span of tokens replaced by its placeholder, and ids masked: what the classifier reads."""
    pieces: list[str] = []
    pos = 0
    for start, end, placeholder in sorted(spans):
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if a < pos:
            continue
        pieces += [clean[pos:a], placeholder]
        pos = b
    pieces.append(clean[pos:])
    return slots.mask("".join(pieces))


def _unknown_name(intent: Intent, directory: VendorDirectory, doc: Any, tokens: list[tuple[str, bool]],
                  spans: list[tuple[int, int, str]], providers: list[tuple[str, int, int]],
                  common: Callable[[str], bool], thread: Thread | None) -> list[tuple[str, float]]:
    """A question that names no vendor we know may still name one: a subservice provider asked about as a vendor
    ("is Salesforce ok to use?"), or a lower-case word that is none of the questions' own words ("does letsencrypt
    cover us"). Each is tried in the vendor's place (masked as ``VENDOR``): if the question then reads as one about a
    vendor, clearly, or is a bare follow-up ("what about letsencrypt?"), the name is the vendor asked about and the
    answer will say it is unknown. Sets ``intent.masked`` and returns the ranking of the reading kept."""
    clean = intent.text
    masked = _masked(clean, doc, spans)
    ranked = classifier.predict(masked)
    intent.masked = masked
    about_all = bool(_ALL.search(clean))
    refers = thread is not None and bool(thread.vendor_ids) and bool(_REFERS.search(clean))

    def about_a_vendor(trial: list[tuple[str, float]]) -> bool:
        kind = trial[0][0]
        return kind in NAMED_OK and kind != "fourth_parties" and not about_all and not refers

    if providers:  # a provider in a vendor's place: "is Salesforce ok to use?", "who audited datadog?"
        trial_spans = [(a, b, "VENDOR" if label == "PROVIDER" else label) for a, b, label in spans]
        trial_masked = _masked(clean, doc, trial_spans)
        trial = classifier.predict(trial_masked)
        if _BARE.match(trial_masked) or (ranked[0][0] != "fourth_parties" and about_a_vendor(trial)
                                         and trial[0][1] >= CONFIDENT):
            _name, start, end = providers[0]
            intent.unknown_vendor = _mention(directory, tokens, start, end)
            intent.masked = trial_masked
            return trial
        return ranked
    taken = [(a, b) for a, b, _label in spans]
    runs = _bare_words(tokens, common, taken)
    runs.sort(key=lambda run: run[0] == 0)  # lower-case words first: "Urgent: is letsencrypt ok?" names letsencrypt
    if len(clean.split()) >= _LONG:  # a long message's story is not its question: "I'm putting together the plan"
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(clean)]
        asked_from = breaks[-2] if len(breaks) >= 2 else breaks[-1] if breaks else 0
        runs = [run for run in runs if doc[run[0]].idx >= asked_from]
    for start, end, after_determiner in runs[:_MAX_TRIALS]:
        trial_masked = _masked(clean, doc, sorted([*spans, (start, end, "VENDOR")]))
        trial = classifier.predict(trial_masked)
        kind, score = trial[0]
        same = kind == ranked[0][0] and score >= NAME_SLOT
        # The word stands where a name stands when, as a name, it makes the same reading much surer (a word the
        # model has never seen weighs nothing; a vendor's place in a known frame weighs a lot): "does letsencrypt
        # cover us" reads as "does VENDOR cover us"; "who's winning the league" reads no better with "VENDOR".
        surer = same and not after_determiner and (1 - score) * SURER <= 1 - ranked[0][1]
        # Or its neighbours are where the corpus puts a vendor's name, most of the time: "does asana have a bridge
        # letter" (already sure of its intent either way), "and the asana report?".
        held, seen = _frame(clean, doc, spans, start, end)
        framed = same and held >= FRAME_MIN and held >= FRAME_SHARE * seen
        if _BARE.match(trial_masked) or (about_a_vendor(trial) and (surer or framed)):
            intent.unknown_vendor = _mention(directory, tokens, start, end)
            intent.unknown_name = intent.unknown_vendor.query
            intent.masked = trial_masked
            return trial
    return ranked


def _other_name(intent: Intent, directory: VendorDirectory, doc: Any, tokens: list[tuple[str, bool]],
                spans: list[tuple[int, int, str]], common: Callable[[str], bool],
                ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A comparison that names one vendor we know (or several) names another we may not ("compare Corvane and
    letsencrypt", "compare zentrix, corvane and halcyon"): the word that, in a vendor's place, keeps the question a
    comparison is that other vendor, reported unknown rather than dropped (which would answer about the others
    alone)."""
    taken = [(a, b) for a, b, _label in spans]
    for start, end, _after_determiner in _bare_words(tokens, common, taken)[:_MAX_TRIALS]:
        trial_masked = _masked(intent.text, doc, sorted([*spans, (start, end, "VENDOR")]))
        trial = classifier.predict(trial_masked)
        if trial[0][0] == "compare" and trial[0][1] >= max(NAME_SLOT, ranked[0][1]):
            intent.unknown_vendor = _mention(directory, tokens, start, end)
            intent.unknown_name = intent.unknown_vendor.query
            intent.masked = trial_masked
            return trial
    return ranked


def _frame(clean: str, doc: Any, spans: list[tuple[int, int, str]], start: int, end: int) -> tuple[int, int]:
    """How often the corpus holds a vendor between the words either side of tokens ``start:end`` (in the corpus's
    form: other names masked, shorthand spelled out), and how often it holds anything there."""
    before = [(a, b, label) for a, b, label in spans if b <= start]
    left_words = classifier.prepare(_masked(clean[: doc[start].idx], doc, before)).split() if start else []
    after_at = doc[end - 1].idx + len(doc[end - 1].text)
    right_words = classifier.prepare(clean[after_at:]).split()
    left = left_words[-1] if left_words else "<s>"
    right = right_words[0] if right_words else "</s>"
    return classifier.name_frame(left, right)


def _bare_words(tokens: list[tuple[str, bool]], common: Callable[[str], bool],
                taken: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Runs (up to three tokens) of lower-case words that are none of the questions' own words, nor a typo of one,
    nor a day, a month, a word of the trade or small talk: where a name could stand, each with whether it follows
    a possessive or a determiner ("their pentest", "the asana report": only the corpus's frames can tell those).
    The question's first word counts even capitalised ("Orbix SOC2 current?"), since the directory's reading of
    capitals leaves a sentence's first word alone."""
    runs: list[tuple[int, int, bool]] = []
    start: int | None = None
    for i, (text, ok) in enumerate([*tokens, ("", False)]):
        opener = i == 0 and len(tokens) > 1 and tokens[1][0] in {",", ":", "!", ";", "-", "—"}  # "Urgent: ..."
        good = (ok and len(text) >= 3 and (text[:1].islower() or text[:1].isdigit() or (i == 0 and not opener))
                and any(c.isalpha() for c in text) and text[-1:].isalnum()  # "1password", "box.com"
                and all(c.isalnum() or c in "-." for c in text) and not common(text)
                and not any(a <= i < b for a, b in taken))
        if good and start is None:
            start = i
        elif not good and start is not None:
            runs.append((start, min(i, start + 3), start > 0 and tokens[start - 1][0].lower() in _NOT_BEFORE_NAME))
            start = None
    return runs


def _question_word(word: str) -> bool:
    """A framework or shorthand of the trade ("SOC2", "ISO", "27001"): the question's word, never a name's end."""
    return classifier.is_shorthand(word) or bool(slots.frameworks(word)) or word.isdigit()


def _mention(directory: VendorDirectory, tokens: list[tuple[str, bool]], start: int, end: int) -> VendorMention:
    """The name as asked, with the closest vendors' names to suggest."""
    while end > start + 1 and (not any(c.isalnum() for c in tokens[end - 1][0])
                               or _question_word(tokens[end - 1][0])):
        end -= 1  # "Stripe ?", "Salesforce SOC2": the name, not the question mark or the framework
    query = join_tokens([t for t, _ok in tokens[start:end]])
    suggestions = tuple((vid, name) for vid, name, _s in directory.search(query, limit=3))
    return VendorMention(query, None, None, 0.0, suggestions, start, end)


def _check(intent: Intent, thread: Thread | None, today: date) -> None:
    """Hold the classifier's intent against the slots, and carry a thread's vendor into a follow-up."""
    kind = intent.kind
    has_vendor = bool(intent.vendors)
    follow_up = bool(_FOLLOW_UP.search(intent.text)) and len(intent.text.split()) <= 8
    named = has_vendor or intent.unknown_vendor is not None
    bare = named and bool(_BARE.match(intent.masked))
    if bare:
        if thread is not None and follow_up and thread.kind in NAMED_OK - _NEVER_BORROW:
            kind = thread.kind  # "what about Corvane?" asks the thread's question about another vendor
        else:
            kind = "compare" if len(intent.vendors) >= 2 else "cover"  # "Corvane?", "and Twilio?": how they do
    if thread is not None and not has_vendor and intent.unknown_vendor is None and thread.vendor_ids:
        if follow_up and (intent.criterion or intent.iso_control) and thread.kind in {"exceptions", "crosswalk"}:
            kind = thread.kind
        refers = bool(_REFERS.search(intent.text))
        about_all = bool(_ALL.search(intent.text)) or (bool(_ALL_WEAK.search(intent.text)) and not refers)
        if kind in NEEDS_VENDOR or (refers and not about_all and kind not in _NEVER_BORROW - {"expiring", "expired"}) \
                or (follow_up and not about_all and kind not in _NEVER_BORROW) or (
                kind in {"replace", "one_evidence"} and len(intent.frameworks) < 2) or (
                kind in PORTFOLIO_OK - _NEVER_BORROW and not about_all):
            intent.vendors = [VendorMention(name, vid, name, 100.0) for vid, name
                              in zip(thread.vendor_ids, thread.vendor_names, strict=False)]
            intent.from_thread = True
            if intent.confidence < CONFIDENT and follow_up and thread.kind:
                kind = thread.kind
    elif thread is not None and follow_up and (intent.criterion or intent.iso_control) and thread.kind in {
            "exceptions", "crosswalk"}:
        kind = thread.kind
    if thread is not None and intent.profile is None and thread.profile and kind != "set_profile" and (
            intent.from_thread or follow_up or not intent.vendors):
        intent.profile = thread.profile  # a follow-up keeps the thread's profile; a new vendor starts afresh
    if kind == "crosswalk" and not (intent.criterion or intent.iso_control):
        # a crosswalk needs an id to look up; without one it is a framework question or nothing we can answer
        if len(intent.frameworks) >= 2:
            kind = "replace"
        else:
            intent.alternatives = [a for a in intent.alternatives if a != "crosswalk"]
            kind = "unknown"
    if kind in {"set_profile"} and not intent.profile:
        kind = "show_profile"
    if kind in {"expiring", "expired"} or {k for k, _s in intent.ranked[:2]} == {"expiring", "expired"}:
        # expiring or expired, the model torn between them: the tense and the window say which ("what lapses
        # before feb" looks ahead; "have any certs expired this year?" back)
        past = bool(_PAST.search(intent.text) or _PAST_FORM.search(intent.text)) or (
            intent.window is not None and intent.window.end < today)
        if past or intent.window is not None:
            kind = "expired" if past else "expiring"
            if sum(s for _k, s in intent.ranked[:2]) >= CONFIDENT:  # sure it is one of the two; they say which
                intent.confidence = max(intent.confidence, CONFIDENT)
    if kind == "cover" and intent.fiscal_year is not None:
        kind = "coverage"  # "does Acme cover FY2026?" asks about the audit window, not the verdict
    if kind == "compare" and len(intent.vendor_ids) < 2 and intent.unknown_vendor is None:
        kind = "cover" if intent.vendors else kind  # one vendor to compare: how it does
    if len(intent.vendor_ids) >= 2 and (kind in {"cover", "soc2_current", "iso_expiry", "verdicts"}
                                        or _COMPARE.match(intent.text)):
        kind = "compare"  # "compare A and B on their use of Cumulus" asks for the two side by side
    if kind == "fourth_parties" and intent.provider is None and intent.vendors:
        intent.provider = intent.vendors[0].name
    if kind == "help" and (intent.vendors or intent.criterion or intent.iso_control) and intent.confidence < 0.8:
        kind = intent.alternatives[0] if intent.alternatives else kind
    if kind in {"crosswalk"} and intent.criterion and re.search(r"exception|deviation", intent.text, re.I):
        kind = "exceptions"
    if kind in NEEDS_VENDOR and not intent.vendors and intent.unknown_vendor is None:
        scores = dict(intent.ranked)
        for alt in intent.alternatives:
            if alt not in NEEDS_VENDOR and scores.get(alt, 0.0) >= 0.12:
                kind = alt
                break
    # unsure which question, but sure it is one about a vendor (the likeliest three are, together, likelier than
    # not), and the vendor is one we do not know: the answer is that we do not know it ("is letsencrypt's report ok")
    top = intent.ranked[:3]
    about_unknown = intent.unknown_vendor is not None and not intent.vendors and kind in NAMED_OK and all(
        k in NAMED_OK for k, _s in top) and sum(s for _k, s in top) >= 0.5
    if intent.confidence < CONFIDENT and kind not in {"help"} and not follow_up and not bare and not about_unknown:
        intent.alternatives = [kind, *intent.alternatives][:3]
        kind = "unknown"
    several = len(set(intent.vendor_ids)) >= 2  # "who audited A, B and Zentrix": each answered, Zentrix named
    if kind not in NAMED_OK or (intent.vendors and kind != "compare" and not several) or (
            kind in PORTFOLIO_OK and _ALL.search(intent.text)):
        intent.unknown_vendor = None  # a name matters only where the question is about a vendor (or several)
    intent.kind = kind
