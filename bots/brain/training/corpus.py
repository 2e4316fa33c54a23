"""The training questions: templates per intent, filled and varied the way people type in Slack.

Each template is a way of asking; the fillers put placeholders where the slot readers will have put them
(``VENDOR``, ``PROVIDER``, ``CRIT``, ``CTRL``), so the classifier learns the wording around a name, not names.
The variations (typos, shorthand, British spelling, lower case, greetings, missing punctuation) are drawn with a
fixed seed, so the corpus, and the model trained on it, is the same on every run.

The test questions in ``tests/bots/questions/`` are written separately, in other words, so that their score
measures how well this generalizes.
"""

from __future__ import annotations

import random
import re

from ..classifier import SHORTHAND

# {v} vendor, {v2} a second vendor, {p} provider, {c} criterion, {a} Annex A control, {w} window, {fw}/{fw2}
# frameworks, {prof} a profile name, {fy} a fiscal year, {doc} a document word.
TEMPLATES: dict[str, list[str]] = {
    "help": [
        "instructions", "how does one use this", "what subjects can you handle", "what do you do",
        "user guide", "how am i supposed to use this", "any docs on how to use you", "what are you good for",
        "where do i start", "what does this bot do", "i am new, how does this work", "how do i get started",
        "what are your commands", "what is this bot for", "what does this thing do", "how can you help",
        "explain what you do", "tips", "what should i ask", "help", "what can you do", "what can i ask you",
        "how do i use this bot", "what do you know", "show me some examples", "what questions can you answer", "hi",
        "hello", "hey there", "usage", "how does this work", "what are you for", "commands",
        "what can you help me with", "any tips on what to ask", "who are you", "getting started",
        "what kind of stuff do you answer", "help me out",
    ],
    "cover": [
        "{v} is not failing, right", "we're fine with {v}, aren't we", "{v} passes, doesn't it", "is {v} failing us",
        "{v} doesn't fail our checks, does it", "{v} is ok, isn't it",
        "tl;dr on {v}", "the short version on {v}", "summary for {v}", "is {v} covered",
        "are we covered with {v}", "{v} - yes or no", "do we accept {v}", "are we clear to use {v}",
        "any blockers for {v}", "is {v} cleared", "is {v} alright for us", "how about {v}", "{v} then?",
        "what's your view of {v}", "happy with {v}?", "security sign-off for {v}", "is {v} a go",
        "should we be comfortable with {v}", "is {v} ok for the {prof} tier", "does {v} clear our bar",
        "give me a yes or no on {v}",
        "anything i should worry about with {v}", "onboarding {v} {w}, any concerns", "any concerns about {v}",
        "should i be worried about {v}", "thoughts on {v}", "views on {v}", "what do you make of {v}",
        "your take on {v}", "is there anything wrong with {v}'s report", "any problems in {v}'s report",
        "anything concerning about {v}", "is {v} still compliant", "what's the deal with {v}", "how's {v} looking",
        "{v} looking ok", "what about {v} overall", "give me the verdict for {v}", "does {v}'s soc 2 cover us",
        "does {v}'s iso cert cover us", "does {v}'s report cover our needs", "is {v}'s evidence enough for us",
        "let me know if {v} passes", "{v} pass or fail", "is {v} fine", "red flags for {v}", "can we sign off on {v}",
        "{v} good to go", "are we covered by {v}", "would {v} pass our review", "what do you think of {v}", "{v} ok?",
        "is {v} trustworthy", "and do they cover us", "what about them, do they pass", "are they ok under {prof}",
        "and under {prof}", "does {v} cover us", "is {v} ok to use", "can we use {v}", "is {v} good enough",
        "does {v} meet our requirements", "assess {v}", "evaluate {v}", "what's the verdict on {v}",
        "is {v} approved", "is {v} compliant", "check {v}", "status of {v}", "how does {v} look", "{v}", "{v}?",
        "are we ok with {v}", "can we onboard {v}", "is {v} safe to use", "does {v} pass our bar",
        "is {v} acceptable for us", "re-assess {v}", "how is {v} doing against our requirements",
        "does {v} meet the {prof} profile", "assess {v} against {prof}", "is {v} good under {prof}", "would {v} pass",
        "risk rating for {v}", "is {v} a risk", "what's {v}'s status", "give me the rundown on {v}",
        "should we approve {v}", "is {v} fine for {prof}", "{v} verdict", "do we have enough on {v}",
        "quick check on {v} pls", "what's wrong with {v}", "any issues with {v}",
        "does {v} satisfy our vendor policy", "does {v} fulfil our requirements", "overall view of {v}",
    ],
    "soc2_current": [
        "count of vendors with a soc 2", "number of soc 2 reports on file", "is there a soc 2 from {v}",
        "{v} soc 2 up to date?", "is {v}'s soc 2 still in date", "when did we last get a soc 2 from {v}",
        "has {v} sent a fresh soc 2", "which vendors have an up to date soc 2",
        "which vendors have soc 1 reports", "who has a soc 1", "is {v}'s report older than 12 months",
        "is {v}'s soc 2 more than a year old", "how old is the report from {v}", "which vendors have a soc 2 type 2",
        "who has a current soc 2", "list vendors with soc 2 reports", "which vendors have a soc 3",
        "vendors with a valid soc 2", "is {v}'s report stale", "is {v}'s soc report too old",
        "is {v}'s report still current", "and their soc 2", "what about their soc report", "is their soc 2 current",
        "their soc2?", "is {v}'s soc 2 current", "is the soc 2 from {v} still valid",
        "is {v}'s soc report up to date", "do we have a current soc 2 for {v}", "has {v}'s soc 2 gone stale",
        "is {v}'s soc 2 out of date", "show me {v}'s soc 2", "how old is {v}'s soc 2", "latest soc report for {v}",
        "{v} soc 2 status", "is {v}'s soc2 fresh", "does {v} have a soc 2", "what soc reports do we have for {v}",
        "has {v} got a valid soc 2", "is {v}'s soc 2 report recent enough", "when does {v}'s soc 2 go stale",
        "is {v}'s attestation current", "does {v} have a soc 3", "{v} soc2?", "when is {v}'s next soc 2 due",
        "is there a newer soc report from {v}", "soc 2 for {v}", "is the {v} soc 2 type 2 still good",
    ],
    "iso_expiry": [
        "count of iso certified vendors", "number of vendors holding iso 27001", "how many vendors hold an iso cert",
        "how many iso certificates do we have", "{v}'s 27001 status", "is {v}'s iso cert in date",
        "do we hold an iso cert from {v}", "when is {v}'s recertification due", "{v} certificate valid until",
        "which vendors lack iso 27001", "who doesn't have an iso certificate", "vendors without iso 27001",
        "which vendors are missing an iso cert", "which vendors have iso 27001",
        "which vendors are on the 2013 edition", "who holds an iso certificate", "vendors with iso certs",
        "which vendors do we have iso certificates for", "any vendors still on iso 27001:2013",
        "which vendors are iso 27701 certified", "list all iso certificates", "and their iso cert",
        "what about their iso certificate", "and the iso 27001", "their cert expiry?", "is their cert valid",
        "when does {v}'s iso certificate expire", "is {v}'s iso 27001 cert valid", "does {v} have iso 27001",
        "what iso certificates does {v} have", "when does {v}'s iso cert run out", "{v} iso expiry",
        "is {v} iso certified", "is {v}'s 27001 still valid", "expiry date of {v}'s iso certificate",
        "show {v}'s iso certs", "does {v} hold an iso certificate", "is {v} certified to iso 27001",
        "until when is {v}'s certificate valid", "has {v}'s iso certificate lapsed", "{v} iso cert?",
        "is {v}'s iso certificate the 2013 edition", "does {v} have iso 42001", "what standards is {v} certified to",
        "what is {v}'s certificate number", "is {v}'s iso 27701 current", "when is {v}'s surveillance audit due",
        "{v}'s certificate expiry", "is the iso cert from {v} still in date",
    ],
    "auditor": [
        "who audited {v} and {v2}", "who are the auditors of {v}, {v2} and {v3}", "which firms audited {v} and {v2}",
        "is {v}'s iso 27001 accredited", "is {v}'s certificate accredited", "is the cb for {v} accredited",
        "which accreditation body for {v}", "which vendors are certified by {p}", "which vendors does {p} audit",
        "vendors audited by {p}", "who's the auditor for {v}", "who was the cpa firm for {v}", "did anyone audit {v}",
        "has {v} been audited", "which auditor looked at {v}", "who is the registrar for {v}'s cert",
        "who issued {v}'s 27001 certificate", "list the auditors of our vendors", "all auditors across vendors",
        "which cb certified {v}", "which audit firm did {v} use", "auditors used by our suppliers", "and the auditor",
        "who audited them", "and who certified them", "their auditor?", "who audited {v}", "who is {v}'s auditor",
        "which firm did {v}'s soc 2", "who wrote {v}'s soc 2 report", "which cpa firm audits {v}",
        "who certified {v}", "who issued {v}'s iso certificate", "which certification body certified {v}",
        "who is the certification body for {v}", "{v} auditor", "what audit firm signed {v}'s report",
        "who's the service auditor on {v}'s soc 2", "who's {v}'s registrar", "which registrar issued {v}'s cert",
        "is {v}'s certification body accredited", "who accredited {v}'s cb", "who performed {v}'s audit",
        "name of the auditor for {v}", "who did the attestation for {v}", "which auditors do our vendors use",
        "who audits our vendors", "which vendors are audited by {p}", "list the certification bodies of our vendors",
        "which of our vendors use {p} as auditor",
    ],
    "period": [
        "the report of {v} is for what period", "{v}'s soc 2 covers which dates", "for which months is {v}'s report",
        "which months does {v}'s report cover", "{v} audit window dates", "the audit of {v} covers what time",
        "{v} - period covered", "period covered by {v}'s report", "{v} audit period",
        "which period is {v}'s report for", "what time frame does {v}'s report cover",
        "what span does {v}'s soc 2 cover", "what window does {v}'s audit cover", "start and end of {v}'s period",
        "{v} period start and end", "and the period", "what period does it cover", "when did their period end",
        "what period does {v}'s soc 2 cover", "what dates does {v}'s report cover", "{v} soc 2 period",
        "when did {v}'s audit period end", "what is the review period of {v}'s soc 2", "when was {v}'s report issued",
        "report date of {v}'s soc 2", "when does {v}'s audit period start", "what's the coverage period for {v}",
        "from when to when is {v}'s report", "when was {v}'s iso certificate issued", "{v} report dates",
        "what's the period end on {v}'s report", "how long is {v}'s review window", "when did {v}'s examination end",
        "when was {v} first certified", "what's the issue date of {v}'s cert", "as of what date is {v}'s type 1",
    ],
    "opinion": [
        "list vendors with a qualified opinion", "show vendors with modified opinions",
        "is {v}'s soc 3 qualified", "is the {v} opinion qualified", "qualified or clean for {v}",
        "any adverse opinions", "how many unqualified reports", "reports with a clean opinion",
        "were any opinions qualified", "qualified opinions in the portfolio",
        "adverse or qualified opinions anywhere", "and their opinion", "was it qualified", "what about the opinion",
        "what opinion did {v} get", "is {v}'s opinion qualified", "did {v} get a clean opinion",
        "was {v}'s soc 2 opinion unqualified", "{v} opinion", "what did the auditor conclude about {v}",
        "is {v}'s report qualified", "did {v} get a qualified opinion", "which vendors have a qualified opinion",
        "any vendors with an adverse opinion", "which reports have a modified opinion", "who got a clean opinion",
        "list vendors with qualified opinions", "how many vendors have a qualified opinion",
        "which vendors got an unqualified opinion", "any disclaimers of opinion", "was the opinion on {v} modified",
        "did the auditor qualify {v}'s report", "what was the auditor's opinion for {v}",
    ],
    "categories": [
        "vendors with availability in their soc 2", "show vendors whose soc 2 covers confidentiality",
        "is privacy included in {v}'s soc 2", "is availability part of {v}'s report",
        "does {v} cover processing integrity", "which criteria categories for {v}", "which categories",
        "and the categories", "is availability in there", "which trust services categories does {v}'s soc 2 cover",
        "what categories are in {v}'s report", "does {v}'s soc 2 include availability",
        "does {v}'s soc 2 cover confidentiality", "is privacy in scope for {v}", "which tsc are covered for {v}",
        "{v} trust services criteria", "does {v}'s report include processing integrity",
        "is {v}'s soc 2 security only", "what tscs does {v} have", "which vendors' reports cover privacy",
        "which vendors have availability in scope", "does {v}'s report cover the confidentiality category",
        "categories of {v}'s soc 2",
    ],
    "scope": [
        "what did the {v} audit look at", "which systems did {v}'s auditors look at",
        "which products did {v}'s audit examine", "what did {v}'s auditors examine",
        "what products does {v}'s report cover", "what is covered by {v}'s certificate", "what was audited at {v}",
        "what are the boundaries of {v}'s system", "is the service we use in {v}'s scope",
        "does {v}'s report cover our product", "which services were examined at {v}",
        "what is covered by {v}'s iso scope", "and the scope", "what is in scope", "what about scope",
        "what is in scope for {v}", "what does {v}'s soc 2 cover", "what's the scope of {v}'s iso certificate",
        "which system does {v}'s report describe", "is our service in scope of {v}'s report", "{v} scope",
        "what services are covered by {v}'s certificate", "what products are in scope for {v}",
        "does {v}'s scope include the platform we use", "scope statement of {v}'s cert",
        "what locations are in scope for {v}", "which services does {v}'s audit cover", "describe {v}'s system",
    ],
    "subservice": [
        "carveouts for {v}", "{v}'s carveouts", "any carveouts at {v}", "carve outs {v}", "subservice orgs {v}",
        "which carveouts does {v} have",
        "which third parties are carved out of {v}'s report", "who are the carved out providers at {v}",
        "which vendors rely on carve outs", "vendors using carve outs", "carve outs across our vendors",
        "and their carve-outs", "what about subservice orgs", "who do they rely on",
        "what subservice organizations does {v} use", "what are {v}'s carve-outs", "who are {v}'s subprocessors",
        "does {v} use carve-outs", "which vendors does {v} rely on", "{v} subservice orgs", "where is {v} hosted",
        "what cloud does {v} run on", "is {v}'s hosting carved out", "does {v} use the inclusive method",
        "which vendors have carve-outs", "list vendors with subservice organizations", "who has carved-out providers",
        "which vendors use the carve-out method", "what fourth parties does {v} have", "{v}'s subprocessors",
        "who hosts {v}", "what third parties does {v} depend on", "does {v} carve out its data center",
        "how many vendors have carve-outs", "which subservice providers do our vendors use",
    ],
    "fourth_parties": [
        "list vendors using {p}", "show vendors hosted on {p}", "list the vendors that carve out {p}",
        "which of our vendors use {p}", "which of our suppliers rely on {p}", "which of our vendors are on {p}",
        "do any of our vendors use {p}", "who is affected if {p} has an outage", "what happens if {p} fails",
        "who relies on {p}", "how exposed are we to {p}", "vendors that carve out {p}",
        "which vendors list {p} as a carve out", "{p} dependency", "who is downstream of {p}", "who depends on {p}",
        "which vendors use {p}", "which of our vendors are hosted on {p}", "what vendors rely on {p}",
        "if {p} goes down who is affected", "vendors running on {p}",
        "which vendors have {p} as a subservice organization", "who uses {p} as a subprocessor",
        "our exposure to {p}", "how many vendors depend on {p}", "which suppliers sit on {p}",
        "concentration risk on {p}", "who's on {p}", "list vendors that carve out {p}", "anyone using {p}",
        "which vendors are built on {p}", "do any vendors depend on {p}", "what is our fourth party risk with {p}",
    ],
    "cuecs": [
        "which cuecs does {v} list", "what cuecs come with {v}'s report", "cuecs for {v}?", "what is on us for {v}",
        "which controls are ours under {v}'s report",
        "and their cuecs", "what about the cuecs", "what do we have to do for them", "what are {v}'s cuecs",
        "list the complementary user entity controls for {v}", "what controls do we need to run for {v}",
        "what do we have to do on our side for {v}", "{v} cuecs", "user entity controls in {v}'s report",
        "what are our responsibilities under {v}'s soc 2", "show all cuecs for {v}",
        "give me the full list of cuecs from {v}", "complementary controls for {v}", "what must we implement for {v}",
        "customer responsibilities for {v}", "cuecs we own for {v}", "export {v}'s cuecs",
        "how many cuecs does {v} have", "what user controls does {v} expect from us",
    ],
    "exceptions": [
        "list vendors with exceptions", "show vendors whose reports have exceptions",
        "did {v}'s auditor find anything", "did the auditor find issues at {v}", "what did {v}'s audit turn up",
        "what are the exceptions in {v}'s report", "exceptions in {v}'s soc 2", "list the exceptions in {v}'s report",
        "which controls failed in {v}'s report", "who's got exceptions", "which of our vendors have exceptions",
        "who has deviations noted", "anyone with exceptions in {c}", "every exception across vendors",
        "all exceptions in the portfolio", "show all exceptions", "list exceptions everywhere", "and exceptions",
        "any exceptions there", "what about exceptions", "which vendors have exceptions in {c}",
        "does {v} have exceptions", "any exceptions for {v}", "exceptions in {c}", "who has testing exceptions",
        "show me {v}'s exceptions", "did {v} have any deviations", "any findings in {v}'s soc 2",
        "what exceptions were noted for {v}", "exceptions touching {c}", "which reports have exceptions in {c}",
        "does {v} have exceptions in {c}", "{v} exceptions", "list all testing exceptions",
        "how many vendors have exceptions", "were there deviations in {c}", "any control failures at {v}",
        "what did the auditor find at {v}", "exceptions by criterion",
        "which vendors had exceptions in change management", "what about {c}", "and {c}",
    ],
    "expiring": [
        "what is nearly expired", "what's close to running out", "what expires shortly", "what needs chasing",
        "renewals coming up {w}", "anything lapsing on thursday", "what runs out by friday",
        "what do we need to renew {w}", "anything up for renewal {w}",
        "what's expiring for {v}", "what of {v}'s expires {w}", "{v} expiries", "when do {v}'s documents expire",
        "anything of {v}'s expiring soon", "what's expiring {w}", "what expires {w}", "anything expiring {w}",
        "which certificates expire {w}", "what goes stale {w}", "which reports go stale {w}",
        "what needs renewal {w}", "what's due {w}", "which vendors need a new report {w}", "expiring {w}",
        "upcoming expiries", "what's coming up for renewal", "what runs out {w}", "any certs lapsing {w}",
        "what should i chase {w}", "renewals {w}", "which bridge letters run out {w}", "what expires soon",
        "anything due for renewal soon", "how many certificates expire {w}", "list everything expiring {w}",
        "which soc reports expire {w}",
    ],
    "expired": [
        "nothing has expired, has it", "has anything lapsed", "nothing's lapsed right",
        "have any certs expired {w}", "what expired {w}", "which reports went stale {w}", "did anything lapse {w}",
        "show the stale reports", "which reports went stale", "who is overdue for a report", "overdue evidence",
        "what is overdue", "stale soc reports", "what has expired", "which certificates are expired",
        "which reports are stale", "what's out of date", "which vendors have expired documents", "anything expired",
        "list expired certs", "what lapsed already", "which soc reports are too old", "who has a stale soc 2",
        "what is past its expiry", "how many vendors have expired certificates", "which vendors are out of date",
        "what went stale", "expired documents", "which certificates lapsed", "which vendors need new evidence now",
    ],
    "ai": [
        "who uses generative ai features", "generative ai across vendors", "does {v} use generative ai",
        "does {v} use machine learning", "ai vendors without an audit",
        "list vendors using ai", "show vendors with ai", "list the vendors that use machine learning",
        "vendors that use llms", "show me every vendor with ai features", "list ai vendors",
        "does {v} use any ai", "does {v} use ai", "is {v} using machine learning", "does {v} have ai features",
        "which vendors hold iso 42001", "who is iso 42001 certified", "is {v}'s llm covered by an audit",
        "are {v}'s ai features audited", "ai across the portfolio", "who has ai in scope", "and their ai",
        "does it cover their ai", "which vendors use ai", "does {v}'s evidence cover its ai systems",
        "is {v}'s ai covered", "does {v} have iso 42001", "which vendors have ai coverage",
        "which vendors are certified to iso 42001", "does {v}'s assurance reach its ai",
        "is {v}'s machine learning in scope", "{v} ai coverage", "how does {v}'s evidence map to the nist ai rmf",
        "which vendors process our data with ai", "what ai governance evidence does {v} have",
        "is {v}'s ai use audited", "vendors using ai without coverage", "does {v}'s iso 42001 cover the nist ai rmf",
        "how many vendors use ai", "ai risk for {v}", "is the llm {v} uses covered by its report",
        "does {v}'s soc 2 say anything about ai",
    ],
    "type1": [
        "is the report of {v} a type 2", "{v}'s report: type 1 or type 2?", "type one or two for {v}",
        "is {v}'s soc 2 point in time", "was {v} tested over a period", "was {v}'s report a single date or a window",
        "did {v}'s auditor test operating effectiveness", "is {v}'s report design only",
        "which reports are point in time", "who only has a point in time report",
        "list vendors with only a type 1", "show vendors whose soc 2 is type 1",
        "is the {v} report type 2", "is {v}'s soc 2 a type 2", "type 2 or type 1 for {v}", "does {v} have a type ii",
        "which vendors only have a type 1", "who has a type 1 report", "vendors with type 1 only",
        "which soc 2 reports are type 1", "is {v}'s soc 2 a type 1", "does {v} only have a type 1",
        "list type 1 reports", "how many vendors only have type 1", "who hasn't got a type 2",
        "which vendors lack a type 2 report", "is {v}'s report type 1 or type 2", "type i only vendors",
    ],
    "bridge": [
        "bridge {v}?", "any bridge for {v}", "{v}'s bridge", "is the bridge still valid for {v}", "bridge status {v}",
        "gap ltr for {v}?",
        "did {v} send a bridge letter", "{v} gap letter?", "how many vendors have bridge letters",
        "show all bridge letters", "any bridge letter on file for {v}",
        "list vendors with a bridge letter", "show vendors that sent gap letters",
        "is {v}'s gap letter valid", "is {v}'s bridge letter still good",
        "which vendors have a gap after their report", "who has a coverage gap since the report",
        "and the bridge letter", "do they have a bridge letter", "which vendors have bridge letters",
        "does {v} have a bridge letter", "is {v}'s bridge letter current", "who needs a bridge letter",
        "list bridge letters", "which vendors need a gap letter", "does {v}'s bridge letter cover today",
        "when does {v}'s bridge letter end", "bridge letter for {v}", "how many bridge letters do we have",
        "which vendors have a gap between report and today", "is there a bridge letter from {v}",
        "which bridge letters have lapsed", "{v} bridge letter",
    ],
    "verdicts": [
        "who is failing at the moment", "which vendors are in trouble right now",
        "which suppliers have issues right now", "who fails our checks today", "which vendors are not ok right now",
        "portfolio health overview", "how do our vendors stack up overall", "exec summary of vendor assurance",
        "who are our weakest vendors", "which vendors worry you", "do all our vendors pass",
        "does every vendor meet {prof}", "do all vendors meet our requirements", "is every supplier compliant",
        "are all our vendors ok", "how healthy is our vendor portfolio", "how many vendors fail",
        "list vendors that fail", "show vendors that meet our requirements",
        "who's our riskiest vendor", "which vendor is the biggest risk", "who is the riskiest supplier",
        "worst vendors", "which vendors have no assurance documents", "vendors without any evidence",
        "who has nothing on file", "who passes {prof}", "which vendors pass the {prof} profile",
        "which vendors need attention", "who is failing", "who fails", "vendors failing our checks",
        "which vendors are green", "which vendors don't meet our requirements", "who fails the profile",
        "which vendors pass", "list vendors by verdict", "which vendors meet the requirements",
        "who doesn't meet {prof}", "which vendors have insufficient evidence",
        "how many vendors meet our requirements", "which vendors are non compliant", "who is at risk",
        "which vendors fail {prof}", "summary of all verdicts", "portfolio overview", "how are our vendors doing",
        "which vendors have findings", "which vendors should we worry about", "who are the problem vendors",
        "which vendors are red",
    ],
    "compare": [
        "compare {v} and {v2}", "{v} vs {v2}", "{v} or {v2}, which is better", "difference between {v} and {v2}",
        "how does {v} compare with {v2}", "side by side {v} and {v2}", "{v} versus {v2}",
        "which is stronger, {v} or {v2}", "compare {v}, {v2} and {v3}", "put {v} next to {v2}",
        "should we pick {v} or {v2}", "{v} compared to {v2}", "contrast {v} with {v2}",
    ],
    "crosswalk": [
        "{c} in iso 27001 terms", "{c} expressed in annex a language", "translate {c} into annex a controls",
        "convert {a} into soc 2 criteria", "{a} in trust services terms", "what's {c} called in iso",
        "what does {c} look like in 27001", "iso version of {c}",
        "what does {a} map to in soc 2", "what does {c} map to in iso 27001", "which iso controls match {c}",
        "{a} in soc 2 terms", "crosswalk for {c}", "what is the soc 2 equivalent of {a}",
        "which tsc criteria correspond to {a}", "map {c} to annex a", "how does {a} relate to the tsc",
        "{c} iso equivalent", "what annex a controls cover {c}", "what's {a}", "what is {c}", "mapping of {a}",
        "which criteria does {a} map to", "is {a} covered by a soc 2",
    ],
    "replace": [
        "if {v} only had its iso cert would that be enough", "would {v}'s iso certificate alone be enough",
        "is {v}'s iso cert enough without a soc 2", "what does {v}'s {fw} miss compared to {fw2}",
        "what is {v}'s {fw} missing versus a {fw2}", "what gaps does {fw} leave versus {fw2}",
        "does {fw} replace {fw2}", "can {fw} be used instead of {fw2}", "is {fw} enough instead of {fw2}",
        "do we still need {fw2} if we have {fw}", "{fw} vs {fw2}", "difference between {fw} and {fw2}",
        "is {fw} equivalent to {fw2}", "what does {fw2} add over {fw}", "does {v}'s {fw} stand in for a {fw2}",
        "can we accept {v}'s {fw} instead of a {fw2}", "is {v}'s iso 27001 enough or do we need their soc 2",
        "would {v}'s {fw} do instead of {fw2}", "what does {v}'s {fw} lack compared to {fw2}",
        "can {fw} substitute for {fw2}", "{fw} instead of {fw2} for {v}",
    ],
    "what_to_ask": [
        "what do i ask them for", "so what do we ask them for", "what should i ask them for then",
        "what to request from them",
        "what should we ask them for", "what do we need from them", "what should we ask {v} for",
        "which document should we request from {v}", "what do we need from {v}", "what's missing for {v}",
        "what should i request from {v}", "which report should {v} send us", "what evidence is missing from {v}",
        "what to ask {v}", "what should we chase {v} for", "which should we ask {v} for, soc 2 or iso",
        "what do we still need from {v}", "next steps with {v}", "what would close the gaps for {v}",
        "what documents are we missing for {v}",
    ],
    "one_evidence": [
        "does {fw} testing count towards {fw2}", "how much of the {fw} work carries over to {fw2}",
        "can our {fw} evidence be reused for {fw2}", "does work for {fw} also count for {fw2}",
        "is a joint soc 2 and iso 27001 audit possible", "can we combine soc 2 and iso audits",
        "integrated audit for soc 2 and iso 27001", "one audit covering both soc 2 and iso",
        "can one evidence base serve both soc 2 and iso 27001", "can we use the same evidence for soc 2 and iso",
        "can {v} use one audit for both", "one set of evidence for both frameworks",
        "can controls be tested once for soc 2 and iso 27001", "is there overlap we can reuse between soc 2 and iso",
        "can one audit satisfy both soc 2 and 27001", "combined audit for soc 2 and iso",
        "reuse iso evidence for soc 2", "does {v}'s evidence serve both frameworks",
        "single evidence base for soc and iso",
    ],
    "coverage": [
        "what's the gap in {v}'s coverage {w}", "gaps in {v}'s coverage", "is there a gap in {v}'s assurance {w}",
        "how much of {fy} is {v} covered for", "does {v} cover our {fy} audit", "is {v} covered for {fy}",
        "does {v}'s evidence cover {fy}", "are there gaps in {v}'s coverage for {fy}",
        "what days of {fy} are covered for {v}", "coverage gaps for {v} in {fy}",
        "does {v} have assurance for the whole of {fy}", "is the whole audit year covered for {v}",
        "which parts of {fy} aren't covered by {v}'s reports", "does {v}'s soc period cover our fiscal year",
        "audit window coverage for {v}", "do we have gap coverage for {v} in {fy}", "is {v} covered through year end",
    ],
    "documents": [
        "{v} - what have we got", "what have we got on {v}", "what do we have for {v}", "anything on file for {v}",
        "show {v}'s files", "what is in {v}'s folder", "{v} files", "what files do we have from {v}",
        "what has {v} uploaded", "what do we have from them", "which documents", "what documents do we have for {v}",
        "which files do we hold from {v}", "what do we have on {v}", "list {v}'s documents",
        "show me everything from {v}", "what has {v} sent us", "{v} documents", "which reports are on file for {v}",
        "do we have anything from {v}", "what evidence do we have for {v}", "what did {v} give us", "docs for {v}",
    ],
    "set_profile": [
        "use profile {prof} here", "set the profile to {prof}", "switch to {prof}", "use {prof} in this channel",
        "apply the {prof} profile", "change profile to {prof}", "bind {prof} to this channel",
        "profile {prof} please", "from now on use {prof}",
    ],
    "show_profile": [
        "what bar are vendors held to", "what are vendors measured against",
        "what standard are we measuring vendors against here", "what's the yardstick for vendors",
        "what profile does this channel use", "what are we checking against", "which profile is in use",
        "what standard do you assess vendors against", "which profile", "what profile are we using", "list profiles",
        "show the profiles", "what profiles exist", "which requirements profile applies here",
        "what requirements do you check", "current profile", "what are our requirements",
        "what does the {prof} profile require", "describe the profiles",
    ],
    "list_vendors": [
        "who's on our books", "who do we have in here", "which vendors are in the tool",
        "which companies are loaded in the bot",
        "which vendors are in the database", "who do we track", "how many suppliers do we track",
        "what suppliers do we have on record", "who is in the directory",
        "number of vendors", "who is on the vendor list", "total vendors", "vendor count", "show every vendor",
        "show me all vendors", "every vendor we have", "all our vendors", "list vendors", "which vendors do we have",
        "show all vendors", "how many vendors do we have", "what vendors are on record", "list all suppliers",
        "who are our vendors", "vendor list", "count our vendors", "how many suppliers are recorded",
        "which companies do you know about", "give me all the vendors", "vendors?",
    ],
    "unknown": [
        "{v} market cap", "how is {v}'s stock doing", "{v} stock quote", "who won the match", "what's the score",
        "did we win the game last night", "football scores", "election results", "is it ok to wear jeans on friday",
        "is the office open on monday", "are we ok to leave early today", "can i take friday off",
        "who is {v}'s founder", "when was {v} founded", "where is {v} headquartered", "write a limerick",
        "write a story about {v}", "tell me a fun fact about {place}", "what is the population of {place}",
        "how do i get to the office", "remind me tomorrow", "set a timer", "what is two plus two",
        "where should we eat", "should we order pizza tonight", "what should i cook for dinner",
        "when is the next holiday", "how do i book vacation", "who do i ask about payroll", "is the printer broken",
        "what is our wifi password", "when is the all hands", "how do i expense a taxi", "what movie should i watch",
        "is it going to rain", "book me a flight", "summarise this article", "what is the stock market doing",
        "how many days until christmas", "what is the weather in {place}", "translate this into {lang}",
        "fly me to {place}", "what time is it in {place}", "who is the president of {place}",
        "what is the airspeed of a swallow", "what's the weather tomorrow", "write me a poem", "who won the game",
        "tell me a joke", "what's {v}'s revenue", "who is {v}'s ceo", "how many employees does {v} have",
        "book a meeting with {v}", "what time is it", "order pizza", "translate this to french",
        "what's the capital of france", "how do i reset my password", "send an email to {v}", "what is love",
        "what's {v}'s stock price", "how much does {v} cost", "negotiate the contract with {v}", "when is lunch",
        "who is on call", "what is the meaning of life", "sing a song", "where is the office", "is {v} hiring",
        "what is {v}'s phone number", "cancel my subscription", "what is kubernetes", "play some music",
        "how tall is mount everest",
    ],
}

