"""Management-system certificates of the third family: bodies, languages and layouts the first two never printed.

Bodies print in their own language (German, French, Spanish, Italian, Dutch; Japanese with English beside it),
alone or with English labels after a slash, with that language's long dates ("1. März 2025", "1er mars 2025",
"15 de marzo de 2025", "1° marzo 2025", "15 maart 2025", "2025年3月1日") or its numeric ones. Layouts: a portrait
page with a label/value block; a landscape page whose text stands in a left column and whose dates stand in a right
one; a certificate whose second page is an annex listing the sites (each with the date it was added, a distractor);
a validity sentence in the certificate's language. Standards: ISO/IEC 27001:2022 alone, with 27701 and 27017 (or 27017
and 27018) on one certificate, and ISO/IEC 42001:2023.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Table, TableStyle

from tests.generator import render as r
from tests.generator2 import art
from tests.generator2.expect import Expect2

from . import words as w

EXPIRED_BEFORE = date(2026, 12, 1)
_JA_FONT = "HeiseiKakuGo-W5"  # a CID font every PDF reader has: Japanese needs no embedded font file

# Per language: title, lead-in before the organization, words after it, the scope's label, and the labels.
LANG: dict[str, dict[str, Any]] = {
    "en": {"title": ("CERTIFICATE OF REGISTRATION", "Certificate", "Certificate of Approval"),
           "lead": ("This is to certify that the management system of", "{body} hereby certifies that",
                    "This certificate is awarded to"),
           "conforms": ("has been assessed and found to be in conformity with the requirements of",
                        "operates a management system which complies with the requirements of"),
           "scope": ("Scope of certification:", "This certificate is valid for the following scope:"),
           "number": ("Certificate No.", "Certificate Number", "Certificate identity number"),
           "issue": ("Issue date", "Date of issue", "Effective date", "Certification cycle start date"),
           "expiry": ("Expiry date", "Valid until", "Certificate expiry date", "Certification cycle expiry date"),
           "original": ("Original certification date", "Initial certification date", "Original approval"),
           "audit": ("Next surveillance audit due", "Latest certificate revision")},
    "de": {"title": ("ZERTIFIKAT",), "lead": ("Hiermit wird bescheinigt, dass das Unternehmen",
                                            "Die Zertifizierungsstelle von {body} bescheinigt, dass"),
           "conforms": ("ein Managementsystem eingeführt hat und anwendet gemäß",),
           "scope": ("Geltungsbereich:",), "number": ("Zertifikat-Nr.", "Zertifikatsnummer"),
           "issue": ("Ausstellungsdatum", "Gültig ab"), "expiry": ("Gültig bis",),
           "original": ("Erstzertifizierung", "Datum der Erstzertifizierung"),
           "audit": ("Nächstes Überwachungsaudit",),
           "valid": ("Dieses Zertifikat ist gültig vom {a} bis {b}.",),
           "scope_text": ("Entwicklung, Betrieb und Support der Softwareplattform {system}",
                          "Bereitstellung von Cloud-Diensten für {system} einschließlich Kundensupport")},
    "fr": {"title": ("CERTIFICAT",), "lead": ("{body} certifie que le système de management de l'organisation",
                                            "Il est certifié que"),
           "conforms": ("a été audité et jugé conforme aux exigences de la norme",),
           "scope": ("Domaine d'application :", "Périmètre de certification :"),
           "number": ("Numéro de certificat", "N° de certificat"),
           "issue": ("Date d'émission", "Date de début de validité"), "expiry": ("Date d'expiration",),
           "original": ("Date de certification initiale",), "audit": ("Prochain audit de surveillance",),
           "valid": ("Ce certificat est valable du {a} au {b}.",),
           "scope_text": ("Conception, développement et exploitation de la plateforme {system}",
                          "Hébergement et support des services {system} pour les clients professionnels")},
    "es": {"title": ("CERTIFICADO",), "lead": ("{body} certifica que la organización",),
           "conforms": ("dispone de un sistema de gestión conforme con la norma",),
           "scope": ("Alcance:",), "number": ("Certificado nº", "Número de registro"),
           "issue": ("Fecha de emisión",), "expiry": ("Fecha de expiración", "Válido hasta"),
           "original": ("Fecha de primera emisión",), "audit": ("Próxima auditoría de seguimiento",),
           "valid": ("Este certificado es válido desde el {a} hasta el {b}.",),
           "scope_text": ("Desarrollo, operación y soporte de la plataforma {system}",
                          "Prestación de servicios en la nube de {system} a clientes empresariales")},
    "it": {"title": ("CERTIFICATO",), "lead": ("Si certifica che il sistema di gestione di",
                                             "{body} certifica che l'organizzazione"),
           "conforms": ("è conforme ai requisiti della norma",),
           "scope": ("Campo applicativo:", "Scopo della certificazione:"),
           "number": ("Certificato n.", "Numero certificato"),
           "issue": ("Data di emissione", "Data emissione corrente"), "expiry": ("Data di scadenza",),
           "original": ("Data prima emissione",), "audit": ("Prossimo audit di sorveglianza",),
           "valid": ("Il presente certificato è valido dal {a} al {b}.",),
           "scope_text": ("Progettazione, sviluppo ed erogazione della piattaforma {system}",
                          "Erogazione di servizi cloud {system} e relativa assistenza ai clienti")},
    "nl": {"title": ("CERTIFICAAT",), "lead": ("{body} verklaart dat", "Hierbij wordt verklaard dat"),
           "conforms": ("een managementsysteem heeft ingevoerd dat voldoet aan",),
           "scope": ("Toepassingsgebied:",), "number": ("Certificaatnummer", "Certificaat nr."),
           "issue": ("Datum van uitgifte", "Uitgiftedatum"), "expiry": ("Geldig tot", "Vervaldatum"),
           "original": ("Datum eerste certificatie",), "audit": ("Volgende surveillance-audit",),
           "valid": ("Dit certificaat is geldig van {a} tot en met {b}.",),
           "scope_text": ("Ontwikkeling, hosting en ondersteuning van het {system} platform",
                          "Het leveren van {system} clouddiensten aan zakelijke klanten")},
    "ja": {"title": ("登録証 / CERTIFICATE OF REGISTRATION",),
           "lead": ("下記の組織のマネジメントシステムを審査し、規格に適合していることを証明します。 / This is to "
                    "certify that the management system of",),
           "conforms": ("has been found to conform to / 適合規格",),
           "scope": ("登録範囲 / Scope:",), "number": ("登録番号 / Certificate No.",),
           "issue": ("発行日 / Issue date",), "expiry": ("有効期限 / Expiry date",),
           "original": ("初回登録日 / Original registration date",), "audit": ("次回維持審査 / Next surveillance",)},
}
# The English label a bilingual certificate prints after the slash.
_EN_AFTER = {"number": "Certificate No.", "issue": "Date of issue", "expiry": "Valid until",
             "original": "Initial certification", "audit": "Next surveillance audit"}
SCOPES_EN = ("The design, development, operation and support of the {system} software platform",
             "Provision of hosted {system} services to business customers from offices in {city}")
AI_SCOPE = "The development, provision and monitoring of AI systems within the {system}, including machine " \
           "learning models used to rank and summarise customer records"

STANDARDS: dict[str, list[list[str]]] = {
    "27001": [["ISO/IEC 27001:2022"]],
    "multi": [["ISO/IEC 27001:2022", "ISO/IEC 27701:2019", "ISO/IEC 27017:2015"],
              ["ISO/IEC 27001:2022", "ISO/IEC 27017:2015", "ISO/IEC 27018:2019"]],
    "42001": [["ISO/IEC 42001:2023"]],
}


def build(variant: str, seed: int, *, wave2: bool = False) -> tuple[bytes, dict[str, Any]]:
    """``variant``: '27001', 'multi' (27001 with 27701/27017/27018) or '42001'. ``wave2``: the variations written
    after the extractor's fixes for the first wave (scored apart, as documents it was not fixed against): the
    organization inside the lead-in sentence in the certificate's language, sub-certificate numbers of the sites on
    the annex, and numbers labelled "Registration No." / "Registrier-Nr." / "Nº de registro"."""
    rng = random.Random(f"g3:iso:{variant}:{seed}")
    rng2 = random.Random(f"g3:iso:w2:{variant}:{seed}")
    body = rng.choice(w.BODIES)
    lang = body.lang
    mode = "mono" if lang == "en" else ("labels" if lang == "ja" else rng.choice(("mono", "labels", "english")))
    words = LANG["en" if mode == "english" else lang]
    vendor = w.vendor(rng, us=body.accreditor == "ANAB")
    system = w.system(rng, vendor)
    standards = rng.choice(STANDARDS[variant])
    style = rng.choice(w.STYLES[lang])
    layout = rng.choice(("portrait", "landscape", "annex", "sentence") if "valid" in LANG[lang] or lang == "en"
                        else ("portrait", "landscape", "annex"))
    acc_mode = rng.choice(("mark_prefixed", "text", "name", "none"))

    original = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2000))
    if variant == "42001":
        original = max(original, date(2024, 2, 1))
    cycles = max(0, (date(2026, 6, 1) - original).days // 1095)
    issue = w.add_years(original, 3 * cycles) + timedelta(days=rng.randrange(0, 30)) if cycles else original
    expiry = w.add_years(original, 3 * (cycles + 1)) - timedelta(days=1)
    show_original = cycles > 0 and rng.random() < 0.8
    dates = {"issue": issue, "original": original, "expiry": expiry}
    number = rng.choice(("{n}-2025-ISMS-{c}-RvA", "C{n}", "IS {n}", "{c}-{n}", "ISMS-{n}/{y}")).format(
        n=rng.randrange(10000, 999999), c=rng.choice(("ITA", "DEU", "FRA", "NLD", "ESP", "JPN", "GBR", "USA")),
        y=issue.year)

    def label(key: str) -> str:
        text = rng.choice(words[key])
        if mode == "labels" and lang != "ja":
            text = f"{text} / {_EN_AFTER[key]}"
        return text

    labels = {k: label(k) for k in ("number", "issue", "expiry", "original", "audit")}
    if wave2 and rng2.random() < 0.5:
        labels["number"] = {"en": "Registration No.", "de": "Zertifikat-Registrier-Nr.", "fr": "N° d'enregistrement",
                            "es": "Nº de registro", "it": "Numero di registrazione", "nl": "Registratienummer",
                            "ja": "登録番号 / Registration No."}[lang if mode != "english" else "en"]
    d = {k: w.fmt(v, style) for k, v in dates.items()}

    pagesize = landscape(A4) if layout == "landscape" else A4
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), bold="Helvetica-Bold", size=10, pagesize=pagesize,
                  page_format="{n}", cover_has_chrome=True,
                  footer=f"{body.name} | {body.city}" if rng.random() < 0.6 else None)
    st = r.styles_for(look)
    if lang == "ja":
        pdfmetrics.registerFont(UnicodeCIDFont(_JA_FONT))
        for s in (st.body, st.small, st.center, st.title, st.subtitle, st.cell, st.h2):
            s.fontName = _JA_FONT
    ex = Expect2("iso_certificate")
    ex.notes.update(body=body.short, lang=lang, mode=mode, layout=layout, dates=style, accreditation=acc_mode,
                    standards=standards, recertified=cycles > 0)
    if wave2:
        ex.notes["number_label"] = labels["number"]

    text: list[Flowable] = []  # the certificate's words (left column in landscape)
    full_on_top = rng.random() < 0.5
    text.append(r.para(body.name if full_on_top else body.short, st.h2))
    text.append(r.para(rng.choice(words["title"]), st.title))
    lead = rng.choice(words["lead"]).format(body=body.short)
    address = rng.choice(("Via Roma {n}, 20121 Milano", "{n} Harbour Street, Leeds", "Keizersgracht {n}, Amsterdam",
                          "Marienplatz {n}, München", "{n}-{n} Shibaura, Minato-ku, Tokyo"))
    address = address.format(n=rng.randrange(2, 90))
    conforms = rng.choice(words["conforms"])
    if wave2 and lang != "ja" and rng2.random() < 0.6:
        # The organization inside the lead-in sentence, in body type.
        text.append(r.para(f"{lead} {vendor.name}, {address}, {conforms}", st.center))
        ex.notes["vendor_inline"] = True
    else:
        text.append(r.para(lead, st.center))
        text.append(r.para(vendor.name, st.subtitle))
        text.append(r.para(address, st.center))
        text.append(r.para(conforms, st.center))
    together = variant == "multi" and rng.random() < 0.5
    if together:
        line = ", ".join(standards[:-1]) + (" and " if lang in ("en", "ja") or mode == "english" else " / ") \
            + standards[-1]
        text.append(r.para(line, st.subtitle))
    else:
        for s in standards:
            text.append(r.para(s, st.subtitle))
    for s in standards:
        ex.add("standards", s, s)
    ex.notes["standards_in_one_line"] = together
    scope_words = words.get("scope_text") if mode != "english" else None
    if variant == "42001":
        scope = AI_SCOPE.format(system=system)
        ex.ai(standards[0], standards[0])
    else:
        scope = rng.choice(scope_words or SCOPES_EN).format(system=system, city=body.city.split(",")[0])
    text.append(r.para(rng.choice(words["scope"]), st.center))
    text.append(r.para(scope, st.center))
    ex.set("scope", scope, scope)

    order = ["number", "original", "issue", "expiry"] if rng.random() < 0.5 else ["number", "issue", "expiry",
                                                                                   "original"]
    if not show_original:
        order.remove("original")
    rows = [[labels[k], number if k == "number" else d[k]] for k in order]
    if rng.random() < 0.5:
        audit = issue + timedelta(days=rng.randrange(300, 370))
        rows.insert(len(rows) - 1, [labels["audit"], w.fmt(audit, style)])
        ex.notes["surveillance_distractor"] = True
    colon = rng.random() < 0.5 and lang != "ja"
    if colon:
        rows = [[a + ":", b] for a, b in rows]
    block: list[Flowable] = []
    field = {"issue": "issue_date", "original": "original_issue_date", "expiry": "expiry_date"}
    if layout == "sentence":
        valid = (LANG[lang] if mode != "english" else LANG["en"]).get(
            "valid", ("This certificate is valid from {a} until {b}.",))[0]
        sentence = valid.format(a=d["issue"], b=d["expiry"])
        block.append(r.table([[labels["number"] + (":" if colon else ""), number]]
                             + ([[labels["original"] + (":" if colon else ""), d["original"]]] if show_original
                                else []), st, [200, 200], header=False, grid=False))
        block.append(r.para(sentence, st.center))
        a, b = valid.split("{a}")[0].split()[-1], valid.split("{b}")[0].split("{a}")[1].strip()
        ex.set("issue_date", issue.isoformat(), f"{a} {d['issue']}")
        ex.set("expiry_date", expiry.isoformat(), f"{b} {d['expiry']}")
        if show_original:
            ex.set("original_issue_date", original.isoformat(), d["original"])
    else:
        widths = [115, 145] if layout == "landscape" else [220, 180]
        block.append(r.table(rows, st, widths, header=False, grid=False))
        for k in order:
            if k != "number":
                ex.set(field[k], dates[k].isoformat(), d[k])
    ex.set("certificate_number", number, number)
    block.append(r.space(12))
    block += _accreditation(body, acc_mode, st, ex, seed)
    role = rng.choice(("Managing Director", "Head of Certification Body", "Certification Manager"))
    # The body's legal name is printed at the top or under the signature (and often in the footer too).
    block.append(r.para(f"{rng.choice(w.PEOPLE)}\n{role}" + ("" if full_on_top else f", {body.name}"), st.small))

    story: list[Flowable] = []
    if layout == "landscape":
        # The certificate's text on the left, its dates and signatures in a column on the right.
        two = Table([[text, block]], colWidths=[470, 270], hAlign="LEFT")
        two.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBEFORE", (1, 0), (1, 0), 0.5, "grey"),
                                 ("LEFTPADDING", (1, 0), (1, 0), 14)]))
        story.append(two)
    else:
        story += text + [r.space(8)] + block
    if layout == "annex":
        story.append(r.page_break())
        story.append(r.para(rng.choice(("Annex to certificate", "Appendix to certificate", "Site list of certificate"))
                            + f" {number}", st.h2))
        sub = wave2 and rng2.random() < 0.6
        site_rows = [["Site", "Address", "Activities", "Sub-certificate No." if sub else "Included since"]]
        for k in range(rng.randrange(2, 5)):
            since = original + timedelta(days=rng.randrange(30, 700) * (k > 0))
            site_rows.append([("Head office", "Data centre", "Development centre", "Support office")[k],
                              ("Via Tortona {n}, Milano", "{n} Canal Street, Manchester", "Rue du Lac {n}, Lyon",
                               "Calle Alcalá {n}, Madrid")[k].format(n=rng.randrange(2, 99)),
                              ("Management of the ISMS", "Hosting of production systems", "Software development",
                               "Customer support")[k], f"{number}-{k + 1:03d}" if sub else w.fmt(since, style)])
        ex.notes["annex_sub_numbers"] = sub
        story.append(r.table(site_rows, st, [90, 150, 150, 90] if not sub else [80, 140, 140, 120]))
        story.append(r.para(f"This annex is valid only together with the main certificate {number}.", st.body))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", body.name, body.name)
    if expiry < EXPIRED_BEFORE:
        ex.warn_about.append("expired")
    pdf = r.render(story, look, title=f"{vendor.short} certificate", author=body.short)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-{variant}-{lang}-g3{'w2' if wave2 else ''}-{seed}.pdf")


def _accreditation(body: w.Body, mode: str, st: r.Styles, ex: Expect2, seed: int) -> list[Flowable]:
    if mode == "none":
        return [r.para("Certification issued under the body's own programme; not an accredited certificate.",
                       st.small)]
    if mode == "text":
        ex.set("accreditation_body", body.accreditor, body.accreditor)
        return [r.para(f"Accredited by {body.accreditor} ({body.accreditor_long}), No. {body.number}", st.small)]
    if mode == "name":
        ex.set("accreditation_body", body.accreditor, body.accreditor_long)
        return [r.para(f"{body.accreditor_long} – accreditation {body.number}", st.small)]
    beside = f"{body.accreditor} {body.number}"
    cells: list[Any] = [art.flowable(art.mark(body.accreditor, seed), 48), r.para(beside, st.small)]
    tbl = Table([cells], colWidths=[58, 150], hAlign="LEFT")
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    ex.set("accreditation_body", body.accreditor, beside)
    return [tbl]
