"""SOC 2 Type 1 / Type 2 and SOC 3 reports and gap letters of the third family: wordings the first two never used.

What differs: sections titled "Section One" / "Part A"; the auditor's report addressed "To the Management of"; Type 1
reports "as of" a date with "suitability of design" only; qualified ("except for") and adverse opinions with their
"Basis for ..." paragraphs; subservice organizations listed in a table with a column that says "Carve-out" or
"Inclusive" (the auditor's report naming them or only pointing at the table); user entity controls titled "User
Entity Responsibilities" or "Complementary Customer Controls", as a table or a list in "The customer is responsible
for ..." voice; test tables with ids like "SEC-04" or "OPS.12" and results "Exception noted: ..." with management's
response in its own column; AI features named in the system description. Gap letters: management's letter that
covers the time between a report's period and the letter ("the gap period"), naming the auditor.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from tests.generator import render as r
from tests.generator.render import escape
from tests.generator2.expect import Expect2

from . import words as w

STALE_BEFORE = date(2025, 11, 1)
CATEGORIES = {"security": "Security", "availability": "Availability", "confidentiality": "Confidentiality",
              "processing_integrity": "Processing Integrity", "privacy": "Privacy"}


@dataclass(frozen=True)
class Control:
    area: str
    criteria: tuple[str, ...]
    text: str
    test: str
    failure: str


CONTROLS = (
    Control("SEC", ("CC6.1",), "Remote access to the production network requires a VPN session authenticated with "
            "a one-time code.", "Inspected the VPN gateway's authentication policy.", "one engineer's VPN profile "
            "accepted a password alone for part of the period"),
    Control("SEC", ("CC6.2",), "Access requests are ticketed and approved by the resource owner before access is "
            "granted.", "For a sample of grants, inspected the approving ticket.", "2 of 25 sampled grants had no "
            "approving ticket"),
    Control("SEC", ("CC6.3",), "Access rights to the billing database are reviewed by its owner every six months.",
            "Inspected the semi-annual access reviews.", "the second review of the period was not performed"),
    Control("SEC", ("CC6.5",), "Laptops are wiped by the service desk before they are reissued or disposed of.",
            "For a sample of returned laptops, inspected the wipe certificates.", "1 of 10 sampled laptops had no "
            "wipe certificate"),
    Control("OPS", ("CC7.1",), "Servers are scanned weekly for vulnerabilities and critical findings are fixed within "
            "15 days.", "Inspected scan schedules and the remediation dates of critical findings.", "3 critical "
            "findings were fixed after 15 days"),
    Control("OPS", ("CC7.2",), "Alerts from the intrusion detection system are triaged by the on-call analyst.",
            "For a sample of alerts, inspected the triage notes.", "no exceptions"),
    Control("OPS", ("CC7.4",), "Major incidents are reviewed in a post-incident meeting within ten working days.",
            "For each major incident, inspected the review minutes.", "one review took place after 24 working days"),
    Control("CHG", ("CC8.1",), "Production deployments run only from the release pipeline after automated tests "
            "pass.", "Inspected pipeline settings and a sample of deployments.", "2 deployments bypassed the test "
            "stage"),
    Control("HR", ("CC1.4",), "Background checks are completed before a new hire's start date.",
            "For a sample of new hires, compared check completion and start dates.", "1 of 15 checks completed "
            "after the start date"),
    Control("HR", ("CC2.2",), "Staff complete security awareness training within 30 days of joining and yearly "
            "after.", "Inspected training records for a sample of staff.", "4 of 40 sampled staff were overdue"),
    Control("RSK", ("CC3.1",), "Management reviews the risk register every quarter.", "Inspected quarterly review "
            "minutes.", "the third quarter's review was not documented"),
    Control("VND", ("CC9.2",), "Vendors with access to customer data are assessed before onboarding.",
            "For a sample of new vendors, inspected the assessments.", "one vendor was onboarded before assessment"),
    Control("AVL", ("A1.2",), "Databases are backed up nightly to a second region.", "Inspected backup job "
            "history.", "backups failed for four consecutive nights without follow-up"),
    Control("CNF", ("C1.2",), "Customer data is deleted within 60 days of contract end.", "For a sample of "
            "departed customers, inspected deletion logs.", "one customer's data was kept for 95 days"),
)
CUECS = (
    ("managing the user accounts of its own staff in the application, including removing leavers promptly",
     ("CC6.2",)),
    ("configuring single sign-on and multi-factor authentication for its users", ("CC6.1",)),
    ("protecting the API credentials issued to it", ("CC6.1",)),
    ("reviewing the audit logs made available to it and reporting suspicious activity", ("CC7.2",)),
    ("ensuring the accuracy and completeness of the data it uploads", ("PI1.2",)),
    ("notifying the service organization of changes to its security contacts", ("CC2.3",)),
)
RESPONSES = ("Management has corrected the configuration and added a weekly automated check.",
             "The owner was reminded of the procedure; a ticket template now enforces the approval step.",
             "Management accepts the finding and has assigned a second reviewer to the control.")
SUBSERVICE = (("Amazon Web Services, Inc.", "cloud hosting"), ("Microsoft Corporation", "Azure hosting and email"),
              ("Google LLC", "Google Cloud Platform hosting"), ("GitHub, Inc.", "source code management"),
              ("Okta, Inc.", "identity management"), ("Stripe, Inc.", "payment processing"))


def _section(style: str, n: int, title: str) -> str:
    if style == "word":
        return f"SECTION {('ONE', 'TWO', 'THREE', 'FOUR')[n - 1]}: {title.upper()}"
    if style == "part":
        return f"Part {'ABCD'[n - 1]} – {title}"
    return f"{n}.0 {title}"


def build(kind: str, seed: int) -> tuple[bytes, dict[str, Any]]:
    """``kind``: soc2_type2, soc2_type1 or soc3."""
    rng = random.Random(f"g3:{kind}:{seed}")
    vendor = w.vendor(rng, us=rng.random() < 0.6)
    system = w.system(rng, vendor)
    s = vendor.short
    firm = rng.choice(w.FIRMS)
    city, state = rng.choice(w.FIRM_CITIES)
    style = rng.choice(("us", "intl", "iso"))
    hstyle = rng.choice(("word", "part", "decimal"))
    cats = ["security", *[c for c in ("availability", "confidentiality", "processing_integrity", "privacy")
                          if rng.random() < 0.35]]
    end = date(2024, 6, 30) + timedelta(days=rng.randrange(0, 700))
    start = None if kind == "soc2_type1" else end - timedelta(days=rng.choice((364, 181, 272)))
    report_date = end + timedelta(days=rng.randrange(20, 75))
    opinion = rng.choice(("unqualified", "unqualified", "qualified", "adverse")) if kind == "soc2_type2" else \
        rng.choice(("unqualified", "unqualified", "qualified"))
    controls = [c for c in CONTROLS if c.criteria[0][0] == "C" or any(
        c.criteria[0].startswith({"availability": "A1", "confidentiality": "C1"}.get(k, "-")) for k in cats)]
    id_style = rng.choice(("{a}-{n:02d}", "{a}.{n:02d}", "{c}-{n:02d}"))
    ids = []
    counters: dict[str, int] = {}
    for c in controls:
        key = c.area if "{a}" in id_style else c.criteria[0]
        counters[key] = counters.get(key, 0) + 1
        ids.append(id_style.format(a=c.area, c=c.criteria[0], n=counters[key]))
    failing = [] if kind != "soc2_type2" else rng.sample(
        [i for i, c in enumerate(controls) if c.failure != "no exceptions"], rng.choice((0, 1, 2, 3)))
    if opinion != "unqualified" and kind == "soc2_type2" and not failing:
        failing = [0]
    subservice = [(n, svc, rng.choice(("carve-out", "carve-out", "inclusive")))
                  for n, svc in rng.sample(SUBSERVICE, rng.choice((1, 2, 3)))]
    ai = rng.random() < 0.4
    ex = Expect2(kind)
    ex.notes.update(opinion=opinion, headings=hstyle, dates=style, ids=id_style,
                    subservice=[m for _, _, m in subservice], ai=ai)
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), size=10, pagesize=rng.choice((LETTER, A4)),
                  justify=rng.random() < 0.5, header=f"{vendor.name} | {'SOC 3' if kind == 'soc3' else 'SOC 2'} Report",
                  page_format=rng.choice(("Page {n} of {total}", "{n}")))
    st = r.styles_for(look)

    def d(x: date) -> str:
        return w.fmt(x, style)

    when = f"as of {d(end)}" if kind == "soc2_type1" else f"throughout the period {d(start)} to {d(end)}" \
        if start else ""
    type_word = {"soc2_type2": "SOC 2® Type 2", "soc2_type1": "SOC 2® Type 1", "soc3": "SOC 3®"}[kind]
    story: list[Flowable] = [r.space(60), r.para(vendor.name, st.title), r.para(f"{type_word} Report", st.subtitle),
                             r.para(f"on the {system}", st.subtitle),
                             r.para(("As of " + d(end)) if kind == "soc2_type1" else
                                    f"For the period {d(start)} to {d(end)}" if start else "", st.center),
                             r.space(30), r.para(f"Prepared by {firm}", st.center)]
    story += r.switch("one")
    # ---- the auditor's report
    story.append(r.para(_section(hstyle, 1, "Independent Service Auditor’s Report"), st.h1))
    story.append(r.para(rng.choice((f"To the Management of {vendor.name}:", f"To {vendor.name}:")), st.body))
    story.append(r.para("Scope", st.h3))
    cat_names = [CATEGORIES[c].lower() for c in cats]
    cat_text = cat_names[0] if len(cat_names) == 1 else ", ".join(cat_names[:-1]) + " and " + cat_names[-1]
    for c in cats:
        ex.add("tsc_categories", c, f"relevant to {cat_text}")
    ex.add("standards", "AICPA TSC 2017", "2017 Trust Services Criteria")
    tsc = ("TSP section 100, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, "
           "Confidentiality, and Privacy")
    if kind == "soc3":
        story.append(r.para(
            f"We have examined management’s assertion that {vendor.name} (“{s}”) maintained effective controls "
            f"within the {system} {when} to provide reasonable assurance that {s}’s service commitments and system "
            f"requirements were achieved based on the trust services criteria relevant to {cat_text} "
            f"(applicable trust services criteria) set forth in {tsc}.", st.body))
        ex.set("scope", system, f"within the {system}")
    else:
        design = ("the suitability of the design of controls stated in the description" if kind == "soc2_type1"
                  else "the suitability of the design and operating effectiveness of controls stated in the "
                       "description")
        story.append(r.para(
            f"We have examined {s}’s accompanying description of its {system} (“system”) {when} (“description”) "
            f"based on the criteria for a description of a service organization’s system set forth in DC section 200, "
            f"2018 Description Criteria for a Description of a Service Organization’s System in a SOC 2® Report, and "
            f"{design} {when}, to provide reasonable assurance that {s}’s service commitments and system "
            f"requirements were achieved based on the trust services criteria relevant to {cat_text} (applicable "
            f"trust services criteria) set forth in {tsc}.", st.body))
        ex.set("scope", system, f"description of its {system}")
    if start is not None:
        ex.set("period_start", start.isoformat(), d(start))
    ex.set("period_end", end.isoformat(), d(end))
    carved = [(n, svc) for n, svc, m in subservice if m == "carve-out"]
    incl = [(n, svc) for n, svc, m in subservice if m == "inclusive"]
    # Drawn apart, so that adding these left every other choice of a seed as it was.
    vary = random.Random(f"g3:{kind}:{seed}:vary")
    method_column = vary.random() < 0.5  # the subservice table states each one's method in a column of its own
    responses = vary.choice(("column", "cell", "section"))  # where management answers an exception
    by_table = rng.random() < 0.4 and (method_column or not incl)
    ex.notes.update(subservice_in_report=not by_table, method_column=method_column, responses=responses)
    where = _section(hstyle, 3, "Description").split(":")[0].split(" –")[0]
    if by_table and method_column:
        story.append(r.para(
            f"{s} uses subservice organizations, listed in the table “Subservice Organizations” in {where}, to "
            "provide some of the services. The table states for each whether its controls are included in the "
            "description (inclusive method) or excluded from it (carve-out method).", st.body))
    elif by_table:
        story.append(r.para(
            f"{s} uses the subservice organizations identified in {where} of this report. The description excludes "
            "the controls of those subservice organizations (carve-out method), and our examination did not extend "
            "to them.", st.body))
    else:
        if carved:
            story.append(r.para(
                f"{s} uses {'; '.join(f'{n} for {svc}' for n, svc in carved)}. The description excludes the "
                "controls of these subservice organizations (the carve-out method), and our examination did not "
                "extend to them.", st.body))
        for n, svc in incl:
            story.append(r.para(
                f"{s} also uses {n} for {svc}. The description includes the relevant controls of {n} "
                "(the inclusive method), and our examination extended to them.", st.body))
    for n, _, m in subservice:
        ex.add("subservice_organizations", n, n, method=m)
    story.append(r.para("Service Organization’s Responsibilities", st.h3))
    story.append(r.para(f"{s} is responsible for its service commitments and system requirements and for designing, "
                        "implementing and operating effective controls within the system.", st.body))
    story.append(r.para("Service Auditor’s Responsibilities", st.h3))
    story.append(r.para("Our responsibility is to express an opinion based on our examination, which we conducted in "
                        "accordance with attestation standards established by the American Institute of Certified "
                        "Public Accountants.", st.body))
    bad = [controls[i] for i in failing]
    if opinion == "qualified":
        story.append(r.para("Basis for Qualified Opinion", st.h3))
        story.append(r.para(f"{s} states in its description that “{bad[0].text}” However, {bad[0].failure}. As a "
                            f"result, the control was not operating effectively to meet criterion "
                            f"{bad[0].criteria[0]}.", st.body) if bad else r.para(
            f"{s}’s description does not include a control for the review of vendor risk. As a result, controls were "
            "not suitably designed to meet criterion CC9.2.", st.body))
        lead = vary.choice(("In our opinion, except for the matter described in the Basis for Qualified Opinion "
                            "paragraph,", "In our opinion, except for the effects of the matter described in the "
                            "preceding paragraph, in all material respects,"))
        ex.warn_about.append("qualified")
    elif opinion == "adverse":
        story.append(r.para("Basis for Adverse Opinion", st.h3))
        story.append(r.para(f"Our tests found that {bad[0].failure}, and similar deviations occurred for other "
                            "controls listed in Section 4. These matters are pervasive to the system.", st.body))
        lead = ("In our opinion, because of the significance of the matters described in the Basis for Adverse "
                "Opinion paragraph,")
        ex.warn_about.append("adverse")
    else:
        lead = "In our opinion, in all material respects,"
    story.append(r.para("Opinion", st.h3))
    if kind == "soc3":
        story.append(r.para(f"{lead} management’s assertion that {s} maintained effective controls within the "
                            f"{system} {when} is fairly stated, in all material respects.", st.body))
    elif opinion == "adverse":
        story.append(r.para(f"{lead} the controls stated in the description did not operate effectively {when} to "
                            "provide reasonable assurance that the service commitments and system requirements were "
                            "achieved.", st.body))
    else:
        story.append(r.para(lead, st.body))
        items = [f"the description presents the system that was designed and implemented {when} in accordance "
                 "with the description criteria;",
                 f"the controls stated in the description were suitably designed {when}"
                 + (", if the controls operated effectively;" if kind == "soc2_type1" else ";")]
        if kind == "soc2_type2":
            items.append(f"the controls stated in the description operated effectively {when}.")
        story.append(r.bullets(items, st.body, kind="a"))
    ex.set("opinion", opinion, lead)
    story.append(r.space(12))
    sig = rng.choice(("slash", "block"))
    ex.notes["signature"] = sig
    if sig == "slash":
        story.append(r.para(f"/s/ {firm}\n{city}, {state}\n{d(report_date)}", st.body))
    else:
        story.append(r.para(f"{firm}\n{d(report_date)}\n{city}, {state}", st.body))
    ex.set("report_date", report_date.isoformat(), d(report_date))
    ex.set("issuer", firm, firm)
    ex.set("vendor", vendor.name, vendor.name)
    story.append(r.page_break())
    story.append(r.para(_section(hstyle, 2, "Management’s Assertion"), st.h1))
    story.append(r.para(f"We are responsible for designing, implementing, operating and maintaining effective "
                        f"controls within the {system} {when}. We assert that the controls were effective.", st.body))
    story.append(r.para(f"{rng.choice(w.PEOPLE)}\nChief Executive Officer\n{vendor.name}", st.body))
    story.append(r.page_break())
    # ---- the description
    story.append(r.para(_section(hstyle, 3, "Description of the System" if kind != "soc3" else
                                 "Description of the Boundaries of the System"), st.h1))
    story.append(r.para("Overview of Services", st.h2))
    story.append(r.para(f"{s} provides the {system} to customers in {rng.choice(('Europe', 'North America', 'Asia'))}"
                        ". Customers sign in through a web browser or use the API.", st.body))
    if ai:
        ai_text = (f"The {system} includes an assistant built on a large language model that drafts replies and "
                   "summaries for users; prompts and outputs are processed within the system boundaries.")
        story.append(r.para(ai_text, st.body))
        ex.ai(ai_text, ai_text)
    story.append(r.para("Subservice Organizations", st.h2))
    if method_column:
        rows = [["Subservice organization", "Services provided", "Method"]]
        rows += [[n, svc, "Carve-out" if m == "carve-out" else "Inclusive"] for n, svc, m in subservice]
        story.append(_table(rows, st, [180, 190, 90]))
    else:
        rows = [["Subservice organization", "Services provided", "Controls expected of the subservice organization"]]
        rows += [[n, svc, "Logical access to the systems that host the service is restricted to authorized staff."]
                 for n, svc, _ in subservice]
        story.append(_table(rows, st, [150, 130, 180]))
    if carved or not by_table:
        story.append(r.para("Controls of carved-out subservice organizations are monitored by reviewing their SOC 2 "
                            "reports each year.", st.body))
    if kind != "soc3":
        title = rng.choice(("User Entity Responsibilities", "Complementary Customer Controls",
                            "Complementary User Entity Controls (CUECs)"))
        ex.notes["cuec_title"] = title
        story.append(r.para(title, st.h2))
        story.append(r.para(f"{s}’s controls were designed assuming that customers implement the controls below. "
                            "Each customer is responsible for:", st.body))
        picked = rng.sample(CUECS, rng.randrange(3, 6))
        voice = rng.choice(("The customer is responsible for {x}.", "Customers are responsible for {x}.",
                            "User entities are responsible for {x}."))
        ex.notes["cuec_voice"] = voice
        as_table = rng.random() < 0.5
        texts = [voice.format(x=x) for x, _ in picked]
        if as_table:
            trows = [["#", "Customer control", "Criteria"]] + [[str(i), t, ", ".join(c)] for i, (t, (_, c)) in
                                                                enumerate(zip(texts, picked, strict=True), 1)]
            story.append(_table(trows, st, [30, 350, 80]))
            for t, (_, c) in zip(texts, picked, strict=True):
                ex.add("cuecs", t, t, criteria=list(c))
        else:
            story.append(r.bullets(texts, st.body))
            for t in texts:
                ex.add("cuecs", t, t, criteria=[])
        ex.notes["cuecs_as_table"] = as_table
    if kind == "soc2_type2":
        story.append(r.page_break())
        story.append(r.para(_section(hstyle, 4, "Trust Services Criteria, Controls, Tests and Results"), st.h1))
        column = responses == "column"
        trows = [["Control ID", "Criteria", "Control Activity", "Test Performed", "Results",
                  *(["Management Response"] if column else [])]]
        answers = []
        for i, (cid, c) in enumerate(zip(ids, controls, strict=True)):
            if i in failing:
                text = f"Exception noted: {c.failure}."
                resp = RESPONSES[i % len(RESPONSES)]
                if responses == "cell":
                    text += f"\nManagement’s Response: {resp}"
                answers.append((cid, resp))
                trows.append([cid, ", ".join(c.criteria), c.text, c.test, text, *([resp] if column else [])])
                ex.add("exceptions", f"{c.failure}.", f"{c.failure}.", control=cid, criteria=list(c.criteria),
                       management_response=resp)
            else:
                trows.append([cid, ", ".join(c.criteria), c.text, c.test, "No exceptions noted.",
                              *(["N/A"] if column else [])])
        story.append(_table(trows, st, [50, 45, 120, 110, 90, 85] if column else [55, 50, 140, 120, 135]))
        if responses == "section" and answers:
            story.append(r.para("Management’s Responses to Exceptions", st.h2))
            story.append(_table([["Control ID", "Management’s response"], *[[a, b] for a, b in answers]], st,
                                [80, 380]))
    if kind == "soc2_type1" and vary.random() < 0.5:
        story.append(r.page_break())
        story.append(r.para(_section(hstyle, 4, "Trust Services Criteria and Related Controls"), st.h1))
        story.append(_table([["Control ID", "Criteria", "Control Activity"],
                             *[[cid, ", ".join(c.criteria), c.text] for cid, c in zip(ids, controls, strict=True)]],
                            st, [70, 70, 320]))
    if kind == "soc2_type1":
        ex.warn_about.append("Type 1")
    if carved:
        ex.warn_about.append("carve")
    if end < STALE_BEFORE:
        ex.warn_about.append("12 months")
    pdf = r.render(story, look, title=f"{s} {type_word}", author=firm)
    return pdf, ex.resolve(pdf, f"{s.lower()}-{kind.replace('_', '')}-g3-{seed}.pdf")


def _table(rows: list[list[str]], st: r.Styles, widths: list[float]) -> Table:
    data = [[Paragraph(escape(c), st.cell_bold if i == 0 else st.cell) for c in row] for i, row in enumerate(rows)]
    tbl = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ea"))]))
    return tbl


def gap_letter(seed: int) -> tuple[bytes, dict[str, Any]]:
    """Management's gap (bridge) letter naming the auditor of its last report."""
    rng = random.Random(f"g3:gap:{seed}")
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
    form = rng.choice(("gap_period", "between", "labelled"))
    ex.notes.update(form=form, dates=style)

    def d(x: date) -> str:
        return w.fmt(x, style)

    story: list[Flowable] = [r.para(vendor.name, st.h2), r.para(d(letter), st.body),
                             r.para(rng.choice(("Gap Letter", "SOC 2 Gap Letter", "Re: Bridge / Gap Letter")), st.h3),
                             r.para("To our customers and prospective customers:", st.body)]
    if form == "gap_period":
        story.append(r.para(
            f"{firm} performed a SOC 2 Type 2 examination of the {system} for the period {d(prev_start)} to "
            f"{d(prev_end)}. This gap letter covers the period from {d(start)} through {d(end)} (the “gap period”).",
            st.body))
        ex.set("period_start", start.isoformat(), f"{d(start)} through {d(end)}")
        ex.set("period_end", end.isoformat(), f"{d(start)} through {d(end)}")
    elif form == "between":
        story.append(r.para(
            f"Our most recent SOC 2 Type 2 report on the {system}, prepared by {firm}, covered {d(prev_start)} to "
            f"{d(prev_end)}. This letter addresses the gap between {d(start)} and {d(end)}.", st.body))
        ex.set("period_start", start.isoformat(), f"{d(start)} and {d(end)}")
        ex.set("period_end", end.isoformat(), f"{d(start)} and {d(end)}")
    else:
        story.append(r.para(f"This letter bridges the time since our last SOC 2 Type 2 report on the {system}.",
                            st.body))
        story.append(r.table([["Report period", f"{d(prev_start)} – {d(prev_end)}"], ["Service auditor", firm],
                              ["Gap period", f"{d(start)} – {d(end)}"]], st, [150, 300], header=False))
        ex.set("period_start", start.isoformat(), f"{d(start)} – {d(end)}")
        ex.set("period_end", end.isoformat(), f"{d(start)} – {d(end)}")
    ex.set("scope", system, system)
    story.append(r.para("During the gap period there were no material changes to the system, no significant "
                        "control failures and no security incidents requiring notification. The next SOC 2 report "
                        "is expected to be issued in the coming months.", st.body))
    story.append(r.para(f"Sincerely,\n{rng.choice(w.PEOPLE)}\nChief Information Security Officer\n{vendor.name}",
                        st.body))
    ex.set("issuer", firm, firm)
    ex.set("vendor", vendor.name, vendor.name)
    ex.set("report_date", letter.isoformat(), d(letter))
    pdf = r.render(story, look, title=f"{vendor.short} gap letter")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-gap-letter-g3-{seed}.pdf")
