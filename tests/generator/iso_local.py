"""ISO/IEC 27001:2022 certificates from European certification bodies, in German, French, Spanish, Italian, Dutch
and Portuguese, monolingual or bilingual.

Bodies outside the English-speaking world print their certificates in the local language, often with an English
translation: slash-separated bilingual labels ("Gültig bis / Valid until:"), or the whole certificate again in
English on the next page. Each language has several wordings for every label, lead-in and date form (dotted,
day-first slashed or dashed "05/03/2028" / "05-03-2028", "15. März 2025", "1er avril 2025", "15 de marzo de 2025",
"3 févr. 2026"), and the usual distractors: the Statement of Applicability's date and the next surveillance audit,
in the same language.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable

from . import render as r
from . import words as w
from .expect import Expect

LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")


@dataclass(frozen=True)
class Lang:
    """One language's certificate vocabulary: every tuple holds alternatives a body might print."""

    months: tuple[str, ...]
    abbr: tuple[str, ...]  # abbreviated month names, where bodies use them
    styles: tuple[str, ...]  # date styles: dotted, slashed or dashed (day first), iso, long, abbr
    title: tuple[str, ...]
    lead: tuple[str, ...]  # may hold {body}
    std_lead: tuple[str, ...]
    scope_head: tuple[str, ...]
    scope: tuple[str, ...]  # holds {product}
    number: tuple[str, ...]
    issue: tuple[str, ...]
    original: tuple[str, ...]
    expiry: tuple[str, ...]
    valid_range: tuple[str, ...]  # "{a}" the start, "{b}" the end
    soa: str  # {v} version, {d} date
    surveillance: str  # {d}
    signer: tuple[str, ...]  # holds {body}
    accredited: str  # {acc}
    footer: str
    bodies: tuple[str, ...]  # holds {a}
    suffixes: tuple[str, ...]  # legal forms of the certified organization
    places: tuple[str, ...]
    accreditor: tuple[str, str]  # (acronym, full name)


_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")

