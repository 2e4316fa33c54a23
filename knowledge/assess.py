"""The assessment engine: one vendor's documents, judged against a requirement profile, as of a day.

``assess(evidence, profile, today)`` tries each evidence option the profile accepts (any one is enough),
then adds what the documents say about exceptions, carve-outs, CUECs and AI. The verdict follows from the
findings:

- ``meets``: an accepted option is satisfied and nothing above 'low' was found;
- ``meets_with_findings``: an option is satisfied, with medium or high findings to follow up;
- ``does_not_meet``: a document of an accepted kind shows a shortfall (qualified opinion, expired or lapsed
  certificate, unrecognised accreditation, a blocking exception, AI outside the assured scope when required);
- ``insufficient_evidence``: nothing accepted is at hand, or what is at hand cannot settle it (a Type 1 where a
  Type 2 is asked, a stale report, a missing category, a 27701 certificate without its 27001 base).

Unreadable is not failing: a field the extractor could not read (an accreditation mark that is only a logo, an
opinion on an image-only page, an expiry in a layout it does not know) is no shortfall of the vendor. It becomes a
``high`` finding "confirm by hand" (code ``*_NOT_READ``), so the verdict is at most ``meets_with_findings`` and
never ``does_not_meet`` or ``insufficient_evidence`` on that account alone; the reviewer's correction then settles it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from extractors.model import ASSURANCE_KINDS, SOC2_KINDS, TRUST_SERVICES_KINDS, Extraction

from .ai import nist_categories_not_reached, nist_categories_reached
from .crosswalk import controls_for, criteria_for, crosswalk
from .findings import Assessment, Blocks, Citation, Finding, OptionResult, Severity, Verdict, severity_rank
from .portfolio.controls import Control, match_cuec
from .profiles import (
    Iso27001Option,
    Option,
    Policy,
    Profile,
    Soc2Option,
    Soc3Option,
    default_profile,
    resolve_profile,
)
from .rules.accreditation import check_accreditation
from .rules.ai_coverage import ai_certificate, ai_covered_by, uses_ai
from .rules.bridge_letters import bridge_letter_status
from .rules.carve_outs import is_hosting_provider
from .rules.cuecs import acknowledged_by
from .rules.dates import months_between, parse_date
from .rules.exceptions import exception_criteria, touches_required
from .rules.iso_validity import (
    certificate_expiry,
    cycle_length,
    edition_2013_status,
    issued_in_future,
    parse_standard,
    surveillance_due,
)
from .rules.opinion import PLAIN, judge_opinion
from .rules.red_flags import red_flags
from .rules.soc_freshness import soc_freshness

CATEGORY_OF_SERIES = {"CC": "security", "A": "availability", "C": "confidentiality", "PI": "processing_integrity",
                      "P": "privacy"}


@dataclass
class _Sourced:
    """A finding and the document it is about, so findings about a document not relied on can be softened."""

    finding: Finding
    document: str | None


@dataclass
class _Candidate:
    document: str
    findings: list[_Sourced] = field(default_factory=list)
    sort_key: date = date.min
    preference: int = 0  # lower is preferred among equally good candidates (a Type 2 over a Type 1)

    def add(self, severity: Severity, code: str, reason: str, evidence: Sequence[Citation] = (),
            absence: str | None = None, blocks: Blocks | None = None, option: str | None = None) -> None:
        self.findings.append(_Sourced(Finding(severity, code, reason, tuple(evidence), absence,
                                              blocks if severity == "critical" else None, option), self.document))

    @property
    def status(self) -> str:
        blocks = {s.finding.blocks for s in self.findings if s.finding.severity == "critical"}
        if "does_not_meet" in blocks:
            return "failed"
        if "insufficient_evidence" in blocks:
            return "unproven"
        return "satisfied"


def _policy_severity(policy: Policy, finding_severity: Severity) -> Severity | None:
    table: dict[str, Severity | None] = {"fail": "critical", "finding": finding_severity, "note": "low", "ignore": None}
    return table[policy]


def _cite(x: Extraction, name: str) -> Citation:
    return Citation.of(x.file.name, getattr(x.fields, name), name)


def _doc(x: Extraction) -> Citation:
    return Citation(x.file.name, None, None, "kind")


def _category_of(criterion: str) -> str:
    series = re.match(r"[A-Z]+", criterion)
    return CATEGORY_OF_SERIES.get(series.group(0) if series else "", "security")


def _fmt(d: date | None) -> str:
    return d.isoformat() if d is not None else "?"


# --- SOC 2 / SOC 3 ---------------------------------------------------------------------------------------------


def _bridge_for(period_end: date, letters: list[Extraction]) -> Extraction | None:
    """The bridge letter that continues this report: it starts no later than a month after the period end and
    reaches furthest past it."""
    best: tuple[date, Extraction] | None = None
    for letter in letters:
        start = parse_date(letter.fields.period_start.value) if letter.fields.period_start else None
        end = parse_date(letter.fields.period_end.value) if letter.fields.period_end else None
        if end is None or end <= period_end:
            continue
        if start is not None and start > period_end + timedelta(days=31):
            continue
        if best is None or end > best[0]:
            best = (end, letter)
    return best[1] if best else None


def _soc(opt: Soc2Option | Soc3Option, x: Extraction, profile: Profile, today: date,
         letters: list[Extraction]) -> _Candidate:
    label = opt.label()
    c = _Candidate(x.file.name)
    f = x.fields
    what = "SOC 3 report" if x.kind == "soc3" else "SOC 2 report"
    if isinstance(opt, Soc2Option):
        t = "type2" if x.kind == "soc2_type2" else "type1"
        c.preference = 0 if t == "type2" else 1
        if t not in opt.types:
            c.add("critical", "SOC2_TYPE1", "This SOC 2 is a Type 1 report: it tests the design of controls at one "
                  "date, not whether they operated over a period. The profile asks for a Type 2 report.",
                  [_cite(x, "period_end") if f.period_end else _doc(x)], blocks="insufficient_evidence", option=label)
    opinion = f.opinion.value if f.opinion else None
    judged = judge_opinion(opinion, opt.opinions)
    if judged == "missing":
        c.add("high", "SOC_OPINION_NOT_READ", f"The service auditor's opinion could not be read from the {what}; "
              "confirm by hand that it is unmodified (the opinion paragraph of the auditor's report).",
              absence="the auditor's opinion paragraph, as read by the extractor", option=label)
    elif judged == "modified":
        c.add("critical", f"SOC_OPINION_{str(opinion).upper()}", f"The auditor gave {PLAIN[str(opinion)]}. The "
              f"profile accepts only {'/'.join(opt.opinions)} opinions.", [_cite(x, "opinion")],
              blocks="does_not_meet", option=label)
    got = {cat.value for cat in f.tsc_categories}
    missing = [cat for cat in opt.categories if cat not in got]
    if missing and not got:
        c.add("high", "SOC_CATEGORIES_NOT_READ", f"The Trust Services categories of the {what} could not be read; "
              f"confirm by hand that it covers {', '.join(m.replace('_', ' ') for m in missing)}.",
              absence="the Trust Services categories, as read by the extractor", option=label)
    elif missing:
        c.add("critical", "SOC_CATEGORY_MISSING", f"The {what} does not cover the "
              f"{', '.join(m.replace('_', ' ') for m in missing)} categor{'y' if len(missing) == 1 else 'ies'} the "
              f"profile requires (it covers: {', '.join(sorted(got)) or 'none stated'}).",
              [Citation.of(x.file.name, cat, "tsc_categories") for cat in f.tsc_categories],
              absence=f"Trust Services categor{'y' if len(missing) == 1 else 'ies'}: {', '.join(missing)}",
              blocks="insufficient_evidence", option=label)
    period_end = parse_date(f.period_end.value) if f.period_end else None
    if period_end is None:
        c.add("high", "SOC_PERIOD_NOT_READ", f"The period of the {what} could not be read; confirm by hand that "
              f"it ended within the last {opt.max_age_months} months.",
              absence="the examination period or 'as of' date, as read by the extractor", option=label)
    else:
        c.sort_key = period_end
        fresh = soc_freshness(period_end, today, opt.max_age_months)
        bridged = False
        if isinstance(opt, Soc2Option):
            bridged = _bridges(c, x, opt, period_end, today, letters, label)
        if not fresh.fresh and not bridged:
            c.add("critical", "SOC_STALE", f"The {what}'s period ended on {_fmt(period_end)}, "
                  f"{months_between(period_end, today)} months before {_fmt(today)}; the profile accepts reports "
                  f"whose period ended within {opt.max_age_months} months (until {_fmt(fresh.stale_after)}). "
                  "Ask for the current report.", [_cite(x, "period_end")], blocks="insufficient_evidence",
                  option=label)
    _required_soc(c, x, profile, got, label)
    return c


def _bridges(c: _Candidate, x: Extraction, opt: Soc2Option, period_end: date, today: date,
             letters: list[Extraction], label: str) -> bool:
    """Judge the bridge letter for this report; True when it carries the report up to today."""
    letter = _bridge_for(period_end, letters)
    lf = letter.fields if letter else None
    start = parse_date(lf.period_start.value) if lf and lf.period_start else None
    end = parse_date(lf.period_end.value) if lf and lf.period_end else None
    status = bridge_letter_status(period_end, today, start, end, opt.bridge_letter_months)
    if letter is None or status.state in ("none", "not_needed"):
        if status.state == "none":
            c.add("info", "BRIDGE_NONE", f"No bridge letter covers the {status.uncovered_days} days from the end of "
                  f"the report's period ({_fmt(period_end)}) to {_fmt(today)}.",
                  [_cite(x, "period_end")], absence="a bridge letter from the vendor", option=label)
        return False
    cites = [_cite(x, "period_end"), _cite(letter, "period_end")]
    if status.state == "lapsed":
        c.add("medium", "BRIDGE_LAPSED", f"The bridge letter covers {_fmt(start or period_end)} to {_fmt(end)}, "
              f"but bridge letters are accepted only up to {opt.bridge_letter_months} months past the report's "
              f"period end (until {_fmt(status.accepted_until)}); it has lapsed. "
              "Ask for the next SOC 2 report.", cites, option=label)
        return False
    if status.state == "disconnected":
        c.add("medium", "BRIDGE_GAP", f"The bridge letter starts on {_fmt(start) if start else '?'}, leaving a gap "
              f"after the report's period end ({_fmt(period_end)}).", cites, option=label)
        return False
    if status.uncovered_days > 0:
        c.add("low", "BRIDGE_PARTIAL", f"The bridge letter covers to {_fmt(end) if end else '?'}; the last "
              f"{status.uncovered_days} days to {_fmt(today)} are not covered.", cites, option=label)
        return False
    c.add("info", "BRIDGE_COVERS", f"A bridge letter covers the time from the report's period end to "
          f"{_fmt(end) if end else '?'}, accepted until {_fmt(status.accepted_until)}.", cites, option=label)
    return True


def _required_soc(c: _Candidate, x: Extraction, profile: Profile, got: set[str], label: str) -> None:
    if not profile.required_criteria and not profile.required_controls:
        return
    if not got:
        return  # no category was read: SOC_CATEGORIES_NOT_READ asks the reviewer to confirm them
    uncovered: list[str] = []
    for cid in profile.required_criteria:
        if _category_of(cid) not in got:
            uncovered.append(f"{cid} (its category, {_category_of(cid).replace('_', ' ')}, is not in the report)")
    for ctl in profile.required_controls:
        links = [link for link in criteria_for(ctl) if _category_of(link.tsc_id) in got]
        if not links:
            why = crosswalk().unmapped_reason(ctl) or "no linked criterion is in the report's categories"
            uncovered.append(f"{ctl} ({why})")
    if uncovered:
        c.add("critical", "REQUIRED_NOT_COVERED", "The report does not reach every requirement of the profile: "
              + "; ".join(uncovered) + ".", [Citation.of(x.file.name, cat, "tsc_categories")
                                             for cat in x.fields.tsc_categories],
              absence="coverage of " + ", ".join(u.split(" ")[0] for u in uncovered),
              blocks="insufficient_evidence", option=label)


# --- ISO certificates ------------------------------------------------------------------------------------------


def _families(x: Extraction) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for s in x.fields.standards:
        std = parse_standard(str(s.value))
        if std.family != "other":
            out.setdefault(std.family, std.edition)
    return out


def _iso_common(c: _Candidate, x: Extraction, family: str, today: date, warning_days: int,
                accreditation: str, label: str | None) -> None:
    """Expiry, cycle, surveillance and accreditation: the checks every management-system certificate gets."""
    f = x.fields
    expiry = parse_date(f.expiry_date.value) if f.expiry_date else None
    issue = parse_date(f.issue_date.value) if f.issue_date else None
    status = certificate_expiry(expiry, today, warning_days)
    name = f"ISO/IEC {family}"
    if expiry is not None:
        c.sort_key = expiry
    if status.state == "expired":
        c.add("critical", "ISO_EXPIRED", f"The {name} certificate expired on {_fmt(expiry)} "
              f"({-(status.days_left or 0)} days before {_fmt(today)}).", [_cite(x, "expiry_date")],
              blocks="does_not_meet", option=label)
    elif status.state == "unknown":
        c.add("high", "ISO_EXPIRY_NOT_READ", f"The expiry date of the {name} certificate could not be read; "
              "confirm by hand that it is still valid.",
              absence="a 'valid until' or expiry date, as read by the extractor", option=label)
    elif status.state == "expiring":
        c.add("low", "ISO_EXPIRING", f"The {name} certificate expires on {_fmt(expiry)}, in {status.days_left} "
              "days. Ask for the recertification.", [_cite(x, "expiry_date")], option=label)
    cycle = cycle_length(issue, expiry)
    if not cycle.plausible:
        c.add("medium", "ISO_CYCLE", f"The certificate runs {cycle.cycle_days} days from issue to expiry; a "
              "certification cycle is three years. Check it with the certification body.",
              [_cite(x, "issue_date"), _cite(x, "expiry_date")], option=label)
    if issued_in_future(issue, today):
        c.add("medium", "ISO_ISSUED_LATER", f"The certificate's issue date {_fmt(issue)} is after {_fmt(today)}.",
              [_cite(x, "issue_date")], option=label)
    if status.state != "expired":
        # Without the current cycle's issue date, the original certification date keeps the same anniversaries.
        original = parse_date(f.original_issue_date.value) if f.original_issue_date else None
        s = surveillance_due(issue or original, expiry, today)
        parts = []
        if s.last_due:
            parts.append(f"a surveillance audit was due by {_fmt(s.last_due)}; the certificate cannot show it "
                         "passed, so confirm it with the certification body")
        if s.next_due:
            parts.append(f"the next surveillance audit is due by {_fmt(s.next_due)}")
        if parts:
            c.add("info", "ISO_SURVEILLANCE", "Annual surveillance: " + "; ".join(parts) + ".",
                  [_cite(x, "issue_date")], option=label)
    if accreditation == "none":
        return
    check = check_accreditation(f.accreditation_body.value if f.accreditation_body else None, family)
    listed = f"the IAF MLA signatories list (compiled {check.compiled})"
    if check.state == "none_named":
        # Often a logo beside a number, which the extractor may not read: a task for a reviewer, not a failure.
        c.add("high", "ISO_ACCREDITATION_NOT_READ", f"The accreditation body of the {name} certificate could not "
              "be read (it is often a logo beside an accreditation number); confirm the accreditation mark by hand, "
              "and that the body is an IAF MLA signatory.",
              absence="an accreditation body or mark, as read by the extractor", option=label)
    elif check.state == "not_signatory":
        note = f" ({check.note})" if check.note else ""
        c.add("critical" if accreditation == "iaf_mla" else "high", "ISO_ACCREDITATION_UNRECOGNISED",
              f"The accreditation named, '{check.named}', is not on {listed}{note}. A mark from a body outside the "
              "IAF MLA does not make the certificate accredited; confirm on iaf.nu.",
              [_cite(x, "accreditation_body")], blocks="does_not_meet", option=label)
    elif check.covers_standard is False:
        c.add("critical" if accreditation == "iaf_mla" else "high", "ISO_ACCREDITATION_SCOPE",
              f"{', '.join(b.id for b in check.bodies)} is an IAF MLA signatory, but its recorded MLA scope does not "
              f"cover {name}.", [_cite(x, "accreditation_body")], blocks="does_not_meet", option=label)
    elif check.covers_standard is None:
        c.add("info", "ISO_ACCREDITATION_SCOPE_UNKNOWN", f"{', '.join(b.id for b in check.bodies)} is an IAF MLA "
              f"signatory; whether its MLA scope covers {name} is not recorded in {listed}. Confirm on iaf.nu.",
              [_cite(x, "accreditation_body")], option=label)


def _iso(opt: Iso27001Option, x: Extraction, profile: Profile, today: date, evidence: Sequence[Extraction],
         service: str | None, service_source: str | None = None) -> _Candidate:
    label = opt.label()
    c = _Candidate(x.file.name)
    families = _families(x)
    edition = families.get("27001")
    std_cite = [Citation.of(x.file.name, s, "standards") for s in x.fields.standards] or [_doc(x)]
    if edition == "2013":
        e = edition_2013_status(today)
        if e.lapsed:
            c.add("critical", "ISO_2013_LAPSED", "This is an ISO/IEC 27001:2013 certificate. The transition to the "
                  f"2022 edition ended on {_fmt(e.transition_end)}; 2013 certificates are no longer valid, whatever "
                  "expiry date they print.", std_cite, blocks="does_not_meet", option=label)
        elif "2013" not in opt.editions:
            c.add("high", "ISO_2013_TRANSITION", "This is an ISO/IEC 27001:2013 certificate; it must be transitioned "
                  f"to the 2022 edition by {_fmt(e.transition_end)} ({e.days_to_transition_end} days).", std_cite,
                  option=label)
    elif edition is None:
        c.add("medium", "ISO_EDITION_MISSING", "The certificate does not state the edition of ISO/IEC 27001.",
              std_cite, option=label)
    elif edition not in opt.editions:
        c.add("critical", "ISO_EDITION", f"The certificate is to ISO/IEC 27001:{edition}; the profile accepts "
              f"{'/'.join(opt.editions)}.", std_cite, blocks="insufficient_evidence", option=label)
    _iso_common(c, x, "27001", today, opt.expiry_warning_days, opt.accreditation, label)
    for ext in opt.extensions:
        holders = [y for y in evidence if y.kind == "iso_certificate" and ext in _families(y)]
        if not holders:
            c.add("critical", "ISO_EXTENSION_MISSING", f"The profile requires ISO/IEC {ext} on top of ISO/IEC 27001; "
                  "no certificate among the documents names it.", absence=f"an ISO/IEC {ext} certificate",
                  blocks="insufficient_evidence", option=label)
    scope = x.fields.scope
    if opt.scope_names_service:
        if service is None:
            c.add("info", "ISO_SCOPE_SERVICE_UNCHECKED", "The profile asks that the certificate's scope names the "
                  "service bought; no service name was given, so read the scope yourself.", [_cite(x, "scope")],
                  option=label)
        elif scope is None or not _names(str(scope.value), service):
            named_in = f" (the system named in {service_source})" if service_source else ""
            c.add("critical", "ISO_SCOPE_SERVICE", f"The certificate's scope does not name the service "
                  f"'{service}'{named_in}.",
                  [_cite(x, "scope")], absence=f"'{service}' in the certificate scope",
                  blocks="insufficient_evidence", option=label)
    uncovered = [cid for cid in profile.required_criteria if not controls_for(cid)]
    if uncovered:
        reasons = "; ".join(f"{cid}: {crosswalk().unmapped_reason(cid)}" for cid in uncovered)
        c.add("critical", "REQUIRED_NOT_COVERED", "An ISO/IEC 27001 certificate does not reach these required "
              f"criteria, which have no ISO/IEC 27001 counterpart: {reasons}.", absence="coverage of "
              + ", ".join(uncovered), blocks="insufficient_evidence", option=label)
    if profile.required_controls:
        c.add("info", "ISO_SOA", "A certificate covers the Annex A controls the Statement of Applicability declares "
              f"applicable; ask for the SoA to confirm {', '.join(profile.required_controls)}.", [_doc(x)],
              absence="the Statement of Applicability", option=label)
    return c


def _names(scope: str, service: str) -> bool:
    words = [w for w in re.findall(r"[a-z0-9]+", service.lower()) if len(w) > 2]
    text = scope.lower()
    return bool(words) and all(w in text for w in words)


# --- findings about the vendor as a whole ----------------------------------------------------------------------


def _required_criteria(profile: Profile) -> set[str]:
    """Required criteria, plus those the crosswalk links to required Annex A controls."""
    req = set(profile.required_criteria)
    for ctl in profile.required_controls:
        req.update(link.tsc_id for link in criteria_for(ctl))
    return req


def _soc_details(x: Extraction, profile: Profile, controls: Sequence[Control] | None = None) -> list[_Sourced]:
    """Exceptions, carve-outs and CUECs of one SOC report. With the buyer's ``controls``, a CUEC no control owns
    (and the profile does not acknowledge) is an unowned CUEC, as severe as the profile's ``cuecs.unowned``."""
    c = _Candidate(x.file.name)
    required = _required_criteria(profile)
    for row in x.fields.exceptions:
        touched = touches_required(row, required)
        criteria = exception_criteria(row)
        row_cite = [Citation(x.file.name, row.page, row.quote, "exceptions")]
        control = f" (control {row.control})" if row.control else ""
        mapped = f" under {', '.join(criteria)}" if criteria else " (the report maps it to no criterion)"
        response = f" Management's response: {row.management_response}" if row.management_response else ""
        if touched:
            sev = _policy_severity(profile.exceptions_in_required, "high")
            if sev:
                c.add(sev, "EXCEPTION_REQUIRED", f"The auditor found an exception{control} in required criterion "
                      f"{', '.join(touched)}: {row.value}{response}", row_cite, blocks="does_not_meet")
        else:
            sev = _policy_severity(profile.exceptions_other, "medium")
            if sev:
                c.add(sev, "EXCEPTION", f"The auditor found an exception{control}{mapped}: {row.value}{response}",
                      row_cite, blocks="does_not_meet")
    for sub in x.fields.subservice_organizations:
        sub_cite = [Citation(x.file.name, sub.page, sub.quote, "subservice_organizations")]
        if sub.method == "inclusive":
            c.add("info", "SUBSERVICE_INCLUSIVE", f"{sub.value} is included in the report (inclusive method): its "
                  "controls were examined too.", sub_cite)
            continue
        hosting = is_hosting_provider(str(sub.value), sub.quote)
        method = "carved out" if sub.method == "carve-out" else "named without saying whether it is carved out"
        policy = profile.carve_out_hosting if hosting else profile.carve_out_other
        sev = _policy_severity(policy, "medium")
        if sev:
            role = "hosting/infrastructure provider" if hosting else "subservice organization"
            c.add(sev, "CARVE_OUT_HOSTING" if hosting else "CARVE_OUT", f"{sub.value}, a {role}, is {method}: its "
                  "controls are outside this report. Obtain its own assurance report and check the complementary "
                  "subservice organization controls.", sub_cite, blocks="does_not_meet")
    acked: list[tuple[str, Citation]] = []
    owned: list[tuple[str, Citation]] = []
    open_: list[Citation] = []
    for cuec in x.fields.cuecs:
        cite = Citation(x.file.name, cuec.page, cuec.quote, "cuecs")
        entry = acknowledged_by(cuec, profile.cuecs_acknowledged)
        owner = match_cuec(str(cuec.value), cuec.criteria, controls).control if controls is not None else None
        if entry:
            acked.append((entry, cite))
        elif owner is not None:
            owned.append((f"{owner.id} ({owner.owner})", cite))
        else:
            open_.append(cite)
    if acked:
        c.add("info", "CUECS_ACKNOWLEDGED", f"{len(acked)} complementary user entity control(s) are acknowledged by "
              "the profile as the buyer's to run.", [cite for _, cite in acked])
    if owned:
        owners = ", ".join(sorted({o for o, _ in owned}))
        c.add("info", "CUECS_OWNED", f"{len(owned)} complementary user entity control(s) are owned by the buyer's "
              f"controls: {owners}.", [cite for _, cite in owned])
    if controls is not None:
        sev = _policy_severity(profile.cuecs_unowned, "medium")
        if open_ and sev:
            c.add(sev, "CUECS_UNOWNED", f"{len(open_)} complementary user entity control(s) match none of the "
                  "buyer's controls: nobody owns them, yet the vendor's controls rely on them.", open_,
                  blocks="does_not_meet")
        return c.findings
    sev = _policy_severity(profile.cuecs_unacknowledged, "medium")
    if open_ and sev:
        c.add(sev, "CUECS", f"{len(open_)} complementary user entity control(s) are the buyer's to run and are not "
              "acknowledged in the profile; the vendor's controls rely on them.", open_, blocks="does_not_meet")
    return c.findings


