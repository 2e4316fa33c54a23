"""The third wave of certificates: layouts none of the generators printed before, written after the fixes for the
second wave and measured before any fix for them.

Four layouts, one per seed in turn (``seed % 4``), each with the bodies, languages, vendors and date styles of the
third family:

- ``sites``: a table of the standards and the scope certified at each site (site, address, standard, scope), the
  certificate's own scope a line above it that points to the table, and each site's date of inclusion as a
  distractor;
- ``bilingual``: every block printed in the body's language with its English translation on the line below
  (lead-in, scope, labels), dates in the body's own style;
- ``relative``: the validity stated only as "valid for three years from the date above" (the date of issue): the
  expiry is that date three years on, printed nowhere as a date; the next surveillance audit is printed as one;
- ``latest``: the expiry stated as "until the next recertification audit, at the latest DD.MM.YYYY" (in the body's
  language), beside a date of issue and a date of the first certification.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable

from tests.generator import render as r
from tests.generator2.expect import Expect2

from . import words as w
from .certs import EXPIRED_BEFORE, LANG, SCOPES_EN

LAYOUTS = ("sites", "bilingual", "relative", "latest")

# The English a bilingual certificate prints under each block.
_EN_LEAD = "This is to certify that the management system of"
_EN_CONFORMS = "has been assessed and found to conform to the requirements of"
# "three years from the date above", in the languages of the bodies (the date of issue is printed above it).
_RELATIVE = {
    "en": "This certificate is valid for three years from the date above, subject to successful surveillance audits.",
    "de": "Dieses Zertifikat ist drei Jahre ab dem oben genannten Datum gültig, vorbehaltlich erfolgreicher "
          "Überwachungsaudits.",
    "fr": "Ce certificat est valable trois ans à compter de la date ci-dessus, sous réserve des audits de "
          "surveillance.",
    "es": "Este certificado es válido durante tres años a partir de la fecha indicada arriba.",
    "it": "Il presente certificato è valido tre anni dalla data sopra indicata, salvo esito positivo degli audit di "
          "sorveglianza.",
    "nl": "Dit certificaat is drie jaar geldig vanaf bovenstaande datum, mits de surveillance-audits met succes "
          "worden afgerond.",
}
# "until the next recertification audit, at the latest {d}".
_LATEST = {
    "en": "Valid until the next recertification audit, at the latest {d}",
    "de": "Gültig bis zum nächsten Rezertifizierungsaudit, längstens bis {d}",
    "fr": "Valable jusqu'au prochain audit de renouvellement, au plus tard le {d}",
    "es": "Válido hasta la próxima auditoría de renovación, como máximo hasta el {d}",
    "it": "Valido fino al prossimo audit di ricertificazione, al più tardi fino al {d}",
    "nl": "Geldig tot de volgende hercertificatie-audit, uiterlijk tot {d}",
}
_SITES = (("Head office", "Via Tortona {n}, Milano"), ("Data centre", "{n} Canal Street, Manchester"),
          ("Development centre", "Rue du Lac {n}, Lyon"), ("Support office", "Calle Alcalá {n}, Madrid"))
_SITE_SCOPES = ("Management of the ISMS and of the {system}", "Hosting and operation of the {system}",
                "Development of the {system}", "Customer support for the {system}")


def build(seed: int) -> tuple[bytes, dict[str, Any]]:
    """One certificate of the third wave; the layout is ``LAYOUTS[seed % 4]``."""
    layout = LAYOUTS[seed % len(LAYOUTS)]
    rng = random.Random(f"g3:wave3:{layout}:{seed}")
    # Japanese has its own bilingual layout already; a bilingual certificate is one in another language.
    bodies = [b for b in w.BODIES if b.lang != "ja" and (layout != "bilingual" or b.lang != "en")]
    body = rng.choice(bodies)
    lang = body.lang
    words = LANG[lang]
    vendor = w.vendor(rng, us=body.accreditor == "ANAB")
    system = w.system(rng, vendor)
    style = rng.choice(w.STYLES[lang])
    standards = rng.choice((["ISO/IEC 27001:2022"], ["ISO/IEC 27001:2022", "ISO/IEC 27701:2019"],
                            ["ISO/IEC 27001:2022", "ISO/IEC 27017:2015", "ISO/IEC 27018:2019"]))

    original = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2000))
    cycles = max(0, (date(2026, 6, 1) - original).days // 1095)
    issue = w.add_years(original, 3 * cycles) + timedelta(days=rng.randrange(0, 30)) if cycles else original
    expiry = w.add_years(original, 3 * (cycles + 1)) - timedelta(days=1)
    if layout == "relative":
        expiry = w.add_years(issue, 3)  # three years from the date above, read literally
    show_original = cycles > 0 and layout != "relative" and rng.random() < 0.7
    number = rng.choice(("{n}-2025-ISMS-{c}-RvA", "C{n}", "IS {n}", "{c}-{n}", "ISMS-{n}/{y}")).format(
        n=rng.randrange(10000, 999999), c=rng.choice(("ITA", "DEU", "FRA", "NLD", "ESP", "GBR", "USA")), y=issue.year)
    d_issue, d_original, d_expiry = (w.fmt(x, style) for x in (issue, original, expiry))

    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), bold="Helvetica-Bold", size=10, pagesize=A4,
                  page_format="{n}", cover_has_chrome=True,
                  footer=f"{body.name} | {body.city}" if rng.random() < 0.6 else None)
    st = r.styles_for(look)
    ex = Expect2("iso_certificate")
    ex.notes.update(body=body.short, lang=lang, layout=layout, dates=style, standards=standards,
                    recertified=cycles > 0, wave=3)

    story: list[Flowable] = [r.para(body.name, st.h2), r.para(rng.choice(words["title"]), st.title)]
    address = rng.choice(("Via Roma {n}, 20121 Milano", "{n} Harbour Street, Leeds", "Keizersgracht {n}, Amsterdam",
                          "Marienplatz {n}, München")).format(n=rng.randrange(2, 90))
    lead = rng.choice(words["lead"]).format(body=body.short)
    conforms = rng.choice(words["conforms"])
    story.append(r.para(lead, st.center))
    if layout == "bilingual" and lang != "en":
        story.append(r.para(_EN_LEAD, st.small))
    story.append(r.para(vendor.name, st.subtitle))
    story.append(r.para(address, st.center))
    story.append(r.para(conforms, st.center))
    if layout == "bilingual" and lang != "en":
        story.append(r.para(_EN_CONFORMS, st.small))
    for s in standards:
        story.append(r.para(s, st.subtitle))
        ex.add("standards", s, s)

    local_scopes = words.get("scope_text")
    scope = rng.choice(local_scopes or SCOPES_EN).format(system=system, city=body.city.split(",")[0])
    scope_label = rng.choice(words["scope"])
    if layout == "sites":
        story.append(r.para(scope_label, st.center))
        story.append(r.para(scope, st.center))
        ex.set("scope", scope, scope)
        story.append(r.para("The standards and activities certified at each site are listed below.", st.small))
        rows = [["Site", "Address", "Standard", "Scope", "Included since"]]
        for k in range(rng.randrange(2, 5)):
            name, where = _SITES[k]
            since = original + timedelta(days=rng.randrange(30, 700) * (k > 0))
            rows.append([name, where.format(n=rng.randrange(2, 99)), ", ".join(standards[: 1 + (k % len(standards))]),
                         _SITE_SCOPES[k].format(system=system), w.fmt(since, style)])
        story.append(r.table(rows, st, [70, 110, 95, 135, 70]))
    elif layout == "bilingual" and lang != "en":
        english = rng.choice(SCOPES_EN).format(system=system, city=body.city.split(",")[0])
        story.append(r.para(f"{scope_label} / Scope:", st.center))
        story.append(r.para(scope, st.center))
        story.append(r.para(english, st.small))
        ex.set("scope", scope, scope)
    else:
        story.append(r.para(scope_label, st.center))
        story.append(r.para(scope, st.center))
        ex.set("scope", scope, scope)

    def label(key: str) -> str:
        text = rng.choice(words[key])
        if layout == "bilingual" and lang != "en":
            return f"{text}\n{rng.choice(LANG['en'][key])}"  # the translation on the line below
        return text

    colon = rng.random() < 0.5
    rows2: list[list[str]] = [[label("number") + (":" if colon else ""), number]]
    if layout != "relative" and show_original:
        rows2.append([label("original") + (":" if colon else ""), d_original])
        ex.set("original_issue_date", original.isoformat(), d_original)
    rows2.append([label("issue") + (":" if colon else ""), d_issue])
    ex.set("issue_date", issue.isoformat(), d_issue)
    if layout in ("sites", "bilingual"):
        rows2.append([label("expiry") + (":" if colon else ""), d_expiry])
        ex.set("expiry_date", expiry.isoformat(), d_expiry)
    audit = issue + timedelta(days=rng.randrange(300, 370))
    if layout == "relative" or rng.random() < 0.4:
        rows2.insert(len(rows2) - (layout in ("sites", "bilingual")), [label("audit") + (":" if colon else ""),
                                                                       w.fmt(audit, style)])
        ex.notes["surveillance_distractor"] = True
    story.append(r.space(8))
    story.append(r.table(rows2, st, [220, 180], header=False, grid=False))
    if layout == "relative":
        sentence = _RELATIVE[lang]
        story.append(r.para(sentence, st.center))
        ex.set("expiry_date", expiry.isoformat(), sentence.split(",")[0].rstrip("."))
    elif layout == "latest":
        sentence = _LATEST[lang].format(d=d_expiry)
        story.append(r.para(sentence, st.center))
        ex.set("expiry_date", expiry.isoformat(), d_expiry)
    ex.set("certificate_number", number, number)
    story.append(r.space(12))
    ex.set("accreditation_body", body.accreditor, f"{body.accreditor} {body.number}")
    story.append(r.para(f"Accredited certification: {body.accreditor} {body.number}", st.small))
    role = rng.choice(("Managing Director", "Head of Certification Body", "Certification Manager"))
    story.append(r.para(f"{rng.choice(w.PEOPLE)}\n{role}, {body.name}", st.small))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", body.name, body.name)
    if expiry < EXPIRED_BEFORE:
        ex.warn_about.append("expired")
    pdf = r.render(story, look, title=f"{vendor.short} certificate", author=body.short)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-{layout}-{lang}-g3w3-{seed}.pdf")
