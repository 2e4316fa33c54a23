"""Short documents that talk about a SOC 2 examination without being a SOC 2 report.

- ``attestation``: a one-page letter on a CPA firm's letterhead saying that it examined the vendor and quoting its
  opinion. It has no description, no tests and no assertion: kind ``unknown``; the vendor is the company examined,
  never the firm that signs.
- ``bridge``: a management bridge (gap) letter in the second family's wording: the bridge period in a key/value
  table, in a sentence, or as "beginning the day after the review period ended", the next examination's period as a
  distractor.
- ``soc2_certificate``: a certification body's "SOC 2 certificate" with an accreditation-looking mark: never a SOC kind.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.platypus import Flowable

from tests.generator import render as r

from . import art
from . import soc_text as t
from . import words as w
from .expect import Expect2


def _look(rng: random.Random, footer: str | None) -> r.Look:
    font = rng.choice(("Helvetica", "Times-Roman"))
    return r.Look(font=font, bold="Times-Bold" if font == "Times-Roman" else "Helvetica-Bold",
                  size=rng.choice((10, 10.5, 11)), footer=footer, page_format="{n}", cover_has_chrome=True,
                  justify=rng.random() < 0.4)


def attestation(seed: int) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"g2:attest:{seed}")
    tier = rng.choice(("national", "lowcost", "lowcost"))
    firm = w.firm(rng, tier)
    vendor = w.vendor(rng, rng.random() < 0.4)
    system = w.system(rng, vendor)
    type2 = seed % 2 == 0
    style = rng.choice(("us", "us_abbr", "intl", "iso"))
    end = w.month_end(date(2024, 6, 1) + timedelta(days=rng.randrange(0, 600)))
    start = date(end.year - 1 + (end.month == 12), end.month % 12 + 1, 1) if rng.random() < 0.6 else \
        date(end.year if end.month > 6 else end.year - 1, (end.month - 6 - 1) % 12 + 1, 1)
    letter = end + timedelta(days=rng.randrange(10, 60))
    city, state = rng.choice(w.SMALL_CITIES)
    cats = [c for c in ("security", "availability", "confidentiality") if c == "security" or rng.random() < 0.5]
    cat_words = ", ".join(t.CATEGORY_NAMES[c] for c in cats)
    look = _look(rng, f"{firm} · {city}, {state}" if rng.random() < 0.5 else None)
    st = r.styles_for(look)
    ex = Expect2("unknown")
    story: list[Flowable] = []
    if rng.random() < 0.5:
        story.append(art.flowable(art.mark("".join(p[0] for p in firm.split()[:2]).upper(), seed), 48))
    story += [r.para(firm, st.h2), r.para(f"Certified Public Accountants · {city}, {state}", st.small), r.space(14),
              r.para(w.fmt(letter, style), st.body),
              r.para(rng.choice(("To Whom It May Concern:", f"To the management and customers of {vendor.name}:")),
                     st.body)]
    subject = rng.choice((f"Re: SOC 2 Type {'2' if type2 else '1'} Attestation – {vendor.name}",
                          f"SOC 2® Type {'II' if type2 else 'I'} Examination Status Letter"))
    story.append(r.para(subject, st.h3))
    if type2:
        when = f"for the period {w.fmt_range(start, end, style, 'to')}"
        effect = ("the controls stated in the description were suitably designed and operated effectively "
                  "throughout that period")
    else:
        when = f"as of {w.fmt(end, style)}"
        effect = "the controls stated in the description were suitably designed as of that date"
    story.append(r.para(
        f"{firm} has completed an examination, under the attestation standards of the American Institute of "
        f"Certified Public Accountants, of the description of {vendor.name}’s {system} and of its controls {when}, "
        f"relevant to the {cat_words} trust services criteria.", st.body))
    story.append(r.para(
        f"Our report expressed an unmodified opinion that, in all material respects, the description was presented "
        f"in accordance with the description criteria and {effect}.", st.body))
    story.append(r.para(
        "This letter is not the SOC 2 report and may not be relied on in its place. It contains no description of "
        f"the system and no tests of controls. Customers may obtain the full report from {vendor.name} under a "
        "non-disclosure agreement.", st.body))
    story.append(r.space(12))
    if rng.random() < 0.5:
        story.append(art.flowable(art.signature(firm, seed), 170))
    else:
        story.append(r.para(firm, st.body))
    story.append(r.para(f"{rng.choice(w.PEOPLE)}, CPA\nPartner", st.body))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", firm, firm)
    ex.set("report_date", letter.isoformat(), w.fmt(letter, style))
    if type2:
        ex.set("period_start", start.isoformat(), when)
    ex.set("period_end", end.isoformat(), when)
    ex.warn_about.append("letter")
    ex.notes.update(tier=tier, type2=type2, dates=style)
    pdf = r.render(story, look, title="SOC 2 attestation letter", author=firm)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-soc2-attestation-letter-g2-{seed}.pdf")


def bridge(seed: int) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"g2:bridge:{seed}")
    vendor = w.vendor(rng, rng.random() < 0.4)
    system = w.system(rng, vendor)
    firm = w.firm(rng, rng.choice(("big", "national", "lowcost")))
    style = rng.choice(("us", "intl", "us_abbr", "iso", "intl_abbr"))
    prev_end = w.month_end(date(2025, 1, 1) + timedelta(days=rng.randrange(0, 400)))
    prev_start = date(prev_end.year - 1 + (prev_end.month == 12), prev_end.month % 12 + 1, 1)
    start = prev_end + timedelta(days=1)
    end = w.month_end(start + timedelta(days=rng.randrange(40, 170)))
    letter = end + timedelta(days=rng.randrange(0, 20))
    look = _look(rng, rng.choice((None, f"{vendor.name} · Security & Compliance")))
    st = r.styles_for(look)
    ex = Expect2("bridge_letter")
    form = rng.choice(("table", "sentence", "day_after"))
    ex.notes.update(form=form, dates=style)
    story: list[Flowable] = [r.para(vendor.name, st.h2), r.para("Security & Compliance Office", st.small), r.space(10),
                             r.para(f"Date: {w.fmt(letter, style)}", st.body),
                             r.para(rng.choice(("Management Bridge Letter", "Bridge Letter – SOC 2 Coverage Gap",
                                                "Letter Regarding the Period Since Our Last SOC 2 Report")), st.h3)]
    prev = w.fmt_range(prev_start, prev_end, style, "–" if style in ("iso",) else "to")
    brange = w.fmt_range(start, end, style, "–" if style in ("iso",) else "through")
    if form == "table":
        story.append(r.para(f"This letter is issued by the management of {vendor.name} to its customers.", st.body))
        rows = [["Last SOC 2 Type 2 report", prev], ["Service auditor", firm], ["Scope", system],
                ["Period covered by this letter", brange]]
        story.append(r.table(rows, st, [190, 280], header=False))
        story.append(r.space(8))
        ex.set("period_start", start.isoformat(), brange)
        ex.set("period_end", end.isoformat(), brange)
        ex.set("scope", system, system)
        ex.set("issuer", firm, firm)
    elif form == "sentence":
        story.append(r.para(
            f"{firm} examined the controls of the {system} and issued a SOC 2 Type 2 report covering {prev}. "
            f"This letter covers the interval from {brange}, which follows the end of that report’s period.",
            st.body))
        ex.set("period_start", start.isoformat(), f"from {brange}")
        ex.set("period_end", end.isoformat(), f"from {brange}")
        ex.set("scope", system, f"of the {system}")
        ex.set("issuer", firm, firm)
    else:
        story.append(r.para(
            f"Our most recent SOC 2 Type 2 report on the {system}, issued by {firm}, covered {prev}. This letter "
            f"addresses the period beginning the day after that review period ended and ending on "
            f"{w.fmt(end, style)}.", st.body))
        ex.set("period_start", start.isoformat(), "beginning the day after that review period ended")
        ex.set("period_end", end.isoformat(), f"ending on {w.fmt(end, style)}")
        ex.set("scope", system, f"report on the {system}")
        ex.set("issuer", firm, firm)
    if rng.random() < 0.6:
        nxt = w.fmt_range(start, w.add_years(prev_end, 1), style, "to")
        story.append(r.para(f"Our next examination is planned to cover {nxt}, with the report expected within "
                            "sixty days of its end.", st.body))
    story.append(r.para("Management confirms that, during the period covered by this letter, it is not aware of:",
                        st.body))
    story.append(r.bullets(["any change to the system that would significantly affect the controls described in the "
                            "report;", "any failure of those controls to operate as described; or",
                            "any security incident that affected customer data."], st.body))
    story.append(r.para("This letter is management’s representation only. The service auditor has not examined it "
                        "and expresses no opinion on it.", st.body))
    story.append(r.space(10))
    story.append(r.para(f"{rng.choice(w.PEOPLE)}\nChief Information Security Officer\n{vendor.name}", st.body))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("report_date", letter.isoformat(), w.fmt(letter, style))
    pdf = r.render(story, look, title=f"{vendor.short} bridge letter")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-bridge-letter-g2-{seed}.pdf")


def soc2_certificate(seed: int) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"g2:pseudo:{seed}")
    body = rng.choice(w.BODIES)
    vendor = w.vendor(rng, rng.random() < 0.5)
    issue = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 500))
    style = rng.choice(("intl", "dotted", "iso"))
    look = r.Look(font="Times-Roman", bold="Times-Bold", size=12, page_format="{n}",
                  pagesize=rng.choice((r.PAGE_SIZES["a4"], r.PAGE_SIZES["letter"])),
                  footer=f"{body.name} · {body.city}", cover_has_chrome=True)
    st = r.styles_for(look)
    initials = "".join(p[0] for p in body.name.split()[:2]).upper()
    story: list[Flowable] = [art.flowable(art.mark(initials, seed), 60), r.para(body.name.upper(), st.h2),
                             r.space(16), r.para(rng.choice(("SOC 2 Type II Compliance Certificate",
                                                             "Certificate of SOC 2 Attestation")), st.title),
                             r.para("This certificate is awarded to", st.center), r.para(vendor.name, st.subtitle),
                             r.para("for successfully completing an audit against the AICPA SOC 2 Trust Services "
                                    "Criteria for Security and Confidentiality.", st.center), r.space(16),
                             r.para(f"Certificate No.: {initials}-SOC2-{rng.randrange(10000, 99999)}", st.center),
                             r.para(f"Date of issue: {w.fmt(issue, style)}", st.center),
                             r.para(f"Valid until: {w.fmt(w.add_years(issue, 1), style)}", st.center), r.space(24),
                             r.para(f"{rng.choice(w.PEOPLE)}, Certification Manager", st.center)]
    ex = Expect2("unknown")
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", body.name, body.name.upper())
    ex.warn_about.append("SOC 2")
    ex.notes.update(pseudo_soc2=True, body=body.country)
    pdf = r.render(story, look, title="SOC 2 certificate", author=body.name)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-soc2-certificate-g2-{seed}.pdf")


def lead_auditor_certificate(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A person's training certificate ("ISO/IEC 27001:2022 Lead Auditor"): names the standard, a number and dates,
    but certifies no organization: kind ``unknown``, no vendor, no certificate dates."""
    rng = random.Random(f"g2:person:{seed}")
    trainer = rng.choice(("Mastlight Training Academy Ltd", "Quillon Professional Education GmbH",
                          "Harbourline Learning Pty Ltd"))
    person = rng.choice(w.PEOPLE)
    style = rng.choice(("intl", "dotted", "us"))
    done = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
    look = r.Look(font="Times-Roman", bold="Times-Bold", size=12, page_format="{n}", pagesize=r.PAGE_SIZES["a4"],
                  cover_has_chrome=True, footer=f"{trainer} · Course certificate")
    st = r.styles_for(look)
    initials = "".join(p[0] for p in trainer.split()[:2]).upper()
    story: list[Flowable] = [art.flowable(art.mark(initials, seed), 56, "CENTER"), r.para(trainer, st.h2),
                             r.para("Certificate of Achievement", st.title),
                             r.para("This is to certify that", st.center), r.para(person, st.subtitle),
                             r.para("has successfully completed the five-day course and passed the examination",
                                    st.center),
                             r.para("ISO/IEC 27001:2022 Lead Auditor", st.subtitle),
                             r.para("(Information Security Management Systems)", st.center), r.space(14),
                             r.para(f"Certificate No.: LA-{rng.randrange(100000, 999999)}", st.center),
                             r.para(f"Date: {w.fmt(done, style)}", st.center),
                             r.para("This certificate attests to the training of the named individual. It is not a "
                                    "certification of any organization's management system.", st.small)]
    ex = Expect2("unknown")
    ex.notes.update(person=True, trainer=trainer)
    pdf = r.render(story, look, title="Lead auditor certificate", author=trainer)
    return pdf, ex.resolve(pdf, f"lead-auditor-certificate-g2-{seed}.pdf")


