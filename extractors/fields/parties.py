"""Who: the vendor (service or certified organization), the issuer (service auditor or certification body), the
accreditation body and the certificate number.

Names are read where the document's genre puts them: a certificate names the certified organization right after
"certifies that" and the body in "on behalf of" / "certified by"; a SOC report names the vendor on its cover and in
"To the Management of", and the auditor in the signature block that closes its report, next to the report date.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..dates import find_dates
from ..model import Found, Kind
from ..patterns import lazy
from .org_names import ORG_LINE_RE, ORG_PROSE_PATTERN, ORG_RE, clean_org
from .sections import read_scope_paragraph
from .text import DocText, fold

_I = re.IGNORECASE

_SKIP_LINE = lazy(r"^(?:©|\(c\)|copyright|page\s+\d|confidential|note:)", _I)
# "certifies that" and its equivalents in the languages European certification bodies print: what follows names
# the certified organization.
CERTIFIES_LOCAL = (
    r"(?:bescheinig|best[äa]tig|zertifizier)\w*,?\s+dass|hiermit\s+wird\s+(?:bescheinigt|best[äa]tigt)|"
    r"(?:certifi|attest)(?:e|ons)\s+que|il\s+est\s+certifi[ée]\s+que|"
    r"(?:certifica(?:-se)?|certificamos|hace\s+constar|atesta|atestamos)\s+que|"
    r"(?:certifica|certifichiamo|attesta)\s+che|"
    r"(?:verklaart|verklaren|certificeert|wordt\s+verklaard)\s+dat"
)
# "the organization" at the end of a lead-in line ("..., dass die Organisation"): the name follows on the next
# line. Too common a phrase to say, on its own, that a document is a certificate.
_THE_ORGANIZATION = (
    r"die\s+(?:folgende\s+)?organisation|l['’]organisation(?:\s+suivante)?|la\s+organizaci[óo]n|"
    r"l['’]organizzazione|de\s+organisatie|a\s+organiza[çc][ãa]o"
)
_CERTIFIES = lazy(
    r"(?:certif(?:y|ies)\s+that|hereby\s+certif\w*|as\s+defined\s+and\s+implemented\s+by|"
    r"the\s+following\s+organi[sz]ation|management\s+system\s+of|(?:is\s+)?(?:awarded|granted|issued)\s+to|"
    rf"{CERTIFIES_LOCAL})\b[^\n]*$|(?:{_THE_ORGANIZATION})\s*:?\s*$|"
    # An auditor's attestation letter: "THIS IS TO CONFIRM THAT" / "Acme Pty Ltd".
    r"(?:this\s+is\s+to|hereby)\s+confirm\s+that\s*:?\s*$",
    _I | re.M,
)
# "<Organisation> / has been assessed and certified by <body> ...": the organisation comes on the line before.
_CERTIFIED_BY_AFTER = lazy(
    r"^(?:has|have)\s+been\s+(?:independently\s+)?(?:assessed|audited|certified|registered|found)\b|"
    r"^(?:is|are)\s+(?:hereby\s+)?(?:certified|registered)\s+(?:by|as|to|for)\b",
    _I,
)
_ISSUER_PATTERNS = [
    lazy(rf"(?:For\s+and\s+)?on\s+behalf\s+of\s+(?P<org>{ORG_RE.pattern})"),
    lazy(rf"^(?P<org>{ORG_RE.pattern})\s+(?:hereby\s+)?certifies\b", re.M),
    # "on behalf of" and "<body> certifies" in German, French, Spanish, Italian, Dutch and Portuguese.
    lazy(
        r"(?i:im\s+auftrag\s+(?:der|des|von)|f[üu]r\s+die\s+zertifizierungsstelle|pour\s+le\s+compte\s+de|"
        r"au\s+nom\s+de|en\s+nombre\s+de|por\s+cuenta\s+de|per\s+conto\s+di|in\s+nome\s+di|namens|"
        rf"em\s+nome\s+d[aeo]|por\s+conta\s+d[aeo])\s+(?P<org>{ORG_RE.pattern})"
    ),
    lazy(
        rf"^(?:(?i:die|la|le|el|il|de|a)\s+)?(?P<org>{ORG_RE.pattern})\s+(?i:hiermit\s+|par\s+la\s+pr[ée]sente\s+)?"
        r"(?i:bescheinigt|best[äa]tigt|zertifiziert|certifie|atteste|certifica|attesta|verklaart|certificeert)\b",
        re.M,
    ),
    lazy(r"Certified\s+by\s+(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})\s+since\b"),
    lazy(r"Certification\s+Body\s+of\s+(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4}?)\s+(?:hereby|certifies)"),
    lazy(
        r"(?:independently\s+)?assessed\s+(?:and\s+\w+\s+)?by\s+(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})"
    ),
    lazy(rf"remains\s+the\s+property\s+of\s+(?P<org>{ORG_RE.pattern})"),
    # A signatory's title and the body's name: "Managing Director, Sterling Registrar, Inc."
    lazy(
        rf"^(?:[A-Z][\w-]*\s+){{0,3}}(?:Director|Manager|President|Officer|Head\s+of\s+\w+(?:\s+Body)?|CEO|Partner|"
        r"Gesch[äa]ftsf[üu]hrer(?:in)?|Leiter(?:in)?(?:\s+der\s+Zertifizierungsstelle)?|Directeur|Directrice|"
        r"G[ée]rante?|Directora?|Gerente|Direttore|Amministratore\s+Delegato|Presidente|Bestuurder|Directeur|"
        r"Diretora?)(?:\s+(?:G[ée]n[ée]ral[e]?|General|Geral|T[ée]cnico|Tecnico|de\s+(?:la\s+)?[Cc]ertifica\w*))?,\s+"
        rf"(?P<org>{ORG_RE.pattern})",
        re.M,
    ),
    # A footer that starts with the body's name: "Sterling Registrar, Inc. | Validity may be verified ..."
    lazy(rf"^(?P<org>{ORG_RE.pattern})\s*[|•·]", re.M),
    # Names without a legal form, where only the certification body can stand: "Coalfire ISO, a Certification
    # Body, certifies that ...", a line "For and on behalf of Coalfire ISO".
    lazy(
        r"^(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}),\s+(?:an?|the)\s+(?:accredited\s+)?"
        r"(?i:certification\s+body|registrar),?\s+(?:hereby\s+)?certifies\b",
        re.M,
    ),
    lazy(
        r"^(?:For\s+and\s+)?[Oo]n\s+behalf\s+of\s+(?:the\s+)?"
        r"(?!(?:Board|Management|Certification\s+Body|Registrar|Director|Company)\b)"
        r"(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})$",
        re.M,
    ),
]
_CERTIFY_INLINE = lazy(
    r"(?i:certif(?:y|ies)|confirms?)\s+that\s+(?i:the\s+(?:[\w-]+\s+){0,8}?of\s+)?"
    rf"(?P<org>{ORG_PROSE_PATTERN})(?=\s*[,(]|\s+(?i:has|have|is|are|operates|complies|meets|conforms)\b)"
)


@cache
def _certify_inline_local() -> re.Pattern[str]:
    """The same lead-in in German, French, Spanish, Italian, Dutch and Portuguese ("Hiermit wird bescheinigt, dass
    das Unternehmen Acme GmbH, <address>, ..."); compiled on first use, for certificates whose organization is not
    on a line of its own."""
    return re.compile(
        rf"(?i:{CERTIFIES_LOCAL})\s+(?:(?i:(?:das|die|der)\s+(?:Unternehmen|Organisation)|l['’]organisation|"
        r"la\s+organizaci[óo]n|l['’]organizzazione|de\s+organisatie|a\s+organiza[çc][ãa]o)\s+)?"
        rf"(?P<org>{ORG_PROSE_PATTERN})(?=\s*[,(])"
    )


_CERT_TITLE = lazy(
    r"^\W*(?:certificate|zertifikat|certificat|certificado|certificato|certificaat|certificado|登録証)(?![^\W\d_])", _I
)
# A certificate's form field naming the organisation: "Company | Aptible, Inc.", "Organization: Acme Ltd".
_ORG_FIELD = lazy(
    rf"^(?i:company|organi[sz]ation|certified\s+organi[sz]ation|client)(?:\s+name)?\s*[|:]?\s+(?P<org>{ORG_RE.pattern})",
    re.M,
)
_PREPARED_BY = lazy(rf"(?:prepared|issued|examined|performed)\s+by\s+(?P<org>{ORG_PROSE_PATTERN})")
_PREDECESSOR = lazy(r"\b(?:preceding|prior|previous|predecessor|other\s+(?:auditors?|accountants?))\b", _I)
_ENGAGED = lazy(rf"engaged\s+(?P<org>{ORG_PROSE_PATTERN})")
# A bridge letter names the auditor of the last report as the subject of its work: "Ardent & Loewe LLP examined
# the controls of ...", "... issued by Ogilvie Marsh CPAs, P.C.".
_FIRM_EXAMINED = lazy(
    rf"(?:^|(?<=[.;]\s))(?P<org>{ORG_PROSE_PATTERN})[ \n]+(?:examined|audited|performed\s+(?:an?|the)\s+(?:SOC|exam))",
    re.M,
)
_AUDITOR_LABEL = lazy(
    rf"^(?i:(?:Independent\s+)?(?:Service\s+)?Auditor(?:\s+Firm)?)\s*:?[ \t]+(?P<org>{ORG_RE.pattern})[ \t]*$", re.M
)
_NO_OPINION = lazy(rf"accordingly,\s+(?P<org>{ORG_PROSE_PATTERN})\s+express(?:es)?\s+no\s+opinion")
_TO_MANAGEMENT = lazy(rf"To\s+(?:the\s+)?(?:Management|Board\s+of\s+Directors)\s+of\s+(?P<org>{ORG_RE.pattern})")
_MANAGEMENT_OF = lazy(rf"(?:as\s+)?management\s+of\s+(?P<org>{ORG_RE.pattern})")
_TO_ORG = lazy(rf"^To\s+(?P<org>{ORG_RE.pattern})\s*:", re.M)
# An addressee without a legal suffix ("To the management of Internet Security Research Group (“Let’s Encrypt”):").
_TO_MANAGEMENT_LOOSE = lazy(
    r"(?i:To\s+(?:the\s+)?(?:management|Board\s+of\s+Directors)\s+of)\s+"
    r"(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,7})\s*(?:\(|:|,)"
)
# A letter signed for the organization: "Chief Executive Officer, Ledgerline, Inc."
_SIGNATORY_OF = lazy(
    rf"^(?:[A-Z][\w-]*\s+){{0,4}}(?:Officer|Director|President|Manager|CEO|CISO|CTO|COO|Head\s+of\s+\w+),\s+"
    rf"(?P<org>{ORG_RE.pattern})\s*$",
    re.M,
)
_REPORT_HEADING = lazy(
    r"Independent\s+Service\s+Auditor|Report\s+of\s+(?:the\s+)?Independent\s+Accountant|"
    r"Independent\s+(?:Accountant|Auditor)[’']?s?[’']?\s+Report",
    _I,
)
_MEMBER_FIRM = lazy(
    r"member\s+firm\s+of\s+(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,5}?)\s+"
    r"(?:Global|International)\s+(?:Limited|Ltd)"
)
_SIGNED = lazy(r"^\s*(?:/s/|s/|By:|Signed:|Signed\s+by:?)\s*", _I)

ACCREDITATION_BODIES = (
    "UKAS", "ANAB", "DAkkS", "RvA", "EGAC", "JAS-ANZ", "COFRAC", "ACCREDIA", "ENAC", "SANAS", "INAB", "DANAK",
    "SWEDAC", "BELAC", "CNAS", "JAB", "HKAS", "NABCB", "IAS", "A2LA", "IPAC", "FINAS", "PJLA", "ESYD", "TURKAK",
)  # fmt: skip
# Accreditation bodies printed with their full names, and the acronym they are known by.
ACCREDITATION_NAMES = {
    "united kingdom accreditation service": "UKAS",
    "ansi national accreditation board": "ANAB",
    "ansi-asq national accreditation board": "ANAB",
    "deutsche akkreditierungsstelle": "DAkkS",
    "raad voor accreditatie": "RvA",
    "dutch accreditation council": "RvA",
    "joint accreditation system of australia and new zealand": "JAS-ANZ",
    "comité français d'accréditation": "COFRAC",
    "entidad nacional de acreditación": "ENAC",
    "south african national accreditation system": "SANAS",
    "irish national accreditation board": "INAB",
    "international accreditation service": "IAS",
    "egyptian accreditation council": "EGAC",
    "national accreditation board for certification bodies": "NABCB",
    "ente italiano di accreditamento": "ACCREDIA",
    "japan accreditation board": "JAB",
    "belgian accreditation body": "BELAC",
    "danish accreditation fund": "DANAK",
    "swedish board for technical accreditation": "SWEDAC",
    "finnish accreditation service": "FINAS",
    "portuguese institute for accreditation": "IPAC",
    "instituto português de acreditação": "IPAC",
    "china national accreditation service for conformity assessment": "CNAS",
}
_ACCRED_FULL = lazy("|".join(re.escape(k) for k in ACCREDITATION_NAMES), _I)
_ACCRED_RE = lazy(
    r"(?<![\w-])(?P<ab>" + "|".join(re.escape(a) for a in ACCREDITATION_BODIES if len(a) > 2) + r"|(?i:RvA))(?![\w-])"
)
_ACCRED_NAMED = lazy(
    r"(?i:accredited\s+by)\s+(?:the\s+)?(?P<ab>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,5})|"
    r"(?P<ab2>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4}\s+Accreditation\s+(?:Council|Service|Board|Body|Forum))"
)
_CERT_NO = lazy(
    r"(?i:(?:Certificate|Certification|Registration|Reg\.?|Cert\.?)(?:\s+(?:registration|reg\.?|identity|"
    r"identification))?\s*(?:No\.?|Number|Nr\.?|#|ID)(?![A-Za-z])\s*[:.#]?)"
    # A label in a narrow cell ends its line with a colon; the number is the next line ("Certificate\nNo.:\nIS 12").
    r"(?:(?<=:)[ \t]*\n)?[ \t]*"
    # A number may be printed in groups ("20 997 24012 TMS", "IS 675575"): upper-case and digit groups on one line.
    r"(?P<no>[A-Z0-9][A-Z0-9/._-]*(?:[ ][A-Z0-9][A-Z0-9/._-]*){0,4})(?![a-z])",
)


# The certificate number's label in German, French, Spanish, Italian, Dutch and Portuguese: "Zertifikat-Nr.",
# "Zertifikatsnummer", "Zertifikat-Registrier-Nr.", "N° de certificat", "Certificado nº", "Certificato n.",
# "Número de registro", "Certificaatnummer".
_LOCAL_CERT = (
    r"(?:Zertifikats?|Registrier(?:ungs)?|Certificat|Certificado|Certificato|Certificaat|Registro|Registo|"
    r"Registrazione|Registratie|Enregistrement)"
)
_LOCAL_NO = r"(?:Nr\.?|No\.?|N\.?\s?[°ºo]\.?|n\.(?=[\s:])|Nummer|nummer|#)"
_CERT_NO_LOCAL = lazy(
    r"(?i:"
    rf"{_LOCAL_CERT}(?:[-\s]*Registrier)?(?:[-\s]*{_LOCAL_NO}|nummer|nr\.?)"
    r"|(?:N\.?\s?[°ºo]\.?|Nr\.?|Num[ée]ro|N[úu]mero|Numero|Num\.)\s*"
    r"(?:(?:de|du|del|di|do|da|d['’]|van\s+het)\s*)?(?:l['’]\s*)?"
    r"(?:certificat|certificado|certificato|certificaat|registro|registo|enregistrement|registrazione|zertifikat))"
    r"(?![^\W\d_])\s*[:.#]?[ \t]*"
    r"(?P<no>[A-Z0-9][A-Z0-9/._-]*(?:[ ][A-Z0-9][A-Z0-9/._-]*){0,4})(?![a-z])",
)


def _found(value: str, page: int, quote: str | None = None) -> Found[str]:
    return Found(value, page, quote if quote is not None else value)


# An accountant's name: a CPA firm ("AssuranceLab CPAs LLC", "... Certified Public Accountants") or a person who signs
# with the credential ("Erika Villanueva, CPA"). The auditor, never the vendor.
AUDITOR_NAME = lazy(
    r"\bCPAs?\b|Certified\s+Public\s+Accountants?|Chartered\s+(?:Professional\s+)?Accountants?", _I
)


def _first_org_line(
    lines: list[str], start: int = 0, stop: int | None = None, exclude: str = "", auditors: bool = True
) -> tuple[int, str] | None:
    for i in range(start, min(len(lines), stop if stop is not None else len(lines))):
        line = lines[i]
        if _SKIP_LINE.match(line) or re.match(r"^To\s", line):
            continue
        if not auditors and AUDITOR_NAME.search(line):
            continue
        m = ORG_RE.match(line)
        if m is None:
            continue
        name = clean_org(m.group(0))
        rest = line[m.end() :].strip(" *:-–—")
        # A whole line that is a name, or a letterhead (name then street address, "Acme Ltd, 12 High Street").
        if rest and not re.match(r"^[,;|]?\s*\d", rest):
            continue
        if exclude and same_party(name, exclude):
            continue
        return i, name
    return None


_LEGAL = lazy(
    r"\b(?:inc|llc|llp|ltd|limited|corp|corporation|co|company|pty|pvt|private|plc|gmbh|ag|bv|b\.v|nv|sa|sas|srl|"
    r"spa|s\.a|the|services?|group|holdings?)\b\.?",
    _I,
)


def party_key(name: str) -> str:
    """A name without case, punctuation, legal form or "Services"/"Group": how two mentions of one party compare."""
    s = _LEGAL.sub(" ", fold(name).casefold().replace("&", " and "))
    return re.sub(r"[^\w]+", " ", s).strip()


def same_party(a: str, b: str) -> bool:
    """Whether two names are one party ("Compass Assurance Services Pty Ltd" and "Compass Assurance Services")."""
    ka, kb = party_key(a), party_key(b)
    if not ka or not kb:
        return False
    return ka == kb or (min(len(ka), len(kb)) >= 4 and (ka.startswith(kb + " ") or kb.startswith(ka + " ")))


def read_vendor(text: DocText, kind: Kind, issuer: Found[str] | None) -> Found[str] | None:
    pages = text.text_pages()
    if not pages:
        return None
    exclude = issuer.value if issuer else ""
    # Whatever the kind, a document that certifies something names the organization right after "certify that",
    # or right before "has been assessed and certified by ..." (the body comes after "by", never the vendor).
    for n in pages[:2]:
        lines = text.page_lines[n]
        for i, line in enumerate(lines):
            if _CERTIFIES.search(line):
                hit = _first_org_line(lines, i + 1, i + 4, exclude, auditors=False)
                if hit:
                    return _found(hit[1], n)
            if _CERTIFIED_BY_AFTER.match(line) and i > 0:
                hit = _first_org_line(lines, max(0, i - 2), i, exclude)
                if hit:
                    return _found(hit[1], n)
    # The organisation inside the lead-in sentence: "We certify that Acme S.L., 75 King Street, ... has been audited",
    # "This is to certify that the information security management system of Acme LLC, <address>, complies".
    for n in pages[:2]:
        local = _certify_inline_local().finditer(text.page_text[n]) if kind == "iso_certificate" else ()
        for inline in (*_CERTIFY_INLINE.finditer(text.page_text[n]), *local):
            name = clean_org(inline.group("org"))
            if not (exclude and same_party(name, exclude)):
                return _found(name, n, fold(inline.group(0)))
    if kind == "iso_certificate":
        for n in pages[:2]:
            m = _ORG_FIELD.search(text.page_text[n])
            if m and not (exclude and same_party(m.group("org"), exclude)):
                return _found(clean_org(m.group("org")), n, m.group(0))
        for n in pages[:2]:
            lines = text.page_lines[n]
            # A name above the certificate's title is the body's letterhead unless the body is known to be someone
            # else: the certified organization comes after the title.
            title = next((i for i, line in enumerate(lines[:8]) if _CERT_TITLE.match(line)), None)
            hit = _first_org_line(lines, title + 1 if title is not None else 0, None, exclude, auditors=False)
            if hit is None and title is not None and exclude:
                hit = _first_org_line(lines, 0, title, exclude, auditors=False)
            if hit:
                return _found(hit[1], n)
        return None
    if kind == "unknown":
        first = pages[0]
        lines = text.page_lines[first]
        letterhead = _first_org_line(lines[:3], 0)
        # A letter on a third party's letterhead (a pen tester's) is about its addressee, the vendor.
        if letterhead:
            for line in lines[letterhead[0] + 1 : 20]:
                to = _TO_MANAGEMENT.match(line)
                if to and clean_org(to.group("org")).casefold() != letterhead[1].casefold():
                    return _found(clean_org(to.group("org")), first)
            addressee = _first_org_line(lines, letterhead[0] + 1, 20, letterhead[1], auditors=False)
            if addressee:
                return _found(addressee[1], first)
            # The letterhead's firm did the work ("Redhollow Security Labs LLC performed a penetration test of the
            # web application of Acme, Inc."): the letter is the tester's, about the organization tested.
            performed, tested = _work_object(text.page_text[first], letterhead[1])
            if tested is not None:
                return _found(tested[0], first, tested[1])
            if performed:
                # The firm that did the work is never the vendor, even when the letter names no other organization.
                hit = _first_org_line(lines, 0, 12, letterhead[1], auditors=False)
                if hit:
                    return _found(hit[1], first)
                other = mentioned_vendor(text)
                return other if other is not None and not same_party(other.value, letterhead[1]) else None
        hit = _first_org_line(lines, 0, 12, auditors=False)
        if hit:
            return _found(hit[1], first)
        return mentioned_vendor(text)
    # SOC reports and letters: the cover first, then the report's addressee, then management's assertion.
    for n in pages[:3]:
        lines = text.page_lines[n]
        hit = _first_org_line(lines, 0, 8, exclude, auditors=False)
        if hit:
            return _found(hit[1], n)
    mentioned = mentioned_vendor(text)
    if mentioned is not None:
        return mentioned
    # The auditor's scope paragraph: "We have examined Acme, Inc.'s accompanying description of its ... system".
    paragraph = read_scope_paragraph(text)
    if paragraph and paragraph.vendor and not AUDITOR_NAME.search(paragraph.vendor):
        if fold(paragraph.vendor).casefold() != fold(exclude).casefold():
            return _found(paragraph.vendor, paragraph.page, paragraph.quote)
    return None


_PERFORMED = lazy(
    rf"(?:^|(?<=[.;]\s))(?P<author>{ORG_RE.pattern})[ \n]+"
    r"(?i:(?:has\s+|have\s+)?(?:performed|conducted|completed|carried\s+out))\b",
    re.M,
)
_WORKED_ON = lazy(rf"\b(?i:of|for|on|at)\s+(?P<org>{ORG_PROSE_PATTERN})")


def _work_object(page: str, author: str) -> tuple[bool, tuple[str, str] | None]:
    """Whether ``author`` performed work the page states ("... LLC performed a penetration test of ..."), and the
    organization it worked on, named after "of", "for", "on" or "at" in that sentence (name, quote), if any."""
    performed = False
    for m in _PERFORMED.finditer(page):
        if not same_party(clean_org(m.group("author")), author):
            continue
        performed = True
        end = re.compile(r"\.\s+(?=[A-Z])").search(page, m.end())
        sentence = page[m.end() : end.start() if end else m.end() + 300]
        for org in _WORKED_ON.finditer(sentence):
            name = clean_org(org.group("org"))
            if not same_party(name, author):
                return True, (name, fold(page[m.start() : m.end() + org.end()]))
    return performed, None


def mentioned_vendor(text: DocText) -> Found[str] | None:
    """The organisation a report is addressed to or whose management asserts: "To the Management of X"."""
    for pattern in (_TO_MANAGEMENT, _TO_ORG, _MANAGEMENT_OF, _TO_MANAGEMENT_LOOSE, _SIGNATORY_OF):
        for n in text.text_pages()[:12]:
            m = pattern.search(text.page_text[n])
            if m:
                name = clean_org(m.group("org"))
                if AUDITOR_NAME.search(name):
                    continue
                return _found(name, n)
    return None


def read_issuer(text: DocText, kind: Kind, report_date_line: tuple[int, int] | None) -> Found[str] | None:
    """The auditor or certification body. ``report_date_line`` is (page, line index) of the signed date, if known."""
    pages = text.text_pages()
    if kind == "iso_certificate":
        for pattern in _ISSUER_PATTERNS:
            for n in pages[:3]:
                m = pattern.search(text.page_text[n])
                if m:
                    return _found(clean_org(m.group("org")), n)
        # The letterhead: an organization named above "... certify that", which names the certified one.
        for n in pages[:1]:
            lines = text.page_lines[n]
            certify_at = next((i for i, t in enumerate(lines) if _CERTIFIES.search(t)), None)
            if certify_at:
                hit = _first_org_line(lines, 0, certify_at)
                if hit:
                    return _found(hit[1], n)
        return None
    if kind == "unknown":
        # Only an independent accountant's report has an issuer; a letter's author is not an assurance issuer.
        if report_date_line is None:
            return None
    for n in pages[:2]:
        for m in _PREPARED_BY.finditer(text.page_text[n]):
            # "... for the preceding period were examined by X": a predecessor auditor, in an Other Matter paragraph.
            if not _PREDECESSOR.search(text.page_text[n][max(0, m.start() - 160) : m.start()]):
                return _found(clean_org(m.group("org")), n)
    if kind == "bridge_letter":
        for pattern in (_ENGAGED, _FIRM_EXAMINED, _AUDITOR_LABEL):
            for n in pages[:2]:
                m = pattern.search(text.page_text[n])
                if m and not _SIGNATORY_OF.search(m.group(0)):
                    return _found(clean_org(m.group("org")), n, fold(m.group(0)))
        return None
    if report_date_line is not None:
        page, idx = report_date_line
        lines = text.page_lines[page]
        window = list(range(idx - 1, max(-1, idx - 5), -1)) + list(range(idx + 1, min(len(lines), idx + 12)))
        for i in window:
            m = ORG_LINE_RE.match(_SIGNED.sub("", lines[i]).strip(" *"))
            if m:
                return _found(clean_org(m.group(0)), page)
        signer = _signing_accountant(lines, window)
        if signer is not None:
            return _found(signer[0], page, signer[1])
        # A signature on the page before the date (the firm's name, then "City, State" and the date overleaf).
        prev_page = page - 1
        if idx <= 2 and prev_page in text.page_lines:
            for line in reversed(text.page_lines[prev_page][-4:]):
                if ORG_LINE_RE.match(_SIGNED.sub("", line)):
                    return _found(clean_org(_SIGNED.sub("", line)), prev_page)
    # A cover laid out as a key/value table: "Service Auditor  ComplySentry CPAs, PLLC".
    for n in pages[:2]:
        m = _AUDITOR_LABEL.search(text.page_text[n])
        if m:
            return _found(clean_org(m.group("org")), n, fold(m.group(0)))
    for n in pages:
        m = _NO_OPINION.search(text.page_text[n])
        if m:
            return _found(clean_org(m.group("org")), n)
    return _letterhead_issuer(text, pages)


_CREDENTIAL_LINE = lazy(r"^(?:Certified\s+Public\s+Accountants?|CPA|Chartered\s+Accountants?)\s*$", _I)
_PERSON_LINE = lazy(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*){1,3}$")


def _signing_accountant(lines: list[str], window: list[int]) -> tuple[str, str] | None:
    """A report signed by a licensed accountant in person, with no firm in the block ("JAY MARU" / "Certified Public
    Accountant" / "License Number: ..."): the signer and the credential, as printed."""
    for i in window:
        if _CREDENTIAL_LINE.match(lines[i]) and i > 0 and _PERSON_LINE.match(lines[i - 1]):
            name, credential = lines[i - 1], lines[i]
            if find_dates(name):
                continue
            return f"{name}, {credential}", f"{name} {credential}"
    return None


def _addressees(text: DocText, pages: list[int]) -> set[str]:
    """Names the report is addressed to or titled for: never the auditor."""
    names: set[str] = set()
    for n in pages[:12]:
        for pattern in (_TO_MANAGEMENT, _TO_ORG, _TO_MANAGEMENT_LOOSE):
            for m in pattern.finditer(text.page_text[n]):
                names.add(clean_org(m.group("org")).casefold())
    if pages:
        cover = _first_org_line(text.page_lines[pages[0]], 0, 8)
        if cover:
            names.add(cover[1].casefold())
    return names


def _letterhead_issuer(text: DocText, pages: list[int]) -> Found[str] | None:
    """The firm on the letterhead of the report's first page, or the network it is a member firm of."""
    exclude = _addressees(text, pages)
    for n in pages[:12]:
        lines = text.page_lines[n]
        head = next((i for i, t in enumerate(lines[:40]) if _REPORT_HEADING.search(t)), None)
        if head is None:
            continue
        for line in lines[:head]:
            m = ORG_RE.match(line)
            if m and not _SKIP_LINE.match(line) and clean_org(m.group(0)).casefold() not in exclude:
                return _found(clean_org(m.group(0)), n)
    for n in pages[:12]:
        m = _MEMBER_FIRM.search(text.page_text[n])
        if m:
            return _found(fold(m.group("org")), n, fold(m.group(0)))
    return None


def read_accreditation_body(text: DocText) -> Found[str] | None:
    for n in text.text_pages()[:3]:
        page = text.page_text[n]
        acronym = _ACCRED_RE.search(page)
        full = _ACCRED_FULL.search(fold(page))
        if full and not acronym:
            return _found(ACCREDITATION_NAMES[full.group(0).casefold()], n, full.group(0))
        if acronym:
            canonical = next((a for a in ACCREDITATION_BODIES if a.casefold() == acronym.group("ab").casefold()), None)
            return _found(canonical or acronym.group("ab"), n, acronym.group("ab"))
        m = _ACCRED_NAMED.search(page)
        if m:
            name = fold(m.group("ab") or m.group("ab2"))
            return _found(name, n)
        m2 = _ACCRED_RE.search(page)
        if m2:
            return _found(m2.group("ab"), n)
    return None


# Accreditation numbers in the formats IAF MLA signatories give the bodies they accredit: the number alone says
# which accreditation body it is when its logo is only an image. Formats that could be anything else ("C 466",
# a four-digit UKAS number) count only on a line that speaks of accreditation.
ACCREDITATION_NUMBERS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("DAkkS", lazy(r"\bD-ZM-\d{5}-\d{2}(?:-\d{2})?\b"), False),
    ("IAS", lazy(r"\bMSCB-\d{2,4}\b"), False),
    ("JAS-ANZ", lazy(r"\b[A-Z]\d{7}[A-Z]{2}\b"), True),
    ("RvA", lazy(r"\bC\s?\d{3}\b"), True),
    ("COFRAC", lazy(r"\b[45]-0\d{3}\b"), True),
)
_ACCREDIT_WORD = lazy(r"accredit|akkredit|accr[ée]dit|acredita", _I)


def read_accreditation_number(text: DocText) -> Found[str] | None:
    """The accreditation body from its accreditation number's format ("D-ZM-16025-01-00" is DAkkS's, "MSCB-118"
    IAS's), for a certificate whose mark names no body in text. The quote is the line with the number."""
    for n in text.text_pages()[:3]:
        for line in text.page_lines[n]:
            for body, pattern, needs_word in ACCREDITATION_NUMBERS:
                m = pattern.search(line)
                if m and (not needs_word or _ACCREDIT_WORD.search(line)):
                    return _found(body, n, line)
    return None


# What an accreditation mark prints under the body's logo: the certification body's accreditation number.
_MARK_NUMBER = lazy(
    r"\b(?:CAB|MSCB|Accreditation|Accredited)\s*(?:No\.?|Number|#|:)?\s*[#:]?\s*[A-Z]{0,4}-?\d{3,}\b", _I
)
_MARK_WORD = lazy(r"(?<![\w-])[A-Z0-9]{4,7}(?![\w-])")  # logo letters are capitals


def read_accreditation_mark(text: DocText) -> Found[str] | None:
    """The accreditation body from an accreditation mark read by OCR, whose logo letters come out with one letter
    wrong ("KGAC" for EGAC, "UKA5" for UKAS): a capitalised word that is a known body's acronym or misses exactly one
    of them by one letter, within two lines of the mark's accreditation number ("CAB # 011905", "Accreditation No.
    0874"). Only for OCR'd artwork: in a text layer such a word is another word."""
    for n in text.text_pages()[:1]:
        lines = text.page_lines[n]
        for i, line in enumerate(lines):
            if not _MARK_NUMBER.search(line):
                continue
            for j in range(max(0, i - 2), min(len(lines), i + 3)):
                for word in _MARK_WORD.findall(lines[j]):
                    body = _one_letter_off(word)
                    if body is not None:
                        first, last = min(i, j), max(i, j)
                        return _found(body, n, fold(" ".join(lines[first : last + 1])))
    return None


def _one_letter_off(word: str) -> str | None:
    """The known accreditation body (acronym of four letters or more) that ``word`` is, or misses by one letter;
    None when it could be more than one ("ANAB" is one letter off INAB too, so the exact one wins)."""
    known = [b for b in ACCREDITATION_BODIES if len(b) >= 4 and len(b) == len(word) and b.isalpha()]
    exact = [b for b in known if b.upper() == word]
    if exact:
        return exact[0]
    near = [b for b in known if sum(x != y for x, y in zip(b.upper(), word, strict=True)) == 1]
    return near[0] if len(near) == 1 else None


def read_certificate_number(text: DocText) -> Found[str] | None:
    """The number after a certificate-number label; on a page that labels it in English and another language,
    the English label's."""
    for n in text.text_pages()[:3]:
        for pattern in (_CERT_NO, _CERT_NO_LOCAL):
            for m in pattern.finditer(text.page_text[n]):
                number = m.group("no")
                if number[-1] in "-/._":
                    # A part with lower-case letters ("...-ITA-RvA") is still the number, not a word after it.
                    glued = re.match(r"[A-Za-z0-9][A-Za-z0-9/._-]*", text.page_text[n][m.end("no") :])
                    number += glued.group(0) if glued else ""
                number = number.rstrip(".,;-/_")
                # The standard's name on the line after a label is not the number ("Certificate No.:" /
                # "ISO/IEC 27001:2022").
                if re.search(r"\d", number) and not re.match(r"(?:ISO|IEC|EN|DIN)\b", number):
                    return _found(number, n)
    return None


_FORM_LABEL = lazy(
    r"^(?:Company|Organi[sz]ation|Merchant|Service\s+Provider|Legal\s+Entity|Entity)\s+Name\s*:?$", _I
)


def read_form_vendor(doc: Any, text: DocText) -> Found[str] | None:
    """A questionnaire or attestation form: the value in the cell after the first "Company Name:" label.

    A form's labels and values are drawn separately, so the plain text puts them far apart; the page's layout lines
    (text runs in drawing order, cells separated by tabs) keep each label next to its value. Only the first page
    with such a label is laid out.
    """
    page = next(
        (n for n in text.text_pages()[:15] if re.search(r"(?:Company|Organi[sz]ation)\s+Name\s*:", text.page_text[n])),
        None,
    )
    if page is None:
        return None
    try:
        rows = doc.line_texts(page)
    except Exception:  # noqa: BLE001 - layout is a bonus for forms; without it the field stays empty
        return None
    for row in rows:
        cells = [c.strip() for c in row.split("\t")]
        for i, cell in enumerate(cells[:-1]):
            if _FORM_LABEL.match(cell):
                value = clean_org(cells[i + 1])
                if len(value) > 2 and re.match(r"^[A-Z0-9]", value):
                    return _found(value, page)
    return None
