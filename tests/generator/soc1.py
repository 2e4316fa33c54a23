"""SOC 1 Type 2 reports: controls relevant to user entities' internal control over financial reporting.

Vendors often send a SOC 1 report when a buyer asks for SOC 2. It has the same shape (auditor's report, assertion,
description, tests) but control objectives instead of the Trust Services Criteria, so it must be recognised as
SOC 1 and must yield no Trust Services categories or criteria.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from reportlab.platypus import Flowable

from . import render as r
from . import soc
from . import words as w
from .expect import Expect

OBJECTIVES = (
    ("Logical Access", "Controls provide reasonable assurance that logical access to programs and data is limited "
     "to authorized individuals.", ("AC", "NW", "EP")),
    ("Change Management", "Controls provide reasonable assurance that changes to application programs are "
     "authorized, tested, approved and implemented.", ("CM",)),
    ("Computer Operations", "Controls provide reasonable assurance that processing is scheduled and monitored and "
     "that deviations are identified and resolved.", ("OP", "IR", "BC", "AV")),
    ("Organization and Administration", "Controls provide reasonable assurance that personnel are competent and "
     "that policies are established and communicated.", ("GV", "HR", "RM", "MN", "PL", "VM", "CF", "PI")),
)


def build(seed: int) -> tuple[bytes, dict[str, Any]]:
    plan = soc.make_plan("soc2_type2", seed)
    rng = random.Random(f"soc1:{seed}:text")
    plan.kind = "soc1"
    plan.categories = []
    plan.cuec_style = "bullets"
    plan.ai = "none"
    if plan.opinion in ("adverse", "disclaimer"):
        plan.opinion = "qualified"
    # SOC 1 control ids do not borrow Trust Services criteria ids.
    plan.id_scheme = rng.choice(("domain", "numeric", "dotted"))
    plan.controls = []
    soc._pick_controls(plan, rng, None)
    soc.set_exceptions(plan, rng, rng.choice((0, 1, 2)) if plan.opinion == "unqualified" else 1)
    title = "SOC 1 Type 2 Report"
    plan.look = dataclasses.replace(
        plan.look,
        header=plan.look.header and plan.look.header.replace("SOC 2 Type 2 Report", title),
        header_right=plan.look.header_right and title,
    )
    ex = Expect("soc1")
    ex.warn_about += ["SOC 1", "ICFR", "not a SOC 2"]
    ex.notes.update(opinion=plan.opinion, dates=plan.body_dates)
    st = r.styles_for(plan.look)
    s, v = plan.vendor.short, plan.vendor
    assert plan.start is not None
    period = soc._period(plan, plan.body_dates, rng)
    when = f"throughout the period {period}"

    cover_period = f"For the period {soc._period(plan, plan.cover_dates, rng)}"
    story: list[Flowable] = [r.space(60), r.para(v.name, st.subtitle), r.space(24),
                             r.para(f"SOC 1® {rng.choice(('Type 2', 'Type II'))} Report", st.title)]
    title = (f"Report on {s}’s Description of Its {plan.system} System and on the Suitability of the Design and "
             "Operating Effectiveness of Its Controls Relevant to User Entities’ Internal Control over Financial "
             "Reporting")
    story += [r.para(title, st.subtitle), r.space(20), r.para(cover_period, st.subtitle)]
    ex.set("vendor", v.name, v.name)
    ex.set("scope", plan.system, f"Description of Its {plan.system} System")
    ex.set("period_start", plan.start.isoformat(), cover_period)
    ex.set("period_end", plan.end.isoformat(), cover_period)
    story += r.switch("one")

    story.append(r.para("Section I: Independent Service Auditor’s Report", st.h1))
    story.append(r.para(f"To the Management of {v.name}:", st.body))
    story.append(r.para("Scope", st.h3))
    story.append(r.para(
        f"We have examined {s}’s description of its {plan.system} system for processing user entities’ "
        f"transactions {when} (description) and the suitability of the design and operating effectiveness of the "
        "controls included in the description to achieve the related control objectives stated in the description, "
        f"based on the criteria identified in “Assertion of {s} Management” (assertion). The controls and control "
        "objectives included in the description are those that management believes are likely to be relevant to "
        "user entities’ internal control over financial reporting.", st.body))
    story += soc._subservice_paragraphs(plan, st, ex, rng)
    story.append(r.para("Service Auditor’s Responsibilities", st.h3))
    story.append(r.para(
        "Our examination was conducted in accordance with attestation standards established by the American "
        "Institute of Certified Public Accountants. Those standards require that we plan and perform the examination "
        "to obtain reasonable assurance about whether, in all material respects, the description is fairly presented "
        "and the controls were suitably designed and operating effectively.", st.body))
    lead = ("In our opinion, in all material respects," if plan.opinion == "unqualified" else
            "In our opinion, except for the matter described in the preceding paragraph, in all material respects,")
    if plan.opinion == "qualified":
        story.append(r.para("Basis for Qualified Opinion", st.h3))
        story.append(r.para(f"Our tests found that controls over terminated users’ access did not operate "
                            f"effectively {when}, so the related control objective was not achieved.", st.body))
    story.append(r.para("Opinion", st.h3))
    story.append(r.para(lead, st.body))
    story.append(r.bullets([
        f"the description fairly presents the {plan.system} system that was designed and implemented {when}.",
        f"the controls related to the control objectives stated in the description were suitably designed {when}.",
        f"the controls operated effectively to provide reasonable assurance that the control objectives stated in "
        f"the description were achieved {when}.",
    ], st.body, kind="a"))
    ex.set("opinion", plan.opinion, lead)
    story += soc._signature(plan, st, ex, rng)

    story.append(r.page_break())
    story.append(r.para(f"Section II: Assertion of {s} Management", st.h1))
    story.append(r.para(f"We have prepared the description of {s}’s {plan.system} system for user entities of the "
                        f"system {when} and their user auditors, who have a sufficient understanding to consider it "
                        "when assessing the risks of material misstatement of user entities’ financial statements.",
                        st.body))
    story.append(r.para(rng.choice(w.PEOPLE) + f", Chief Financial Officer, {v.name}", st.body))

    story.append(r.page_break())
    story.append(r.para(f"Section III: {s}’s Description of Its {plan.system} System", st.h1))
    story.append(r.para(f"{v.name} provides the {plan.system}, which processes transactions that user entities "
                        "record in their general ledgers.", st.body))
    story += soc._subservice_section(plan, st, rng, 480)
    story += soc._cuec_section(plan, st, ex, rng, 480)

    story.append(r.page_break())
    story.append(r.para("Section IV: Control Objectives, Related Controls and Tests of Operating Effectiveness", st.h1))
    exc = {e.control_id: e for e in plan.exceptions}
    for k, (name, objective, domains) in enumerate(OBJECTIVES, start=1):
        members = [(cid, c) for cid, c in plan.controls if c.domain in domains]
        if not members:
            continue
        story.append(r.para(f"Control Objective {k}: {name}", st.h3))
        story.append(r.para(objective, st.body))
        rows = [["Control #", "Control Activity", "Tests Performed", "Results"]]
        for cid, c in members:
            e = exc.get(cid)
            rows.append([cid, c.activity, c.test, e.text if e else "No exceptions noted."])
        story.append(r.table(rows, st, [60, 150, 170, 110]))
    for e in plan.exceptions:
        ex.add("exceptions", e.text, e.text, control=e.control_id, criteria=[], management_response=None)
    pdf = r.render(story, plan.look, title=f"{s} SOC 1 Type 2 Report", author=plan.auditor)
    return pdf, ex.resolve(pdf, f"{s.lower()}-soc1-type2-{seed}.pdf")