def _ai(evidence: Sequence[Extraction], profile: Profile, relied_on: str | None, vendor_uses_ai: bool | None,
        today: date, invalid: set[str]) -> list[_Sourced]:
    c = _Candidate("")
    detected = uses_ai(list(evidence))
    needed = profile.ai_required == "always" or (
        profile.ai_required == "if_vendor_uses_ai" and (vendor_uses_ai if vendor_uses_ai is not None else detected))
    if not needed:
        return []
    ai_docs = [x for x in evidence if ai_covered_by(x) is not None]
    covering = [x for x in ai_docs if x.file.name not in invalid and (
        ai_certificate(x) or relied_on is None or x.file.name == relied_on)]
    cites = [Citation(x.file.name, e.page, e.quote, "ai") for x in ai_docs for e in x.fields.ai.evidence]
    if covering:
        names = ", ".join(x.file.name for x in covering)
        c.add("info", "AI_COVERED", f"The vendor's AI/ML systems are inside an assured scope ({names}).",
              [ci for ci in cites if ci.document in {x.file.name for x in covering}] or [_doc(covering[0])])
        aims = [x for x in covering if ai_certificate(x)]
        if aims:
            reached = nist_categories_reached()
            c.add("info", "AI_MANAGEMENT_SYSTEM", f"An ISO/IEC 42001 AI management system is certified: its Annex A "
                  f"reaches {len(reached)} of 19 NIST AI RMF categories in all four functions (the others, "
                  f"{', '.join(nist_categories_not_reached())}, through its risk clauses 6, 8 and 9).",
                  [Citation.of(aims[0].file.name, s, "standards") for s in aims[0].fields.standards])
        else:
            c.add("info", "AI_SECURITY_ONLY", "The AI/ML systems are inside a security scope, which covers their "
                  "security, not AI-specific risks such as impact assessment, data quality and validation (ISO/IEC "
                  "42001 A.5-A.7; NIST AI RMF MAP 5, MEASURE 2). Ask whether an AI management system is in place.",
                  [ci for ci in cites if ci.document in {x.file.name for x in covering}] or [_doc(covering[0])])
        return c.findings
    why = "the vendor uses AI" if detected or vendor_uses_ai else "the profile requires AI coverage for every vendor"
    sev = _policy_severity(profile.ai_missing, "high")
    if sev:
        shown = f" Other documents show AI in use: {', '.join(sorted({ci.document for ci in cites}))}." if cites else ""
        c.add(sev, "AI_NOT_COVERED", f"AI coverage is required ({why}), but no valid evidence relied on reaches "
              "the vendor's AI/ML systems: no ISO/IEC 42001 certificate, and no SOC 2 or ISO/IEC 27001 scope naming "
              f"them.{shown}", cites, absence="AI/ML systems in an assured scope, or an ISO/IEC 42001 certificate",
              blocks="does_not_meet")
    return c.findings


