"""Hard negatives: documents that talk like assurance reports but are not SOC 2 reports or ISO certificates.

A penetration-test summary letter, a security whitepaper that cites the vendor's SOC 2 and ISO 27001, and a
"SOC 2 certificate" printed by a certification body (SOC 2 is an attestation report by a CPA firm, not a
certification). Each must come out as ``unknown`` with a vendor and nothing it does not state.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.platypus import Flowable

from . import render as r
from . import words as w
from .expect import Expect


def pentest(seed: int) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"pentest:{seed}")
    client = w.vendor(rng)
    firm = f"{rng.choice(('Blackthorn', 'Redoubt', 'Sable Harbor', 'Ironwake'))} Offensive Security LLC"
    system = w.product(rng, client.short)
    start = date(2025, 3, 1) + timedelta(days=rng.randrange(0, 500))
    end = start + timedelta(days=rng.randrange(7, 25))
    letter = end + timedelta(days=rng.randrange(5, 30))
    style = rng.choice(("us", "intl"))
    look = r.Look(font="Helvetica", size=10.5, cover_has_chrome=True, page_format="Page {n} of {total}",
                  footer=f"{firm} – Confidential", watermark=rng.choice((None, "CONFIDENTIAL")))
    st = r.styles_for(look)
    if rng.random() < 0.5:
        head: Flowable = r.para(firm, st.h2)
    else:
        head = r.table([[firm, f"{rng.randrange(10, 400)} Water Street"], ["", "New York, NY 10005"]], st, [260, 200],
                       header=False, grid=False)
    story: list[Flowable] = [head, r.space(12), r.para(w.fmt(letter, style), st.body),
                             r.para(client.name, st.body), r.para("Attn: Information Security", st.body),
                             r.para("Subject: Penetration Test Summary Letter", st.h3)]
    story.append(r.para(
        f"{firm} performed an external network and web application penetration test of the {system} operated by "
        f"{client.name} between {w.fmt(start, style)} and {w.fmt(end, style)}. Testing followed a methodology "
        "aligned with the OWASP Web Security Testing Guide and covered unauthenticated and authenticated "
        "perspectives.", st.body))
    story.append(r.para("Summary of Findings", st.h3))
    counts = [[sev, str(n), str(max(0, n - rng.randrange(0, 2)))]
              for sev, n in (("Critical", 0), ("High", rng.randrange(0, 3)), ("Medium", rng.randrange(1, 5)),
                             ("Low", rng.randrange(2, 7)))]
    story.append(r.table([["Severity", "Identified", "Remediated"], *counts], st, [140, 100, 100]))
    story.append(r.space(8))
    story.append(r.para(
        "This letter summarizes a point-in-time assessment. It is not an audit opinion, a SOC report or a "
        "certification, and it does not provide assurance over the design or operating effectiveness of controls "
        "relevant to the Trust Services Criteria.", st.body))
    story.append(r.para(rng.choice(w.PEOPLE) + ", Principal Consultant", st.body))
    ex = Expect("unknown")
    ex.set("vendor", client.name, client.name)
    pdf = r.render(story, look, title="Penetration test summary")
    return pdf, ex.resolve(pdf, f"{client.short.lower()}-pentest-letter-{seed}.pdf")


def whitepaper(seed: int) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"whitepaper:{seed}")
    vendor = w.vendor(rng)
    system = w.product(rng, vendor.short)
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), size=10, header=f"{vendor.short} Security Overview",
                  page_format="{n}", justify=True)
    st = r.styles_for(look)
    story: list[Flowable] = [r.space(80), r.para(vendor.name, st.subtitle),
                             r.para(f"Security and Compliance Overview: {system}", st.title),
                             r.para(f"Version {rng.randrange(2, 7)}.{rng.randrange(0, 9)}", st.center)]
    story += r.switch("two")
    sections = (
        ("Our approach", f"Security is built into every stage of the {system}, from design reviews to automated "
         "testing in the deployment pipeline. This document summarizes our practices for customers and prospects."),
        ("Independent assurance", f"{vendor.short} undergoes an annual SOC 2 Type 2 examination covering the "
         "Security and Availability trust services categories, performed by an independent CPA firm. Our "
         "information security management system is certified to ISO/IEC 27001:2022. Reports and certificates "
         "are available under NDA from your account manager."),
        ("Encryption", "Customer data is encrypted at rest with AES-256 and in transit with TLS 1.2 or higher. Keys "
         "are held in a managed key service and rotated annually."),
        ("Access control", "Administrative access requires single sign-on with phishing-resistant multi-factor "
         "authentication. Access is reviewed quarterly by system owners."),
        ("Artificial intelligence", f"Some features of the {system} use machine learning to suggest "
         "classifications. Customer data is not used to train shared models without consent."),
        ("Incident response", "Our security team is on call around the clock. Customers are notified of incidents "
         "affecting their data within seventy-two hours of confirmation."),
        ("Business continuity", "Production runs in two regions with automated failover; backups are taken daily "
         "and restoration is tested each year."),
    )
    for title, text in sections * 2:
        story.append(r.para(title, st.h2))
        story.append(r.para(text, st.body))
    ex = Expect("unknown")
    ex.set("vendor", vendor.name, vendor.name)
    pdf = r.render(story, look, title=f"{vendor.short} security whitepaper")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-security-whitepaper-{seed}.pdf")


def soc2_certificate(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A 'SOC 2 certificate' from a certification body: not an attestation report; must not pass as SOC 2."""
    rng = random.Random(f"pseudo-soc2:{seed}")
    vendor = w.vendor(rng)
    body = w.cert_body(rng)
    issue = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 500))
    style = rng.choice(("intl", "us", "dotted"))
    look = r.Look(font="Times-Roman", bold="Times-Bold", size=12, page_format="{n}")
    st = r.styles_for(look)
    story: list[Flowable] = [r.space(40), r.para(body, st.h2), r.para("Certificate of Compliance", st.title),
                             r.para("This is to certify that", st.center), r.para(vendor.name, st.subtitle),
                             r.para("has been assessed and found compliant with the requirements of", st.center),
                             r.para(rng.choice(("SOC 2 Type II", "SOC 2® Type 2 – Trust Services Criteria",
                                                "SOC 2 (Security, Availability)")), st.subtitle),
                             r.space(20),
                             r.para(f"Certificate No.: SOC2-{rng.randrange(1000, 9999)}", st.center),
                             r.para(f"Issue date: {w.fmt(issue, style)}", st.center),
                             r.para(f"Valid until: {w.fmt(w.add_years(issue, 1), style)}", st.center),
                             r.space(30), r.para(f"{rng.choice(w.PEOPLE)}, Lead Assessor, {body}", st.center)]
    ex = Expect("unknown")
    ex.set("vendor", vendor.name, vendor.name)
    ex.warn_about.append("SOC 2")
    ex.notes["pseudo_soc2"] = True  # "unknown" is right; "iso_certificate" is acceptable, a SOC kind is not
    pdf = r.render(story, look, title="SOC 2 certificate")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-soc2-certificate-{seed}.pdf")