WINDOWS = ("this month", "this week", "this wk", "next month", "next mo", "next quarter", "next qtr", "this quarter",
           "this qtr", "in Q1", "in q2", "in Q3 2027", "in the next 60 days", "within 90 days", "in 2027",
           "before March", "by june", "in the next two weeks", "next 3 months", "this year", "by end of year",
           "soon", "in the coming weeks", "next week", "in h1", "this yr", "by eom", "over the next 30 days",
           "in january", "before the end of the quarter", "between now and end of feb", "between now and march",
           "by end of next month", "before april", "till the end of january", "on tuesday", "by friday",
           "in december", "by end of yr", "before christmas", "by the end of the week", "next fri",
           "in the next couple of weeks", "this coming quarter")
FRAMEWORKS = ("iso 27001", "soc 2", "SOC2", "ISO/IEC 27001", "a soc 2 report", "an iso cert", "27001", "SOC 2 type 2",
              "iso", "soc ii")
PROFILES = ("critical-data-processor", "default", "low-risk-tool", "critical data processor")
YEARS = ("FY2026", "fy26", "FY 2025", "FY2027", "our fiscal year", "2026", "this fiscal year")
PLACES = ("London", "Paris", "New York", "Berlin", "Tokyo", "Madrid", "Boston", "Sydney")
UNKNOWN_NAMES = ("Zorbly", "Trentwick Data", "Hollowmere", "Brisco Labs", "Kandor Systems", "Veltrane")

