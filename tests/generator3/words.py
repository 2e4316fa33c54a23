"""Vocabulary of the third family: parties, legal forms and dates in the languages certificates are printed in.

Held out from the first two families: its own invented vendors (with the legal forms of Italy, Japan, Poland,
the Nordics and the Low Countries), and certification bodies and audit firms named as the real ones print their
names (DNV, TÜV SÜD, TÜV Rheinland, Bureau Veritas, SGS, LRQA, NQA, Intertek, BSI, AENOR, Kiwa, IMQ; Schellman,
A-LIGN, Coalfire), because their legal names (an acronym alone, an umlaut, "S.A.U.", "K.K.") are what a reader meets on
published documents. The certificates and reports printed with them are fictional: every certified organization,
system, person and number is invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

_STEMS = (
    "Aldergrove", "Brackenridge", "Calloway", "Driftmoor", "Elderquay", "Fennimore", "Glasswing", "Hollowell",
    "Inchbrook", "Jessamine", "Kilnworth", "Larchmont", "Mistral", "Northgale", "Orchardine", "Pellucid",
    "Quarrymead", "Rookery", "Saltmarsh", "Thistledown", "Upperhay", "Velvetine", "Wrenfield", "Yarrowby",
)
_TAILS = ("Analytics", "Payroll", "Robotics", "Logistics", "Health", "Learning", "Security", "Energy", "Travel",
          "Retail", "Foods", "Legal")
_FORMS = ("{s} {t} S.p.A.", "{s} {t} S.r.l.", "{s} {t} K.K.", "{s} {t} Co., Ltd.", "{s} {t} N.V.",
          "{s} {t} Sp. z o.o.", "{s} {t} Oy", "{s} {t} AB", "{s} {t} A/S", "{s} {t} S.A.", "{s} {t} GmbH & Co. KG",
          "{s} {t} Ltd.", "{s} {t}, Inc.", "{s} {t} B.V.", "{s} {t} SARL", "{s} {t} AS")
_US_FORMS = ("{s} {t}, Inc.", "{s} {t} LLC", "{s} {t} Corp.", "{s} {t} Technologies, Inc.")


@dataclass(frozen=True)
class Org:
    """A party: ``name`` as printed (legal form and all); ``short`` as the text refers to it afterwards."""

    name: str
    short: str


def vendor(rng: random.Random, us: bool = False) -> Org:
    s, t = rng.choice(_STEMS), rng.choice(_TAILS)
    return Org(rng.choice(_US_FORMS if us else _FORMS).format(s=s, t=t), s)


def system(rng: random.Random, org: Org) -> str:
    return rng.choice(("{s} Workspace", "{s} Insight Platform", "{t} Cloud", "{s} Connect API", "{s} Pay Hub",
                       "{t} Portal")).format(s=org.short, t=rng.choice(_TAILS))


@dataclass(frozen=True)
class Body:
    """A certification body as its certificates print it: legal name, short name, language, accreditation."""

    name: str
    short: str
    lang: str  # the certificate's own language: en, de, fr, es, it, nl, ja
    city: str
    accreditor: str
    accreditor_long: str
    number: str  # the accreditation number as printed beside the mark


BODIES = (
    Body("DNV Business Assurance Italy S.r.l.", "DNV", "it", "Vimercate (MB), Italy", "ACCREDIA",
         "Ente Italiano di Accreditamento", "003 SSI"),
    Body("TÜV SÜD Management Service GmbH", "TÜV SÜD", "de", "München, Deutschland", "DAkkS",
         "Deutsche Akkreditierungsstelle", "D-ZM-14137-01-00"),
    Body("TÜV Rheinland Cert GmbH", "TÜV Rheinland", "de", "Köln, Deutschland", "DAkkS",
         "Deutsche Akkreditierungsstelle", "D-ZM-16031-01-00"),
    Body("Bureau Veritas Certification France SAS", "Bureau Veritas", "fr", "Puteaux, France", "COFRAC",
         "Comité français d'accréditation", "4-0608"),
    Body("SGS United Kingdom Ltd", "SGS", "en", "Ellesmere Port, United Kingdom", "UKAS",
         "United Kingdom Accreditation Service", "0005"),
    Body("LRQA Limited", "LRQA", "en", "Birmingham, United Kingdom", "UKAS", "United Kingdom Accreditation Service",
         "001"),
    Body("NQA", "NQA", "en", "Dunstable, United Kingdom", "UKAS", "United Kingdom Accreditation Service", "0015"),
    Body("Intertek Certification Limited", "Intertek", "en", "Leicester, United Kingdom", "UKAS",
         "United Kingdom Accreditation Service", "014"),
    Body("BSI Group The Netherlands B.V.", "BSI", "nl", "Amsterdam, Nederland", "RvA", "Raad voor Accreditatie",
         "C 082"),
    Body("Kiwa Nederland B.V.", "Kiwa", "nl", "Rijswijk, Nederland", "RvA", "Raad voor Accreditatie", "C 048"),
    Body("AENOR INTERNACIONAL, S.A.U.", "AENOR", "es", "Madrid, España", "ENAC",
         "Entidad Nacional de Acreditación", "01/C-SC003"),
    Body("IMQ S.p.A.", "IMQ", "it", "Milano, Italia", "ACCREDIA", "Ente Italiano di Accreditamento", "005 SSI"),
    Body("DNV Business Assurance Japan K.K.", "DNV", "ja", "Kobe, Japan", "JAB", "Japan Accreditation Board",
         "CM001"),
    Body("Schellman Compliance, LLC", "Schellman", "en", "Tampa, Florida, USA", "ANAB",
         "ANSI National Accreditation Board", "1186"),
    Body("A-LIGN Compliance and Security, Inc.", "A-LIGN", "en", "Tampa, Florida, USA", "ANAB",
         "ANSI National Accreditation Board", "1327"),
    Body("Coalfire ISO, Inc.", "Coalfire ISO", "en", "Westminster, Colorado, USA", "ANAB",
         "ANSI National Accreditation Board", "0778"),
)

# Audit firms of SOC reports and bridge ("gap") letters, as they sign.
FIRMS = ("Schellman & Company, LLC", "A-LIGN Assurance, LLC", "Coalfire Controls LLC", "Prescient Assurance LLC",
         "Johanson Group LLP", "Sensiba LLP", "Insight Assurance LLC", "BARR Advisory, P.A.")
FIRM_CITIES = (("Tampa", "Florida"), ("Denver", "Colorado"), ("Chattanooga", "Tennessee"), ("Pleasanton",
               "California"), ("Kansas City", "Missouri"))
PEOPLE = ("Ilse Vandermeer", "Giacomo Ferri", "Aiko Tanabe", "Élodie Marchand", "Jürgen Albrecht", "Lucía Serrano",
          "Maarten de Wit", "Priya Raman", "Oskar Nyberg", "Hannah Whitlock")

_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
       "December")
_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
       "Dezember")
_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
       "décembre")
_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
       "noviembre", "diciembre")
_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
       "novembre", "dicembre")
_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
       "november", "december")

# The date styles each language's bodies print.
STYLES = {"en": ("intl", "us", "iso", "dotted"), "de": ("de_long", "dotted"), "fr": ("fr_long", "slashed"),
          "es": ("es_long", "slashed"), "it": ("it_long", "slashed"), "nl": ("nl_long", "dashed"),
          "ja": ("ja", "ja", "iso")}


def fmt(d: date, style: str) -> str:
    """A date as a body of that language prints it ("1. März 2025", "1er mars 2025", "2025年3月1日" ...)."""
    m = d.month - 1
    forms = {
        "intl": f"{d.day} {_EN[m]} {d.year}",
        "us": f"{_EN[m]} {d.day}, {d.year}",
        "iso": d.isoformat(),
        "dotted": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "slashed": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dashed": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "de_long": f"{d.day}. {_DE[m]} {d.year}",
        "fr_long": f"{'1er' if d.day == 1 else d.day} {_FR[m]} {d.year}",
        "es_long": f"{d.day} de {_ES[m]} de {d.year}",
        "it_long": f"{'1°' if d.day == 1 else d.day} {_IT[m]} {d.year}",
        "nl_long": f"{d.day} {_NL[m]} {d.year}",
        "ja": f"{d.year}年{d.month}月{d.day}日",
    }
    try:
        return forms[style]
    except KeyError:
        raise ValueError(f"unknown date style {style!r}") from None


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)