def iso_readiness_letter(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A consultancy's readiness letter: names ISO/IEC 27001 and an assessment, but certifies nothing."""
    rng = random.Random(f"iso-readiness:{seed}")
    client = w.vendor(rng, european=rng.random() < 0.5)
    firm = f"{rng.choice(('Harbourline', 'Northpoint', 'Greywell', 'Ashfield'))} Advisory Ltd"
    when = date(2025, 2, 1) + timedelta(days=rng.randrange(0, 500))
    style = rng.choice(("intl", "us"))
    look = r.Look(font="Helvetica", size=10.5, cover_has_chrome=True, page_format="Page {n}",
                  footer=f"{firm} – advisory services; not a certification body")
    st = r.styles_for(look)
    story: list[Flowable] = [
        r.para(firm, st.h2), r.space(10), r.para(w.fmt(when, style), st.body), r.para(client.name, st.body),
        r.para("Re: ISO/IEC 27001:2022 readiness assessment", st.h3),
        r.para(f"{firm} was engaged by {client.name} to perform a gap assessment of its information security "
               "management system against the requirements of ISO/IEC 27001:2022 in preparation for a future "
               "certification audit.", st.body),
        r.para("Our assessment found the management system substantially ready, with minor gaps in internal audit "
               "coverage and in the documentation of the Statement of Applicability. This letter is not a "
               "certificate: certification can only be granted by an accredited certification body after a "
               "Stage 1 and Stage 2 audit.", st.body),
        r.para(f"{rng.choice(w.PEOPLE)}, Principal Consultant", st.body),
    ]
    ex = Expect("unknown")
    ex.set("vendor", client.name, client.name)
    pdf = r.render(story, look, title="ISO 27001 readiness letter")
    return pdf, ex.resolve(pdf, f"{client.short.lower()}-iso27001-readiness-{seed}.pdf")


def soc2_readiness_letter(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A CPA firm's SOC 2 readiness letter: an auditor, the criteria, a date range, and no examination or opinion."""
    rng = random.Random(f"soc2-readiness:{seed}")
    client = w.vendor(rng)
    firm = w.auditor(rng)
    system = w.product(rng, client.short)
    start = date(2025, 3, 1) + timedelta(days=rng.randrange(0, 400))
    end = start + timedelta(days=rng.randrange(14, 45))
    letter = end + timedelta(days=rng.randrange(7, 30))
    style = rng.choice(("us", "intl"))
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), size=10.5, cover_has_chrome=True,
                  page_format="Page {n} of {total}", footer=f"{firm} – Advisory")
    st = r.styles_for(look)
    story: list[Flowable] = [
        r.para(firm, st.h2), r.space(8), r.para(w.fmt(letter, style), st.body),
        r.para(f"To the Management of {client.name}", st.body),
        r.para("SOC 2 Readiness Assessment – Summary of Results", st.h3),
        r.para(f"At your request, we performed a readiness assessment of the {system} against the 2017 Trust Services "
               f"Criteria relevant to security between {w.fmt(start, style)} and {w.fmt(end, style)}. The purpose "
               f"was to help {client.short} prepare for a future SOC 2 Type 2 examination.", st.body),
        r.para("We identified gaps in vendor risk management, in the documentation of access reviews, and in the "
               "testing of the incident response plan. Remediation plans were agreed with management.", st.body),
        r.para("A readiness assessment is a consulting engagement. It is not an examination or a review performed in "
               "accordance with attestation standards, and we do not express an opinion or any other form of "
               "assurance on the design or operating effectiveness of controls.", st.body),
        r.para(firm, st.body),
    ]
    ex = Expect("unknown")
    ex.set("vendor", client.name, client.name)
    pdf = r.render(story, look, title="SOC 2 readiness letter")
    return pdf, ex.resolve(pdf, f"{client.short.lower()}-soc2-readiness-{seed}.pdf")