_ABBREVIATIONS = {
    "please": ("pls", "plz"), "you": ("u",), "your": ("ur",), "are": ("r",), "with": ("w/",), "about": ("abt",),
    "certificate": ("cert",), "certificates": ("certs",), "documents": ("docs",), "document": ("doc",),
    "report": ("rpt",), "vendors": ("vendrs", "suppliers"), "vendor": ("supplier",), "what's": ("whats", "wats"),
    "what": ("wat", "wht"), "which": ("wich", "whch"), "does": ("dose", "do"), "is": ("s",), "the": ("teh", ""),
    "organizations": ("orgs",), "organization": ("org",), "information": ("info",), "expiring": ("exp",),
    "months": ("mos",), "because": ("bc",), "for": ("4",), "to": ("2",), "and": ("&", "n"), "there": ("thr",),
    "requirements": ("reqs",), "exceptions": ("excepts", "exceptns"), "don't": ("dont",), "doesn't": ("doesnt",),
}
_BRITISH = {"organization": "organisation", "organizations": "organisations", "recognize": "recognise",
            "authorize": "authorise", "fulfill": "fulfil", "license": "licence", "center": "centre",
            "program": "programme", "analyze": "analyse", "behavior": "behaviour", "authorization": "authorisation"}
_OPENERS = ("", "", "", "", "hey ", "hi bot, ", "@vendor-assurance ", "quick q: ", "q: ", "yo ", "hey, ", "pls ",
            "can you tell me ", "do you know ", "i need to know ", "question: ")