LANGS: dict[str, Lang] = {
    "de": Lang(
        months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"),
        abbr=("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
        styles=("dotted", "dotted", "long", "abbr", "iso"),
        title=("ZERTIFIKAT", "Zertifikat", "ZERTIFIKAT über die Zertifizierung des ISMS"),
        lead=("Hiermit wird bescheinigt, dass", "Die Zertifizierungsstelle der {body} bescheinigt hiermit, dass",
              "{body} bescheinigt, dass das Unternehmen", "Hiermit wird bestätigt, dass die Organisation"),
        std_lead=("ein Informationssicherheits-Managementsystem eingeführt hat und anwendet nach",
                  "die Anforderungen der folgenden Norm erfüllt:", "ein Managementsystem betreibt gemäß"),
        scope_head=("Geltungsbereich:", "Anwendungsbereich:"),
        scope=("Entwicklung, Betrieb und Support der {product} für Geschäftskunden.",
               "Bereitstellung von {product} Dienstleistungen einschließlich Softwareentwicklung, Cloud-Betrieb und "
               "Kundenbetreuung gemäß der Erklärung zur Anwendbarkeit."),
        number=("Zertifikat-Nr.", "Zertifikat-Nr.:", "Zertifikatsnummer:", "Zertifikat-Registrier-Nr.",
                "Registriernummer:"),
        issue=("Ausstellungsdatum:", "Ausgestellt am:", "Datum der Zertifizierung:"),
        original=("Erstzertifizierung:", "Datum der Erstzertifizierung:", "Erstausstellung:"),
        expiry=("Gültig bis:", "Gültigkeit bis:", "Ablaufdatum:", "Zertifikat gültig bis:"),
        valid_range=("Gültig vom {a} bis {b}", "Dieses Zertifikat ist gültig von {a} bis {b}"),
        soa="Erklärung zur Anwendbarkeit, Version {v}.0 vom {d}.",
        surveillance="Nächstes Überwachungsaudit: {d}.",
        signer=("Geschäftsführer, {body}", "Leiter der Zertifizierungsstelle, {body}", "Im Auftrag der {body}"),
        accredited="Akkreditiert durch die {acc}",
        footer="Die Gültigkeit dieses Zertifikats kann im Register der Zertifizierungsstelle geprüft werden",
        bodies=("{a} Zertifizierung GmbH", "{a} Cert GmbH", "{a} Prüf- & Zertifizierung GmbH"),
        suffixes=("GmbH", "AG", "SE", "GmbH", "GmbH & Co. KG"),
        places=("Hamburg, Deutschland", "München, Deutschland", "Köln, Deutschland", "Wien, Österreich"),
        accreditor=("DAkkS", "Deutsche Akkreditierungsstelle"),
    ),
    "fr": Lang(
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"),
        abbr=("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
        styles=("slashed", "slashed", "long", "abbr", "dotted"),
        title=("CERTIFICAT", "Certificat de conformité", "CERTIFICAT D'ENREGISTREMENT"),
        lead=("Nous certifions que", "{body} certifie que le système de management de",
              "Il est certifié que l'organisation", "{body} atteste que"),
        std_lead=("a été évalué et jugé conforme aux exigences de la norme",
                  "a mis en œuvre et maintient un système de management de la sécurité de l'information conforme à"),
        scope_head=("Domaine d'application :", "Périmètre de certification :"),
        scope=("Conception, développement, hébergement et support de la {product} pour les clients professionnels.",
               "Fourniture des services {product}, y compris le développement logiciel et l'exploitation cloud, "
               "conformément à la déclaration d'applicabilité."),
        number=("N° de certificat :", "Certificat n°", "Numéro de certificat :", "N° d'enregistrement :"),
        issue=("Date d'émission :", "Date de délivrance :", "Date de certification :"),
        original=("Date de certification initiale :", "Première certification :",
                  "Date de la première émission :"),
        expiry=("Date d'expiration :", "Valable jusqu'au :", "Date d'échéance :", "Valable jusqu'au"),
        valid_range=("Valable du {a} au {b}", "Ce certificat est valable du {a} au {b}"),
        soa="Déclaration d'applicabilité version {v} du {d}.",
        surveillance="Prochain audit de surveillance : {d}.",
        signer=("Directeur Général, {body}", "Pour le compte de {body}", "Directrice de la certification, {body}"),
        accredited="Accrédité par le {acc}",
        footer="La validité de ce certificat peut être vérifiée sur le registre de l'organisme de certification",
        bodies=("{a} Certification SAS", "{a} Conformité S.A.", "{a} Évaluation SAS"),
        suffixes=("SAS", "S.A.", "SAS", "SARL"),
        places=("Lyon, France", "Nantes, France", "Bordeaux, France", "Lille, France"),
        accreditor=("COFRAC", "Comité français d'accréditation"),
    ),
    "es": Lang(
        months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                "noviembre", "diciembre"),
        abbr=("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."),
        styles=("slashed", "slashed", "long", "long", "dotted"),
        title=("CERTIFICADO", "Certificado de Registro", "CERTIFICADO DE CONFORMIDAD"),
        lead=("Se certifica que", "{body} certifica que el sistema de gestión de",
              "Por la presente se certifica que la organización"),
        std_lead=("cumple con los requisitos de la norma", "ha implantado un sistema de gestión conforme a"),
        scope_head=("Alcance:", "Alcance de la certificación:"),
        scope=("Diseño, desarrollo, alojamiento y soporte de la {product} para clientes empresariales.",
               "Prestación de los servicios de {product}, incluido el desarrollo de software y las operaciones en "
               "la nube, según la declaración de aplicabilidad."),
        number=("Certificado nº", "Número de certificado:", "Nº de registro:", "Certificado n.º"),
        issue=("Fecha de emisión:", "Fecha de certificación:", "Fecha de expedición:"),
        original=("Fecha de certificación inicial:", "Fecha de la primera emisión:"),
        expiry=("Fecha de caducidad:", "Válido hasta:", "Fecha de vencimiento:", "Fecha de expiración:"),
        valid_range=("Válido desde {a} hasta {b}", "Vigencia: del {a} al {b}"),
        soa="Declaración de aplicabilidad, versión {v}, de {d}.",
        surveillance="Próxima auditoría de seguimiento: {d}.",
        signer=("Director General, {body}", "En nombre de {body}", "Directora de Certificación, {body}"),
        accredited="Acreditado por {acc}",
        footer="La validez de este certificado puede verificarse en el registro de la entidad de certificación",
        bodies=("{a} Certificación S.A.", "{a} Evaluación de la Conformidad S.A."),
        suffixes=("S.A.", "S.L.", "S.L.U."),
        places=("Madrid, España", "Valencia, España", "Bilbao, España", "Sevilla, España"),
        accreditor=("ENAC", "Entidad Nacional de Acreditación"),
    ),
    "it": Lang(
        months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                "ottobre", "novembre", "dicembre"),
        abbr=("gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.", "dic."),
        styles=("slashed", "slashed", "long", "dotted", "abbr"),
        title=("CERTIFICATO", "Certificato di Conformità", "CERTIFICATO DI REGISTRAZIONE"),
        lead=("Si certifica che", "{body} certifica che il sistema di gestione di", "Si attesta che l'organizzazione"),
        std_lead=("è conforme ai requisiti della norma", "ha adottato un sistema di gestione conforme alla norma"),
        scope_head=("Campo di applicazione:",),
        scope=("Progettazione, sviluppo, hosting e assistenza della {product} per clienti aziendali.",
               "Erogazione dei servizi {product}, inclusi lo sviluppo software e la gestione cloud, secondo la "
               "dichiarazione di applicabilità."),
        number=("Certificato n.", "Numero di certificato:", "Certificato N°"),
        issue=("Data di emissione:", "Data emissione corrente:", "Data di rilascio:"),
        original=("Data di prima emissione:", "Data prima certificazione:"),
        expiry=("Data di scadenza:", "Valido fino al:", "Scadenza:"),
        valid_range=("Valido dal {a} al {b}", "Il presente certificato è valido dal {a} al {b}"),
        soa="Dichiarazione di applicabilità rev. {v} del {d}.",
        surveillance="Prossimo audit di sorveglianza: {d}.",
        signer=("Amministratore Delegato, {body}", "Per conto di {body}", "Direttore Tecnico, {body}"),
        accredited="Accreditato da {acc}",
        footer="La validità del presente certificato può essere verificata nel registro dell'organismo",
        bodies=("{a} Certificazioni S.r.l.", "{a} Italia S.r.l."),
        suffixes=("S.r.l.", "S.p.A."),
        places=("Milano, Italia", "Torino, Italia", "Bologna, Italia", "Padova, Italia"),
        accreditor=("ACCREDIA", "Ente Italiano di Accreditamento"),
    ),
    "nl": Lang(
        months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december"),
        abbr=("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
        styles=("long", "long", "abbr", "iso", "dashed"),
        title=("CERTIFICAAT", "Certificaat"),
        lead=("Hierbij wordt verklaard dat", "{body} verklaart dat het managementsysteem van"),
        std_lead=("voldoet aan de eisen van de norm", "een managementsysteem heeft ingevoerd volgens"),
        scope_head=("Toepassingsgebied:",),
        scope=("Ontwikkeling, hosting en ondersteuning van het {product} voor zakelijke klanten.",),
        number=("Certificaatnummer:", "Certificaat nr.", "Registratienummer:"),
        issue=("Datum van uitgifte:", "Uitgiftedatum:", "Certificeringsdatum:"),
        original=("Datum eerste certificering:", "Oorspronkelijke certificeringsdatum:"),
        expiry=("Geldig tot:", "Vervaldatum:", "Geldig tot en met:"),
        valid_range=("Geldig van {a} tot {b}",),
        soa="Verklaring van toepasselijkheid versie {v} van {d}.",
        surveillance="Volgende toezichtaudit: {d}.",
        signer=("Directeur, {body}", "Namens {body}"),
        accredited="Geaccrediteerd door de {acc}",
        footer="De geldigheid van dit certificaat kan worden gecontroleerd in het register van de certificatie-"
               "instelling",
        bodies=("{a} Certificatie B.V.", "{a} Keurmerk B.V."),
        suffixes=("B.V.", "N.V."),
        places=("Utrecht, Nederland", "Eindhoven, Nederland", "Gent, België"),
        accreditor=("RvA", "Raad voor Accreditatie"),
    ),
    "pt": Lang(
        months=("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
                "novembro", "dezembro"),
        abbr=("jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."),
        styles=("slashed", "long", "long", "dashed"),
        title=("CERTIFICADO", "Certificado de Conformidade"),
        lead=("Certifica-se que", "{body} certifica que o sistema de gestão de", "Certificamos que a organização"),
        std_lead=("cumpre os requisitos da norma", "implementou um sistema de gestão conforme a"),
        scope_head=("Âmbito:", "Âmbito da certificação:"),
        scope=("Desenvolvimento, alojamento e suporte da {product} para clientes empresariais.",),
        number=("Certificado n.º", "Número do certificado:", "Certificado nº"),
        issue=("Data de emissão:", "Data de certificação:"),
        original=("Data da certificação inicial:", "Data da primeira emissão:"),
        expiry=("Válido até:", "Data de validade:", "Data de expiração:"),
        valid_range=("Válido de {a} até {b}",),
        soa="Declaração de aplicabilidade, versão {v}, de {d}.",
        surveillance="Próxima auditoria de acompanhamento: {d}.",
        signer=("Diretor Geral, {body}", "Em nome de {body}"),
        accredited="Acreditado pelo {acc}",
        footer="A validade deste certificado pode ser verificada no registo do organismo de certificação",
        bodies=("{a} Certificação S.A.", "{a} Conformidade S.A."),
        suffixes=("S.A.", "Lda."),
        places=("Lisboa, Portugal", "Porto, Portugal", "Braga, Portugal"),
        accreditor=("IPAC", "Instituto Português de Acreditação"),
    ),
}

# The English twin of each label, as bilingual certificates print it after a slash or on the translated page.
_EN = {
    "title": "CERTIFICATE", "lead": "This is to certify that", "std_lead": "has implemented and maintains a "
    "management system in accordance with", "scope_head": "Scope of certification:", "number": "Certificate No.",
    "issue": "Date of issue:", "original": "Initial certification:", "expiry": "Valid until:",
}  # fmt: skip


def fmt(d: date, style: str, lang: str) -> str:
    """A date as a body writing ``lang`` prints it."""
    voc = LANGS[lang]
    if style == "dotted":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "slashed":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dashed":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "iso":
        return d.isoformat()
    month = voc.abbr[d.month - 1] if style == "abbr" else voc.months[d.month - 1]
    if lang == "de":
        return f"{d.day}. {month} {d.year}"
    if lang in ("es", "pt") and style == "long":
        return f"{d.day} de {month} de {d.year}"
    day = str(d.day)
    if d.day == 1 and lang == "fr":
        day = "1er"
    elif d.day == 1 and lang == "it":
        day = "1°"
    return f"{day} {month} {d.year}"


def _vendor(rng: random.Random, voc: Lang) -> w.Org:
    first = rng.choice(w._FIRST)
    second = rng.choice(("Analytics", "Systems", "Software", "Cloud", "Data", "Solutions", "Technologies"))
    return w.Org(f"{first} {second} {rng.choice(voc.suffixes)}", first)


def build(lang: str, seed: int, *, bilingual: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """An ISO/IEC 27001:2022 certificate in ``lang`` (one of LANGUAGES). ``bilingual`` is "labels" (each label
    followed by its English translation after a slash), "twin" (an English translation on the second page), "mono"
    or None (drawn from the seed)."""
    rng = random.Random(f"iso_local:{lang}:{seed}:{bilingual}")
    voc = LANGS[lang]
    mode = bilingual or rng.choice(("mono", "mono", "labels", "twin"))
    vendor = _vendor(rng, voc)
    body = rng.choice(voc.bodies).format(a=rng.choice(w._CB_A))
    acc, _acc_long = voc.accreditor if rng.random() < 0.8 else ("UKAS", "United Kingdom Accreditation Service")
    product = w.product(rng, vendor.short)
    issue = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
    exp = w.add_years(issue, 3) - timedelta(days=1)
    original = w.add_years(issue, -rng.choice((0, 3, 6))) if rng.random() < 0.7 else None
    style = rng.choice(voc.styles)
    prefix = "".join(ch for ch in body if "A" <= ch <= "Z")[:3]
    number = rng.choice((f"{prefix}-ISMS-{rng.randrange(1000, 99999):05d}",
                         f"{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(10000, 99999)} TMS",
                         f"{lang.upper()}{issue.year}-{rng.randrange(100, 999)}", f"{rng.randrange(100000, 999999)}"))
    layout = rng.choice(("centred", "table"))
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), bold=rng.choice(("Helvetica-Bold", "Times-Bold")),
                  size=rng.choice((10, 11)), pagesize=rng.choice((A4, landscape(A4), A4)), page_format="{n}",
                  cover_has_chrome=True,
                  footer=f"{body} | {voc.footer}" if rng.random() < 0.5 else None)
    st = r.styles_for(look)
    ex = Expect("iso_certificate")
    ex.notes.update(lang=lang, bilingual=mode, layout=layout, style=style)

    def label(key: str) -> str:
        local = rng.choice(getattr(voc, key))
        if mode != "labels":
            return local
        if rng.random() < 0.3:  # some bodies put the English first
            colon = ":" if local.endswith(":") else ""
            return f"{_EN[key].rstrip(' :')} / {local.rstrip(' :')}{colon}"
        return f"{local.rstrip(' :')} / {_EN[key]}"

    story: list[Flowable] = [r.para(body.upper() if rng.random() < 0.4 else body, st.h2), r.space(10)]
    story.append(r.para(label("title"), st.title))
    lead = label("lead").format(body=body)
    story.append(r.para(lead, st.center))
    story.append(r.para(vendor.name, st.subtitle))
    story.append(r.para(rng.choice(voc.places), st.center))
    story.append(r.para(label("std_lead"), st.center))
    # DIN EN, NF EN, UNE-EN ... : the European adoption printed beside the ISO edition, with its own year.
    en_adoption = {"de": "DIN EN", "fr": "NF EN", "es": "UNE-EN", "it": "UNI CEI EN", "nl": "NEN-EN-"}.get(lang)
    printed = rng.choice(("ISO/IEC 27001:2022", "ISO/IEC 27001:2022", "ISO 27001:2022"))
    story.append(r.para(printed, st.subtitle))
    ex.add("standards", "ISO/IEC 27001:2022", printed)
    if en_adoption and rng.random() < 0.3:
        story.append(r.para(f"({en_adoption}{'' if en_adoption.endswith('-') else ' '}ISO/IEC 27001:"
                            f"{rng.choice(('2023', '2024'))})", st.center))
        ex.notes["en_adoption"] = True
    scope = rng.choice(voc.scope).format(product=product)
    story.append(r.para(label("scope_head"), st.center))
    story.append(r.para(scope, st.center))
    ex.set("scope", scope, scope)
    if rng.random() < 0.5:
        soa = issue - timedelta(days=rng.randrange(10, 60))
        story.append(r.para(voc.soa.format(v=rng.randrange(2, 9), d=fmt(soa, style, lang)), st.center))
    story.append(r.space(12))

    valid_range = rng.random() < 0.2
    rows: list[tuple[str, str]] = [(label("number"), number)]
    if original is not None:
        rows.append((label("original"), fmt(original, style, lang)))
    if valid_range:
        sentence = rng.choice(voc.valid_range)
        rows.append(("", sentence.format(a=fmt(issue, style, lang), b=fmt(exp, style, lang))))
        ex.set("issue_date", issue.isoformat(), fmt(issue, style, lang))
        ex.set("expiry_date", exp.isoformat(), fmt(exp, style, lang))
    else:
        rows.append((label("issue"), fmt(issue, style, lang)))
        rows.append((label("expiry"), fmt(exp, style, lang)))
        ex.set("issue_date", issue.isoformat(), fmt(issue, style, lang))
        ex.set("expiry_date", exp.isoformat(), fmt(exp, style, lang))
    if layout == "table" and not valid_range:
        story.append(r.table([list(x) for x in rows], st, [220, 200], header=False, grid=rng.random() < 0.5))
    else:
        for lab, value in rows:
            story.append(r.para(f"{lab} {value}".strip(), st.center))
    ex.set("certificate_number", number, number)
    if original is not None:
        ex.set("original_issue_date", original.isoformat(), fmt(original, style, lang))
    if rng.random() < 0.4:
        audit = issue + timedelta(days=rng.randrange(300, 380))
        story.append(r.para(voc.surveillance.format(d=fmt(audit, style, lang)), st.small))
    story.append(r.space(20))
    signer = rng.choice(voc.signer).format(body=body)
    sign = [[rng.choice(w.PEOPLE), acc], [signer, voc.accredited.format(acc=acc)]]
    story.append(r.table(sign, st, [280, 200], header=False, grid=False))
    if mode == "twin":
        # The English translation on its own page: the same facts in English words and dates.
        story.append(r.page_break())
        story.append(r.para(body, st.h2))
        story.append(r.para("CERTIFICATE (English translation)", st.title))
        story.append(r.para("This is to certify that", st.center))
        story.append(r.para(vendor.name, st.subtitle))
        story.append(r.para(_EN["std_lead"], st.center))
        story.append(r.para("ISO/IEC 27001:2022", st.subtitle))
        story.append(r.para(f"Certificate No. {number}", st.center))
        if original is not None:
            story.append(r.para(f"Initial certification: {w.fmt(original, 'intl')}", st.center))
        story.append(r.para(f"Date of issue: {w.fmt(issue, 'intl')}", st.center))
        story.append(r.para(f"Valid until: {w.fmt(exp, 'intl')}", st.center))
        story.append(r.para(f"For and on behalf of {body}", st.center))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", body, body)
    ex.set("accreditation_body", acc, acc)
    pdf = r.render(story, look, title=f"{vendor.short} {label('title')}", author=body)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-iso27001-{lang}-{seed}.pdf")
