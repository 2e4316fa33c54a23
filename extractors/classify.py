"""What kind of document this is, decided from the standards' own vocabulary.

A SOC 2 report is an examination report by a service auditor against the Trust Services Criteria; Type 2 covers
operating effectiveness throughout a period, Type 1 the design as of a date. Many documents name SOC 2 without being
one: a whitepaper that mentions an annual SOC 2 examination, a pen-test letter, a PCI self-assessment, a WebTrust for
CAs report (same auditors, same attestation standards), or a "SOC 2 certificate" printed by a certification body. Those
are recognised first, so they are never mistaken for a report, and the reader is told what they are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import AS_OF_RE, find_period
from .fields.parties import CERTIFIES_LOCAL
from .fields.sections import Sections, find_sections
from .fields.text import DocText, fold
from .model import Kind
from .patterns import lazy

_I = re.IGNORECASE

_WEBTRUST = lazy(r"WebTrust", _I)
_WEBTRUST_CA = lazy(r"Certification Authorit|WebTrust\s+Principles\s+and\s+Criteria|Baseline Requirements", _I)
_PCI = lazy(r"\bPCI\s+DSS\b|Payment Card Industry", _I)
_PCI_DOC = lazy(r"Self-Assessment Questionnaire|Attestation of Compliance|Report on Compliance|\bSAQ\b", _I)
_TXRAMP = lazy(r"\bTX-?RAMP\b", _I)
_FEDRAMP = lazy(r"\bFedRAMP\b.{0,80}\b(?:Authori[sz]ation|Security Assessment Report)", _I | re.S)
_PENTEST = lazy(r"penetration\s+test(?:ing)?\s+(?:summary|letter|report|attestation)|\bpen[- ]?test\b", _I)
_WHITEPAPER = lazy(r"white\s*paper|security\s+(?:and\s+privacy\s+)?overview|trust\s+center\s+overview", _I)
# A readiness (gap) assessment prepares for an examination or an audit; it is neither.
_READINESS = lazy(
    r"\breadiness\s+(?:assessment|review|letter|report)|\bgap\s+assessment|\bpre-?assessment|"
    r"\bpreparedness\s+(?:assessment|review|letter|report)",
    _I,
)
# What a practitioner writes when the work was not an examination: a readiness or advisory letter says so, and gives
# no opinion ("Our procedures did not constitute an examination ...", "we do not express an opinion").
_NO_EXAMINATION = lazy(
    r"(?:did|does|do)\s+not\s+constitute\s+an?\s+(?:examination|audit|attestation)|"
    r"\b(?:we\s+)?do\s+not\s+express\s+(?:an?\s+|any\s+)?opinion|"
    r"\breadiness\s+for\s+(?:an?\s+|its\s+)?(?:SOC|examination|audit)",
    _I,
)
_OPINION_GIVEN = lazy(r"\bin\s+our\s+opinion\b", _I)
_NOT_AUDIT = lazy(
    r"(?:is|does)\s+not\s+(?:an?\s+)?(?:audit\s+(?:report|opinion)|provide\s+assurance|a\s+SOC)", _I
)

_SOC1 = lazy(r"\bSOC\s*1\b|internal control over financial reporting|\bICFR\b", _I)
_SOC2 = lazy(r"\bSOC\s*2\b|\(SOC\)\s*2\b|Controls\s+2\s*\(SOC\s*2\)", _I)
_SOC3 = lazy(r"\bSOC\s*3\b|\(SOC\)\s*3\b|Controls\s+3\s*\(SOC\s*3\)", _I)
_TYPE2 = lazy(r"\bType\s*(?:2|II)\b", _I)
_TYPE1 = lazy(r"\bType\s*(?:1|I)\b(?!\s*\w*\s*(?:error|and))", _I)
_AUDITOR_REPORT = lazy(
    r"Independent\s+Service\s+Auditor|Report\s+of\s+Independent\s+(?:Certified\s+Public\s+)?Accountants?|"
    r"Independent\s+(?:Accountant|Auditor)[’']?s?[’']?\s+Report|Independent\s+Practitioner",
    _I,
)
_TSC = lazy(r"trust\s+services\s+(?:criteria|principles|categor)", _I)
_OPERATING = lazy(r"operating\s+effectiveness|operated\s+effectively|were\s+effective\s+throughout", _I)
_BRIDGE = lazy(r"\bbridge\s+letter\b|\bgap\s+letter\b|\bbridge\s+period\b", _I)
# A bridge letter without the words: management writes about the months after the last report's period ("since the
# end of the period covered by our most recent SOC 2 report", "subsequent to the review period") and confirms that
# nothing material changed.
_RECENT = r"(?:most\s+recent|latest|last|prior|previous)"
_SOC_TYPE = r"(?:SOC\s*[123]\s+)?(?:type\s*(?:1|2|I|II)\s+)?"
_AFTER_REPORT = lazy(
    r"(?:between|since|after|following|subsequent\s+to)\s+the\s+(?:(?:end|close)\s+of\s+(?:the|our|its)\s+)?"
    rf"(?:{_RECENT}\s+)?{_SOC_TYPE}"
    r"(?:report(?:ing)?|examination|audit|review)\s+period|"
    # "since the end of our latest SOC 2 Type 2 period": the period is named by the report it belongs to, without
    # the word "report" (a recency word or the report's name is what ties it to a report)
    rf"(?:since|after|following|subsequent\s+to)\s+the\s+(?:end|close)\s+of\s+(?:the|our|its)\s+"
    rf"(?:{_RECENT}\s+{_SOC_TYPE}|SOC\s*[123]\s+(?:type\s*(?:1|2|I|II)\s+)?)period|"
    r"(?:subsequent\s+to|since|after)\s+the\s+(?:end\s+of\s+the\s+)?period\s+covered\s+by|"
    r"since\s+(?:our|the|its)\s+(?:last|most\s+recent|prior|previous)\s+(?:SOC\s*[123]\s+)?(?:type\s*(?:1|2|I|II)\s+)?"
    r"(?:report|examination|audit)|follows\s+the\s+end\s+of\s+(?:that|the|our|its)\s+report[’']?s?\s+period|"
    r"after\s+(?:that|the)\s+(?:review|report(?:ing)?|examination|audit)\s+period\s+ended",
    _I,
)
# Management's own letter: it speaks for management and signs as an officer, not as an accountant.
_MANAGEMENT_LETTER = lazy(
    r"management[’']?s\s+representation|issued\s+by\s+the\s+management|\bmanagement\s+(?:of\s+\S+\s+)?confirms|"
    r"^Chief\s+\w+\s+Officer\b",
    _I | re.M,
)
_MANAGEMENT_CONFIRMS = lazy(
    r"\b(?:management|we)\b[^.]{0,60}\b(?:confirms?|represents?|attests?)\b|to\s+the\s+best\s+of\s+(?:our|its)\s+knowledge|"
    r"(?:\bno|not\s+aware\s+of\s+any)\s+(?:significant|material)\s+changes",
    _I,
)
# An auditor's letter that confirms a report was issued ("Attestation Status Confirmation", "This is to confirm
# that X was issued an attestation report for SOC 2 Type 2").
_ATTESTATION_LETTER = lazy(
    r"confirm(?:s|ation)?\b|attestation\s+(?:status|letter|report)|(?:was|were|has\s+been)\s+issued|"
    r"completed\s+(?:an?\s+|its\s+)?(?:SOC|examination|audit)|performed\s+an?\s+(?:SOC|examination)",
    _I,
)
_CERT_WORDS = lazy(
    r"certificate\s+of\s+(?:registration|conformity|approval|certification|compliance)|\bcertif(?:y|ies)\s+that\b|"
    r"this\s+certificate\s+is\s+(?:hereby\s+)?(?:awarded|granted|issued)\s+to|"
    r"hereby\s+certif|has\s+been\s+(?:independently\s+)?assessed|is\s+compliant\s+with|certificate\s+(?:number|no)|"
    r"are\s+compliant\s+with\s+the\s+requirements|^certificate$",
    _I | re.M,
)
# The same in German, French, Spanish, Italian, Dutch and Portuguese: a certificate's title word on a line of its
# own or opening a line ("ZERTIFIKAT", "Certificat de conformité", "Certificado de Registro"); its lead-in
# ("bescheinigt, dass", "certifie que", "certifica che", "verklaart dat") and number label (_CERT_WORDS_LOCAL).
_CERT_TITLE_LOCAL = lazy(
    r"^\W*(?:zertifikat|certificat|certificado|certificato|certificaat)(?![^\W\d_])", _I | re.M
)
_ISO_MS = lazy(r"\bISO\s*/?\s*(?:IEC\s*)?(?:27001|27017|27018|27701|42001|9001|14001|22301|20000-1)\b", _I)


_CERT_NO = lazy(r"certificate\s+(?:number|no\.?)\s*:?", _I)
_CERT_CYCLE = lazy(
    r"surveillance|initial\s+registration|recertification|date\s+of\s+expiry|expiry\s+date|"
    r"[üu]berwachungsaudit|rezertifizierung|erstzertifizierung|g[üu]ltig\s+bis|ablaufdatum|date\s+d['’]expiration|"
    r"audit\s+de\s+suivi|fecha\s+de\s+(?:caducidad|vencimiento|expiraci[óo]n)|auditor[íi]a\s+de\s+seguimiento|"
    r"data\s+di\s+scadenza|sorveglianza|vervaldatum|hercertificering|data\s+de\s+validade|recertifica[çc][ãa]o",
    _I,
)
# "Zertifikat-Nr.", "Zertifikatsnummer", "N° de certificat", "Número de certificado", "Certificato n°".
_CERT_NO_LOCAL = lazy(
    r"(?:zertifikats?|certificat|certificado|certificato|certificaat)[-\s]*(?:nr|n[°º]|nummer)|"
    r"(?:n[°º]|num[ée]ro|n[úu]mero)\s*(?:de|du|di|do)?\s*(?:certificat|certificado|certificato)",
    _I,
)
_CERT_WORDS_LOCAL = lazy(rf"{CERTIFIES_LOCAL}|{_CERT_NO_LOCAL.pattern}", _I)


_CPA = lazy(r"\bCPAs?\b|Certified\s+Public\s+Accountants?|Chartered\s+Accountants?", _I)


@dataclass
class Classification:
    kind: Kind
    warnings: list[str] = field(default_factory=list)
    # What the document is within its kind, when that matters to the readers: "attestation_letter" (an auditor's
    # letter about a report, kind unknown).
    genre: str | None = None
    sections: Sections | None = None


def _letter_genre(text: DocText, head: str, n_pages: int, sections: Sections) -> str | None:
    """A short document that names a SOC report but has neither a system description nor tests of controls is a
    letter about a report, not the report: management's about the months after its period (a bridge letter), or
    the auditor's confirming that it was issued (an attestation letter), even when it quotes the opinion."""
    if n_pages > 3 or sections.has("description") or sections.has("tests"):
        return None
    if not (_SOC2.search(head) or _SOC3.search(head) or _SOC1.search(head)):
        return None
    if _AFTER_REPORT.search(head) and _MANAGEMENT_CONFIRMS.search(head):
        return "bridge_letter"
    if _MANAGEMENT_LETTER.search(head):
        return None  # management writing about its report: not the auditor's letter
    first_lines = "\n".join(text.page_lines[text.text_pages()[0]][:4]) if text.text_pages() else ""
    by_accountant = bool(
        _CPA.search(first_lines) or re.search(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3},\s*CPA\b", head, re.M)
    )
    if sections.has("auditor_report") or by_accountant or (
        _ATTESTATION_LETTER.search(head) and _CPA.search(head)
    ):
        return "attestation_letter"
    return None


