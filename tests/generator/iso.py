"""ISO/IEC management-system certificates: 27001 (2013 and 2022 editions), 27017/27018 extensions,
27701 and 42001, in the layouts certification bodies use (centred certificate, key/value table, a
scope page plus an appendix of sites) and their date conventions (14.03.2028, 2028-03-14, 14 March 2028).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable

from . import render as r
from . import words as w
from .expect import Expect

# Expired on any day the tests run (the project began in late 2026): the warning can be expected clock-free.
EXPIRED_BEFORE = date(2026, 11, 1)

VARIANTS = ("27001_2022", "27001_2013", "27001_27017_27018", "27701", "42001", "27001_27701")

_SCOPES = {
    "isms": (
        "The information security management system supporting the design, development, hosting and support of "
        "the {product} for business customers.",
        "Provision of {product} services, including software development, cloud operations and customer support, "
        "in accordance with the Statement of Applicability.",
        "The information security management system for the {product}, including machine learning model "
        "development and deployment.",
    ),
    "pims": (
        "The privacy information management system, as PII processor, for the {product} and related support "
        "services.",
    ),
    "aims": (
        "The artificial intelligence management system for the development, provision and monitoring of the "
        "{product} and its machine learning models.",
    ),
}

_LABELS = {
    "number": ("Certificate No.", "Certificate Number:", "Certificate registration no.", "Reg. No.",
               "Certificate ID:"),
    "issue": ("Date of issue:", "Issue date", "Current issue date:", "Date of certification:"),
    "original": ("Original certification date:", "Initial registration date:", "First issued:",
                 "Initial certification date"),
    "expiry": ("Expiry date:", "Valid until:", "Expiration date", "Certificate expiry:", "Valid until"),
}


def build(variant: str, seed: int, *, expiry: date | None = None, vendor: w.Org | None = None,
          product: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """A certificate for ``variant`` (one of VARIANTS); ``expiry``, ``vendor`` and ``product`` pin those facts."""
    rng = random.Random(f"iso:{variant}:{seed}")
    drawn = w.vendor(rng, european=rng.random() < 0.5)
    vendor = vendor or drawn
    body = w.cert_body(rng)
    acc, acc_long = rng.choice(w.ACCREDITORS)
    product = product or w.product(rng, vendor.short)
    if variant == "27001_2013":
        standards = ["ISO/IEC 27001:2013"]
        issue = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        exp = expiry or min(w.add_years(issue, 3) - timedelta(days=1), date(2025, 10, 31))
        if expiry is not None:
            issue = w.add_years(exp + timedelta(days=1), -3)
    else:
        standards = {
            "27001_2022": ["ISO/IEC 27001:2022"],
            "27001_27017_27018": ["ISO/IEC 27001:2022", "ISO/IEC 27017:2015", "ISO/IEC 27018:2019"],
            "27701": ["ISO/IEC 27701:2019"],
            "42001": ["ISO/IEC 42001:2023"],
            "27001_27701": ["ISO/IEC 27001:2022", "ISO/IEC 27701:2019"],
        }[variant]
        issue = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
        exp = expiry or (w.add_years(issue, 3) - timedelta(days=1))
        if expiry is not None:
            issue = w.add_years(exp + timedelta(days=1), -3)
    original = w.add_years(issue, -rng.choice((0, 3, 6))) if rng.random() < 0.8 else None
    if variant == "42001" and original is not None:
        original = issue
    if variant == "27701" and original is not None and original < date(2019, 9, 1):
        original = None  # ISO/IEC 27701 was published in August 2019: no earlier first certification
    style = rng.choice(("intl", "us", "dotted", "iso", "intl_ordinal", "abbr"))
    prefix = "".join(ch for ch in body if ch.isupper())[:3]
    number = rng.choice((f"{prefix}-ISMS-{rng.randrange(1000, 99999):05d}", f"IS {rng.randrange(600000, 799999)}",
                         f"{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(10000, 99999)} TMS",
                         f"{prefix}{issue.year}-{rng.randrange(100, 999)}"))
    kind_key = "aims" if variant == "42001" else ("pims" if variant == "27701" else "isms")
    scope = rng.choice(_SCOPES[kind_key]).format(product=product)
    layout = rng.choice(("centred", "table", "two_page"))
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), bold=rng.choice(("Helvetica-Bold", "Times-Bold")),
                  size=rng.choice((10, 11)), pagesize=rng.choice((A4, landscape(A4), A4)), page_format="{n}",
                  cover_has_chrome=True, footer=f"{body} | Validity may be verified on the "
                  "certification body's register")
    st = r.styles_for(look)
    ex = Expect("iso_certificate")
    ex.notes.update(layout=layout, style=style, variant=variant)
    labels = {k: rng.choice(v) for k, v in _LABELS.items()}
    if body.endswith("GmbH") and rng.random() < 0.6:
        # German bodies print bilingual labels and dotted dates.
        labels = {"number": "Zertifikat-Nr. / Certificate No.", "issue": "Ausstellungsdatum / Date of issue:",
                  "original": "Erstzertifizierung / Initial certification:", "expiry": "Gültig bis / Valid until:"}
        style = "dotted"
        ex.notes.update(bilingual=True, style=style)
    valid_from = rng.random() < 0.2

    story: list[Flowable] = [r.para(body.upper() if rng.random() < 0.5 else body, st.h2), r.space(10)]
    story.append(r.para(rng.choice(("CERTIFICATE", "Certificate of Registration", "Certificate of Conformity",
                                    "Certificate of Approval")),
                        st.title))
    lead = rng.choice(("This is to certify that the management system of", f"{body} certifies that",
                       "We hereby certify that"))
    story.append(r.para(lead, st.center))
    if rng.random() < 0.2:
        # The certified organization and its address on one line.
        story.append(r.para(f"{vendor.name}, {rng.randrange(2, 180)} High Street, {rng.choice(w.EU_PLACES)}",
                            st.center))
    else:
        story.append(r.para(vendor.name, st.subtitle))
        story.append(r.para(rng.choice(w.EU_PLACES), st.center))
    std_lead = rng.choice(("has been assessed and found to conform to the requirements of",
                           "operates a management system that complies with",
                           "has implemented and maintains a management system in accordance with"))
    story.append(r.para(std_lead, st.center))
    # How each standard is printed: most bodies write "ISO/IEC 27001:2022"; some drop "/IEC", and some add the
    # 2024 amendment, which changes neither the edition nor the normalized name.
    printed = []
    for s in standards:
        form = s
        roll = rng.random()
        if roll < 0.15:
            form = s.replace("ISO/IEC ", "ISO ")
        elif roll < 0.25 and s == "ISO/IEC 27001:2022":
            form = "ISO/IEC 27001:2022 + A1:2024"
        printed.append(form)
    if variant == "27001_27017_27018" and rng.random() < 0.5:
        story.append(r.para(printed[0], st.subtitle))
        story.append(r.para(f"extended by the controls of {printed[1]} and {printed[2]}", st.center))
    else:
        for form in printed:
            story.append(r.para(form, st.subtitle))
    for s, form in zip(standards, printed, strict=True):
        ex.add("standards", s, form)
    if variant == "42001":
        ex.ai(standards[0], printed[0])
    story.append(r.para("for the following scope:" if rng.random() < 0.5 else "Scope of certification:", st.center))
    story.append(r.para(scope, st.center))
    ex.set("scope", scope, scope)
    if "machine learning" in scope and variant != "42001":
        phrase = scope[scope.index("including machine learning"):].rstrip(".")
        ex.ai(phrase, phrase)
    if rng.random() < 0.6:
        soa = issue - timedelta(days=rng.randrange(10, 60))
        controls = " (controls of ISO/IEC 27002:2022)" if "27001:2022" in standards[0] and rng.random() < 0.4 else ""
        story.append(r.para(f"Statement of Applicability{controls} version {rng.randrange(2, 9)}.0, dated "
                            f"{w.fmt(soa, style)}.", st.center))
    if rng.random() < 0.3:
        # The standards the certification body itself works to: not what the organization is certified against.
        story.append(r.para("Audit performed in accordance with ISO/IEC 17021-1:2015 and ISO/IEC 27006-1:2024.",
                            st.small))
    if layout == "two_page":
        story.append(r.para("The certified sites are listed in the appendix to this certificate.", st.center))
        story.append(r.page_break())
        story.append(r.para(f"Appendix to certificate {number}", st.h2))
        sites = [["Site", "Activities"], [rng.choice(w.EU_PLACES), "Headquarters, ISMS management"],
                 [rng.choice(w.EU_PLACES), "Cloud operations and support"], ["Remote workforce", "Development"]]
        story.append(r.table(sites, st, [200, 260]))
        story.append(r.space(16))
    story.append(r.space(12))

    def date_row(key: str, d: date) -> tuple[str, str]:
        text = w.fmt(d, style)
        return labels[key], text

    rows: list[tuple[str, str]] = [(labels["number"], number)]
    if original is not None:
        rows.append(date_row("original", original))
    if valid_from:
        rows.append(("Validity:", f"valid from {w.fmt(issue, style)} until {w.fmt(exp, style)}"))
    else:
        rows.append(date_row("issue", issue))
        rows.append(date_row("expiry", exp))
    if layout == "table" or layout == "two_page":
        story.append(r.table([list(x) for x in rows], st, [170, 230], header=False, grid=layout == "table"))
    else:
        for label, value in rows:
            story.append(r.para(f"{label} {value}", st.center))
    ex.set("certificate_number", number, number)
    if original is not None:
        ex.set("original_issue_date", original.isoformat(), w.fmt(original, style))
    if valid_from:
        ex.set("issue_date", issue.isoformat(), f"valid from {w.fmt(issue, style)}")
        ex.set("expiry_date", exp.isoformat(), f"until {w.fmt(exp, style)}")
    else:
        ex.set("issue_date", issue.isoformat(), w.fmt(issue, style))
        ex.set("expiry_date", exp.isoformat(), w.fmt(exp, style))
    if rng.random() < 0.4:
        audit = issue + timedelta(days=rng.randrange(300, 380))
        story.append(r.para(f"Certification is subject to annual surveillance audits; next surveillance audit due "
                            f"{w.fmt(audit, style)}.", st.small))
    story.append(r.space(20))
    signer = rng.choice((f"Managing Director, {body}", f"For and on behalf of {body}", "Head of Certification"))
    accredited = rng.random() < 0.85  # some certification bodies hold no accreditation: then none is stated
    mark = rng.choice((acc, acc, f"{acc} MANAGEMENT SYSTEMS {rng.randrange(1, 9999):04d}")) if accredited else ""
    accreditation_line = "Certification body"
    if accredited:
        accreditation_line = rng.choice((f"Accredited by {acc_long}", "ACCREDITED CERTIFICATION BODY",
                                         f"{acc} accredited"))
    sign = [[rng.choice(w.PEOPLE), mark], [signer, accreditation_line]]
    if rng.random() < 0.3:
        # The IAF MLA mark sits beside the accreditation mark; IAF is not the accreditation body.
        sign.append(["", "IAF MLA signatory"])
    story.append(r.table(sign, st, [280, 200], header=False, grid=False))
    if rng.random() < 0.4:
        story.append(r.para(f"This certificate remains the property of {body} and must be returned on request.",
                            st.small))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", body, body)
    if accredited:
        ex.set("accreditation_body", acc, acc)
    ex.notes["accredited"] = accredited
    if variant == "27001_2013":
        ex.warn_about.append("2013")
    if exp < EXPIRED_BEFORE:
        ex.warn_about.append("expired")
    pdf = r.render(story, look, title=f"{vendor.short} certificate", author=body)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-iso{variant.replace('_', '-')}-{seed}.pdf")