def _vendor_name(evidence: Sequence[Extraction]) -> tuple[str | None, list[Citation]]:
    """The vendor most documents name, and citations of the documents naming someone else."""
    names = [(x, str(x.fields.vendor.value)) for x in evidence if x.fields.vendor and x.fields.vendor.value]
    if not names:
        return None, []
    best = max(names, key=lambda item: sum(_same_vendor(item[1], other) for _, other in names))[1]
    odd = [_cite(x, "vendor") for x, n in names if not _same_vendor(n, best)]
    return best, odd


_SUFFIX = re.compile(r"\b(inc|incorporated|llc|ltd|limited|plc|corp|corporation|co|company|gmbh|bv|b v|p c|pc|llp|"
                     r"sa|ag|the|and its affiliates|its affiliates)\b")


@lru_cache(maxsize=4096)
def _vendor_words(name: str) -> tuple[str, ...]:
    """Cached: a vendor's name is compared with every other document's, and the same names recur across calls."""
    return tuple(_SUFFIX.sub(" ", re.sub(r"[^a-z0-9]+", " ", name.lower())).split())


def _same_vendor(a: str, b: str) -> bool:
    """'Ledgerline, Inc.' and 'Ledgerline Cloud Ltd' are one vendor; legal suffixes and case do not matter."""
    wa, wb = _vendor_words(a), _vendor_words(b)
    if not wa or not wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long_[: len(short)] == short


