"""ISO/IEC 27001:2022, 42001 and 27701 certificates of certification bodies in several countries.

Unlike the first family's: the certification body's name and logo stand at the top (it must not come out as the
vendor); the dates come in other orders and wordings ("Date of certification", "Certificate expiry",
"Recertification due", "Original certification date", "valid until" inside a sentence), sometimes as a row of
labels over a row of values, sometimes with German, French or Spanish labels; the accreditation is a mark drawn as
an image (the accreditation body's initials) beside its number in that body's format (UKAS 0123, RvA C 123,
DAkkS D-ZM-12345-01-00, IAS MSCB-123, JAS-ANZ M1234567AU, COFRAC 4-0612, ENAC 12/C-SG034), or its name in the text,
or nothing at all.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, Table, TableStyle

from tests.generator import render as r

from . import art
from . import words as w
from .expect import Expect2

_STREETS = {"uk": "{n} Station Road", "nl": "Kanaalweg {n}", "de": "Hauptstraße {n}", "us": "{n} Commerce Drive",
            "au": "{n} Salamanca Place", "fr": "{n} rue de la Gare", "es": "Calle Mayor {n}"}
_SITES = ("{n} Dock Road, Dublin, Ireland", "Tartu mnt {n}, Tallinn, Estonia", "{n} Congress Avenue, Austin, Texas",
          "Rua das Flores {n}, Porto, Portugal", "{n} King Street West, Toronto, Canada")
EXPIRED_BEFORE = date(2026, 12, 1)  # the first family's convention: expired on any day the tests run

LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"number": ("Certificate No.", "Certificate Number", "Registration No."),
           "original": ("Original certification date", "Date of initial certification", "Certified since",
                        "Original Registration Date"),
           "issue": ("Date of certification", "Effective date", "Issue date", "Current certificate issued"),
           "expiry": ("Certificate expiry", "Expiry date", "Recertification due", "Valid until"),
           "audit": ("Next surveillance audit", "Date of last audit", "Stage 2 audit completed")},
    "de": {"number": ("Zertifikat-Registrier-Nr.",), "original": ("Erstzertifizierung",),
           "issue": ("Ausstellungsdatum",), "expiry": ("Gültig bis",), "audit": ("Nächstes Überwachungsaudit",)},
    "fr": {"number": ("Certificat n°",), "original": ("Date de certification initiale",),
           "issue": ("Date d'émission",), "expiry": ("Date d'expiration", "Valable jusqu'au"),
           "audit": ("Prochain audit de surveillance",)},
    "es": {"number": ("Certificado n.º",), "original": ("Fecha de certificación inicial",),
           "issue": ("Fecha de emisión",), "expiry": ("Fecha de caducidad", "Válido hasta"),
           "audit": ("Próxima auditoría de seguimiento",)},
}
LANG_OF = {"de": "de", "fr": "fr", "es": "es"}
DATE_STYLE = {"de": "dotted", "fr": "slashed_dmy", "es": "slashed_dmy"}

STANDARDS = {
    "27001": (["ISO/IEC 27001:2022"], "information security management system"),
    "42001": (["ISO/IEC 42001:2023"], "artificial intelligence management system"),
    "27701": (["ISO/IEC 27001:2022", "ISO/IEC 27701:2019"], "information security and privacy information "
                                                             "management system"),
}
SCOPES = (
    "The design, development, hosting and support of the {system} software-as-a-service platform",
    "Provision of managed {system} services to business customers, including customer support and data centre "
    "operations",
    "The information security management system supporting the {system}, operated from the head office and "
    "remote locations",
)
AI_SCOPES = ("The development and operation of AI-enabled features of the {system}, including the machine learning "
             "models used for document classification",)


def build(variant: str, seed: int, *, local: bool = False) -> tuple[bytes, dict[str, Any]]:
    """``variant``: '27001', '42001' or '27701'; ``local``: a German, French or Spanish body with its labels."""
    rng = random.Random(f"g2:iso:{variant}:{seed}:{local}")
    body = rng.choice([b for b in w.BODIES if b.country in LANG_OF] if local else list(w.BODIES))
    lang = LANG_OF.get(body.country, "en") if local else "en"
    bilingual = lang != "en" and rng.random() < 0.5
    vendor = w.vendor(rng, body.country not in ("us",))
    system = w.system(rng, vendor)
    standards, ms_name = STANDARDS[variant]
    scope = rng.choice(AI_SCOPES if variant == "42001" else SCOPES).format(system=system)
    original = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 2400))
    # Most certificates on a vendor's trust page are current: the cycle that contains a day in 2026; one in ten is
    # a cycle behind (expired, or about to be).
    cycles = max(0, (date(2026, 6, 1) - original).days // 1095)
    if cycles and rng.random() < 0.1:
        cycles -= 1
    issue = w.add_years(original, 3 * cycles) + timedelta(days=rng.randrange(0, 40)) if cycles else original
    expiry = w.add_years(original, 3 * (cycles + 1)) - timedelta(days=1)
    if variant == "42001":
        original = max(original, date(2024, 3, 1))
        issue, expiry, cycles = original, w.add_years(original, 3) - timedelta(days=1), 0
    style = DATE_STYLE.get(lang) if lang != "en" else rng.choice(("intl", "us", "iso", "intl_abbr", "us_abbr"))
    assert style is not None
    layout = rng.choice(("registrar", "diploma", "annex"))
    acc_mode = rng.choice(("mark_number", "mark_number", "mark_prefixed", "text", "none"))
    prefixes = {"27001": ("IS", "ISMS", "CERT", "C"), "42001": ("AI", "AIMS", "CERT", "C"),
                "27701": ("IS", "PIMS", "CERT", "C")}[variant]
    number = f"{rng.choice(prefixes)}{rng.choice(('-', ' ', ''))}{rng.randrange(10000, 999999)}"
    labels = {k: rng.choice(v) for k, v in LABELS[lang].items()}
    if bilingual:
        en = {k: rng.choice(v) for k, v in LABELS["en"].items()}
        labels = {k: f"{labels[k]} / {en[k]}" for k in labels}
    show_original = cycles > 0 or rng.random() < 0.5
    order: tuple[str, ...] = rng.choice((
        ("number", "issue", "original", "expiry"), ("number", "expiry", "issue", "original"),
        ("number", "original", "expiry", "issue"), ("expiry", "number", "original", "issue")))
    if not show_original:
        order = tuple(k for k in order if k != "original")
    dates = {"issue": issue, "original": original, "expiry": expiry}
    audit = issue + timedelta(days=rng.randrange(300, 380))

    pagesize = landscape(A4) if layout == "diploma" else A4
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), bold="Helvetica-Bold", size=10.5, pagesize=pagesize,
                  page_format="{n}", cover_has_chrome=True,
                  footer=f"{body.name} · {_STREETS[body.country].format(n=rng.randrange(2, 99))} · {body.city}")
    st = r.styles_for(look)
    ex = Expect2("iso_certificate")
    ex.notes.update(body=body.country, lang=lang, bilingual=bilingual, layout=layout, accreditation=acc_mode,
                    order=list(order), dates=style, recertified=cycles > 0)
    initials = "".join(p[0] for p in body.name.split()[:2]).upper()
    story: list[Flowable] = []
    head = Table([[art.flowable(art.mark(initials, seed + 7), 54), r.para(body.name, st.h2)]], colWidths=[70, 380],
                 hAlign="LEFT")
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [head, r.space(10)]
    story.append(r.para(rng.choice(("Certificate of Registration", "CERTIFICATE", "Certificate of Certification")),
                        st.title))
    lead = rng.choice((f"This is to certify that the {ms_name} of", f"{body.name} hereby certifies that",
                       "We certify that"))
    site = rng.choice(_SITES).format(n=rng.randrange(1, 300))
    conforms = rng.choice(("has been assessed and found to conform to the requirements of",
                           "has been audited and meets the requirements of", "complies with"))
    # Drawn apart so that adding it left every other choice of a seed as it was.
    inline = random.Random(f"g2:iso:{variant}:{seed}:{local}:inline").random() < 0.3
    ex.notes["vendor_inline"] = inline
    if inline:
        # The organization inside a sentence in body type, smaller than the body's name above it.
        story.append(r.para(f"{lead} {vendor.name}, {site}, {conforms}", st.center))
    else:
        story.append(r.para(lead, st.center))
        story.append(r.para(vendor.name, st.subtitle))
        story.append(r.para(site, st.center))
        story.append(r.para(conforms, st.center))
    for s in standards:
        story.append(r.para(s, st.subtitle))
        ex.add("standards", s, s)
    if variant == "42001":
        ex.ai(standards[0], standards[0])
    scope_lead = "for the scope:" if rng.random() < 0.5 else "Scope of registration:"
    ex.notes["scope_lead"] = scope_lead
    story.append(r.para(scope_lead, st.center))
    story.append(r.para(scope + ".", st.center))
    ex.set("scope", scope, scope)
    if "machine learning" in scope and variant != "42001":
        ex.ai(scope, scope)
    story.append(r.space(10))

    def text(k: str) -> str:
        return number if k == "number" else w.fmt(dates[k], style)

    sentence = lang == "en" and rng.random() < 0.25
    if sentence:
        line = (f"Certificate {number}" + (f", originally issued on {w.fmt(original, style)}," if show_original else "")
                + f" is valid from {w.fmt(issue, style)} until {w.fmt(expiry, style)}, subject to annual surveillance.")
        story.append(r.para(line, st.center))
        ex.notes["sentence"] = True
        ex.set("issue_date", issue.isoformat(), f"valid from {w.fmt(issue, style)}")
        ex.set("expiry_date", expiry.isoformat(), f"until {w.fmt(expiry, style)}")
        if show_original:
            ex.set("original_issue_date", original.isoformat(), f"originally issued on {w.fmt(original, style)}")
    elif layout == "diploma":
        # One row of labels over one row of values, as wide landscape certificates print them.
        heads = [labels[k] for k in order]
        vals = [text(k) for k in order]
        tbl = Table([[r.para(h, st.small) for h in heads], [r.para(v, st.body) for v in vals]],
                    colWidths=[150] * len(order), hAlign="CENTER")
        tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "grey")]))
        story.append(tbl)
    else:
        rows = [[labels[k] + ("" if labels[k].endswith(".") else ":"), text(k)] for k in order]
        if rng.random() < 0.5:
            rows.insert(rng.randrange(1, len(rows) + 1), [labels["audit"] + ":", w.fmt(audit, style)])
        story.append(r.table(rows, st, [230, 200], header=False, grid=False))
    if not sentence:
        for k in order:
            if k != "number":
                field = {"issue": "issue_date", "original": "original_issue_date", "expiry": "expiry_date"}[k]
                ex.set(field, dates[k].isoformat(), text(k))
    ex.set("certificate_number", number, number)
    story.append(r.space(18))
    story += _accreditation(body, acc_mode, st, ex, rng, seed)
    story.append(r.para(f"{rng.choice(w.PEOPLE)}\n{rng.choice(('Head of Certification', 'Managing Director'))}, "
                        f"{body.name}", st.small))
    if layout == "annex":
        story.append(r.page_break())
        story.append(r.para(f"Annex to certificate {number}", st.h2))
        story.append(r.table([["Site", "Activities"], ["Head office", "Management of the " + ms_name],
                              ["Remote workers", "Development and support"]], st, [180, 270]))
        story.append(r.para(f"This annex is valid only together with the certificate and until "
                            f"{w.fmt(expiry, style)}.", st.body))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", body.name, body.name)
    if expiry < EXPIRED_BEFORE:
        ex.warn_about.append("expired")
    pdf = r.render(story, look, title=f"{vendor.short} ISO certificate", author=body.name)
    name = f"{vendor.short.lower()}-iso{variant}{'-' + lang if local else ''}-g2-{seed}.pdf"
    return pdf, ex.resolve(pdf, name)


def _accreditation(body: w.Body, mode: str, st: r.Styles, ex: Expect2, rng: random.Random,
                   seed: int) -> list[Flowable]:
    if mode == "none":
        ex.notes["accredited"] = False
        return [r.para("This certificate is issued under the certification body's own scheme.", st.small)]
    plain, prefixed = w.accreditation_number(rng, body.accreditor)
    if mode == "text":
        line = f"Accredited by {body.accreditor_long} ({body.accreditor}), accreditation no. {plain}"
        ex.set("accreditation_body", body.accreditor, f"({body.accreditor})")
        return [r.para(line, st.small)]
    beside = prefixed if mode == "mark_prefixed" else plain
    caption = "MANAGEMENT SYSTEMS" if body.accreditor == "UKAS" else ""
    cells: list[Any] = [art.flowable(art.mark(body.accreditor, seed, caption=caption), 52), r.para(beside, st.small)]
    if rng.random() < 0.4:
        cells.append(art.flowable(art.mark("IAF", seed + 1), 40))  # the IAF MLA mark is not the accreditation body
    tbl = Table([cells], colWidths=[60, 140, 50][: len(cells)], hAlign="RIGHT")
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    ex.set("accreditation_body", body.accreditor, beside)
    return [tbl]
