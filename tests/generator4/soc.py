"""SOC reports and letters of the fourth family: report structures the first three never printed.

SOC 2 reports whose sections are "Section I ... V" or "1. ... 5." with a Section V "Other Information Provided by
<vendor>" that restates the exceptions with management's responses (read as the answer to an exception, never as an
exception of its own); reports that add HIPAA or CSA STAR criteria tables; reports on two systems ("the X and Y
systems"); an opinion paragraph split by a page break; the type printed "Type II" or "SOC 2® Type 2"; carve-outs as a
bulleted list; CUECs in a two-column table (criteria | user entity control); the old-style opinion on management's
assertion ("management's assertion ... is fairly stated"). A SOC 1 report (control objectives, ICFR), bridge letters
"To Our Valued Customers" with the periods in a table, SOC 3 reports whose description is a one-page attachment, and
documents that are no report at all: a CPA firm's readiness assessment letter and a vendor's "SOC 2 compliance"
marketing page.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Flowable

from tests.generator import render as r
from tests.generator2.expect import Expect2
from tests.generator3 import words as w
from tests.generator3.soc import CATEGORIES, CONTROLS, CUECS, RESPONSES, STALE_BEFORE, SUBSERVICE, _table

ROMAN = ("I", "II", "III", "IV", "V")
# The criteria's own wording (TSC 2017), as a CUEC table's left column prints it beside the user entity control.
CRITERIA_TEXT = {
    "CC6.1": "The entity implements logical access security software, infrastructure, and architectures over "
             "protected information assets to protect them from security events to meet the entity’s objectives.",
    "CC6.2": "Prior to issuing system credentials and granting system access, the entity registers and authorizes "
             "new internal and external users whose access is administered by the entity.",
    "CC7.2": "The entity monitors system components and the operation of those components for anomalies that are "
             "indicative of malicious acts, natural disasters, and errors affecting the entity’s ability to meet its "
             "objectives.",
    "CC2.3": "The entity communicates with external parties regarding matters affecting the functioning of internal "
             "control.",
    "PI1.2": "The entity implements policies and procedures over system inputs to result in products, services, and "
             "reporting to meet the entity’s objectives.",
}
HIPAA = (("164.308(a)(1)(ii)(A)", "Risk analysis"), ("164.308(a)(5)(ii)(C)", "Log-in monitoring"),
         ("164.312(a)(1)", "Access control"), ("164.312(b)", "Audit controls"),
         ("164.312(e)(1)", "Transmission security"))
CCM = (("IAM-02", "Strong Password Policy and Procedures"), ("LOG-03", "Security Monitoring and Alerting"),
       ("BCR-08", "Backup"), ("CEK-03", "Data Encryption"), ("STA-06", "Supply Chain Agreements"))
OBJECTIVES = ("Controls provide reasonable assurance that changes to application programs are authorized, tested "
              "and approved before they are implemented.",
              "Controls provide reasonable assurance that logical access to programs and data is restricted to "
              "authorized individuals.",
              "Controls provide reasonable assurance that payroll transactions are processed completely and "
              "accurately.")


def _heading(style: str, n: int, title: str) -> str:
    if style == "roman":
        return f"Section {ROMAN[n - 1]}: {title}"
    if style == "roman_upper":
        return f"SECTION {ROMAN[n - 1]}\n{title.upper()}"
    return f"{n}. {title}"


def _type_words(rng: random.Random, kind: str) -> str:
    if kind == "soc2_type1":
        return rng.choice(("SOC 2 Type I", "SOC 2® Type 1", "SOC 2 Type 1"))
    return rng.choice(("SOC 2 Type II", "SOC 2® Type 2", "SOC 2 Type 2"))


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def report(kind: str, seed: int, wave2: bool = False) -> tuple[bytes, dict[str, Any]]:
    """A SOC 2 Type 1 or Type 2 report in one of the structures of this family. ``wave2`` (written after the first
    wave's fixes, measured before any fix for it): a qualified opinion whose lead-in ends one page and whose "except
    for" opens the next, CUECs beside the criterion's full wording or numbered like the report's sections, and
    management's responses in Section V as a table."""
    rng = random.Random(f"g4:{kind}:{seed}")
    # Drawn apart, so that the first wave's documents stay as they were.
    w2 = random.Random(f"g4:{kind}:{seed}:wave2")
    qualified = wave2 and kind == "soc2_type2" and w2.random() < 0.6
    cuec_style = w2.choice(("criterion_text", "numbered", "plain")) if wave2 else "plain"
    v_table = wave2 and w2.random() < 0.6
    vendor = w.vendor(rng, us=rng.random() < 0.6)
    s = vendor.short
    two = rng.random() < 0.3
    sys1 = w.system(rng, vendor)
    sys2 = w.system(rng, vendor)
    while sys2 == sys1:
        sys2 = w.system(rng, vendor)
    system = f"{sys1} and {sys2}" if two else sys1
    sys_words = f"{sys1} and {sys2} systems" if two else f"{sys1} system"
    firm = rng.choice(w.FIRMS)
    city, state = rng.choice(w.FIRM_CITIES)
    style = rng.choice(("us", "intl", "iso"))
    hstyle = rng.choice(("roman", "roman_upper", "decimal"))
    extra = rng.choice(("none", "hipaa", "csa"))
    other_info = rng.random() < 0.7 if kind == "soc2_type2" else False
    split_opinion = rng.random() < 0.5
    assertion_style = rng.random() < 0.3  # the old-style opinion on management's assertion
    carve_list = rng.random() < 0.5
    cuec_two_col = rng.random() < 0.5
    type_words = _type_words(rng, kind)
    cats = ["security", *[c for c in ("availability", "confidentiality") if rng.random() < 0.4]]
    end = date(2024, 9, 30) + timedelta(days=rng.randrange(0, 600))
    start = None if kind == "soc2_type1" else end - timedelta(days=rng.choice((364, 181)))
    report_date = end + timedelta(days=rng.randrange(20, 70))
    controls = [c for c in CONTROLS if c.criteria[0][0] == "C" or any(
        c.criteria[0].startswith({"availability": "A1", "confidentiality": "C1"}.get(k, "-")) for k in cats)]
    counters: dict[str, int] = {}
    ids = []
    for c in controls:
        counters[c.area] = counters.get(c.area, 0) + 1
        ids.append(f"{c.area}-{counters[c.area]:02d}")
    failing = [] if kind != "soc2_type2" else sorted(rng.sample(
        [i for i, c in enumerate(controls) if c.failure != "no exceptions"], rng.choice((1, 2, 3))))
    subservice = [(n, svc, "carve-out") for n, svc in rng.sample(SUBSERVICE, rng.choice((1, 2, 3)))]
    ex = Expect2(kind)
    ex.notes.update(headings=hstyle, extra=extra, other_info=other_info, two_systems=two,
                    split_opinion=split_opinion, assertion_style=assertion_style, carve_list=carve_list,
                    cuec_two_col=cuec_two_col, type_words=type_words, dates=style)
    if wave2:
        split_opinion = split_opinion or qualified
        cuec_two_col = cuec_two_col and cuec_style != "numbered"
        ex.notes.update(wave2=True, qualified=qualified, cuec_style=cuec_style, v_table=v_table,
                        split_opinion=split_opinion, cuec_two_col=cuec_two_col)
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), size=10, pagesize=rng.choice((LETTER, A4)),
                  header=f"{vendor.name} – {type_words.replace('®', '')} Report", page_format="Page {n}")
    st = r.styles_for(look)

    def d(x: date) -> str:
        return w.fmt(x, style)

    when = f"as of {d(end)}" if start is None else f"throughout the period {d(start)} to {d(end)}"
    extra_name = {"none": "", "hipaa": " and the HIPAA Security Rule",
                  "csa": " and the CSA Cloud Controls Matrix (CSA STAR Attestation)"}[extra]
    story: list[Flowable] = [
        r.space(50), r.para(vendor.name, st.title),
        r.para(f"{type_words} Report{' and HIPAA' if extra == 'hipaa' else ''}"
               f"{' with CSA STAR Attestation' if extra == 'csa' else ''}", st.subtitle),
        r.para(f"Report on {s}’s Description of its {sys_words} and on the Suitability of the Design"
               + ("" if start is None else " and Operating Effectiveness") + " of its Controls", st.center),
        r.para(f"As of {d(end)}" if start is None else f"For the period {d(start)} through {d(end)}", st.center),
        r.space(24), r.para(f"Prepared by {firm}", st.center)]
    story.append(r.page_break())
    story.append(r.para("Table of Contents", st.h2))
    toc = ["Independent Service Auditor’s Report", f"Management of {s}’s Assertion",
           f"{s}’s Description of its {sys_words}", "Trust Services Criteria, Related Controls and Tests of Controls"
           if start else "Trust Services Criteria and Related Controls"]
    if other_info:
        toc.append(f"Other Information Provided by {s}")
    story.append(r.table([[_heading("decimal" if hstyle == "decimal" else "roman", i + 1, t).split(":")[0], t]
                          for i, t in enumerate(toc)], st, [90, 370], header=False, grid=False))
    story.append(r.page_break())
    # ---- Section I: the auditor's report
    story.append(r.para(_heading(hstyle, 1, "Independent Service Auditor’s Report"), st.h1))
    story.append(r.para(f"To the Board of Directors of {vendor.name}:", st.body))
    cat_text = _list([CATEGORIES[c].lower() for c in cats])
    for c in cats:
        ex.add("tsc_categories", c, f"relevant to {cat_text}")
    ex.add("standards", "AICPA TSC 2017", "2017 Trust Services Criteria")
    tsc = ("TSP section 100, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, "
           "Confidentiality, and Privacy")
    story.append(r.para("Scope", st.h3))
    scope_quote = f"description of {s}’s {sys_words}" if assertion_style else f"description of its {sys_words}"
    if assertion_style:
        story.append(r.para(
            f"We have examined management’s assertion that the accompanying {scope_quote} {when} "
            f"(“description”) is presented in accordance with the description criteria, and that the controls "
            f"stated in the description were suitably designed"
            + ("" if start is None else " and operated effectively")
            + f" {when} to provide reasonable assurance that {s}’s service commitments and system requirements were "
            f"achieved based on the trust services criteria relevant to {cat_text} (applicable trust services "
            f"criteria) set forth in {tsc}{extra_name}.", st.body))
    else:
        story.append(r.para(
            f"We have examined {s}’s accompanying {scope_quote} {when} (“description”) based on the criteria set "
            f"forth in DC section 200, 2018 Description Criteria for a Description of a Service Organization’s "
            f"System in a SOC 2® Report, and the suitability of the design"
            + ("" if start is None else " and operating effectiveness")
            + f" of controls stated in the description {when}, to provide reasonable assurance that {s}’s service "
            f"commitments and system requirements were achieved based on the trust services criteria relevant to "
            f"{cat_text} (applicable trust services criteria) set forth in {tsc}{extra_name}.", st.body))
    ex.set("scope", system, scope_quote)
    if start is not None:
        ex.set("period_start", start.isoformat(), d(start))
    ex.set("period_end", end.isoformat(), d(end))
    if carve_list:
        story.append(r.para(f"{s} uses the following subservice organizations. The description excludes the "
                            "controls of these subservice organizations (carve-out method), and our examination "
                            "did not extend to them:", st.body))
        story.append(r.bullets([f"{n} – {svc}" for n, svc, _ in subservice], st.body))
    else:
        story.append(r.para(f"{s} uses {'; '.join(f'{n} for {svc}' for n, svc, _ in subservice)}. The description "
                            "excludes the controls of these subservice organizations (carve-out method).", st.body))
    for n, _, m in subservice:
        ex.add("subservice_organizations", n, n, method=m)
    if other_info:
        story.append(r.para(f"The information included in {'Section 5' if hstyle == 'decimal' else 'Section V'}, "
                            f"“Other Information Provided by {s},” is presented by management to provide additional "
                            "information and is not part of the description. It has not been subjected to the "
                            "procedures applied in our examination, and accordingly we express no opinion on it.",
                            st.body))
    story.append(r.para("Service Auditor’s Responsibilities", st.h3))
    story.append(r.para("Our examination was conducted in accordance with attestation standards established by the "
                        "American Institute of Certified Public Accountants (AT-C section 105 and AT-C section 205).",
                        st.body))
    bad = [controls[i] for i in failing]
    if qualified:
        story.append(r.para("Basis for Qualified Opinion", st.h3))
        story.append(r.para(f"{s} states in its description that “{bad[0].text}” However, {bad[0].failure}. As a "
                            f"result, the control was not operating effectively to meet criterion "
                            f"{bad[0].criteria[0]}.", st.body))
        ex.warn_about.append("qualified")
    story.append(r.para("Opinion", st.h3))
    lead = "In our opinion, in all material respects,"
    if qualified:
        lead = "In our opinion,"
        body = (f"{lead} except for the matter described in the Basis for Qualified Opinion paragraph, in all material "
                f"respects, the description presents the {sys_words} that was designed and implemented {when} in "
                f"accordance with the description criteria, and the controls stated in the description were suitably "
                f"designed and operated effectively {when} to provide reasonable assurance that {s}’s service "
                "commitments and system requirements were achieved based on the applicable trust services criteria.")
        ex.set("opinion", "qualified", "except for the matter described in the Basis for Qualified Opinion")
    elif assertion_style:
        body = (f"{lead} management’s assertion that the description presents the {sys_words} {when} and that the "
                f"controls stated in the description were suitably designed"
                + ("" if start is None else " and operated effectively")
                + f" {when}, based on the applicable trust services criteria, is fairly stated.")
        ex.set("opinion", "unqualified", "is fairly stated")
    else:
        body = (f"{lead} the description presents the {sys_words} that was designed and implemented {when} in "
                f"accordance with the description criteria, and the controls stated in the description were "
                f"suitably designed" + ("" if start is None else " and operated effectively")
                + f" {when} to provide reasonable assurance that {s}’s service commitments and system requirements "
                  "were achieved based on the applicable trust services criteria.")
        ex.set("opinion", "unqualified", lead)
    if split_opinion:
        cut = len(lead) if qualified else body.index(" the controls stated") if " the controls stated" in body else (
            len(body) // 2)
        story.append(r.para(body[:cut], st.body))
        story.append(r.page_break())
        story.append(r.para(body[cut:].strip(), st.body))
    else:
        story.append(r.para(body, st.body))
    story.append(r.space(12))
    story.append(r.para(f"{firm}\n{city}, {state}\n{d(report_date)}", st.body))
    ex.set("report_date", report_date.isoformat(), d(report_date))
    ex.set("issuer", firm, firm)
    ex.set("vendor", vendor.name, vendor.name)
    story.append(r.page_break())
    # ---- Section II: management's assertion
    story.append(r.para(_heading(hstyle, 2, f"Management of {s}’s Assertion"), st.h1))
    story.append(r.para(f"We have prepared the accompanying description of {s}’s {sys_words} {when}. We confirm, to "
                        "the best of our knowledge and belief, that the controls stated in the description were "
                        "suitably designed" + ("" if start is None else " and operated effectively") + ".", st.body))
    story.append(r.para(f"{rng.choice(w.PEOPLE)}\nChief Technology Officer\n{vendor.name}", st.body))
    story.append(r.page_break())
    # ---- Section III: the description
    story.append(r.para(_heading(hstyle, 3, f"{s}’s Description of its {sys_words}"), st.h1))
    story.append(r.para("Overview of Operations", st.h2))
    story.append(r.para(f"{s} provides {'the ' + system if not two else 'two services, the ' + system} to its "
                        "customers through a web application and an API.", st.body))
    story.append(r.para("Subservice Organizations", st.h2))
    story.append(_table([["Subservice organization", "Services provided"],
                         *[[n, svc] for n, svc, _ in subservice]], st, [200, 260]))
    story.append(r.para("Complementary User Entity Controls", st.h2))
    story.append(r.para(f"{s}’s controls were designed with the assumption that certain controls would be "
                        "implemented by user entities.", st.body))
    picked = rng.sample(CUECS, rng.randrange(3, 6))
    texts = [f"User entities are responsible for {x}." for x, _ in picked]
    if cuec_two_col:
        rows = [["Criteria", "Complementary User Entity Control"]]
        rows += [[", ".join(f"{x} – {CRITERIA_TEXT.get(x, '')}".rstrip(" –") if cuec_style == "criterion_text" else x
                            for x in c), t] for t, (_, c) in zip(texts, picked, strict=True)]
        story.append(_table(rows, st, [90, 370]))
        for t, (_, c) in zip(texts, picked, strict=True):
            ex.add("cuecs", t, t, criteria=list(c))
    else:
        story.append(r.bullets(texts, st.body, kind="1" if cuec_style == "numbered" else "bullet"))
        for t in texts:
            ex.add("cuecs", t, t, criteria=[])
    # ---- Section IV: criteria, controls and tests
    story.append(r.page_break())
    story.append(r.para(_heading(hstyle, 4, toc[3]), st.h1))
    answers: list[tuple[str, str, str]] = []
    if start is not None:
        trows = [["Control #", "Criteria", "Control Activity", "Tests Performed by the Service Auditor",
                  "Test Results"]]
        for i, (cid, c) in enumerate(zip(ids, controls, strict=True)):
            if i in failing:
                resp = RESPONSES[i % len(RESPONSES)]
                trows.append([cid, ", ".join(c.criteria), c.text, c.test, f"Exception noted: {c.failure}."])
                answers.append((cid, c.failure, resp))
                ex.add("exceptions", f"{c.failure}.", f"{c.failure}.", control=cid, criteria=list(c.criteria),
                       management_response=resp if other_info else None)
            else:
                trows.append([cid, ", ".join(c.criteria), c.text, c.test, "No exceptions noted."])
        story.append(_table(trows, st, [50, 50, 140, 130, 100]))
    else:
        story.append(_table([["Control #", "Criteria", "Control Activity"],
                             *[[cid, ", ".join(c.criteria), c.text] for cid, c in zip(ids, controls, strict=True)]],
                            st, [70, 70, 320]))
    if extra == "hipaa":
        story.append(r.para("HIPAA Security Rule Requirements Mapped to Controls", st.h2))
        story.append(_table([["HIPAA Requirement", "Description", "Related Controls"],
                             *[[h, t, ", ".join(rng.sample(ids, 2))] for h, t in HIPAA]], st, [130, 200, 130]))
    elif extra == "csa":
        story.append(r.para("CSA Cloud Controls Matrix v4 Criteria Mapped to Controls", st.h2))
        story.append(_table([["CCM Control ID", "Control Title", "Related Controls"],
                             *[[h, t, ", ".join(rng.sample(ids, 2))] for h, t in CCM]], st, [100, 230, 130]))
    # ---- Section V: other information
    if other_info:
        story.append(r.page_break())
        story.append(r.para(_heading(hstyle, 5, f"Other Information Provided by {s}"), st.h1))
        story.append(r.para(f"The information in this section is presented by management of {s} and has not been "
                            "subjected to the procedures applied in the examination.", st.body))
        story.append(r.para("Management’s Responses to Exceptions Noted", st.h2))
        if v_table:
            story.append(_table([["Control", "Exception Noted", "Management’s Response"],
                                 *[[cid, f"{failure}.", resp] for cid, failure, resp in answers]], st,
                                [60, 190, 210]))
        for cid, failure, resp in ([] if v_table else answers):
            story.append(r.para(f"Control {cid}", st.h3))
            story.append(r.para(f"Exception noted: {failure}.", st.body))
            story.append(r.para(f"Management’s response: {resp}", st.body))
        story.append(r.para("Business Continuity", st.h2))
        story.append(r.para(f"{s} tests its disaster recovery plan each year. The last test found that a restore "
                            "took longer than planned; management has since automated the restore runbook.", st.body))
    if kind == "soc2_type1":
        ex.warn_about.append("Type 1")
    ex.warn_about.append("carve")
    if end < STALE_BEFORE:
        ex.warn_about.append("12 months")
    pdf = r.render(story, look, title=f"{s} {type_words}", author=firm)
    return pdf, ex.resolve(pdf, f"{s.lower()}-{kind.replace('_', '')}-g4-{seed}.pdf")


def soc1(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A SOC 1 Type 2 report (control objectives over financial reporting): soc1, never soc2."""
    rng = random.Random(f"g4:soc1:{seed}")
    vendor = w.vendor(rng, us=rng.random() < 0.7)
    s = vendor.short
    system = rng.choice(("{s} Payroll Processing System", "{s} Claims Administration System",
                         "{s} Fund Accounting System")).format(s=s)
    firm = rng.choice(w.FIRMS)
    city, state = rng.choice(w.FIRM_CITIES)
    style = rng.choice(("us", "intl"))
    type_words = rng.choice(("SOC 1® Type 2", "SOC 1 Type II", "SOC 1 Type 2"))
    end = date(2024, 9, 30) + timedelta(days=rng.randrange(0, 500))
    start = end - timedelta(days=364)
    report_date = end + timedelta(days=rng.randrange(20, 60))
    ex = Expect2("soc1")
    ex.notes.update(type_words=type_words, dates=style)
    look = r.Look(font="Helvetica", size=10, header=f"{vendor.name} – {type_words.replace('®', '')} Report")
    st = r.styles_for(look)

    def d(x: date) -> str:
        return w.fmt(x, style)

    when = f"throughout the period {d(start)} to {d(end)}"
    story: list[Flowable] = [
        r.space(50), r.para(vendor.name, st.title), r.para(f"{type_words} Report", st.subtitle),
        r.para(f"Report on {s}’s Description of its {system} and on the Suitability of the Design and Operating "
               "Effectiveness of its Controls Relevant to User Entities’ Internal Control over Financial Reporting",
               st.center),
        r.para(f"For the period {d(start)} to {d(end)}", st.center), r.page_break(),
        r.para("Section I: Independent Service Auditor’s Report", st.h1),
        r.para(f"To the Management of {vendor.name}:", st.body),
        r.para(f"We have examined {s}’s description of its {system} for processing user entities’ transactions "
               f"{when} (“description”) and the suitability of the design and operating effectiveness of the "
               "controls included in the description to achieve the related control objectives stated in the "
               "description, based on the criteria identified in management’s assertion.", st.body),
        r.para("We conducted our examination in accordance with attestation standards established by the American "
               "Institute of Certified Public Accountants (AT-C section 320).", st.body),
        r.para("Opinion", st.h3),
        r.para("In our opinion, in all material respects, based on the criteria described in management’s "
               f"assertion, the description fairly presents the {system} {when}, and the controls related to the "
               f"control objectives were suitably designed and operated effectively {when}.", st.body),
        r.para(f"{firm}\n{city}, {state}\n{d(report_date)}", st.body), r.page_break(),
        r.para("Section II: Management’s Assertion", st.h1),
        r.para(f"We have prepared the description of {s}’s {system} for user entities and their user auditors.",
               st.body), r.page_break(),
        r.para("Section III: Description of the System", st.h1),
        r.para("Complementary User Entity Controls", st.h2),
        r.bullets(["User entities are responsible for reviewing payroll reports for accuracy.",
                   "User entities are responsible for approving changes to employee pay rates."], st.body),
        r.page_break(), r.para("Section IV: Control Objectives, Related Controls and Tests of Operating "
                               "Effectiveness", st.h1)]
    rows = [["Control Objective", "Control Activity", "Test Performed", "Results"]]
    for i, o in enumerate(OBJECTIVES, 1):
        rows.append([f"CO {i}: {o}", CONTROLS[i].text, CONTROLS[i].test, "No exceptions noted."])
    story.append(_table(rows, st, [130, 130, 120, 80]))
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("issuer", firm, firm)
    ex.set("report_date", report_date.isoformat(), d(report_date))
    ex.set("period_start", start.isoformat(), d(start))
    ex.set("period_end", end.isoformat(), d(end))
    ex.set("opinion", "unqualified", "In our opinion, in all material respects")
    pdf = r.render(story, look, title=f"{s} {type_words}", author=firm)
    return pdf, ex.resolve(pdf, f"{s.lower()}-soc1-g4-{seed}.pdf")


def soc3(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A SOC 3 report: the auditor's report (new or old style), management's assertion and a one-page
    description of the system's boundaries as an attachment."""
    rng = random.Random(f"g4:soc3:{seed}")
    vendor = w.vendor(rng, us=rng.random() < 0.6)
    s = vendor.short
    system = w.system(rng, vendor)
    firm = rng.choice(w.FIRMS)
    city, state = rng.choice(w.FIRM_CITIES)
    style = rng.choice(("us", "intl", "iso"))
    old = rng.random() < 0.5
    cats = ["security", *[c for c in ("availability", "confidentiality", "privacy") if rng.random() < 0.4]]
    end = date(2024, 9, 30) + timedelta(days=rng.randrange(0, 600))
    start = end - timedelta(days=364)
    report_date = end + timedelta(days=rng.randrange(20, 60))
    ex = Expect2("soc3")
    ex.notes.update(old_style=old, dates=style)
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), size=10, header=f"{vendor.name} SOC 3 Report",
                  page_format="{n}")
    st = r.styles_for(look)

    def d(x: date) -> str:
        return w.fmt(x, style)

    when = f"during the period {d(start)} through {d(end)}"
    cat_text = _list([CATEGORIES[c].lower() for c in cats])
    for c in cats:
        ex.add("tsc_categories", c, f"relevant to {cat_text}")
    ex.add("standards", "AICPA TSC 2017", "2017 Trust Services Criteria")
    story: list[Flowable] = [r.space(60), r.para(vendor.name, st.title),
                             r.para("SOC 3® Report" if rng.random() < 0.5 else "SOC 3 Report", st.subtitle),
                             r.para(f"{system}", st.subtitle),
                             r.para(f"{d(start)} through {d(end)}", st.center), r.page_break(),
                             r.para("Report of Independent Accountants" if old else
                                    "Independent Service Auditor’s Report", st.h1),
                             r.para(f"To the Management of {vendor.name}:", st.body)]
    if old:
        story.append(r.para(
            f"We have examined management’s assertion that {vendor.name} (“{s}”), {when}, maintained effective "
            f"controls over the {system} to provide reasonable assurance that the system was protected against "
            f"unauthorized access based on the trust services criteria relevant to {cat_text} set forth in TSP "
            "section 100, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, "
            "Confidentiality, and Privacy. This assertion is the responsibility of management.", st.body))
        ex.set("scope", system, f"controls over the {system}")
        story.append(r.para("In our opinion, management’s assertion referred to above is fairly stated, in all "
                            "material respects.", st.body))
        ex.set("opinion", "unqualified", "is fairly stated")
    else:
        story.append(r.para(
            f"We have examined {s}’s accompanying assertion titled “Assertion of {s} Management” (assertion) that "
            f"the controls within the {system} were effective {when}, to provide reasonable assurance that {s}’s "
            f"service commitments and system requirements were achieved based on the trust services criteria "
            f"relevant to {cat_text} set forth in TSP section 100, 2017 Trust Services Criteria for Security, "
            "Availability, Processing Integrity, Confidentiality, and Privacy.", st.body))
        ex.set("scope", system, f"within the {system}")
        story.append(r.para("In our opinion, management’s assertion that the controls within the system were "
                            f"effective {when} is fairly stated, in all material respects.", st.body))
        ex.set("opinion", "unqualified", "In our opinion")
    ex.set("period_start", start.isoformat(), d(start))
    ex.set("period_end", end.isoformat(), d(end))
    story.append(r.para(f"/s/ {firm}\n{city}, {state}\n{d(report_date)}", st.body))
    ex.set("report_date", report_date.isoformat(), d(report_date))
    ex.set("issuer", firm, firm)
    ex.set("vendor", vendor.name, vendor.name)
    story += [r.page_break(), r.para(f"Assertion of {s} Management", st.h1),
              r.para(f"We are responsible for designing, implementing, operating and maintaining effective controls "
                     f"within the {system} {when}. Our attached description of the boundaries of the system "
                     "identifies the aspects of the system covered by our assertion.", st.body),
              r.page_break(), r.para(f"Attachment A – Description of the Boundaries of the {system}", st.h1)]
    subs = rng.sample(SUBSERVICE, rng.choice((1, 2)))
    story.append(r.para(f"{s} provides the {system} to business customers. The system consists of infrastructure "
                        "(cloud-hosted virtual networks and managed databases), software (the web application and "
                        "its API), people (engineering, operations and support), procedures and data. "
                        f"{s} uses {_list([n for n, _ in subs])} for {_list([svc for _, svc in subs])}; the "
                        "boundaries of the system exclude the controls of these subservice organizations "
                        "(carve-out method).", st.body))
    for n, _ in subs:
        ex.add("subservice_organizations", n, n, method="carve-out")
    ex.warn_about.append("carve")
    if end < STALE_BEFORE:
        ex.warn_about.append("12 months")
    pdf = r.render(story, look, title=f"{s} SOC 3", author=firm)
    return pdf, ex.resolve(pdf, f"{s.lower()}-soc3-g4-{seed}.pdf")