def classify(text: DocText) -> Classification:
    """Decide the kind from the opening pages (title, report headings) and the document's length."""
    pages = text.text_pages()
    head_pages = pages[:10]
    head = fold("\n".join(text.page_text[n] for n in head_pages))
    title = fold("\n".join(text.page_text[n] for n in pages[:2]))
    n_pages = len(text.page_lines)

    if _WEBTRUST.search(head) and _WEBTRUST_CA.search(head):
        return Classification(
            "unknown", ["Not a SOC 2 report: this is a WebTrust for Certification Authorities report."]
        )
    if _PCI.search(title) and _PCI_DOC.search(head):
        what = (
            "a PCI DSS self-assessment questionnaire"
            if re.search(r"Self-Assessment", head, _I)
            else "a PCI DSS attestation"
        )
        return Classification("unknown", [f"Not a SOC 2 report: this is {what}, not an independent auditor's report."])
    if _TXRAMP.search(title):
        return Classification("unknown", ["Not a SOC 2 report: this is a TX-RAMP document."])
    if _FEDRAMP.search(title):
        return Classification("unknown", ["Not a SOC 2 report: this is a FedRAMP document."])

    has_report = bool(_AUDITOR_REPORT.search(head))
    soc2_named = bool(_SOC2.search(title))
    soc3_named = bool(_SOC3.search(title))

    if _PENTEST.search(title) and not has_report:
        return Classification(
            "unknown", ["Not a SOC 2 report: this is a penetration test letter, not an audit report."]
        )
    if _READINESS.search(title) and not has_report:
        return Classification(
            "unknown",
            [
                "Not a SOC 2 report or a certificate: this is a readiness assessment, which examines and certifies "
                "nothing."
            ],
        )
    if (_WHITEPAPER.search(title) or _NOT_AUDIT.search(head)) and not has_report:
        return Classification(
            "unknown", ["Not a SOC 2 report: this is a whitepaper or overview and provides no independent assurance."]
        )

    if _BRIDGE.search(title) and n_pages <= 6:
        return Classification("bridge_letter")
    sections = find_sections(text, 12) if n_pages <= 3 else None
    letter = _letter_genre(text, head, n_pages, sections) if sections is not None else None
    if letter == "bridge_letter":
        return Classification("bridge_letter", sections=sections)

    if n_pages <= 3 and not has_report and _NO_EXAMINATION.search(head) and not _OPINION_GIVEN.search(head):
        return Classification(
            "unknown",
            [
                "Not a SOC report or a certificate: the practitioner says the work was not an examination and "
                "gives no opinion (a readiness or advisory letter); it examines and certifies nothing."
            ],
        )

    iso = _ISO_MS.search(title)
    # The other languages' certificate words count only beside an ISO standard in the title (a certificate in
    # German names no SOC 2), which also spares every SOC report their search.
    cert_words = _CERT_WORDS.search(head) or (
        iso
        and (
            _CERT_WORDS_LOCAL.search(head)
            or _CERT_TITLE_LOCAL.search("\n".join(text.page_text[n] for n in pages[:2]))
        )
    )
    if cert_words and not has_report and (soc2_named or soc3_named) and not iso:
        return Classification(
            "unknown",
            [
                "Not a SOC 2 report: this is a certificate that names SOC 2; SOC 2 is an attestation report by a "
                "licensed CPA firm, not a certification."
            ],
        )
    # A certificate may carry a long appendix of sites; what makes it one is its first pages.
    if iso and cert_words and not has_report and (n_pages <= 12 or _CERT_WORDS.search(title)):
        if soc2_named:
            return Classification(
                "iso_certificate",
                ["Not a SOC 2 report: this certificate names SOC 2, but a SOC 2 report is an attestation by a CPA "
                 "firm; only its ISO/IEC certification is read."],
            )  # fmt: skip
        return Classification("iso_certificate")

    if letter == "attestation_letter" and not iso:
        which = "SOC 3" if soc3_named and not soc2_named else "SOC 1" if _SOC1.search(head) and not soc2_named else (
            "SOC 2")
        return Classification(
            "unknown",
            [
                f"Not a {which} report: this is an auditor's attestation letter ({n_pages} page"
                f"{'s' if n_pages > 1 else ''}) that says an examination took place; it has no system description "
                "and no tests of controls. Ask the vendor for the report itself."
            ],
            genre="attestation_letter",
            sections=sections,
        )
    if (
        (soc2_named or soc3_named)
        and not has_report
        and sections is not None
        and not any(sections.has(r) for r in ("auditor_report", "assertion", "description", "tests"))
        and not _OPINION_GIVEN.search(head)
    ):
        # A page or three that names SOC 2 (a "SOC 2 compliant" announcement, a trust page) but holds none of a
        # report's parts: no auditor's report, no opinion, no assertion, no description, no tests.
        which = "SOC 2" if soc2_named else "SOC 3"
        return Classification(
            "unknown",
            [
                f"Not a {which} report: the document ({n_pages} page{'s' if n_pages > 1 else ''}) names {which} but "
                "holds none of a report's parts (no service auditor's report or opinion, no management's assertion, "
                "no description of the system, no tests of controls). Ask the vendor for the report itself."
            ],
        )
    if soc3_named and (has_report or _TSC.search(head)):
        return Classification("soc3")
    if _SOC1.search(title) and not soc2_named and not _TSC.search(head):
        return Classification("soc1")
    if soc2_named or (has_report and _TSC.search(head)):
        if _TYPE2.search(title):
            return Classification("soc2_type2")
        if _TYPE1.search(title):
            return Classification("soc2_type1")
        # No type in the title: a point in time ("as of") is a Type 1, a period is a Type 2. A Type 1 report also
        # mentions operating effectiveness (to say it was not tested), so the dates decide first.
        if AS_OF_RE.search(title):
            return Classification("soc2_type1")
        if find_period(title) or re.search(r"throughout\s+the\s+period", head, _I):
            return Classification("soc2_type2")
        if AS_OF_RE.search(head) or re.search(r"suitability\s+of\s+the\s+design\s+of\s+controls", head, _I):
            return Classification("soc2_type1")
        if _OPERATING.search(head):
            return Classification("soc2_type2")
        if has_report:
            return Classification("soc2_type2")
    if iso and cert_words and n_pages <= 12:
        return Classification("iso_certificate")
    if n_pages <= 3 and not has_report and (_CERT_NO.search(head) or _CERT_NO_LOCAL.search(head)) and (
        _CERT_CYCLE.search(head)
    ):
        # The standard's name is often only in the certificate's artwork; the certification-cycle vocabulary is not.
        return Classification("iso_certificate")
    warnings = []
    if soc2_named:
        warnings.append("Not a SOC 2 report: the document names SOC 2 but holds no service auditor's report.")
    return Classification("unknown", warnings)