def hitrust_letter(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A HITRUST CSF certification letter: an assurance document, but neither a SOC report nor an ISO certificate."""
    rng = random.Random(f"g2:hitrust:{seed}")
    vendor = w.vendor(rng, rng.random() < 0.3)
    system = w.system(rng, vendor)
    assessor = w.firm(rng, rng.choice(("national", "lowcost")))
    style = rng.choice(("us", "us_abbr"))
    issued = date(2024, 6, 1) + timedelta(days=rng.randrange(0, 500))
    look = _look(rng, None)
    st = r.styles_for(look)
    story: list[Flowable] = [r.para("HITRUST CSF® Certification Letter", st.h2), r.para(w.fmt(issued, style), st.body),
                             r.para(f"To the management of {vendor.name}:", st.body),
                             r.para(f"Based on an r2 validated assessment performed by {assessor}, the {system} of "
                                    f"{vendor.name} has met the HITRUST CSF certification criteria. The certification "
                                    f"is valid for two years from {w.fmt(issued, style)}, subject to an interim "
                                    "assessment at the first anniversary.", st.body),
                             r.para("This letter is not a SOC 2 report and is not an ISO/IEC 27001 certificate.",
                                    st.body),
                             r.space(10), r.para(f"{rng.choice(w.PEOPLE)}\nAssurance Programs", st.body)]
    ex = Expect2("unknown")
    ex.set("vendor", vendor.name, vendor.name)
    ex.notes.update(assessor=assessor)
    pdf = r.render(story, look, title="HITRUST letter")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-hitrust-letter-g2-{seed}.pdf")
