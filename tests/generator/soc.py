"""SOC 2 Type 1 / Type 2 and SOC 3 reports.

A report follows the AICPA layout: Section I the service auditor's report (scope, subservice organizations,
CUECs, opinion, signature), Section II management's assertion, Section III the system description (with
subservice organizations, CUECs and CSOCs), Section IV the tests of controls (Type 2 only) and optionally
Section V with management's responses. Every choice (cover, columns, table shape, phrasing, date format)
is drawn from the seed, and what the report states is recorded in an ``Expect`` as it is printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reportlab.platypus import Flowable

from . import render as r
from . import soc_text as t
from . import words as w
from .expect import Expect

ROMAN = ("I", "II", "III", "IV", "V")
# A period that ended before this day is more than 12 months old on any day the tests run (this project began
# in late 2026), so the stale-report warning can be expected without depending on the clock.
STALE_BEFORE = date(2025, 11, 1)
SECTION_STYLES = ("Section {r}", "Section {n}", "SECTION {r}")


@dataclass
class Exc:
    control_id: str
    control: t.Control
    text: str
    response: str | None  # None when the report prints no management response


@dataclass
class Plan:
    """Every decision about one report, drawn from the seed before anything is printed."""

    kind: str  # soc2_type1 | soc2_type2 | soc3
    vendor: w.Org
    auditor: str
    city: tuple[str, str]
    system: str
    categories: list[str]
    start: date | None
    end: date
    report_date: date
    cover_style: str
    cover_dates: str
    body_dates: str
    opinion: str
    subservice: list[tuple[str, str, str]]  # (name, services, method)
    cuec_style: str
    cuecs: list[tuple[str, tuple[str, ...]]]
    id_scheme: str
    test_layout: str
    response_place: str
    controls: list[tuple[str, t.Control]] = field(default_factory=list)
    exceptions: list[Exc] = field(default_factory=list)
    ai: str = "none"  # none | in_scope | excluded
    two_column: bool = False
    section_style: str = "Section {r}"
    tsc_phrase: int = 0
    filler_pages: int = 0
    landscape_tests: bool = False  # Section IV on landscape pages, as many firms print their test matrices
    interleaved: bool = False  # the description's opening drawn as two columns line by line across the page
    look: r.Look = field(default_factory=r.Look)


def _section(plan: Plan, i: int) -> str:
    return plan.section_style.format(r=ROMAN[i - 1], n=i)


def _cats_title(plan: Plan) -> str:
    return t.join_words([t.CATEGORY_NAMES[c] for c in plan.categories])


def _cats_lower(plan: Plan) -> str:
    return t.join_words([t.CATEGORY_NAMES[c].lower() for c in plan.categories])


def _period(plan: Plan, style: str, rng: random.Random) -> str:
    assert plan.start is not None
    return w.fmt_range(plan.start, plan.end, style, rng)


def make_plan(kind: str, seed: int, *, controls: int | None = None, filler_pages: int | None = None,
              test_layout: str | None = None, interleaved: bool = False) -> Plan:
    rng = random.Random(f"{kind}:{seed}")
    european = rng.random() < 0.3
    vendor = w.vendor(rng, european)
    system = w.product(rng, vendor.short)
    extra = [c for c in ("availability", "confidentiality", "processing_integrity", "privacy") if rng.random() < 0.4]
    categories = ["security", *sorted(extra, key=list(t.CATEGORY_NAMES).index)]
    end = date(2024, 6, 30) + timedelta(days=rng.randrange(0, 760))
    # Periods end on a month end: the day before the first of a month.
    end = (end.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    months = rng.choice((12, 12, 12, 6, 9, 3))
    start_month = (end.month - months) % 12 + 1
    start_year = end.year - (1 if start_month > end.month or months == 12 else 0)
    start: date | None = date(start_year, start_month, 1)
    if kind == "soc2_type1":
        start = None
    report_date = end + timedelta(days=rng.randrange(20, 75))
    body_dates = rng.choice(("us", "us", "intl", "us_ordinal", "intl_ordinal"))
    cover_dates = rng.choice((body_dates, body_dates, "us_numeric", "iso", "intl"))
    n_sub = rng.choice((0, 1, 1, 1, 2, 2, 3))
    hosts = rng.sample(w.HOSTS, 1)
    others = rng.sample(w.OTHER_SUBSERVICE, max(0, n_sub - 1))
    method = rng.choice(("carve-out", "carve-out", "carve-out", "inclusive"))
    subs: list[tuple[str, str, str]] = []
    if n_sub:
        subs.append((hosts[0], rng.choice(("cloud infrastructure hosting", "data center colocation",
                                           "infrastructure-as-a-service hosting")), method))
        for name, svc in others:
            m = method if rng.random() < 0.85 else ("inclusive" if method == "carve-out" else "carve-out")
            subs.append((name, svc, m))
    cuec_pool = list(t.CUECS)
    rng.shuffle(cuec_pool)
    cuecs = [(c.format(system=system, short=vendor.short), crit) for c, crit in cuec_pool[: rng.randrange(3, 12)]]
    opinion = "unqualified"
    if kind in ("soc2_type2", "soc2_type1", "soc3"):
        roll = rng.random()
        opinion = "qualified" if roll < 0.2 else ("adverse" if roll < 0.25 and kind == "soc2_type2" else "unqualified")
        if kind == "soc2_type2" and 0.25 <= roll < 0.28:
            opinion = "disclaimer"
    look = r.Look(
        font=rng.choice(("Helvetica", "Times-Roman", "Helvetica")),
        bold="Helvetica-Bold",
        size=rng.choice((9.5, 10, 10.5)),
        justify=rng.random() < 0.4,
        pagesize=r.PAGE_SIZES["a4" if european else "letter"],
        header=rng.choice((None, f"{vendor.name}", f"{vendor.short} | {_doc_title(kind)}")),
        header_right=rng.choice((None, _doc_title(kind), "Confidential – Restricted Use")),
        footer=rng.choice((None, "Confidential", f"Proprietary and confidential – {vendor.short}")),
        page_format=rng.choice(("Page {n} of {total}", "{n}", "Page {n}", "- {n} -")),
        watermark=rng.choice((None, None, "CONFIDENTIAL", "Confidential")),
    )
    if look.font == "Times-Roman":
        look = r.Look(**{**look.__dict__, "bold": "Times-Bold"})
    plan = Plan(
        kind=kind, vendor=vendor, auditor=w.auditor(rng), city=rng.choice(w.US_PLACES), system=system,
        categories=categories, start=start, end=end, report_date=report_date,
        cover_style=rng.choice(("classic", "banner", "split", "minimal")), cover_dates=cover_dates,
        body_dates=body_dates,
        opinion=opinion, subservice=subs, cuec_style=rng.choice(("table", "bullets", "criteria_first", "numbered")),
        cuecs=cuecs, id_scheme=rng.choice(("domain", "criterion", "numeric", "dotted")),
        test_layout=test_layout or rng.choice(("flat", "by_criterion", "by_area")),
        response_place=rng.choice(("table", "inline", "section5", "table", "none", "cell")),
        ai=rng.choice(("none", "none", "none", "in_scope", "in_scope", "excluded")),
        two_column=rng.random() < 0.35, section_style=rng.choice(SECTION_STYLES), tsc_phrase=rng.randrange(3),
        filler_pages=filler_pages if filler_pages is not None else rng.randrange(0, 3), look=look,
    )
    plan.landscape_tests = kind == "soc2_type2" and rng.random() < 0.3
    if interleaved:
        plan.interleaved, plan.two_column, plan.ai = True, False, "in_scope"
    _pick_controls(plan, rng, controls)
    return plan


def _doc_title(kind: str) -> str:
    return {"soc2_type1": "SOC 2 Type 1 Report", "soc2_type2": "SOC 2 Type 2 Report", "soc3": "SOC 3 Report"}[kind]


def _pick_controls(plan: Plan, rng: random.Random, n: int | None) -> None:
    allowed = set(_criteria_in_scope(plan))
    pool = [c for c in t.CONTROLS if all(x.split(".")[0] in allowed or x.startswith("CC") for x in c.criteria)]
    count = n if n is not None else rng.randrange(14, len(pool) + 1)
    chosen: list[t.Control] = []
    while len(chosen) < count:
        chosen.extend(rng.sample(pool, min(len(pool), count - len(chosen))))
    chosen.sort(key=lambda c: _crit_key(c.criteria[0]))
    counters: dict[str, int] = {}
    for i, c in enumerate(chosen, start=1):
        if plan.id_scheme == "domain":
            counters[c.domain] = counters.get(c.domain, 0) + 1
            cid = f"{c.domain}-{counters[c.domain]:02d}"
        elif plan.id_scheme == "criterion":
            counters[c.criteria[0]] = counters.get(c.criteria[0], 0) + 1
            cid = f"{c.criteria[0]}.{counters[c.criteria[0]]}"
        elif plan.id_scheme == "numeric":
            cid = f"C-{100 + i}"
        else:
            cid = f"{c.domain}.{i:03d}"
        plan.controls.append((cid, c))
    if plan.kind != "soc2_type2":
        return
    n_exc = rng.choice((0, 0, 1, 1, 2, 3)) if plan.opinion == "unqualified" else rng.choice((1, 2))
    set_exceptions(plan, rng, n_exc)


def set_exceptions(plan: Plan, rng: random.Random, count: int) -> None:
    """Choose ``count`` tested controls that failed, with the finding and management's response."""
    plan.exceptions = []
    for cid, c in rng.sample(plan.controls, min(count, len(plan.controls))):
        n = rng.choice((25, 40, 60, 25, 15))
        k = rng.randrange(1, 4)
        text = rng.choice(t.EXCEPTION_FORMS).format(k=k, n=n, population=c.population, failure=c.failure)
        plan.exceptions.append(Exc(cid, c, text, rng.choice(t.RESPONSES) if plan.response_place != "none" else None))
    plan.exceptions.sort(key=lambda e: [x for x, _ in plan.controls].index(e.control_id))


