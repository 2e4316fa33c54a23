"""SOC 2 Type 2 / Type 1 and SOC 3 reports in three firms' house styles, unlike the first family's.

- ``big``: a long, formal report: "Section 1 - Independent Service Auditor's Report" ... "Section 4 - ...
  Tests of Controls", an auditor's letterhead, a cover that names the system without "Description of Its X System",
  five-column test tables whose criteria cell is merged down the rows it covers, a signature drawn as an image.
- ``national``: roman numerals, criteria as a merged heading row over four-column tables, CUECs grouped under
  headings (which are not CUECs), "Other Matter" paragraphs, a typed signature with firm, city and date.
- ``lowcost``: a report-overview key/value table, numbered sections, six-column matrices with the test type in its
  own column and "None" as the clean result, exceptions listed again after the matrix with management's responses.

Qualified opinions print a "Basis for Qualified Opinion" paragraph that talks about the deviation without being one;
carve-outs (cloud hosting, code hosting) are tabled with their complementary subservice organization controls, which
are not CUECs either. Every choice comes from the seed and is recorded in ``x-generator.variant``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from tests.generator import render as r

from . import art
from . import soc_text as t
from . import words as w
from .expect import Expect2

STALE_BEFORE = date(2025, 11, 1)  # as the first family: a period ended before this is over 12 months old today
TIERS = ("big", "national", "lowcost")


@dataclass
class Exc:
    cid: str
    ctl: t.Ctl
    criteria: list[str]  # as the table states them for this row
    text: str
    response: str | None


@dataclass
class Plan:
    kind: str
    tier: str
    vendor: w.Org
    system: str
    firm: str
    city: tuple[str, str]
    categories: list[str]
    start: date | None
    end: date
    report_date: date
    date_style: str
    range_word: str
    opinion: str
    other_matter: str | None
    subservice: list[tuple[str, str, str]]  # (name, service, method)
    cuecs: list[tuple[str, str, tuple[str, ...]]]  # (group, text, criteria)
    cuec_style: str
    cuec_trailer: bool
    table_layout: str
    response_place: str
    signature: str
    columns: str
    ai: bool
    controls: list[tuple[str, t.Ctl]] = field(default_factory=list)
    exceptions: list[Exc] = field(default_factory=list)
    not_tested: set[str] = field(default_factory=set)
    cuec_voice: str = "Customers"  # how each CUEC opens: "Customers", "User entities should", ...
    cuec_lead: str = "following"  # "following": "... responsible for the following:"; "sentence": a full sentence
    look: r.Look = field(default_factory=r.Look)


def _section_title(plan: Plan, n: int, title: str) -> str:
    if plan.tier == "big":
        return f"Section {n} {'-' if n % 2 else '–'} {title}"
    if plan.tier == "national":
        return f"{('I', 'II', 'III', 'IV', 'V')[n - 1]}. {title}"
    return f"{n}. {title}"


def _cats(plan: Plan) -> str:
    names = [t.CATEGORY_NAMES[c].lower() for c in plan.categories]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1]


def _d(plan: Plan, d: date) -> str:
    return w.fmt(d, plan.date_style)


def _period(plan: Plan) -> str:
    assert plan.start is not None
    return w.fmt_range(plan.start, plan.end, plan.date_style, plan.range_word)


def make_plan(kind: str, seed: int, tier: str | None = None) -> Plan:
    rng = random.Random(f"g2:{kind}:{seed}")
    tier = tier or TIERS[seed % 3]
    european = rng.random() < 0.35
    vendor = w.vendor(rng, european)
    system = w.system(rng, vendor)
    extra = [c for c in ("availability", "confidentiality", "processing_integrity") if rng.random() < 0.45]
    categories = ["security", *extra]
    end = w.month_end(date(2024, 3, 1) + timedelta(days=rng.randrange(0, 800)))
    months = rng.choice((12, 12, 6, 3)) if tier != "lowcost" else rng.choice((3, 6, 12))
    start_m = (end.month - months) % 12 + 1
    start: date | None = date(end.year - (1 if start_m > end.month or months == 12 else 0), start_m, 1)
    if kind == "soc2_type1":
        start = None
    report_date = end + timedelta(days=rng.randrange(14, 80))
    date_style = {"big": rng.choice(("intl", "us")), "national": rng.choice(("us", "us_abbr")),
                  "lowcost": rng.choice(("us_numeric", "iso", "intl_abbr", "us"))}[tier]
    range_word = "-" if date_style in ("us_numeric", "iso") else rng.choice(("to", "through"))
    opinion = "qualified" if kind != "soc3" and rng.random() < 0.25 else "unqualified"
    if kind == "soc2_type1":
        opinion = "unqualified"
    # Carve-outs: almost every modern SaaS report carves out its cloud host; many also its code host.
    hosting = [s for s in w.SUBSERVICE if s[2] == "hosting"]
    others = [s for s in w.SUBSERVICE if s[2] != "hosting"]
    subs: list[tuple[str, str, str]] = []
    if rng.random() < 0.9:
        name, svc, _ = rng.choice(hosting)
        subs.append((name, svc, "carve-out" if rng.random() < 0.85 else "inclusive"))
        for name, svc, _ in rng.sample(others, rng.choice((0, 1, 2, 2, 3))):
            subs.append((name, svc, "carve-out"))
    allowed = {"CC", *(t.CATEGORY_PREFIX[c] for c in categories if c in t.CATEGORY_PREFIX)}
    pool = [c for c in t.CUECS if all(x.startswith("CC") or x[:2] in allowed or x[:3] in allowed for x in c[2])]
    cuecs = rng.sample(pool, rng.randrange(3, min(8, len(pool)) + 1))
    cuecs.sort(key=lambda c: [g for g, _, _ in t.CUECS].index(c[0]))
    look = r.Look(
        font={"big": "Times-Roman", "national": "Helvetica", "lowcost": rng.choice(("Helvetica", "Times-Roman"))}[tier],
        bold={"big": "Times-Bold", "national": "Helvetica-Bold", "lowcost": "Helvetica-Bold"}[tier],
        size=rng.choice((9.5, 10)), justify=tier == "big",
        pagesize=r.PAGE_SIZES["a4" if european else "letter"],
        header=rng.choice((f"{vendor.name} | SOC Report", None, "Proprietary and Confidential")),
        footer=rng.choice((None, f"{vendor.short} – Restricted Use", "This report is confidential")),
        page_format=rng.choice(("Page {n} of {total}", "{n} | Page", "{n}")),
        watermark=rng.choice((None, None, "RESTRICTED")),
        accent=colors.HexColor(rng.choice(("#0b3d2e", "#5a1a1a", "#1a1a5a", "#333333"))),
    )
    plan = Plan(
        kind=kind, tier=tier, vendor=vendor, system=system, firm=w.firm(rng, tier),
        city=rng.choice(w.BIG_CITIES if tier == "big" else w.SMALL_CITIES), categories=categories, start=start,
        end=end, report_date=report_date, date_style=date_style, range_word=range_word, opinion=opinion,
        other_matter=rng.choice((None, None, "section5", "prior_auditor")) if kind != "soc3" else None,
        subservice=subs, cuecs=cuecs, cuec_style=rng.choice(("table", "grouped", "numbered")),
        cuec_trailer=rng.random() < 0.5,
        table_layout={"big": "merged5", "national": "grouped4", "lowcost": "six"}[tier]
        if rng.random() < 0.75 else rng.choice(("merged5", "grouped4", "six")),
        response_place=rng.choice(("row", "cell", "after", "none")),
        signature=rng.choice(("image", "image", "text")) if tier != "lowcost" else rng.choice(("image", "text")),
        columns=rng.choice(("one", "one", "frames", "table")), ai=rng.random() < 0.25, look=look,
    )
    # Drawn apart so that adding them left every other choice of a seed as it was.
    voice_rng = random.Random(f"g2:{kind}:{seed}:cuec")
    plan.cuec_voice = voice_rng.choice(("Customers", "Customers", "User entities should", "The user entity is "
                                        "expected to"))
    plan.cuec_lead = voice_rng.choice(("following", "following", "sentence"))
    _pick_controls(plan, rng, allowed)
    return plan


def _pick_controls(plan: Plan, rng: random.Random, allowed: set[str]) -> None:
    pool = [c for c in t.CONTROLS if all(x.startswith("CC") or x[:2] in allowed or x[:3] in allowed
                                         for x in c.criteria)]
    chosen = sorted(rng.sample(pool, rng.randrange(min(14, len(pool)), len(pool) + 1)),
                    key=lambda c: t.CONTROLS.index(c))
    scheme = rng.choice(("tsc", "plain", "prefixed"))
    for i, c in enumerate(chosen, start=1):
        cid = {"tsc": f"{c.criteria[0]}-{i:02d}", "plain": f"C{i:03d}",
               "prefixed": f"{plan.vendor.short[:3].upper()}-{i:02d}"}[scheme]
        plan.controls.append((cid, c))
    if plan.kind != "soc2_type2":
        return
    n = rng.choice((0, 1, 1, 2, 3)) if plan.opinion == "unqualified" else rng.choice((1, 2))
    plan.not_tested = {cid for cid, c in rng.sample(plan.controls, 2) if c.criteria[0].startswith(("CC7.3", "CC7.5",
                                                                                                    "CC8.1", "CC3.4"))}
    candidates = [(cid, c) for cid, c in plan.controls if cid not in plan.not_tested]
    for cid, c in rng.sample(candidates, n):
        k, size = rng.randrange(1, 4), rng.choice((25, 40, 60, 15))
        text = rng.choice((
            f"Exception noted. For {k} of {size} {c.population} sampled, {c.failure}.",
            f"Deviation noted: {c.failure} for {k} of the {size} {c.population} selected.",
            f"Exceptions noted. The service auditor found that {c.failure} for {k} of {size} {c.population} "
            "inspected.",
        ))
        if rng.random() < 0.6:
            text += rng.choice((
                f" Testing was extended to a further {rng.choice((10, 15, 20))} items, for which no further "
                "exceptions were noted.",
                " The remaining items in the sample were found to be compliant with the control as described.",
                f" Inquiry with the control owner indicated that the deviation arose during a staff transition in "
                f"{w.fmt(plan.end - timedelta(days=rng.randrange(30, 150)), 'us').split(' ')[0]}."))
        # Grouped layouts state one criterion per group (a heading row, or a criteria cell merged down the block).
        criteria = list(c.criteria) if plan.table_layout == "six" else [c.criteria[0]]
        resp = rng.choice(t.RESPONSES) if plan.response_place != "none" else None
        plan.exceptions.append(Exc(cid, c, criteria, text, resp))
    order = [cid for cid, _ in plan.controls]
    plan.exceptions.sort(key=lambda e: order.index(e.cid))


# ---------------------------------------------------------------- printing


def build(kind: str, seed: int, *, tier: str | None = None) -> tuple[bytes, dict[str, Any]]:
    plan = make_plan(kind, seed, tier)
    rng = random.Random(f"g2:{kind}:{seed}:text")
    ex = Expect2(kind)
    ex.notes.update(tier=plan.tier, opinion=plan.opinion, other_matter=plan.other_matter, signature=plan.signature,
                    columns=plan.columns, dates=plan.date_style, ai=plan.ai,
                    subservice=[m for _, _, m in plan.subservice])
    if kind != "soc3":
        ex.notes.update(cuecs=plan.cuec_style, cuec_trailer=plan.cuec_trailer, cuec_voice=plan.cuec_voice,
                        cuec_lead=plan.cuec_lead)
    if kind == "soc2_type2":
        ex.notes.update(tests=plan.table_layout, responses=plan.response_place)
    st = r.styles_for(plan.look)
    story: list[Flowable] = []
    story += _cover(plan, st, ex, rng)
    story += r.switch("one")
    story += _auditor_report(plan, st, ex, rng, seed)
    story.append(r.page_break())
    story += _assertion(plan, st, rng)
    story.append(r.page_break())
    story += _description(plan, st, ex, rng)
    if plan.kind != "soc3":
        story += r.switch("one") if plan.columns == "frames" else [r.page_break()]
        story += _controls_section(plan, st, ex, rng)
    _expect_common(plan, ex)
    title = {"soc2_type2": "SOC 2 Type 2", "soc2_type1": "SOC 2 Type 1", "soc3": "SOC 3"}[plan.kind]
    pdf = r.render(story, plan.look, title=f"{plan.vendor.short} {title}", author=plan.firm)
    return pdf, ex.resolve(pdf, f"{plan.vendor.short.lower()}-{kind.replace('_', '')}-g2-{plan.tier}-{seed}.pdf")


def _expect_common(plan: Plan, ex: Expect2) -> None:
    ex.set("vendor", plan.vendor.name, plan.vendor.name)
    ex.set("issuer", plan.firm, plan.firm)
    if plan.kind == "soc2_type1":
        ex.warn_about.append("Type 1")
    if plan.opinion != "unqualified":
        ex.warn_about.append(plan.opinion)
    if any(m == "carve-out" for _, _, m in plan.subservice):
        ex.warn_about.append("carve")
    if plan.end < STALE_BEFORE:
        ex.warn_about.append("12 months")


def _type_word(plan: Plan, rng: random.Random) -> str:
    if plan.kind == "soc3":
        return "SOC 3®"
    n = "2" if plan.kind == "soc2_type2" else "1"
    roman = "II" if n == "2" else "I"
    return rng.choice((f"SOC 2® Type {n}", f"SOC 2 Type {roman}", f"System and Organization Controls 2 (SOC 2) "
                                                                    f"Type {n}"))


def _cover(plan: Plan, st: r.Styles, ex: Expect2, rng: random.Random) -> list[Flowable]:
    v = plan.vendor
    when = f"as of {_d(plan, plan.end)}" if plan.kind == "soc2_type1" else f"for the period {_period(plan)}"
    label = _type_word(plan, rng) + " Report"
    out: list[Flowable] = [r.space(50)]
    if plan.tier == "big":
        out += [r.para(v.name, st.title), r.space(20), r.para(label, st.subtitle),
                r.para(f"Report on the {plan.system}", st.subtitle),
                r.para(f"Relevant to {', '.join(t.CATEGORY_NAMES[c] for c in plan.categories)}", st.center),
                r.para(when[0].upper() + when[1:], st.center), r.space(30),
                r.para("With the Independent Service Auditor’s Report including Tests Performed and Results "
                       "Thereof" if plan.kind == "soc2_type2" else "With the Independent Service Auditor’s Report",
                       st.center)]
    elif plan.tier == "national":
        out += [r.para(label.upper(), st.title), r.para("prepared for", st.center), r.para(v.name, st.subtitle),
                r.space(12), r.para(plan.system, st.subtitle), r.space(12),
                r.para(("Examination date: " if plan.kind == "soc2_type1" else "Review period: ")
                       + (_d(plan, plan.end) if plan.kind == "soc2_type1" else _period(plan)), st.center)]
    else:
        out += [r.para(f"{v.short} | {label}", st.title), r.space(10)]
        rows = [["Service Organization", v.name], ["Service Auditor", plan.firm],
                ["Report Type", label.replace("®", "")],
                ["Examination Date" if plan.kind == "soc2_type1" else "Review Period",
                 _d(plan, plan.end) if plan.kind == "soc2_type1" else _period(plan)],
                ["Trust Services Categories", ", ".join(t.CATEGORY_NAMES[c] for c in plan.categories)],
                ["In-scope System", plan.system]]
        out.append(r.table(rows, st, [170, 300], header=False))
    out.append(r.space(40))
    out.append(r.para("CONFIDENTIAL: This report is intended solely for the specified parties and may not be "
                      "distributed further without the permission of the service organization.", st.small))
    return out


def _letterhead(plan: Plan, st: r.Styles, rng: random.Random) -> Flowable:
    city, state = plan.city
    return r.table([[plan.firm, f"{rng.randrange(10, 2000)} {rng.choice(('Market', 'Canal', 'Lake', 'Grant'))} "
                                f"Street, Suite {rng.randrange(100, 3000)}"],
                    ["", f"{city}, {state}"]], st, [250, 230], header=False, grid=False)


def _auditor_report(plan: Plan, st: r.Styles, ex: Expect2, rng: random.Random, seed: int) -> list[Flowable]:
    v, s = plan.vendor, plan.vendor.short
    out: list[Flowable] = []
    if plan.tier in ("big", "national") and (plan.signature == "image" or rng.random() < 0.5):
        out.append(_letterhead(plan, st, rng))
        out.append(r.space(8))
        ex.notes["letterhead"] = True
    out.append(r.para(_section_title(plan, 1, "Independent Service Auditor’s Report"), st.h1))
    out.append(r.para(rng.choice((f"To the Board of Directors and Management of {v.name}",
                                  f"To: {v.name} Management", f"{v.name}\nAttention: Chief Information Officer")),
                      st.body))
    out.append(r.para("Scope", st.h3))
    cats = _cats(plan)
    tsc_full = ("TSP section 100, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, "
                "Confidentiality, and Privacy")
    tsc_tail = rng.choice(("", " (With Revised Points of Focus – 2022)"))
    ex.add("standards", "AICPA TSC 2017", "2017 Trust Services Criteria")
    cat_q = f"relevant to {cats}"
    for c in plan.categories:
        ex.add("tsc_categories", c, cat_q)
    if plan.kind == "soc3":
        when = f"throughout the period {_period(plan)}"
        scope = (f"We have examined {s}’s accompanying assertion, titled “Assertion of {s} Management”, that the "
                 f"controls within the {plan.system} were effective {when} to provide reasonable assurance that "
                 f"{s}’s service commitments and system requirements were achieved based on the trust services "
                 f"criteria {cat_q} (applicable trust services criteria) set forth in {tsc_full}{tsc_tail}.")
        system_q = f"within the {plan.system}"
    else:
        when = (f"as of {_d(plan, plan.end)}" if plan.kind == "soc2_type1"
                else f"throughout the period {_period(plan)}")
        opener = rng.choice((
            f"We have examined the description of the system of {v.name} (“{s}”) related to its {plan.system} "
            f"(the “system”) {when}",
            f"We have examined the attached description, prepared by {s} management, of the {plan.system} "
            f"(the “system”) provided by {v.name} {when}",
            f"We were engaged to examine and have examined the accompanying description of {v.name}’s "
            f"{plan.system} offering (the “system”) {when}",
        ))
        system_q = plan.system
        design = ("the suitability of the design of controls stated in the description" if plan.kind == "soc2_type1"
                  else "the suitability of the design and operating effectiveness of controls stated in the "
                       "description")
        scope = (f"{opener}, based on the criteria for a description of a service organization’s system set forth "
                 f"in DC section 200, 2018 Description Criteria for a Description of a Service Organization’s System "
                 f"in a SOC 2® Report (description criteria), and {design} {when}, to provide reasonable assurance "
                 f"that {s}’s service commitments and system requirements were achieved based on the trust services "
                 f"criteria {cat_q} (applicable trust services criteria) set forth in {tsc_full}{tsc_tail}.")
    period_q = when
    out.append(r.para(scope, st.body))
    ex.set("scope", plan.system, system_q)
    if plan.kind == "soc2_type1":
        ex.set("period_end", plan.end.isoformat(), period_q)
    else:
        assert plan.start is not None
        ex.set("period_start", plan.start.isoformat(), period_q)
        ex.set("period_end", plan.end.isoformat(), period_q)
    out += _subservice_paragraph(plan, st, ex, rng)
    out.append(r.para(
        f"The description also indicates that certain trust services criteria can be met only if complementary user "
        f"entity controls assumed in the design of {s}’s controls are suitably designed and operating effectively. "
        "Our examination did not extend to such complementary user entity controls, and we have not evaluated them.",
        st.body))
    out.append(r.para("Service Organization’s Responsibilities", st.h3))
    out.append(r.para(
        f"{s} is responsible for its service commitments and system requirements, for designing, implementing and "
        "operating effective controls within the system, and for preparing the description and its assertion, "
        "including the completeness, accuracy and method of presentation of both.", st.body))
    out.append(r.para("Service Auditor’s Responsibilities", st.h3))
    out.append(r.para(
        "Our responsibility is to express an opinion based on our examination. We conducted our examination in "
        "accordance with attestation standards established by the American Institute of Certified Public "
        "Accountants. Those standards require that we plan and perform the examination to obtain reasonable "
        "assurance about whether, in all material respects, the description is presented in accordance with the "
        "description criteria and the controls were suitably designed"
        + ("" if plan.kind == "soc2_type1" else " and operated effectively") + ". We believe that the evidence we "
        "obtained is sufficient and appropriate to provide a reasonable basis for our opinion.", st.body))
    out.append(r.para("Inherent Limitations", st.h3))
    out.append(r.para(
        "Because of their nature, controls may not always operate effectively, and deviations or exceptions may "
        "therefore occur and not be detected. Projections of any evaluation of effectiveness to future periods are "
        "subject to the risk that controls may become inadequate because of changes in conditions.", st.body))
    if plan.kind == "soc2_type2":
        out.append(r.para("Description of Tests of Controls", st.h3))
        out.append(r.para(
            f"The specific controls we tested and the nature, timing and results of those tests are listed in "
            f"Section {'IV' if plan.tier == 'national' else 4} of this report. Where a test identified an "
            "exception, the exception and management’s response, if any, are described there.", st.body))
    if plan.opinion == "qualified":
        e = plan.exceptions[0]
        out.append(r.para("Basis for Qualified Opinion", st.h3))
        out.append(r.para(
            f"{s} states in its description that “{e.ctl.activity.rstrip('.')}.” However, as noted in the tests of "
            f"control {e.cid}, the control did not operate effectively {when}. As a result, controls were not "
            f"suitably designed and operating effectively to meet criterion {e.ctl.criteria[0]}.", st.body))
        lead = "In our opinion, except for the matter described in the preceding paragraph, in all material respects,"
    else:
        lead = "In our opinion, in all material respects,"
    out.append(r.para("Opinion", st.h3))
    items = [f"the description presents the system that was designed and implemented {when} in accordance with "
             "the description criteria;",
             f"the controls stated in the description were suitably designed {when} to provide reasonable "
             "assurance that the service commitments and system requirements would be achieved"
             + (", if the controls operated effectively;" if plan.kind == "soc2_type1" else ";")]
    if plan.kind == "soc2_type2":
        items.append(f"the controls stated in the description operated effectively {when}.")
    if plan.kind == "soc3":
        out.append(r.para(f"{lead} management’s assertion that the controls within the {plan.system} were effective "
                          f"{when} is fairly stated.", st.body))
    else:
        out.append(r.para(lead, st.body))
        out.append(r.bullets(items, st.body, kind="a"))
    ex.set("opinion", plan.opinion, lead)
    if plan.other_matter == "section5":
        out.append(r.para("Other Matter", st.h3))
        out.append(r.para(
            f"The information in the final section of this report, “Other Information Provided by {s}”, is presented "
            "by management to provide additional information and is not part of the description. It has not been "
            "subjected to the procedures applied in the examination, and accordingly we express no opinion on it.",
            st.body))
    elif plan.other_matter == "prior_auditor":
        prior = rng.choice([f for f in w.FIRMS["national"] if f != plan.firm])
        out.append(r.para("Other Matter", st.h3))
        out.append(r.para(
            f"The description and the controls of {s} for the preceding period were examined by {prior}, whose "
            "report expressed an unmodified opinion. That report is not included here.", st.body))
        ex.notes["prior_auditor"] = prior
    out.append(r.para("Restricted Use", st.h3))
    out.append(r.para(
        f"This report is intended solely for the information and use of {s}, user entities of the system during "
        "some or all of the period, business partners subject to risks arising from interactions with the system, "
        "practitioners providing services to such user entities, and regulators who understand the system.",
        st.body))
    out += _signature(plan, st, ex, rng, seed)
    return out


def _subservice_paragraph(plan: Plan, st: r.Styles, ex: Expect2, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = []
    carved = [(n, svc) for n, svc, m in plan.subservice if m == "carve-out"]
    incl = [(n, svc) for n, svc, m in plan.subservice if m == "inclusive"]
    if carved and rng.random() < 0.4:
        # Named only in Section 3's subservice table; the auditor's report refers to it.
        ex.notes["subservice_named"] = "section3_table"
        out.append(r.para(
            f"{s} uses the subservice organizations identified in Section {'III' if plan.tier == 'national' else 3} "
            "of this report. The description includes "
            f"only the controls of {s} and excludes the controls of those subservice organizations (carve-out "
            "method); our examination did not extend to them.", st.body))
        for n, _ in carved:
            ex.add("subservice_organizations", n, n, method="carve-out")
    elif carved:
        uses = "; ".join(f"{n} for {svc}" for n, svc in carved)
        out.append(r.para(
            f"{s} uses subservice organizations: {uses}. The description includes only the controls of {s} and "
            "excludes the controls of those subservice organizations, which is the carve-out method. The description "
            "also indicates that certain criteria can be met only if the complementary subservice organization "
            "controls assumed in the design of the service organization’s controls operate effectively.", st.body))
        for n, _ in carved:
            ex.add("subservice_organizations", n, n, method="carve-out")
    for n, svc in incl:
        out.append(r.para(
            f"{s} uses {n} to provide {svc}. The description includes the relevant controls of {n}, and our "
            "examination included them (the inclusive method).", st.body))
        ex.add("subservice_organizations", n, n, method="inclusive")
    return out


def _signature(plan: Plan, st: r.Styles, ex: Expect2, rng: random.Random, seed: int) -> list[Flowable]:
    city, state = plan.city
    d = _d(plan, plan.report_date)
    out: list[Flowable] = [r.space(14)]
    if plan.signature == "image":
        out.append(art.flowable(art.signature(plan.firm, seed), 190))
        if not ex.notes.get("letterhead") and plan.tier != "lowcost":
            out.append(r.para(plan.firm, st.body))  # typed under the drawn signature
    else:
        out.append(r.para(rng.choice((f"/s/ {plan.firm}", plan.firm)), st.body))
    order = rng.random() < 0.7
    lines = [f"{city}, {state}", d] if order else [d, f"{city}, {state}"]
    if plan.tier == "lowcost":
        lines = [f"Date: {d}", f"{city}, {state}"]
    out.append(r.para("\n".join(lines), st.body))
    ex.set("report_date", plan.report_date.isoformat(), d)
    return out


def _assertion(plan: Plan, st: r.Styles, rng: random.Random) -> list[Flowable]:
    v = plan.vendor
    when = (f"as of {_d(plan, plan.end)}" if plan.kind == "soc2_type1" else f"throughout the period {_period(plan)}")
    out: list[Flowable] = [r.para(_section_title(plan, 2, rng.choice((f"Assertion of {v.name} Management",
                                                                       "Management’s Assertion"))), st.h1)]
    out.append(r.para(
        f"We have prepared the accompanying description of the {plan.system} (the system) of {v.name} {when}, "
        "based on the description criteria, for user entities and others who need to understand the system. We "
        "confirm, to the best of our knowledge and belief, that the description presents the system fairly, that "
        "the controls stated in it were suitably designed"
        + ("" if plan.kind == "soc2_type1" else ", and that those controls operated effectively")
        + ", to provide reasonable assurance that our service commitments and system requirements were achieved.",
        st.body))
    out.append(r.space(10))
    out.append(r.para(f"{rng.choice(w.PEOPLE)}\n{rng.choice(('Chief Technology Officer', 'VP, Security'))}\n"
                      f"{v.name}", st.body))
    return out


_LONG_DESCRIPTION = (
    ("Control Environment", "The board of {s} has an audit and risk committee that meets each quarter. The committee "
     "receives reports from the Chief Information Security Officer and from internal audit, and approves the annual "
     "security plan. Roles and responsibilities for the {system} are set out in job descriptions and in a "
     "responsibility matrix that is reviewed when the organization changes."),
    ("Risk Assessment", "{s} identifies risks to its service commitments through an annual workshop, threat "
     "modelling of new features and the results of penetration tests. Each risk receives an owner, a rating and a "
     "treatment, and the register is reviewed by the committee twice a year."),
    ("Information and Communication", "Security policies are published on the intranet and acknowledged by staff. "
     "Customers learn of changes through release notes, the status page and their account managers; security "
     "contacts receive notices of incidents that affect them."),
    ("Monitoring Activities", "An internal audit team tests a rotating selection of controls each quarter and "
     "reports deficiencies to the committee, which tracks them until they are remediated. Automated checks compare "
     "production configuration with approved baselines every day."),
    ("Logical Access", "Staff reach production only through the corporate identity provider with a hardware-backed "
     "second factor. Access is granted by role, approved by the system owner and recertified each quarter."),
    ("System Operations", "Detections from endpoint, network and cloud sources are sent to a central platform and "
     "triaged by an on-call security engineer. Incidents follow a runbook and are reviewed after closure."),
    ("Change Management", "Changes are proposed as pull requests, reviewed by a second engineer, tested by the build "
     "pipeline and deployed by automation. Emergency changes are reviewed afterwards by the change advisory board."),
    ("Data Backup and Recovery", "Customer data is replicated across availability zones, backed up each day to a "
     "second region, and restored in a test environment twice a year to prove the backups can be used."),
)


def _section3_title(plan: Plan, rng: random.Random) -> str:
    return rng.choice(("System Description", "Overview of Operations and Description of the System",
                       f"Description of the Boundaries of the {plan.system}" if plan.kind == "soc3"
                       else "Description of the System Provided by Management"))


def _description(plan: Plan, st: r.Styles, ex: Expect2, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = [r.para(_section_title(plan, 3, _section3_title(plan, rng)), st.h1)]
    overview = [
        f"{s} was established in {rng.randrange(2004, 2021)} and serves customers in "
        f"{rng.choice(('logistics', 'healthcare', 'financial services', 'education'))}. The {plan.system} is "
        "delivered as a multi-tenant service with web and mobile clients.",
        f"Customers use the service to schedule work, exchange documents and report on outcomes. {s} operates "
        "the service from its engineering centres and relies on subservice organizations for hosting.",
    ]
    ai_text = ""
    if plan.ai:
        ai_text = (f"The {plan.system} uses a machine learning model, trained by {s} on de-identified records, to "
                   "suggest the next action to users; the model and its training pipeline are within the boundaries "
                   "of the system.")
        ex.ai(ai_text, ai_text)
    services = ["Principal service commitments include encryption of customer data, availability of at least 99.5 "
                "percent each month, and notification of security incidents within seventy-two hours.",
                *([ai_text] if ai_text else [])]
    if plan.columns == "table":
        left = [r.para("Company Overview", st.h3), *[r.para(p, st.body) for p in overview]]
        right = [r.para("Services and Commitments", st.h3), *[r.para(p, st.body) for p in services]]
        two = Table([[left, right]], colWidths=[235, 235], hAlign="LEFT")
        two.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 10)]))
        out.append(two)
    else:
        if plan.columns == "frames":
            out += r.switch("two")
        out.append(r.para("Company Overview", st.h2))
        out += [r.para(p, st.body) for p in overview]
        out.append(r.para("Services and Commitments", st.h2))
        out += [r.para(p, st.body) for p in services]
    width = 230 if plan.columns == "frames" else 470
    out.append(r.para("Infrastructure", st.h2))
    host = next((n for n, _, k in plan.subservice), f"{s}-operated data centres")
    out.append(_table([["Component", "Purpose", "Hosted by"],
                       ["Web and API tier", "Serves the customer interface", host],
                       ["Data stores", "Customer records and files", host],
                       ["Build pipeline", "Tests and deploys code", next(
                           (n for n, svc, _ in plan.subservice if "code" in svc or "source" in svc), s)]],
                      st, [width * 0.3, width * 0.4, width * 0.3]))
    out.append(r.para("People, Procedures and Data", st.h2))
    out.append(r.para(
        f"{s}’s security team reports to the Chief Technology Officer. Policies are reviewed each year. Customer data "
        "is classified as confidential and is encrypted in transit and at rest.", st.body))
    if plan.tier == "big":
        # The long, formal description of a large firm's report: the COSO components one after another.
        for head, body in _LONG_DESCRIPTION:
            out.append(r.para(head, st.h3))
            out.append(r.para(body.format(s=s, system=plan.system), st.body))
    out += _subservice_table(plan, st, width)
    if plan.kind != "soc3":
        out += _cuec_section(plan, st, ex, width)
    return out


def _table(rows: list[list[str]], st: r.Styles, widths: list[float], spans: list[tuple[Any, ...]] | None = None,
           header_rows: int = 1, split_in_row: bool = True) -> Table:
    data = [[Paragraph(escape(c).replace("\n", "<br/>"), st.cell_bold if i < header_rows else st.cell) for c in row]
            for i, row in enumerate(rows)]
    tbl = Table(data, colWidths=widths, repeatRows=header_rows, hAlign="LEFT", splitInRow=1 if split_in_row else 0)
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8e8e8"))]
    tbl.setStyle(TableStyle(cmds + list(spans or [])))
    return tbl


def _subservice_table(plan: Plan, st: r.Styles, width: float) -> list[Flowable]:
    carved = [(n, svc) for n, svc, m in plan.subservice if m == "carve-out"]
    if not carved:
        return []
    out: list[Flowable] = [r.para("Subservice Organizations and Complementary Subservice Organization Controls",
                                  st.h2)]
    rows = [["Subservice organization", "Services", "Controls expected of the subservice organization"]]
    spans: list[tuple[Any, ...]] = []
    for n, svc in carved:
        first = len(rows)
        rows.append([n, svc, "Physical access to facilities housing production systems is restricted."])
        rows.append(["", "", "Changes to the underlying infrastructure are authorized and tested."])
        spans += [("SPAN", (0, first), (0, first + 1)), ("SPAN", (1, first), (1, first + 1))]
    out.append(_table(rows, st, [width * 0.3, width * 0.25, width * 0.45], spans, split_in_row=False))
    return out


def _cuec_text(plan: Plan, text: str) -> str:
    """A CUEC in the report's voice: the vocabulary's items read "Customers <verb> ..."."""
    assert text.startswith("Customers ")
    return f"{plan.cuec_voice} {text.removeprefix('Customers ')}"


def _cuec_section(plan: Plan, st: r.Styles, ex: Expect2, width: float) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = [r.para("Complementary User Entity Controls", st.h2)]
    if plan.cuec_lead == "following":
        out.append(r.para(
            f"{s}’s controls were designed on the assumption that user entities would place certain controls in "
            f"operation. The user entity controls below are needed, together with {s}’s controls, to meet the "
            "applicable criteria. User entities are responsible for the following:", st.body))
    else:
        # A lead-in that is a whole sentence in the CUECs' own voice: it is not a CUEC.
        out.append(r.para(
            f"User entities are expected to implement the controls listed in this section, which are necessary, "
            f"together with {s}’s controls, to meet the applicable trust services criteria.", st.body))
    if plan.cuec_style == "table":
        rows = [["#", "Complementary user entity control", "Related criteria"]]
        for i, (_, raw, crit) in enumerate(plan.cuecs, start=1):
            text = _cuec_text(plan, raw)
            rows.append([str(i), text, ", ".join(crit)])
            ex.add("cuecs", text, text, criteria=list(crit))
        out.append(_table(rows, st, [width * 0.08, width * 0.7, width * 0.22]))
    else:
        group = None
        items: list[str] = []
        numbered = plan.cuec_style == "numbered"

        def flush() -> None:
            if items:
                out.append(r.bullets(list(items), st.body, kind="1" if numbered else "bullet"))
                items.clear()

        for g, raw, _ in plan.cuecs:
            if g != group and not numbered:
                flush()
                out.append(r.para(f"{g} Responsibilities", st.h3))
                group = g
            text = _cuec_text(plan, raw)
            items.append(text)
            ex.add("cuecs", text, text, criteria=[])
        flush()
    if plan.cuec_trailer:
        out.append(r.para(
            "The list above is not a complete list of the controls user entities should have. User entities are "
            "responsible for determining whether further controls are needed in their own environments.", st.body))
    return out


# ---------------------------------------------------------------- Section 4


def _result(plan: Plan, cid: str, rng: random.Random) -> tuple[str, Exc | None]:
    exc = next((e for e in plan.exceptions if e.cid == cid), None)
    if exc is not None:
        text = exc.text
        if plan.response_place == "cell" and exc.response:
            text += f"\nManagement’s response: {exc.response}"
        return text, exc
    if cid in plan.not_tested:
        return rng.choice(t.NOT_TESTED), None
    return rng.choice(t.CLEAN[plan.tier]), None


def _test_text(plan: Plan, c: t.Ctl, rng: random.Random) -> str:
    """The test procedure; template firms spell out the sample, which makes tall rows that break across pages."""
    if plan.table_layout == "merged5":
        return c.test
    size = rng.choice((5, 25, 40, 60))
    return (f"{c.test} Selected a sample of {size} {c.population} from the population for the period and "
            "inspected evidence that the control operated as described; inquired of the control owner about its "
            "operation and about any changes to it during the period.")


def _controls_section(plan: Plan, st: r.Styles, ex: Expect2, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    title = ("Trust Services Criteria, Related Controls, and Tests of Controls" if plan.kind == "soc2_type2"
             else "Trust Services Criteria and Related Controls")
    out: list[Flowable] = [r.para(_section_title(plan, 4, title), st.h1)]
    if plan.kind == "soc2_type2":
        out.append(r.para(
            "Our tests of operating effectiveness used one or more of the following procedures. Where a sample was "
            "used, its size followed the frequency of the control; when a test found a deviation we considered its "
            "cause and whether further testing was needed.", st.body))
        out.append(_table([["Test", "Description"],
                           ["Inquiry", "Asked appropriate personnel about the control."],
                           ["Observation", "Watched the control being performed."],
                           ["Inspection", "Examined documents, records or configurations."],
                           ["Reperformance", "Performed the control again independently."]], st, [120, 350],
                          split_in_row=False))
        out.append(r.space(12))
    if plan.kind == "soc2_type1":
        rows = [["Control #", "Criteria", "Control activity specified by " + s]]
        rows += [[cid, ", ".join(c.criteria), c.activity] for cid, c in plan.controls]
        out.append(_table(rows, st, [70, 90, 310]))
        return out
    layout = plan.table_layout
    responses_after: list[Exc] = []
    if layout == "merged5":
        rows = [["Control #", "TSC Ref.", "Control Activity", "Test Performed by the Service Auditor",
                 "Results of Tests"]]
        spans: list[tuple[Any, ...]] = []
        block_start, block_crit = 1, None
        for cid, c in plan.controls:
            result, exc = _result(plan, cid, rng)
            crit = c.criteria[0]
            if crit != block_crit:
                if len(rows) - block_start > 1:
                    spans.append(("SPAN", (1, block_start), (1, len(rows) - 1)))
                block_start, block_crit = len(rows), crit
                rows.append([cid, crit, c.activity, c.test, result])
            else:
                rows.append([cid, "", c.activity, c.test, result])
            if exc is not None and exc.response and plan.response_place == "row":
                if len(rows) - block_start > 1:
                    spans.append(("SPAN", (1, block_start), (1, len(rows) - 1)))
                rows.append([f"Management’s Response: {exc.response}", "", "", "", ""])
                spans.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
                block_start, block_crit = len(rows), None
            if exc is not None and exc.response and plan.response_place == "after":
                responses_after.append(exc)
        if len(rows) - block_start > 1 and block_crit is not None:
            spans.append(("SPAN", (1, block_start), (1, len(rows) - 1)))
        out.append(_table(rows, st, [55, 55, 130, 130, 100], spans, split_in_row=False))
    elif layout == "grouped4":
        rows = [["Control #", "Control Activity", "Tests Performed", "Test Results"]]
        spans = []
        current = None
        for cid, c in plan.controls:
            if c.criteria[0] != current:
                current = c.criteria[0]
                rows.append([f"{current} – {t.CRITERIA_TITLES.get(current, '')}", "", "", ""])
                spans += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                          ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), colors.HexColor("#f1f1f1"))]
            result, exc = _result(plan, cid, rng)
            rows.append([cid, c.activity, _test_text(plan, c, rng), result])
            if exc is not None and exc.response and plan.response_place == "row":
                rows.append([f"Management’s Response: {exc.response}", "", "", ""])
                spans.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            if exc is not None and exc.response and plan.response_place == "after":
                responses_after.append(exc)
        out.append(_table(rows, st, [60, 150, 150, 110], spans))
    else:
        rows = [["Ref", "Criteria", "Control Description", "Test Type", "Test Procedure", "Result"]]
        spans = []
        for cid, c in plan.controls:
            result, exc = _result(plan, cid, rng)
            rows.append([cid, ", ".join(c.criteria), c.activity,
                         rng.choice(("Inspection", "Inquiry, Inspection", "Observation", "Reperformance")),
                         _test_text(plan, c, rng), result])
            if exc is not None and exc.response and plan.response_place == "row":
                rows.append([f"Management’s Response: {exc.response}", "", "", "", "", ""])
                spans.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            if exc is not None and exc.response and plan.response_place == "after":
                responses_after.append(exc)
        out.append(_table(rows, st, [52, 50, 118, 66, 104, 80], spans))
    for e in plan.exceptions:
        ex.add("exceptions", e.text, e.text, control=e.cid, criteria=e.criteria, management_response=e.response)
    if responses_after:
        out.append(r.space(10))
        out.append(r.para("Exceptions and Management’s Responses", st.h2))
        rows = [["Control #", "Exception noted", "Management’s response"]]
        rows += [[e.cid, e.text, e.response or ""] for e in responses_after]
        out.append(_table(rows, st, [70, 200, 200]))
    if plan.other_matter == "section5":
        out.append(r.page_break())
        out.append(r.para(_section_title(plan, 5, f"Other Information Provided by {s}"), st.h1))
        out.append(r.para(f"{s} plans to add a third hosting region in the coming year. This information has not "
                          "been examined by the service auditor.", st.body))
    return out