# --- the verdict -----------------------------------------------------------------------------------------------


def _try_option(opt: Option, evidence: Sequence[Extraction], profile: Profile, today: date,
                service: str | None) -> tuple[OptionResult, _Candidate | None]:
    service_source = None
    if service is None:
        # Without a service name, the system a SOC report describes is the service the certificate should name.
        soc = next((x for x in evidence if x.kind in TRUST_SERVICES_KINDS and x.fields.scope), None)
        if soc is not None and soc.fields.scope is not None:
            service, service_source = str(soc.fields.scope.value), soc.file.name
    letters = [x for x in evidence if x.kind == "bridge_letter"]
    candidates: list[_Candidate] = []
    for x in evidence:
        if isinstance(opt, Soc2Option) and x.kind in SOC2_KINDS:
            candidates.append(_soc(opt, x, profile, today, letters))
        elif isinstance(opt, Soc3Option) and x.kind == "soc3":
            candidates.append(_soc(opt, x, profile, today, letters))
        elif isinstance(opt, Iso27001Option) and x.kind == "iso_certificate" and "27001" in _families(x):
            candidates.append(_iso(opt, x, profile, today, evidence, service, service_source))
    if not candidates:
        return OptionResult(opt.label(), "absent"), None
    rank = {"satisfied": 0, "failed": 1, "unproven": 2}
    best = min(candidates, key=lambda k: (rank[k.status], k.preference, -k.sort_key.toordinal()))
    return OptionResult(opt.label(), best.status, best.document), best  # type: ignore[arg-type]