_CLOSERS = ("", "", "", "?", "?", "??", " pls", " please", " thx", " asap", "?!", " for the audit", ".", " :)")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.35:
        return word[:i] + word[i + 1:]  # dropped letter
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swapped
    if kind < 0.85:
        return word[:i] + word[i] + word[i:]  # doubled
    return word[:i] + rng.choice("aeiourstn") + word[i + 1:]


def vary(text: str, rng: random.Random) -> str:
    """One way a person might type ``text`` in Slack."""
    words = text.split(" ")
    out = []
    for word in words:
        if word.isupper() or not word:
            out.append(word)
            continue
        key = word.lower()
        r = rng.random()
        if key in _ABBREVIATIONS and r < 0.2:
            word = rng.choice(_ABBREVIATIONS[key])
        elif key in _BRITISH and r < 0.5:
            word = _BRITISH[key]
        elif r < 0.05:
            word = _typo(word, rng)
        if word:
            out.append(word)
    text = " ".join(out)
    if rng.random() < 0.3:
        text = text[:1].upper() + text[1:]
    if rng.random() < 0.1:
        text = re.sub(r"'", "", text)
    return (rng.choice(_OPENERS) + text + rng.choice(_CLOSERS)).strip()


def _fill(template: str, rng: random.Random) -> str:
    def vendor() -> str:
        return "VENDOR" if rng.random() < 0.85 else rng.choice(UNKNOWN_NAMES)

    text = template
    text = text.replace("{v3}", vendor()).replace("{v2}", vendor()).replace("{v}", vendor())
    text = text.replace("{p}", "PROVIDER" if rng.random() < 0.7 else "VENDOR")
    text = text.replace("{c}", "CRIT").replace("{a}", "CTRL")
    text = text.replace("{w}", rng.choice(WINDOWS)).replace("{prof}", rng.choice(PROFILES))
    text = text.replace("{fy}", rng.choice(YEARS))
    # a capitalised place is masked like any other name the directory does not know
    place = rng.choice(PLACES) if rng.random() < 0.5 else "VENDOR"
    text = text.replace("{place}", place).replace("{lang}", rng.choice(("German", "French", "Spanish")))
    first = rng.choice(FRAMEWORKS)
    second = rng.choice([f for f in FRAMEWORKS if ("iso" in f.lower() or "27001" in f) != ("iso" in first.lower()
                                                                                           or "27001" in first)])
    return text.replace("{fw2}", second).replace("{fw}", first)


