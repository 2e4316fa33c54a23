"""Bridge (gap) letters: management's letter covering the time since the last SOC 2 report ended.

The letter names two or three periods (the last report's, the bridge period, sometimes the next report's);
only the bridge period is the letter's own, which is what makes these letters worth generating.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from reportlab.platypus import Flowable

from . import render as r
from . import words as w
from .expect import Expect


def build(seed: int, *, vendor: w.Org | None = None, auditor: str | None = None, system: str | None = None,
          report: tuple[date, date] | None = None, letter_date: date | None = None) -> tuple[bytes, dict[str, Any]]:
    """A bridge letter; the keyword arguments tie it to a given SOC 2 report (vendor, auditor, system, period)."""
    rng = random.Random(f"bridge:{seed}")
    vendor = vendor or w.vendor(rng, european=rng.random() < 0.2)
    auditor = auditor or w.auditor(rng)
    system = system or w.product(rng, vendor.short)
    prev_end = date(2025, 1, 31) + timedelta(days=rng.randrange(0, 420))
    prev_end = (prev_end.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    prev_start = (w.add_years(prev_end, -1) + timedelta(days=1))
    if report is not None:
        prev_start, prev_end = report
    start = prev_end + timedelta(days=1)
    if rng.random() < 0.5:
        end = start + timedelta(days=rng.randrange(45, 180))
        letter = end
    else:
        end = start + timedelta(days=rng.randrange(60, 180))
        end = (end.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        letter = end + timedelta(days=rng.randrange(3, 20))
    if letter_date is not None:
        end = letter = letter_date
    style = rng.choice(("us", "intl", "us_ordinal", "us"))
    look = r.Look(font=rng.choice(("Helvetica", "Times-Roman")), bold="Helvetica-Bold", size=rng.choice((10, 11)),
                  justify=rng.random() < 0.5, footer=rng.choice((None, f"{vendor.name} · Confidential")),
                  page_format=rng.choice(("Page {n}", "{n}")), cover_has_chrome=True,
                  watermark=rng.choice((None, None, "CONFIDENTIAL")))
    st = r.styles_for(look)
    ex = Expect("bridge_letter")
    ex.notes.update(style=style, letter_is_end=letter == end)
    story: list[Flowable] = []
    city, state = rng.choice(w.US_PLACES)
    head = [[vendor.name, f"{rng.randrange(10, 990)} {rng.choice(('Harbor', 'Mill', 'Cedar', 'Station'))} Street"],
            ["", f"{city}, {state}"]]
    story.append(r.table(head, st, [260, 220], header=False, grid=False))
    story.append(r.space(24))
    letter_text = w.fmt(letter, style)
    story.append(r.para(letter_text, st.body))
    story.append(r.para(rng.choice(("To our valued customers:", "Dear Customer,", "To Whom It May Concern:")),
                        st.body))
    title = rng.choice(("Re: SOC 2 Type 2 Bridge Letter", "Subject: SOC 2® Bridge Letter",
                        "RE: Gap Letter for the SOC 2 Type II Report"))
    story.append(r.para(title, st.h3))
    prev = w.fmt_range(prev_start, prev_end, style, rng)
    intro = rng.choice((0, 0, 1, 1, 2))
    if intro == 2:
        # Some letters never name the audit firm: then the letter states no issuer.
        story.append(r.para(
            f"{vendor.name} (“{vendor.short}”) undergoes an annual SOC 2 Type 2 examination of its {system} by an "
            f"independent service auditor. The most recent report covered the period {prev}.", st.body))
        scope_q = f"examination of its {system}"
        issuer_q = ""
    elif intro == 0:
        issued = prev_end + timedelta(days=rng.randrange(25, 60))
        dated = f", dated {w.fmt(issued, style)}," if rng.random() < 0.5 else ""
        story.append(r.para(
            f"{vendor.name} (“{vendor.short}”) engaged {auditor} to examine the controls supporting its {system} "
            f"system. The most recent SOC 2 Type 2 report{dated} covered the period {prev} (the “Report Period”).",
            st.body))
        scope_q = f"its {system} system"
        issuer_q = f"engaged {auditor}"
    else:
        story.append(r.para(
            f"Our most recent SOC 2 Type 2 examination of the {system}, performed by {auditor}, covered {prev}. "
            f"{vendor.short} is providing this letter to customers of {vendor.name} who rely on that report.",
            st.body))
        scope_q = f"examination of the {system}"
        issuer_q = f"performed by {auditor}"
    bridge = w.fmt_range(start, end, style, rng)
    roll = rng.random()
    if letter == end and roll < 0.25:
        # The end is the letter's own date, stated by reference rather than printed again.
        bridge = f"{w.fmt(start, style)} through the date of this letter"
        sentence = f"This letter covers the period from {bridge}"
        quote = f"from {bridge}"
    elif roll < 0.6:
        sentence = f"This letter covers the period from {bridge} (the “Bridge Period”)"
        quote = f"from {bridge}"
    else:
        sentence = f"This letter addresses the gap period of {bridge}"
        quote = f"gap period of {bridge}"
    if bridge.endswith("date of this letter"):
        sentence += "."
    elif letter == end:
        sentence += ", the period between the end of the Report Period and the date of this letter."
    else:
        sentence += "."
    story.append(r.para(sentence, st.body))
    ex.set("period_start", start.isoformat(), quote)
    ex.set("period_end", end.isoformat(), quote)
    if rng.random() < 0.6:
        nxt_end = w.add_years(prev_end, 1)
        story.append(r.para(
            f"The next report is expected to cover {w.fmt_range(start, nxt_end, style, rng)} and to be issued "
            f"within ninety days of the end of that period.", st.body))
    story.append(r.para(f"Management of {vendor.short} confirms, to the best of its knowledge, that during the "
                        "bridge period:", st.body))
    story.append(r.bullets([
        "there have been no significant changes to the design of the controls described in the report;",
        "no material deficiencies in the design or operation of those controls have come to our attention;",
        "no security incidents resulted in unauthorized access to customer data; and",
        "the subservice organizations identified in the report continue to provide the services described.",
    ], st.body))
    story.append(r.para(
        f"This letter is not a substitute for a SOC 2 report. {auditor if issuer_q else 'Our service auditor'} has "
        "not examined the information in this "
        "letter and does not express an opinion or any other form of assurance on it.", st.body))
    story.append(r.space(18))
    story.append(r.para("Sincerely,", st.body))
    story.append(r.para(rng.choice(w.PEOPLE), st.body))
    story.append(r.para(f"{rng.choice(('Chief Executive Officer', 'Chief Information Security Officer'))}, "
                        f"{vendor.name}", st.body))
    ex.set("vendor", vendor.name, vendor.name)
    if issuer_q:
        ex.set("issuer", auditor, issuer_q)
    ex.set("report_date", letter.isoformat(), letter_text)
    ex.set("scope", system, scope_q)
    pdf = r.render(story, look, title=f"{vendor.short} bridge letter")
    return pdf, ex.resolve(pdf, f"{vendor.short.lower()}-bridge-letter-{seed}.pdf")