def _crit_key(crit: str) -> tuple[int, int, int]:
    fam = {"CC": 0, "A1": 1, "C1": 2, "PI": 3, "P": 4}
    head, _, num = crit.partition(".")
    prefix = "CC" if head.startswith("CC") else head[:2]
    major = int(head[2:]) if head.startswith("CC") else 0
    return (fam.get(prefix, 5), major, int(num or 0))


def _criteria_in_scope(plan: Plan) -> list[str]:
    fam = {"availability": "A1", "confidentiality": "C1", "processing_integrity": "PI1", "privacy": "P1"}
    return ["CC", *[fam[c] for c in plan.categories if c in fam]]


# ---------------------------------------------------------------- building


def build(
    kind: str, seed: int, *, controls: int | None = None, filler_pages: int | None = None,
    test_layout: str | None = None, interleaved: bool = False,
) -> tuple[bytes, dict[str, Any]]:
    """One report; ``controls``, ``filler_pages`` and ``test_layout`` ('flat', 'by_criterion', 'by_area',
    'per_control') override the seed's choice, for the large report the benchmark needs; ``interleaved`` draws the
    description's opening (with its AI statement) as two columns written line by line across the page."""
    plan = make_plan(kind, seed, controls=controls, filler_pages=filler_pages, test_layout=test_layout,
                     interleaved=interleaved)
    return render_plan(plan, seed)


def render_plan(plan: Plan, seed: int) -> tuple[bytes, dict[str, Any]]:
    """Print a (possibly hand-adjusted) plan; the seed only drives the remaining wording choices."""
    kind = plan.kind
    rng = random.Random(f"{kind}:{seed}:text")
    ex = Expect(kind)
    ex.notes.update(cover=plan.cover_style, cuec_style=plan.cuec_style, ids=plan.id_scheme, tests=plan.test_layout,
                    responses=plan.response_place, two_column=plan.two_column, ai=plan.ai, opinion=plan.opinion,
                    dates=f"{plan.cover_dates}/{plan.body_dates}", watermark=plan.look.watermark,
                    landscape=plan.landscape_tests, interleaved=plan.interleaved)
    st = r.styles_for(plan.look)
    story: list[Flowable] = []
    story += _cover(plan, st, ex, rng)
    story += r.switch("one")
    if plan.kind != "soc3" and rng.random() < 0.7:
        story += _contents(plan, st)
        story.append(r.page_break())
    story += _auditor_report(plan, st, ex, rng)
    story.append(r.page_break())
    story += _assertion(plan, st, rng)
    if plan.kind == "soc3":
        story += _soc3_description(plan, st, ex, rng)
    else:
        story += r.switch("two") if plan.two_column else [r.page_break()]
        story += _description(plan, st, ex, rng)
        story += r.switch("wide" if plan.landscape_tests else "one")
        story += _tests(plan, st, ex, rng)
    _expect_common(plan, ex)
    pdf = r.render(story, plan.look, title=f"{plan.vendor.short} {_doc_title(kind)}", author=plan.auditor)
    name = f"{plan.vendor.short.lower()}-{kind.replace('_', '-')}-{seed}.pdf"
    return pdf, ex.resolve(pdf, name)