def corpus(per_template: int = 14, seed: int = 20261206) -> list[tuple[str, str]]:
    """(question, intent) pairs: every template filled ``per_template`` times, with variation; deterministic."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for intent, templates in TEMPLATES.items():
        for template in templates:
            seen: set[str] = set()
            for i in range(per_template):
                text = _fill(template, rng)
                text = text if i == 0 else vary(text, rng)
                if text not in seen:
                    seen.add(text)
                    out.append((text, intent))
    rng.shuffle(out)
    return out


def vocabulary() -> frozenset[str]:
    """Every word of the templates and fillers: words that are the question's, never a vendor's name by themselves."""
    words: set[str] = set()
    sources = [t for ts in TEMPLATES.values() for t in ts]
    sources += [*WINDOWS, *FRAMEWORKS, *PROFILES, *YEARS, *_OPENERS, *_CLOSERS]
    sources += [w for ws in _ABBREVIATIONS.values() for w in ws] + list(_ABBREVIATIONS) + list(_BRITISH.values())
    sources += [*SHORTHAND, *SHORTHAND.values()]
    for text in sources:
        for word in re.findall(r"[a-z][a-z0-9']*", text.lower()):
            words.add(word)
            words.add(word.split("'")[0])
    return frozenset(w for w in words if w)