def _soften(s: _Sourced, why: str) -> _Sourced:
    """A blocking finding about evidence that is not relied on stays visible, without deciding the verdict."""
    f = s.finding
    if f.severity != "critical":
        return s
    # A document that shows a shortfall (a fake accreditation, a qualified opinion) is still worth a follow-up;
    # one that is merely not enough (stale, Type 1) is not.
    severity: Severity = "medium" if f.blocks == "does_not_meet" else "low"
    return _Sourced(replace(f, severity=severity, blocks=None, reason=f"{f.reason} ({why})"), s.document)


def _aside(s: _Sourced, why: str) -> _Sourced:
    """Details of a report the verdict does not rest on are kept for the reader at low severity at most."""
    f = s.finding
    if f.severity in ("info", "low"):
        return s
    return _Sourced(replace(f, severity="low", blocks=None, reason=f"{f.reason} ({why})"), s.document)


def assess(evidence: Sequence[Extraction], profile: Profile | str | None = None, today: date | None = None, *,
           vendor_uses_ai: bool | None = None, service: str | None = None,
           controls: Sequence[Control] | None = None, signals: Mapping[str, Mapping[str, object]] | None = None,
           duplicates: Mapping[str, Sequence[Mapping[str, object]]] | None = None) -> Assessment:
    """Judge one vendor's documents against a requirement profile as of ``today``.

    ``profile`` is a Profile, the name of a bundled profile or a path to a YAML file (None: the default profile).
    ``vendor_uses_ai`` overrides what the documents say about the vendor's use of AI (None: read it from them);
    ``service`` is the service bought, checked against ISO scopes when the profile asks. ``controls`` are the
    buyer's own controls (CUECs none of them owns become a finding); ``signals`` (what ``rules.red_flags.
    read_signals`` read from each document's text) and ``duplicates`` (other vendors' reports sharing its text),
    both keyed by the document's SHA-256, feed the red flags.
    """
    profile = resolve_profile(profile) if isinstance(profile, str) else (profile or default_profile())
    today = today or date.today()
    docs = list(evidence)
    out: list[_Sourced] = []
    vendor, odd = _vendor_name(docs)

    for x in docs:
        if x.error is not None:
            out.append(_Sourced(Finding("medium", "DOCUMENT_UNREADABLE", f"{x.file.name} could not be read: "
                                        f"{x.error.message}", (_doc(x),)), x.file.name))
        elif x.kind not in ASSURANCE_KINDS:
            what = "a SOC 1 report (about financial reporting controls)" if x.kind == "soc1" else \
                "not a SOC 2/SOC 3 report, bridge letter or ISO certificate"
            out.append(_Sourced(Finding("info", "NOT_ASSURANCE", f"{x.file.name} is {what}; it is not assurance "
                                        "evidence for this profile and was not relied on.", (_doc(x),)), x.file.name))
    if odd:
        out.append(_Sourced(Finding("medium", "VENDOR_MISMATCH", f"The documents do not all name {vendor}; check "
                                    "they belong to the same vendor.", tuple(odd)), None))

    results: list[OptionResult] = []
    chosen: list[_Candidate] = []
    for opt in profile.accept:
        result, best = _try_option(opt, docs, profile, today, service)
        results.append(result)
        if best is not None:
            chosen.append(best)
    satisfied = [r for r in results if r.status == "satisfied"]
    relied_on = satisfied[0].document if satisfied else None

    # Certificates that are not base 27001 ones: extensions on their own, and 42001 for AI.
    invalid: set[str] = set()
    for x in docs:
        fam = _families(x) if x.kind == "iso_certificate" else {}
        if x.kind == "iso_certificate" and "27001" not in fam:
            c = _Candidate(x.file.name)
            main = next(iter(fam), None)
            if main is None:
                c.add("medium", "ISO_STANDARD_UNKNOWN", "The certificate names no ISO/IEC standard this product "
                      "knows (27001, 27017, 27018, 27701, 42001).", absence="the certified standard")
            else:
                _iso_common(c, x, main, today, 90, "iaf_mla", None)
            if any(f in ("27017", "27018", "27701") for f in fam) and not any(
                    y.kind == "iso_certificate" and "27001" in _families(y) for y in docs):
                c.add("medium", "ISO_EXTENSION_WITHOUT_BASE", f"ISO/IEC {', '.join(sorted(fam))} extends an ISO/IEC "
                      "27001 ISMS and cannot stand alone; the vendor's ISO/IEC 27001 certificate is not among the "
                      "documents.", [Citation.of(x.file.name, s, "standards") for s in x.fields.standards],
                      absence="the ISO/IEC 27001 certificate this extends")
            if c.status != "satisfied":
                invalid.add(x.file.name)
            out.extend(_soften(s, "this certificate is not the ISMS evidence the profile accepts") for s in c.findings)
    for cand in chosen:
        if cand.status != "satisfied":
            invalid.add(cand.document)

    for cand in chosen:
        for s in cand.findings:
            out.append(_soften(s, f"another accepted option is met by {relied_on}") if relied_on else s)

    letters = [x for x in docs if x.kind == "bridge_letter"]
    soc_docs = [x for x in docs if x.kind in TRUST_SERVICES_KINDS]
    for letter in letters:
        if not soc_docs:
            out.append(_Sourced(Finding("medium", "BRIDGE_WITHOUT_REPORT", "A bridge letter only extends a SOC "
                                        "report; the report it bridges is not among the documents.",
                                        (_cite(letter, "period_start"),), "the SOC 2 report the letter bridges"),
                                letter.file.name))
    # Exceptions, carve-outs and CUECs from the report relied on, else from the most recent SOC report at hand.
    detail_doc = next((x for x in soc_docs if x.file.name == relied_on), None)
    if detail_doc is None and soc_docs:
        detail_doc = max(soc_docs, key=lambda x: parse_date(x.fields.period_end.value if x.fields.period_end else None)
                         or date.min)
    if detail_doc is not None:
        for s in _soc_details(detail_doc, profile, controls):
            if relied_on is not None and relied_on != detail_doc.file.name:
                s = _aside(s, "this report is not the evidence relied on")
            out.append(s)
    out.extend(_ai(docs, profile, relied_on, vendor_uses_ai, today, invalid))
    out.extend(_red_flags(docs, profile, signals or {}, duplicates or {}))

    if not any(x.kind in ASSURANCE_KINDS and x.error is None for x in docs):
        out.append(_Sourced(Finding("critical", "NO_EVIDENCE", "None of the documents is a SOC 2 or SOC 3 report, "
                                    "bridge letter or ISO certificate, so nothing can be assessed.", (),
                                    "any assurance document", "insufficient_evidence"), None))
    elif all(r.status == "absent" for r in results):
        out.append(_Sourced(Finding("critical", "NO_ACCEPTED_EVIDENCE", "None of the documents is evidence the "
                                    "profile accepts: " + " OR ".join(r.option for r in results) + ".", (),
                                    "; ".join(r.option for r in results), "insufficient_evidence"), None))

    findings = sorted((s.finding for s in out), key=lambda f: severity_rank(f.severity))
    verdict = _verdict(findings, results)
    return Assessment(verdict, findings, profile.name, today.isoformat(), vendor, [x.file.name for x in docs],
                      results, relied_on)


