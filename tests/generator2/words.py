"""Vocabulary of the second family: its own invented parties, systems and date styles.

Nothing here is shared with tests/generator/words.py on purpose: a rule that only knows the first family's names
("... Analytics, Inc.", "... & ... LLP", "... Certification Ltd") must not pass here by recognizing them. Every company,
audit firm and certification body is invented; only the accreditation bodies are real, because their acronyms and
number formats are the standards' own vocabulary (IAF MLA signatories).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

_STEMS = (
    "Brindlewood", "Kettlebrook", "Lanternfish", "Moonrake", "Nettlefield", "Tidemark", "Wayfarer", "Yellowfin",
    "Cobblewick", "Dappermill", "Emberline", "Foxhollow", "Gullwing", "Heronsgate", "Ivorybay", "Juddmoor",
    "Knapwell", "Lodgepole", "Merriweather", "Nightjar", "Oxbow", "Puddleby", "Quenby", "Rushmere", "Skerrydale",
    "Trundle", "Umbrage", "Vantwell", "Wickerbay", "Zanderfell",
)
_TAILS = (
    "Freight", "Care", "Telematics", "Ledger", "Mobility", "Docs", "Benefits", "Dispatch", "Clinic", "Signal",
    "Cargo", "Tutoring", "Grid", "Insure", "Metrics", "Hire",
)
_US_FORMS = ("{s} {t}, Inc.", "{s} {t} LLC", "{s}{t_low} Corporation", "{s} {t} Holdings, Inc.", "{s} {t} Co.")
_EU_FORMS = ("{s} {t} GmbH", "{s} {t} AG", "{s} {t} s.r.o.", "{s} {t} SAS", "{s} {t} Pty Ltd", "{s} {t} S.L.",
             "{s} {t} ApS", "{s} {t} plc")

# Systems: most are not "<Noun> System", so a reader that needs "Description of Its X System" finds nothing to hold.
_SYSTEMS = (
    "{s} Cloud Platform", "{t} Operations Hub", "{s} Connect", "Managed {t} Services", "{s} One",
    "{t} Exchange", "{s} Core Banking Suite", "{t} Scheduling Engine", "{s} Data Fabric", "{s} Mobile Workforce App",
)

# Audit firms by kind. Big Four style: two surnames and LLP, offices in large cities. National: regional names,
# P.C. or LLP. Low-cost template firms: one coined word and "CPA".
_BIG = ("Halvorsen Whitcombe LLP", "Ardent & Loewe LLP", "Pryce Kettering LLP", "Stavros Lindahl & Co. LLP",
        "Mbeki Farrant LLP", "Oduya Hartigan LLP")
_NATIONAL = ("Brannock Feld LLP", "Ogilvie Marsh CPAs, P.C.", "Weatherby Soto & Associates, P.C.",
             "Delmore Pike LLP", "Carrow Ebbert PLLC", "Sandoval Teague & Company, LLP")
_LOWCOST = ("AuditHaven CPA LLC", "ComplySentry CPAs, PLLC", "Trustline Attest LLC", "AssureNorth CPA, P.A.",
            "Vouchwell CPA Group LLC", "Certstream Assurance CPAs LLC")
FIRMS = {"big": _BIG, "national": _NATIONAL, "lowcost": _LOWCOST}
BIG_CITIES = (("New York", "New York"), ("Chicago", "Illinois"), ("San Jose", "California"), ("McLean", "Virginia"),
              ("Atlanta", "Georgia"))
SMALL_CITIES = (("Fort Wayne", "IN"), ("Spokane", "WA"), ("Knoxville", "TN"), ("Grand Rapids", "MI"),
                ("Wilmington", "DE"), ("Sioux Falls", "SD"))

# Subservice organizations a modern SaaS carves out: cloud hosting, code hosting, identity, email, payments.
SUBSERVICE = (
    ("Nimbuscape Cloud Services, Inc.", "cloud infrastructure hosting (IaaS and PaaS)", "hosting"),
    ("Stratavault Hosting LLC", "managed data center hosting", "hosting"),
    ("Forgehub, Inc.", "source code hosting and CI pipelines", "code"),
    ("Commitline Software Ltd", "source code repository hosting", "code"),
    ("Keyloom Identity, Inc.", "workforce single sign-on and multi-factor authentication", "identity"),
    ("Parcelpost Mail Systems, Inc.", "transactional email delivery", "email"),
    ("Tillbridge Payments LLC", "card payment processing", "payments"),
)


@dataclass(frozen=True)
class Org:
    """A party: ``name`` is the legal name as printed; ``short`` is how the text refers to it afterwards."""

    name: str
    short: str


def vendor(rng: random.Random, european: bool = False) -> Org:
    s, t = rng.choice(_STEMS), rng.choice(_TAILS)
    form = rng.choice(_EU_FORMS if european else _US_FORMS)
    return Org(form.format(s=s, t=t, t_low=t.lower()), s)


def system(rng: random.Random, org: Org) -> str:
    return rng.choice(_SYSTEMS).format(s=org.short, t=rng.choice(_TAILS))


def firm(rng: random.Random, tier: str) -> str:
    return rng.choice(FIRMS[tier])


PEOPLE = ("Odalys Ferreira", "Bram Oosterhuis", "Chiamaka Eze", "Lars-Erik Dahl", "Marisol Ybarra", "Nguyen Thi Lan",
          "Piotr Zielinski", "Saoirse Keane", "Tomasz Wrobel", "Yusuf Demir")


# Certification bodies by country, each with its national accreditation body and how its number is printed.
@dataclass(frozen=True)
class Body:
    name: str
    country: str  # "uk", "nl", "de", "us", "au", "fr", "es"
    city: str
    accreditor: str  # the acronym a reviewer expects
    accreditor_long: str


BODIES = (
    Body("Penhallow Certification Ltd", "uk", "Truro, United Kingdom", "UKAS", "United Kingdom Accreditation Service"),
    Body("Greyfriars Assessment Services Limited", "uk", "Norwich, United Kingdom", "UKAS",
         "United Kingdom Accreditation Service"),
    Body("Zeegat Certificering B.V.", "nl", "Zwolle, Netherlands", "RvA", "Raad voor Accreditatie"),
    Body("Rheinfeld Zertifizierungsgesellschaft mbH", "de", "Koblenz, Germany", "DAkkS",
         "Deutsche Akkreditierungsstelle"),
    Body("Keystone Registrar Services, Inc.", "us", "Harrisburg, Pennsylvania, USA", "ANAB",
         "ANSI National Accreditation Board"),
    Body("Bluegrass Conformity Partners LLC", "us", "Lexington, Kentucky, USA", "IAS",
         "International Accreditation Service"),
    Body("Southern Cross Conformity Pty Ltd", "au", "Hobart, Australia", "JAS-ANZ",
         "Joint Accreditation System of Australia and New Zealand"),
    Body("Certivaux SAS", "fr", "Rennes, France", "COFRAC", "Comité français d'accréditation"),
    Body("Certifica Ibérica S.L.", "es", "Valladolid, Spain", "ENAC", "Entidad Nacional de Acreditación"),
)


def accreditation_number(rng: random.Random, acc: str) -> tuple[str, str]:
    """(the number as printed beside the mark, the same with the body's acronym in front where it is usual)."""
    if acc == "UKAS":
        n = f"{rng.randrange(1, 9999):04d}"
        return n, f"UKAS {n}"
    if acc == "RvA":
        n = f"C {rng.randrange(100, 700)}"
        return n, f"RvA {n}"
    if acc == "DAkkS":
        n = f"D-ZM-{rng.randrange(10000, 99999)}-01-00"
        return n, f"DAkkS {n}"
    if acc == "IAS":
        n = f"MSCB-{rng.randrange(100, 300)}"
        return n, f"IAS {n}"
    if acc == "JAS-ANZ":
        n = f"M{rng.randrange(1000000, 9999999)}{rng.choice(('IN', 'AU', 'NZ'))}"
        return n, f"JAS-ANZ {n}"
    if acc == "COFRAC":
        n = f"4-{rng.randrange(500, 700):04d}"
        return n, f"COFRAC n° {n}"
    if acc == "ENAC":
        n = f"{rng.randrange(10, 99)}/C-SG{rng.randrange(10, 99):03d}"
        return n, f"ENAC {n}"
    n = f"MS-{rng.randrange(1000, 9999)}"  # ANAB prints its mark; the number is on its register
    return n, f"ANAB {n}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def fmt(d: date, style: str) -> str:
    """A date as one firm or body prints it; ``us_abbr`` / ``intl_abbr`` use three-letter months."""
    m = _MONTHS[d.month - 1]
    forms = {
        "us": f"{m} {d.day}, {d.year}",
        "intl": f"{d.day} {m} {d.year}",
        "us_abbr": f"{m[:3]}. {d.day}, {d.year}" if m != "May" else f"May {d.day}, {d.year}",
        "intl_abbr": f"{d.day:02d}-{m[:3]}-{d.year}",
        "us_numeric": f"{d.month}/{d.day}/{d.year}",
        "iso": d.isoformat(),
        "dotted": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "slashed_dmy": f"{d.day:02d}/{d.month:02d}/{d.year}",
    }
    try:
        return forms[style]
    except KeyError:
        raise ValueError(f"unknown date style {style!r}") from None


def fmt_range(start: date, end: date, style: str, word: str) -> str:
    return f"{fmt(start, style)} {word} {fmt(end, style)}"


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)