def bridge(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A bridge letter "To Our Valued Customers" with the report's and the bridge's periods in a table."""
    rng = random.Random(f"g4:bridge:{seed}")
    vendor = w.vendor(rng, us=rng.random() < 0.6)
    system = w.system(rng, vendor)
    firm = rng.choice(w.FIRMS)
    style = rng.choice(("us", "intl", "iso"))
    prev_end = date(2024, 12, 31) + timedelta(days=rng.randrange(0, 400))
    prev_start = prev_end - timedelta(days=364)
    start = prev_end + timedelta(days=1)
    end = start + timedelta(days=rng.randrange(60, 200))
    letter = end + timedelta(days=rng.randrange(0, 10))
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), size=10.5)
    st = r.styles_for(look)
    ex = Expect2("bridge_letter")
    labels = rng.choice((("SOC 2 Type 2 report period", "Bridge period"),
                         ("Period covered by the last report", "Period covered by this letter")))
    ex.notes.update(labels=labels, dates=style)

    def d(x: date) -> str:
        return w.fmt(x, style)

    story: list[Flowable] = [r.para(vendor.name, st.h2), r.para(d(letter), st.body),
                             r.para("To Our Valued Customers:", st.body),
                             r.para(f"Re: SOC 2 Type II Bridge Letter – {system}", st.h3),
                             r.para(f"{vendor.name} engaged {firm} to examine the controls of the {system}. The "
                                    "table below shows the period of the most recent SOC 2 Type II report and the "
                                    "period this letter covers.", st.body),
                             r.table([["Item", "Detail"], ["Service auditor", firm],
                                      [labels[0], f"{d(prev_start)} – {d(prev_end)}"],
                                      [labels[1], f"{d(start)} – {d(end)}"],
                                      ["Next examination", "expected to be issued in the coming months"]],
                                     st, [190, 270]),
                             r.para("Management confirms that, since the end of the period covered by the most "
                                    "recent report, there have been no material changes to the system and we are "
                                    "not aware of any significant deficiencies in the design or operating "
                                    "effectiveness of its controls.", st.body),
                             r.para("This letter is provided by management; it is not an auditor’s report.", st.body),
                             r.para(f"Sincerely,\n{rng.choice(w.PEOPLE)}\nChief Information Security Officer\n"
                                    f"{vendor.name}", st.body)]
    ex.set("period_start", start.isoformat(), f"{d(start)} – {d(end)}")
    ex.set("period_end", end.isoformat(), f"{d(start)} – {d(end)}")
    ex.set("scope", system, system)
    ex.set("issuer", firm, firm)
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("report_date", letter.isoformat(), d(letter))
    pdf = r.render(story, look, title=f"{vendor.short} bridge letter")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-bridge-g4-{seed}.pdf")


def readiness(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A CPA firm's SOC 2 readiness assessment letter: no examination, no opinion, kind unknown."""
    rng = random.Random(f"g4:ready:{seed}")
    vendor = w.vendor(rng, us=True)
    system = w.system(rng, vendor)
    firm = rng.choice(w.FIRMS)
    city, state = rng.choice(w.FIRM_CITIES)
    when = date(2025, 1, 15) + timedelta(days=rng.randrange(0, 300))
    title = rng.choice(("SOC 2 Readiness Assessment – Summary Letter", "Results of SOC 2 Type 2 Pre-Assessment",
                        "SOC 2 Type II Preparedness Review"))
    ex = Expect2("unknown")
    ex.notes.update(title=title)
    look = r.Look(font="Helvetica", size=10.5)
    st = r.styles_for(look)
    story: list[Flowable] = [
        r.para(firm, st.h2), r.para(f"Certified Public Accountants · {city}, {state}", st.small),
        r.para(w.fmt(when, "us"), st.body), r.para(f"To the Management of {vendor.name}:", st.body),
        r.para(title, st.h3),
        r.para(f"At your request, we performed procedures to assess {vendor.name}’s readiness for a SOC 2 Type 2 "
               f"examination of the {system} against the trust services criteria relevant to security and "
               "availability. We interviewed personnel, inspected policies and compared the controls in place with "
               "the criteria.", st.body),
        r.para("We identified gaps in access reviews, vendor management and incident response testing, which we "
               "discussed with management. Management has begun to remediate them, and the observation period for the "
               "examination is planned to begin next quarter.", st.body),
        r.para("Our procedures did not constitute an examination in accordance with attestation standards "
               "established by the AICPA, and accordingly we do not express an opinion on the design or operating "
               "effectiveness of controls.", st.body),
        r.para(f"{firm}\n{city}, {state}", st.body)]
    ex.set("vendor", vendor.name, vendor.name)
    pdf = r.render(story, look, title=title, author=firm)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-readiness-g4-{seed}.pdf")


def marketing(seed: int) -> tuple[bytes, dict[str, Any]]:
    """A vendor's "SOC 2 compliant" one-pager: it names its report, auditor and period, but is no report."""
    rng = random.Random(f"g4:mkt:{seed}")
    vendor = w.vendor(rng, us=True)
    system = w.system(rng, vendor)
    firm = rng.choice(w.FIRMS)
    end = date(2024, 12, 31) + timedelta(days=rng.randrange(0, 300))
    start = end - timedelta(days=364)
    headline = rng.choice((f"{vendor.short} is SOC 2 Type II Compliant", "SOC 2 Compliance at a Glance",
                           f"{vendor.short} Achieves SOC 2® Type 2 Compliance"))
    ex = Expect2("unknown")
    ex.notes.update(headline=headline)
    look = r.Look(font="Helvetica", size=11)
    st = r.styles_for(look)
    story: list[Flowable] = [
        r.para(headline, st.title),
        r.para(f"Your data is safe with {vendor.name}.", st.subtitle),
        r.para(f"We are proud to announce that the {system} has successfully completed its SOC 2 Type 2 audit, "
               f"performed by {firm}, covering {w.fmt(start, 'us')} to {w.fmt(end, 'us')}. The independent auditor "
               "found no exceptions and issued a clean opinion.", st.body),
        r.bullets(["Security, availability and confidentiality built in", "Encryption at rest and in transit",
                   "24/7 monitoring by our security operations team", "Annual penetration tests"], st.body),
        r.para(f"Customers can request a copy of our SOC 2 report under NDA from trust@{vendor.short.lower()}.example.",
               st.body),
        r.para(f"© {end.year + 1} {vendor.name}. All rights reserved.", st.small)]
    ex.set("vendor", vendor.name, vendor.name)
    pdf = r.render(story, look, title=headline)
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-soc2-compliance-g4-{seed}.pdf")
