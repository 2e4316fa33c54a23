"""Vocabulary for generated documents: fictional parties, places, products, and the ways dates are printed.

Every company, audit firm and certification body here is invented (made-up word pairs); only the
accreditation bodies are real, because their acronyms are the standards' own vocabulary.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

_FIRST = (
    "Quillfeather", "Marrowby", "Ostwick", "Tallowmere", "Brackenfold", "Wrenhaven", "Copperlune", "Dunmarsh",
    "Fennick", "Glasswater", "Harrowgate", "Isleborne", "Juniperline", "Kestrelon", "Larchmont", "Mossridge",
    "Northwold", "Orrinford", "Pebblestack", "Quarrytown", "Rookhollow", "Saltmarrow", "Thistlecroft", "Umberfield",
    "Vellichor", "Willowtrace", "Yarrowby", "Zephyrine", "Ambermoor", "Bellwether", "Cindervale", "Driftmoor",
)
_SECOND = (
    "Analytics", "Systems", "Software", "Labs", "Cloud", "Health Technologies", "Payments", "Data", "Networks",
    "Logistics", "Learning", "Security", "Commerce", "Robotics", "Insights", "Workforce Solutions",
)
_SUFFIX_US = ("Inc.", "LLC", "Corp.", "Inc.", "Technologies, Inc.")
_SUFFIX_EU = ("Ltd", "GmbH", "B.V.", "Limited", "Pty Ltd", "S.A.")

_PRODUCTS = (
    ("Ledger Sync", "Platform"), ("Claims Intake", "Service"), ("Fleet Telemetry", "Platform"),
    ("Identity Vault", "Service"), ("Payroll Connect", "Platform"), ("Clinical Messaging", "System"),
    ("Order Routing", "Platform"), ("Document Vault", "Service"), ("Field Scheduling", "Suite"),
    ("Contract Analytics", "Platform"), ("Subscription Billing", "Platform"), ("Learning Management", "Platform"),
    ("Customer Data", "Platform"), ("Warehouse Orchestration", "Service"), ("Tenant Screening", "Platform"),
)

_AUDIT_A = ("Thornbury", "Ashcombe", "Okonkwo", "Lindqvist", "Pemberton", "Castellane", "Whitlow", "Rosenvale",
            "Harcastle", "Delacroix", "Marchetti", "Brightwell", "Fairbairn", "Kowalczyk")
_AUDIT_B = ("Vale", "Moreland", "Quaid", "Sutter", "Holloway", "Beaumont", "Achterberg", "Penrose")
_AUDIT_FORMS = ("{a} & {b} LLP", "{a} {b} CPAs, P.C.", "{a} Assurance LLP", "{a} & {b}, LLP", "{a} Attest Partners LLC",
                "{a}, {b} & Co. LLP")

_CB_A = ("Meridian", "Arclight", "Sterling", "Bastion", "Keelson", "Lodestar", "Halden", "Norrland", "Cobalt Ridge",
         "Ironbridge", "Veritrack", "Quorum")
_CB_FORMS = ("{a} Certification Ltd", "{a} Conformity Services GmbH", "{a} Registrar, Inc.",
             "{a} Assessment Services Ltd", "{a} Zertifizierung GmbH", "{a} Quality Assurance B.V.")

ACCREDITORS = (
    ("UKAS", "United Kingdom Accreditation Service"),
    ("ANAB", "ANSI National Accreditation Board"),
    ("DAkkS", "Deutsche Akkreditierungsstelle"),
    ("RvA", "Raad voor Accreditatie"),
    ("JAS-ANZ", "Joint Accreditation System of Australia and New Zealand"),
    ("COFRAC", "Comité français d'accréditation"),
)

US_PLACES = (("Austin", "Texas"), ("Columbus", "Ohio"), ("Raleigh", "North Carolina"), ("Tempe", "Arizona"),
             ("Minneapolis", "Minnesota"), ("Portland", "Oregon"), ("Pittsburgh", "Pennsylvania"), ("Boise", "Idaho"))
EU_PLACES = ("Leeds, United Kingdom", "Utrecht, Netherlands", "Hamburg, Germany", "Cork, Ireland", "Lyon, France",
             "Brisbane, Australia", "Bristol, United Kingdom")

PEOPLE = ("Avery Castellanos", "Priya Raghunathan", "Tobias Lindgren", "Mireille Okafor", "Jonah Whitacre",
          "Sunniva Haugland", "Desmond Achebe", "Keiko Vandermeer", "Rafael Quintero", "Ingrid Solberg")

HOSTS = ("Cumulus Hosting Services, Inc.", "Stratoform Cloud, LLC", "Bluefin Colocation Partners, LLC",
         "Nimbostrate Infrastructure, Inc.", "Skyloft Data Centers Ltd")
OTHER_SUBSERVICE = (
    ("Postwick Messaging, Inc.", "transactional email and SMS delivery"),
    ("Tallyhouse Payments, LLC", "payment card processing"),
    ("Gatekeep Identity, Inc.", "customer single sign-on and identity federation"),
    ("Ravelin Support Systems Ltd", "customer support ticketing"),
)


@dataclass(frozen=True)
class Org:
    """A party: ``name`` is the legal name as printed; ``short`` is how the body text refers to it."""

    name: str
    short: str


def vendor(rng: random.Random, european: bool = False) -> Org:
    first = rng.choice(_FIRST)
    second = rng.choice(_SECOND)
    suffix = rng.choice(_SUFFIX_EU if european else _SUFFIX_US)
    if suffix.startswith("Technologies"):
        return Org(f"{first} {suffix}", first)
    sep = ", " if suffix in ("Inc.", "LLC", "Corp.") and rng.random() < 0.7 else " "
    return Org(f"{first} {second}{sep}{suffix}", first)


def auditor(rng: random.Random) -> str:
    return rng.choice(_AUDIT_FORMS).format(a=rng.choice(_AUDIT_A), b=rng.choice(_AUDIT_B))


def cert_body(rng: random.Random) -> str:
    return rng.choice(_CB_FORMS).format(a=rng.choice(_CB_A))


def product(rng: random.Random, short: str) -> str:
    stem, noun = rng.choice(_PRODUCTS)
    return f"{short} {stem} {noun}" if rng.random() < 0.35 else f"{stem} {noun}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return str(n) + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


DATE_STYLES = ("us", "intl", "us_ordinal", "intl_ordinal", "us_numeric", "iso", "dotted", "abbr")


def fmt(d: date, style: str) -> str:
    """Print a date the way one auditor or certification body would."""
    month = _MONTHS[d.month - 1]
    if style == "us":
        return f"{month} {d.day}, {d.year}"
    if style == "intl":
        return f"{d.day} {month} {d.year}"
    if style == "us_ordinal":
        return f"{month} {ordinal(d.day)}, {d.year}"
    if style == "intl_ordinal":
        return f"{ordinal(d.day)} {month} {d.year}"
    if style == "us_numeric":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dotted":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "abbr":
        return f"{d.day} {month[:3]} {d.year}"
    raise ValueError(f"unknown date style {style!r}")


def fmt_range(start: date, end: date, style: str, rng: random.Random) -> str:
    """A period as printed: long forms take words between the dates, numeric forms a dash."""
    if style in ("us_numeric", "iso", "dotted"):
        return f"{fmt(start, style)} {rng.choice(('-', '–', 'to'))} {fmt(end, style)}"
    word = rng.choice(("to", "through"))
    if start.year == end.year and style in ("us", "intl") and rng.random() < 0.25:
        # The year printed once, for both dates: "January 1 through June 30, 2025" / "1 January to 30 June 2025".
        month = _MONTHS[start.month - 1]
        first = f"{month} {start.day}" if style == "us" else f"{start.day} {month}"
        return f"{first} {word} {fmt(end, style)}"
    return f"{fmt(start, style)} {word} {fmt(end, style)}"


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