def _red_flags(docs: Sequence[Extraction], profile: Profile, signals: Mapping[str, Mapping[str, object]],
               duplicates: Mapping[str, Sequence[Mapping[str, object]]]) -> list[_Sourced]:
    """Signs that a document is not what it claims (``rules/red_flags.py``), as severe as the profile says."""
    sev = _policy_severity(profile.red_flags, "high")
    if sev is None:
        return []
    out: list[_Sourced] = []
    for x in docs:
        if x.error is not None:
            continue
        for flag in red_flags(x, signals.get(x.file.sha256), duplicates.get(x.file.sha256, ()), sev):
            if flag.severity == "critical":
                flag = replace(flag, blocks="does_not_meet")
            out.append(_Sourced(flag, x.file.name))
    return out


def _verdict(findings: list[Finding], results: list[OptionResult]) -> Verdict:
    blocks = {f.blocks for f in findings if f.severity == "critical"}
    if any(r.status == "satisfied" for r in results):
        if "does_not_meet" in blocks:
            return "does_not_meet"
        if "insufficient_evidence" in blocks:
            return "insufficient_evidence"
        if any(f.severity in ("high", "medium") for f in findings):
            return "meets_with_findings"
        return "meets"
    if any(r.status == "failed" for r in results) or "does_not_meet" in blocks:
        return "does_not_meet"
    return "insufficient_evidence"