def _expect_common(plan: Plan, ex: Expect) -> None:
    ex.set("vendor", plan.vendor.name, plan.vendor.name)
    if plan.kind == "soc2_type1":
        ex.warn_about.append("Type 1")
    if plan.opinion != "unqualified":
        ex.warn_about.append(plan.opinion)
    if any(m == "carve-out" for _, _, m in plan.subservice):
        ex.warn_about.append("carve")
    if plan.kind != "soc1" and plan.end < STALE_BEFORE:
        ex.warn_about.append("12 months")


def _cover(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    out: list[Flowable] = [r.space(60)]
    cats = _cats_title(plan)
    type_word = {"soc2_type1": rng.choice(("Type 1", "Type I")), "soc2_type2": rng.choice(("Type 2", "Type II")),
                 "soc3": ""}[plan.kind]
    if plan.kind == "soc2_type1":
        when = f"As of {w.fmt(plan.end, plan.cover_dates)}"
        ex.set("period_end", plan.end.isoformat(), when)
    else:
        assert plan.start is not None
        rng_text = _period(plan, plan.cover_dates, rng)
        if plan.cover_style == "split":
            # The period split across a line break, as narrow cover boxes print it.
            first = w.fmt(plan.start, plan.cover_dates)
            rest = rng_text.partition(first + " ")[2]
            when = f"Throughout the period {first}\n{rest}"
        else:
            when = rng.choice(("For the Period ", "For the period ", "Reporting period: ", "")) + rng_text
        ex.set("period_start", plan.start.isoformat(), when)
        ex.set("period_end", plan.end.isoformat(), when)
    if plan.cover_style == "classic":
        # Covers often set the name in capitals; the body then gives it in its usual case.
        cover_name = plan.vendor.name.upper() if rng.random() < 0.25 else plan.vendor.name
        out.append(r.para(cover_name, st.subtitle))
        out.append(r.space(30))
        soc3_label = rng.choice(("SOC 3® Report", "System and Organization Controls 3 (SOC 3®) Report"))
        # Some covers say only "SOC 2® Report": the type is then told by "as of" vs "throughout the period".
        untyped = rng.random() < 0.15
        label = soc3_label if plan.kind == "soc3" else ("SOC 2® Report" if untyped else f"SOC 2® {type_word} Report")
        out.append(r.para(label, st.title))
        if plan.kind == "soc3":
            line = f"Report on {plan.vendor.short}’s {plan.system} System Relevant to {cats}"
            scope_q = f"{plan.vendor.short}’s {plan.system} System"
        else:
            effect = "Design" if plan.kind == "soc2_type1" else "Design and Operating Effectiveness"
            if rng.random() < 0.7:
                line = (f"Report on {plan.vendor.short}’s Description of Its {plan.system} System and on the "
                        f"Suitability of the {effect} of Its Controls Relevant to {cats}")
                scope_q = f"Description of Its {plan.system} System"
            else:
                line = (f"Report on Controls at a Service Organization Relevant to {cats} for the {plan.system} "
                        "System")
                scope_q = f"for the {plan.system} System"
        out.append(r.para(line, st.subtitle))
        ex.set("scope", plan.system, scope_q)
        ex_cat_quote = f"Relevant to {cats}"
    elif plan.cover_style == "banner":
        label = ("System and Organization Controls (SOC) 3 Report" if plan.kind == "soc3"
                 else f"System and Organization Controls (SOC) 2 {type_word} Report")
        out.append(r.para(label, st.title))
        out.append(r.space(20))
        out.append(r.para(plan.vendor.name, st.subtitle))
        out.append(r.para(plan.system, st.subtitle))
        ex.set("scope", plan.system, plan.system)
        ex_cat_quote = f"Relevant to the Trust Services Criteria for {cats}"
        out.append(r.para(ex_cat_quote, st.center))
    elif plan.cover_style == "minimal":
        # Only the name, the report and the period: the system and the categories are first stated in Section I.
        out.append(r.para(plan.vendor.name, st.title))
        out.append(r.para("SOC 3 Report" if plan.kind == "soc3" else f"SOC 2 {type_word} Report", st.subtitle))
        cats_lower = _cats_lower(plan)
        if plan.kind == "soc3":
            ex.set("scope", plan.system, f"controls within {plan.vendor.short}’s {plan.system} system")
        else:
            ex.set("scope", plan.system, f"description of its {plan.system} system")
        ex_cat_quote = f"relevant to {cats_lower}"
    else:
        out.append(r.para(plan.vendor.name, st.title))
        label = "SOC 3" if plan.kind == "soc3" else f"SOC 2 {type_word}"
        out.append(r.para(f"{label} – Independent Service Auditor’s Report on the {plan.system} System", st.subtitle))
        ex.set("scope", plan.system, f"on the {plan.system} System")
        ex_cat_quote = f"Relevant to {cats}"
        out.append(r.para(f"Controls Relevant to {cats}", st.center))
    for c in plan.categories:
        ex.add("tsc_categories", c, ex_cat_quote)
    out.append(r.space(24))
    out.append(r.para(when, st.subtitle))
    if rng.random() < 0.3:
        out.append(r.space(30))
        out.append(r.para(f"Prepared by {plan.auditor}", st.center))
    if rng.random() < 0.5:
        out.append(r.space(140))
        out.append(r.para("This report is intended solely for the information and use of the specified parties "
                          f"identified in {_section(plan, 1)} and is confidential.", st.small))
    return out


def _contents(plan: Plan, st: r.Styles) -> list[Flowable]:
    rows = [["", ""],
            [f"{_section(plan, 1)}: Independent Service Auditor’s Report", ""],
            [f"{_section(plan, 2)}: Assertion of {plan.vendor.short} Management", ""],
            [f"{_section(plan, 3)}: {plan.vendor.short}’s Description of the {plan.system} System", ""],
            [f"{_section(plan, 4)}: Trust Services Criteria, Related Controls and Tests of Controls", ""]]
    if plan.response_place == "section5" and plan.kind == "soc2_type2":
        rows.append([f"{_section(plan, 5)}: Other Information Provided by {plan.vendor.short}", ""])
    return [r.para("Table of Contents", st.h1), r.table(rows, st, [380, 60], header=False, grid=False)]


def _tsc_sentence(plan: Plan) -> tuple[str, str]:
    """The sentence naming the criteria set, and the phrase that identifies it as the 2017 TSC."""
    if plan.tsc_phrase == 0:
        q = ("2017 Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, "
             "and Privacy")
        return f"set forth in TSP section 100, {q} (AICPA, Trust Services Criteria)", q
    if plan.tsc_phrase == 1:
        q = ("TSP section 100, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, "
             "Confidentiality, and Privacy (With Revised Points of Focus — 2022)")
        return f"set forth in {q}", q
    q = "Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, and Privacy (2017)"
    return f"in the AICPA’s {q}", q


def _auditor_report(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    v, s = plan.vendor, plan.vendor.short
    heading = rng.choice(("Independent Service Auditor’s Report", "Independent Service Auditor’s Report",
                          "Report of Independent Service Auditors",
                          "Independent Service Auditor’s Report on a SOC 2® Examination"
                          if plan.kind != "soc3" else "Independent Service Auditor’s Report"))
    out: list[Flowable] = [r.para(f"{_section(plan, 1)}: {heading}", st.h1)]
    if rng.random() < 0.3:
        # The report printed on the audit firm's letterhead.
        city, state = plan.city
        out.insert(0, r.table([[plan.auditor, f"{rng.randrange(100, 2000)} Commerce Street"],
                               ["Certified Public Accountants", f"{city}, {state}"]], st, [260, 220],
                              header=False, grid=False))
    out.append(r.para(f"To the Management of {v.name}:" if rng.random() < 0.7 else f"To {v.name}:", st.body))
    out.append(r.para("Scope", st.h3))
    tsc_text, tsc_q = _tsc_sentence(plan)
    ex.add("standards", "AICPA TSC 2017", tsc_q)
    cats = _cats_lower(plan)
    if plan.kind == "soc2_type1":
        when = f"as of {w.fmt(plan.end, plan.body_dates)}"
        what = "the suitability of the design of controls stated in the description"
    else:
        when = f"throughout the period {_period(plan, plan.body_dates, rng)}"
        what = "the suitability of the design and operating effectiveness of controls stated in the description"
    if plan.kind == "soc3":
        out.append(r.para(
            f"We have examined {s}’s accompanying assertion titled “Assertion of {s} Management” (assertion) that the "
            f"controls within {s}’s {plan.system} system (system) were effective {when}, to provide reasonable "
            f"assurance that {s}’s service commitments and system requirements were achieved based on the trust "
            f"services criteria relevant to {cats} (applicable trust services criteria) {tsc_text}.", st.body))
    else:
        out.append(r.para(
            f"We have examined {s}’s accompanying description of its {plan.system} system titled “{s}’s Description "
            f"of the {plan.system} System” {when} (description) based on the criteria for a description of a service "
            f"organization’s system in DC section 200, 2018 Description Criteria for a Description of a Service "
            f"Organization’s System in a SOC 2® Report (description criteria), and {what} {when}, to provide "
            f"reasonable assurance that {s}’s service commitments and system requirements were achieved based on the "
            f"trust services criteria relevant to {cats} (applicable trust services criteria) {tsc_text}.", st.body))
    if plan.kind != "soc3" and rng.random() < 0.1:
        # A "SOC 2+" report maps its controls to another framework too; the opinion does not cover that mapping.
        out.append(r.para(
            f"{s} has also mapped its controls to the Cloud Security Alliance Cloud Controls Matrix (CCM) v4.0. That "
            "mapping is presented by management as other information and is not covered by our opinion.", st.body))
    out += _subservice_paragraphs(plan, st, ex, rng)
    if plan.kind != "soc3":
        out.append(r.para(
            "The description indicates that complementary user entity controls that are suitably designed and "
            f"operating effectively are necessary, along with controls at {s}, to achieve {s}’s service commitments "
            "and system requirements based on the applicable trust services criteria. Our examination did not "
            "include such complementary user entity controls, and we have not evaluated the suitability of the "
            "design or operating effectiveness of such controls.", st.body))
    out.append(r.para("Service Organization’s Responsibilities", st.h3))
    out.append(r.para(
        f"{s} is responsible for its service commitments and system requirements and for designing, implementing, "
        f"and operating effective controls within the system to provide reasonable assurance that {s}’s service "
        f"commitments and system requirements were achieved. {s} has provided the accompanying assertion about the "
        "effectiveness of controls within the system. When preparing its assertion, management is responsible for "
        "selecting the applicable trust services criteria and for identifying the risks that would threaten the "
        "achievement of its service commitments and system requirements.", st.body))
    out.append(r.para("Service Auditor’s Responsibilities", st.h3))
    out.append(r.para(
        "Our responsibility is to express an opinion based on our examination. Our examination was conducted in "
        "accordance with attestation standards established by the American Institute of Certified Public "
        "Accountants. Those standards require that we plan and perform our examination to obtain reasonable "
        "assurance about whether, in all material respects, the matters examined are presented and operated in "
        "accordance with the applicable criteria. We believe that the evidence we obtained is sufficient and "
        "appropriate to provide a reasonable basis for our opinion.", st.body))
    out.append(r.bullets([
        "Obtaining an understanding of the system and the service organization’s service commitments and system "
        "requirements",
        "Assessing the risks that controls were not suitably designed or did not operate effectively",
        "Performing procedures to obtain evidence about whether controls within the system were suitably designed "
        "and operated effectively to achieve the service commitments and system requirements",
    ], st.body))
    out.append(r.para("Inherent Limitations", st.h3))
    out.append(r.para(
        "There are inherent limitations in the effectiveness of any system of internal control, including the "
        "possibility of human error and the circumvention of controls. Because of their nature, controls may not "
        "always operate effectively to provide reasonable assurance that the service organization’s commitments "
        "and requirements are achieved. Projections of any evaluation to future periods are subject to the risk "
        "that controls may become inadequate because of changes in conditions.", st.body))
    if plan.kind == "soc2_type2":
        out.append(r.para("Description of Tests of Controls", st.h3))
        out.append(r.para(f"The specific controls we tested and the nature, timing, and results of those tests are "
                          f"listed in {_section(plan, 4)}.", st.body))
    out += _opinion(plan, st, ex, rng, when)
    out += _signature(plan, st, ex, rng)
    return out


def _subservice_paragraphs(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    # A SOC 1 report speaks of control objectives where a SOC 2 report speaks of the criteria.
    crit = "control objectives" if plan.kind == "soc1" else "trust services criteria"
    out: list[Flowable] = []
    carved = [(n, svc) for n, svc, m in plan.subservice if m == "carve-out"]
    incl = [(n, svc) for n, svc, m in plan.subservice if m == "inclusive"]
    if carved:
        form = rng.randrange(3)
        names = t.join_words([n for n, _ in carved])
        svcs = t.join_words([svc for _, svc in carved])
        if form == 0 or len(carved) == 1 and form == 1:
            role = "a subservice organization" if len(carved) == 1 else "subservice organizations"
            tail = " services, respectively" if len(carved) > 1 else " services"
            lead = f"{s} uses {names}, {role}, to provide {svcs}{tail}."
            rest = (f" The description includes only the controls of {s} and excludes controls of the subservice "
                    f"organization{'s' if len(carved) > 1 else ''}. The description also indicates that certain "
                    f"{crit} can be achieved only if complementary subservice organization controls "
                    f"assumed in the design of {s}’s controls are suitably designed and operating effectively. Our "
                    "examination did not extend to controls of the subservice organizations, and we have not "
                    "evaluated the suitability of the design or operating effectiveness of such complementary "
                    "subservice organization controls.")
        elif form == 1:
            lead = (f"{s} relies on {names} as subservice organizations for {svcs}, respectively.")
            rest = (" The description presents only the controls of " + s + "; the subservice organizations have "
                    "been carved out of the scope of this examination, and the complementary subservice organization "
                    "controls they are expected to perform are listed in the description.")
        else:
            role = "subservice organization" if len(carved) == 1 else "subservice organizations"
            lead = f"The services provided by the {role} {names} ({svcs}) are presented using the carve-out method."
            who = "this subservice organization" if len(carved) == 1 else "these subservice organizations"
            rest = (f" Controls performed by {who} are excluded from the description and from the scope of our "
                    "examination.")
        out.append(r.para(lead + rest, st.body))
        for n, _ in carved:
            ex.add("subservice_organizations", n, lead, method="carve-out")
    for n, svc in incl:
        if rng.random() < 0.5:
            lead = f"{s} uses {n}, a subservice organization, to provide {svc} services."
            rest = (" The description includes those elements of the services provided by the subservice "
                    f"organization that are relevant to the applicable {crit}, together with the "
                    "relevant controls of the subservice organization (the inclusive method). Our examination "
                    "included the services and controls of the subservice organization.")
        else:
            lead = (f"The accompanying description includes the controls of {n}, which performs {svc} for {s}, "
                    "presented using the inclusive method.")
            rest = " Our examination extended to those controls."
        out.append(r.para(lead + rest, st.body))
        ex.add("subservice_organizations", n, lead, method="inclusive")
    return out


def _opinion(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random, when: str) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = []
    if plan.opinion == "disclaimer":
        out.append(r.para("Basis for Disclaimer of Opinion", st.h3))
        out.append(r.para(
            f"{s} was unable to provide complete and accurate system-generated listings of changes, new users and "
            "terminated users for the period, and we were unable to obtain sufficient appropriate evidence about "
            "the operating effectiveness of the controls that depend on them by other means.", st.body))
        out.append(r.para("Disclaimer of Opinion", st.h3))
        lead = "Accordingly, we do not express an opinion"
        out.append(r.para(
            "Because of the significance of the matter described in the Basis for Disclaimer of Opinion paragraph, "
            "we have not been able to obtain sufficient appropriate evidence to provide a basis for an opinion on "
            f"the description or on the suitability of the design and operating effectiveness of {s}’s controls. "
            f"{lead} on them.", st.body))
        ex.set("opinion", "disclaimer", lead)
        return out
    if plan.opinion != "unqualified":
        e = plan.exceptions[0] if plan.exceptions else None
        basis = "Basis for Qualified Opinion" if plan.opinion == "qualified" else "Basis for Adverse Opinion"
        out.append(r.para(basis, st.h3))
        if e is not None:
            out.append(r.para(
                f"{s} states in its description that “{e.control.activity[:-1].lower()}”. However, as noted in "
                f"{_section(plan, 4)}, our tests of control {e.control_id} found that {e.control.failure}. As a "
                f"result, the control did not operate effectively {when} to provide reasonable assurance that "
                f"{s}’s service commitments and system requirements were achieved based on criterion "
                f"{e.control.criteria[0]}.", st.body))
        else:
            out.append(r.para(
                f"{s}’s description states that user access reviews are performed quarterly. However, {s} did not "
                "retain evidence that the reviews were performed, and we were therefore unable to test the "
                "operation of that control.", st.body))
    out.append(r.para("Opinion" if plan.opinion == "unqualified" else
                      ("Qualified Opinion" if plan.opinion == "qualified" else "Adverse Opinion"), st.h3))
    if plan.opinion == "unqualified":
        lead = rng.choice(("In our opinion, in all material respects,", "In our opinion, in all material respects,",
                           "In our opinion, in all material respects:"))
    elif plan.opinion == "qualified":
        lead = rng.choice(("In our opinion, except for the matter described in the preceding paragraph, in all "
                           "material respects,",
                           "Except for the matter described in the Basis for Qualified Opinion paragraph, in our "
                           "opinion, in all material respects,",
                           "In our opinion, except for the effects of the matter described in the Basis for "
                           "Qualified Opinion paragraph, in all material respects,"))
    else:
        lead = ("In our opinion, because of the significance of the matter described in the Basis for Adverse "
                "Opinion paragraph,")
    ex.set("opinion", plan.opinion, lead)
    if plan.kind == "soc3":
        verb = "were effective" if plan.opinion != "adverse" else "were not effective"
        out.append(r.para(
            f"{lead} management’s assertion that the controls within {s}’s {plan.system} system {verb} {when}, to "
            f"provide reasonable assurance that {s}’s service commitments and system requirements were achieved "
            "based on the applicable trust services criteria is fairly stated.", st.body))
        return out
    present = rng.choice(("presents", "presents fairly"))
    items = [f"the description {present} {s}’s {plan.system} system that was designed and implemented {when} "
             "in accordance with the description criteria."]
    items.append(f"the controls stated in the description were suitably designed {when} to provide reasonable "
                 f"assurance that {s}’s service commitments and system requirements would be achieved based on the "
                 "applicable trust services criteria, if its controls operated effectively and if user entities "
                 "applied the complementary controls assumed in the design of its controls.")
    if plan.kind == "soc2_type2":
        neg = "did not operate" if plan.opinion == "adverse" else "operated"
        items.append(f"the controls stated in the description {neg} effectively {when} to provide reasonable "
                     f"assurance that {s}’s service commitments and system requirements were achieved based on the "
                     "applicable trust services criteria.")
    out.append(r.para(lead, st.body))
    out.append(r.bullets(items, st.body, kind="a"))
    out.append(r.para("Restricted Use", st.h3))
    out.append(r.para(
        f"This report is intended solely for the information and use of {s}, user entities of {s}’s {plan.system} "
        "system, prospective user entities, and regulators who have sufficient knowledge and understanding of the "
        "system and the applicable trust services criteria. It is not intended to be, and should not be, used by "
        "anyone other than these specified parties.", st.body))
    return out


def _signature(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    city, state = plan.city
    d = w.fmt(plan.report_date, plan.body_dates)
    out: list[Flowable] = [r.space(14)]
    order = rng.randrange(3)
    if order == 0:
        out += [r.para(plan.auditor, st.body), r.para(f"{city}, {state}", st.body), r.para(d, st.body)]
        ex.set("report_date", plan.report_date.isoformat(), f"{city}, {state} {d}")
    elif order == 1:
        out += [r.para(f"/s/ {plan.auditor}", st.body), r.para(f"{city}, {state}\n{d}", st.body)]
        ex.set("report_date", plan.report_date.isoformat(), f"{city}, {state} {d}")
    else:
        out += [r.para(d, st.body), r.para(plan.auditor, st.body), r.para(f"{city}, {state}", st.body)]
        ex.set("report_date", plan.report_date.isoformat(), d)
    ex.set("issuer", plan.auditor, plan.auditor)
    return [r.keep(*out)]


def _assertion(plan: Plan, st: r.Styles, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    when = (f"as of {w.fmt(plan.end, plan.body_dates)}" if plan.kind == "soc2_type1"
            else f"throughout the period {_period(plan, plan.body_dates, rng)}")
    out: list[Flowable] = [r.para(f"{_section(plan, 2)}: Assertion of {s} Management", st.h1)]
    out.append(r.para(
        f"We are responsible for designing, implementing, operating, and maintaining effective controls within "
        f"{s}’s {plan.system} system {when} to provide reasonable assurance that {s}’s service commitments and "
        f"system requirements relevant to {_cats_lower(plan)} were achieved. We confirm, to the best of our "
        "knowledge and belief, that:", st.body))
    items = [f"the description presents the system that was designed and implemented {when} in accordance with "
             "the description criteria.",
             f"the controls stated in the description were suitably designed {when} to provide reasonable assurance "
             "that the service commitments and system requirements would be achieved."]
    if plan.kind != "soc2_type1":
        items.append(f"the controls stated in the description operated effectively {when}.")
    out.append(r.bullets(items, st.body, kind="a"))
    out.append(r.space(12))
    out.append(r.para(rng.choice(w.PEOPLE), st.body))
    out.append(r.para(f"{rng.choice(('Chief Executive Officer', 'Chief Information Security Officer'))}, "
                      f"{plan.vendor.name}", st.body))
    return out


_FILLER = (
    "Control Environment",
    "The board of directors meets quarterly and receives a security briefing from the Chief Information Security "
    "Officer at least twice each year. Hiring managers define role requirements, and job descriptions are reviewed "
    "when responsibilities change. Performance reviews are completed annually for all personnel.",
    "Risk Assessment Process",
    "The security team facilitates an annual risk assessment that considers changes in the threat landscape, in the "
    "regulatory environment, and in the system itself. Each risk is rated for likelihood and impact, assigned an "
    "owner, and tracked to closure in the risk register.",
    "Information and Communication",
    "Policies are published on the company intranet. Changes to the system that affect customers are announced in "
    "release notes and, where they change security commitments, by email to administrative contacts.",
    "Monitoring Activities",
    "Internal audit reviews a rotating selection of controls each quarter. Findings are assigned owners and due "
    "dates, and open items are reported to the executive team until closed.",
    "Change Management",
    "Engineers work in short-lived branches. Every change is reviewed by a second engineer, built and tested by the "
    "continuous integration pipeline, and deployed by automation; emergency changes are reviewed retrospectively "
    "within two business days.",
    "Data Backup and Recovery",
    "Databases are replicated across availability zones and backed up daily to storage in a separate region. "
    "Backups are encrypted and retained for thirty-five days. Restoration is exercised at least annually.",
)


def _description(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    v, s = plan.vendor, plan.vendor.short
    out: list[Flowable] = [r.para(f"{_section(plan, 3)}: {s}’s Description of the {plan.system} System", st.h1)]
    out.append(r.para("Company Overview and Services Provided", st.h2))
    overview = (
        f"{v.name} (“{s}” or “the Company”) was founded in {rng.randrange(1998, 2019)} and provides the {plan.system} "
        f"to customers in {rng.choice(('North America', 'Europe and North America', 'the United States'))}. "
        "Customers reach the service through a web application and a documented REST API.")
    if plan.interleaved:
        # The overview and the AI statement in the left column, the control environment in the right, written
        # line by line across the page.
        left = [overview, *_ai_sentences(plan, ex, rng, by_prefix=True)]
        right = [_FILLER[1], _FILLER[3]]
        out.append(r.InterleavedColumns(left, right, plan.look.font, plan.look.size))
    else:
        out.append(r.para(overview, st.body))
        out += _ai_paragraph(plan, st, ex, rng)
    out.append(r.para("Principal Service Commitments and System Requirements", st.h2))
    out.append(r.bullets([
        "Encryption of customer data at rest and in transit",
        "Role-based access with multi-factor authentication for administrative functions",
        "Monitoring of the production environment and response to security incidents",
        "A target monthly availability of 99.9 percent, excluding scheduled maintenance",
    ], st.body))
    out.append(r.para("Components of the System", st.h2))
    host = next((n for n, _, _ in plan.subservice), "the Company’s own data centers")
    comp = [["Component", "Description", "Provider"],
            ["Application tier", "Containerized services behind managed load balancers", host],
            ["Database tier", "Managed relational database clusters with encryption at rest", host],
            ["Identity", "Corporate single sign-on with multi-factor authentication", "Corporate SaaS"],
            ["Logging", "Central log aggregation and alerting", "Corporate SaaS"]]
    width = 230 if plan.two_column else 480
    out.append(r.table(comp, st, [width * 0.25, width * 0.5, width * 0.25], zebra=rng.random() < 0.5))
    out.append(r.space(8))
    for i in range(0, len(_FILLER), 2):
        out.append(r.para(_FILLER[i], st.h2))
        out.append(r.para(_FILLER[i + 1], st.body))
    for _ in range(plan.filler_pages * 9):
        j = rng.randrange(0, len(_FILLER), 2)
        out.append(r.para(_FILLER[j + 1], st.body))
    out += _changes_and_incidents(plan, st, rng)
    out += _subservice_section(plan, st, rng, width)
    out += _cuec_section(plan, st, ex, rng, width)
    return out


def _changes_and_incidents(plan: Plan, st: r.Styles, rng: random.Random) -> list[Flowable]:
    """Dates inside the period that are not the period: a migration, a policy change, an incident."""
    s = plan.vendor.short
    start = plan.start or (plan.end - timedelta(days=200))
    when = start + timedelta(days=rng.randrange(20, max(21, (plan.end - start).days - 20)))
    out: list[Flowable] = [r.para("Significant Changes During the Period", st.h2)]
    if rng.random() < 0.6:
        out.append(r.para(f"On {w.fmt(when, plan.body_dates)}, {s} completed the migration of its production "
                          "databases to a new managed database service. Access and change controls were applied to "
                          "the new service from that date.", st.body))
    else:
        out.append(r.para("There were no significant changes to the system during the period.", st.body))
    out.append(r.para("System Incidents", st.h2))
    out.append(r.para(f"{s} did not identify any system incidents during the period that resulted in a failure to "
                      "meet its service commitments and system requirements.", st.body))
    return out


def _ai_paragraph(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    return [r.para(text, st.body) for text in _ai_sentences(plan, ex, rng)]


def _ai_sentences(plan: Plan, ex: Expect, rng: random.Random, *, by_prefix: bool = False) -> list[str]:
    s = plan.vendor.short
    if plan.ai == "in_scope":
        sentence = rng.choice((
            f"The machine learning models that {s} uses to score and route incoming records are part of the "
            "system and are included in the scope of this examination.",
            f"The scope of this report includes the AI-assisted classification feature of the {plan.system}, "
            "including the training and deployment pipeline for its machine learning models.",
            f"The {plan.system} includes a large language model assistant that drafts replies for customer "
            "agents; the assistant, its prompt templates and its model hosting are within the boundaries of the "
            "system.",
        ))
        ex.ai(sentence, sentence, by_prefix=by_prefix)
        return [sentence]
    if plan.ai == "excluded":
        return [f"{s}’s research prototypes, including experimental generative AI features offered in private "
                "preview, are not part of the system and are excluded from this description."]
    return []


def _subservice_section(plan: Plan, st: r.Styles, rng: random.Random, width: float) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = [r.para("Subservice Organizations", st.h2)]
    if not plan.subservice:
        out.append(r.para(f"{s} does not use subservice organizations to perform any of the controls described in "
                          "this report.", st.body))
        return out
    out.append(r.para(f"{s} uses the following subservice organizations in support of the {plan.system}:", st.body))
    if plan.two_column:
        # A narrow column lists them rather than squeezing a three-column table into it.
        out.append(r.bullets([f"{n}: {svc} ({m} method)" for n, svc, m in plan.subservice], st.body))
    else:
        rows = [["Subservice organization", "Services provided", "Method"]]
        rows += [[n, svc[0].upper() + svc[1:], m.capitalize()] for n, svc, m in plan.subservice]
        out.append(r.table(rows, st, [width * 0.38, width * 0.42, width * 0.2]))
    carved = [n for n, _, m in plan.subservice if m == "carve-out"]
    if carved:
        out.append(r.para("Complementary Subservice Organization Controls", st.h3))
        out.append(r.para(f"{s}’s controls were designed with the assumption that the following controls would be "
                          "implemented by the carved-out subservice organizations:", st.body))
        out.append(r.bullets([c.format(host=carved[0], system=plan.system) for c in t.CSOCS], st.body))
    return out


def _cuec_section(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random, width: float) -> list[Flowable]:
    s = plan.vendor.short
    heading = rng.choice(("Complementary User Entity Controls", "Complementary User Entity Controls (CUECs)",
                          "User Entity Responsibilities"))
    out: list[Flowable] = [r.para(heading, st.h2)]
    out.append(r.para(
        f"{s}’s controls were designed with the assumption that certain controls would be implemented by user "
        "entities. The controls below are those that user entities should have in place; user entities should "
        "evaluate whether they are in operation.", st.body))
    style = plan.cuec_style
    if style in ("table", "criteria_first"):
        if style == "table":
            rows = [["#", "Complementary User Entity Control", "Related Criteria"]]
            rows += [[str(i), c, ", ".join(crit)] for i, (c, crit) in enumerate(plan.cuecs, start=1)]
            widths = [width * 0.07, width * 0.7, width * 0.23]
        else:
            rows = [["Criteria", "Complementary User Entity Controls"]]
            rows += [[", ".join(crit), c] for c, crit in plan.cuecs]
            widths = [width * 0.22, width * 0.78]
        out.append(r.table(rows, st, widths))
        for c, crit in plan.cuecs:
            ex.add("cuecs", c, c, criteria=list(crit))
    else:
        out.append(r.bullets([c for c, _ in plan.cuecs], st.body, kind="bullet" if style == "bullets" else "1"))
        for c, _ in plan.cuecs:
            ex.add("cuecs", c, c, criteria=[])
    return out


def _tests(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = [r.para(f"{_section(plan, 4)}: Trust Services Criteria, Related Controls and Tests of "
                                  "Controls", st.h1)]
    scale = 1.4 if plan.landscape_tests else 1.0
    if plan.kind == "soc2_type1":
        out.append(r.para(f"The controls below are specified by {s}. Tests of operating effectiveness are not "
                          "within the scope of a Type 1 examination.", st.body))
        rows = [["Control", "Criteria", "Control Activity Specified by the Service Organization"]]
        rows += [[cid, ", ".join(c.criteria), c.activity] for cid, c in plan.controls]
        out.append(r.table(rows, st, [60, 70, 350]))
        return out
    out.append(r.para("Types of tests performed: inquiry of appropriate personnel, observation of the "
                      "performance of the control, inspection of documents and records, and re-performance of the "
                      "control. Where a population was sampled, sample sizes followed the firm’s guidance for the "
                      "frequency of the control.", st.body))
    exc = {e.control_id: e for e in plan.exceptions}
    header = ["Control #", "Criteria", "Control Activity", "Tests Performed by the Service Auditor", "Results"]
    widths = [x * scale for x in (52, 52, 130, 150, 106)]
    groups: list[tuple[str | None, list[tuple[str, t.Control]]]] = []
    if plan.test_layout == "flat":
        groups = [(None, plan.controls)]
    elif plan.test_layout == "per_control":
        groups = [(f"{cid}: {c.activity}", [(cid, c)]) for cid, c in plan.controls]
    else:
        for cid, c in plan.controls:
            key = c.criteria[0] if plan.test_layout == "by_criterion" else c.domain
            if not groups or groups[-1][0] != key:
                groups.append((key, []))
            groups[-1][1].append((cid, c))
    area_names = {"GV": "Control Environment", "HR": "Human Resources", "RM": "Risk Management",
                  "MN": "Monitoring", "PL": "Policies", "AC": "Logical Access", "NW": "Network Security",
                  "EP": "Endpoint Security", "OP": "System Operations", "IR": "Incident Response",
                  "CM": "Change Management", "BC": "Backup and Recovery", "AV": "Availability",
                  "CF": "Confidentiality", "PI": "Processing Integrity", "VM": "Vendor Management"}
    # Grouped by criterion, many reports print the criterion once as the group's heading and no criteria column;
    # then the report ties each control to that criterion only.
    no_crit_column = plan.test_layout == "by_criterion" and rng.random() < 0.5
    stated_criteria: dict[str, list[str]] = {}
    response_label = rng.choice(("Management’s Response:", "Management Response:", "Response from management:"))
    if no_crit_column:
        header = [h for h in header if h != "Criteria"]
        widths = [x * scale for x in (60, 150, 170, 110)]
    for group, members in groups:
        if group is not None:
            title = group if plan.test_layout != "by_area" else area_names.get(group, group)
            if no_crit_column:
                title = f"{group} – {t.CRITERIA_TITLES.get(group, 'Trust services criterion')}"
            out.append(r.para(title, st.h3))
        rows = [header]
        spans: list[int] = []
        for cid, c in members:
            e = exc.get(cid)
            result = e.text if e else rng.choice(t.NO_EXCEPTION)
            if e and plan.response_place == "cell":
                # The response in the same results cell, after the finding.
                result = f"{e.text}\n\n{response_label} {e.response or ''}"
            if no_crit_column:
                rows.append([cid, c.activity, c.test, result])
                stated_criteria[cid] = [str(group)]
            else:
                rows.append([cid, ", ".join(c.criteria), c.activity, c.test, result])
                stated_criteria[cid] = list(c.criteria)
            if plan.test_layout == "per_control":
                rows.append(["", "", "", "Inquired of the control owner regarding the performance of the control "
                             "and the handling of any deviations during the period.", ""])
                rows.append(["", "", "", f"Obtained the population of {c.population} for the period, evaluated its "
                             "completeness and accuracy, and selected a sample for inspection.", ""])
            if e and plan.response_place == "inline":
                rows.append([f"{response_label} {e.response or ''}"] + [""] * (len(header) - 1))
                spans.append(len(rows) - 1)
        out.append(r.table(rows, st, widths, spans=spans, zebra=rng.random() < 0.3))
        out.append(r.space(8))
    for e in plan.exceptions:
        ex.add("exceptions", e.text, e.text, control=e.control_id, criteria=stated_criteria[e.control_id],
               management_response=e.response)
    if plan.exceptions and plan.response_place == "table":
        out.append(r.para("Management’s Responses to Exceptions Noted", st.h2))
        rows = [["Control", "Exception Noted", "Management’s Response"]]
        rows += [[e.control_id, e.text, e.response or ""] for e in plan.exceptions]
        out.append(r.table(rows, st, [60, 200, 230]))
    if plan.exceptions and plan.response_place == "section5":
        out.append(r.page_break())
        out.append(r.para(f"{_section(plan, 5)}: Other Information Provided by {s}", st.h1))
        out.append(r.para("The information in this section is presented by management to provide additional "
                          "information and is not part of the description. It has not been subjected to the "
                          "procedures applied in the examination.", st.body))
        out.append(r.para("Management’s Responses to Testing Exceptions", st.h2))
        for e in plan.exceptions:
            out.append(r.para(f"Control {e.control_id}", st.h3))
            out.append(r.para(e.response or "", st.body))
    return out


def _soc3_description(plan: Plan, st: r.Styles, ex: Expect, rng: random.Random) -> list[Flowable]:
    s = plan.vendor.short
    out: list[Flowable] = [r.page_break(),
                           r.para(f"Attachment A: {s}’s Description of the Boundaries of Its {plan.system} System",
                                  st.h1)]
    out.append(r.para(f"{plan.vendor.name} provides the {plan.system} to business customers. The system comprises "
                      "infrastructure, software, people, procedures and data that support the service.", st.body))
    out += _ai_paragraph(plan, st, ex, rng)
    for n, svc, _ in plan.subservice:
        out.append(r.para(f"{s} uses {n} to provide {svc} services.", st.body))
    out.append(r.para("Complementary User Entity Controls", st.h2))
    out.append(r.para("User entities are expected to implement the following controls:", st.body))
    out.append(r.bullets([c for c, _ in plan.cuecs], st.body))
    for c, _ in plan.cuecs:
        ex.add("cuecs", c, c, criteria=[])
    out.append(r.page_break())
    out.append(r.para("Attachment B: Principal Service Commitments and System Requirements", st.h1))
    out.append(r.para(f"{s} makes security commitments to its customers in its master services agreement, "
                      "including encryption of data, restriction of access to authorized personnel, and monitoring "
                      "of the environment for threats.", st.body))
    return out
