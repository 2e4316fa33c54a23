"""Wording of the second family's SOC reports: controls, criteria titles, CUECs, results and responses.

All sentences are this project's own and deliberately differ from tests/generator/soc_text.py; criterion ids and
short titles are facts of the 2017 Trust Services Criteria (paraphrased, not quoted).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ctl:
    criteria: tuple[str, ...]
    activity: str
    test: str
    population: str  # what was sampled, plural
    failure: str  # what the auditor found wrong, for a deviation


CONTROLS: tuple[Ctl, ...] = (
    Ctl(("CC1.1",), "New staff sign the acceptable use policy and the ethics charter during onboarding.",
        "Selected a sample of new joiners and inspected the signed onboarding attestations.", "new joiners",
        "no signed ethics charter was retained"),
    Ctl(("CC1.2",), "The board of directors meets quarterly and receives a security and privacy update from the CISO.",
        "Inspected board minutes for each quarter of the period.", "board meetings",
        "the security update was not presented"),
    Ctl(("CC1.4",), "Candidates for engineering roles pass a pre-employment screening before receiving credentials.",
        "Selected engineering hires and inspected screening reports and account creation dates.", "engineering hires",
        "credentials were issued before screening had cleared"),
    Ctl(("CC2.1",), "A central log pipeline retains audit records from production services for at least one year.",
        "Observed the log pipeline configuration and inspected retention settings.", "log sources",
        "retention had been set to ninety days"),
    Ctl(("CC2.2",), "Workforce members complete privacy and secure coding modules each calendar year.",
        "Inspected the learning platform's completion report for sampled workforce members.", "workforce members",
        "the annual modules were overdue"),
    Ctl(("CC2.3",), "Customers are told of material changes to the service through release notes and the status page.",
        "Inspected release notes and status page notices published during the period.", "material changes",
        "no customer notice was published"),
    Ctl(("CC3.2",), "The risk committee scores threats against likelihood and impact and approves the register twice a "
        "year.", "Inspected the risk register and the committee's approval records.", "register approvals",
        "the second approval of the year was missing"),
    Ctl(("CC3.4",), "Changes to the business that could affect internal control are assessed by the compliance lead.",
        "Inquired of the compliance lead and inspected the change impact assessments.", "business changes",
        "no impact assessment was prepared"),
    Ctl(("CC4.1",), "An internal audit function tests a rotating set of controls each quarter.",
        "Inspected the internal audit plan and quarterly testing workpapers.", "quarterly test cycles",
        "the quarter's testing was not completed"),
    Ctl(("CC5.3",), "Security standards are published on the intranet and re-approved by the CISO every twelve months.",
        "Inspected the published standards and their approval history.", "security standards",
        "the standard had not been re-approved"),
    Ctl(("CC6.1",), "Single sign-on with hardware-backed second factors is enforced for the cloud console.",
        "Inspected identity provider policies and the cloud console's federation settings.", "console users",
        "a local console user without a second factor existed"),
    Ctl(("CC6.1",), "Databases holding customer content are encrypted at rest with service-managed keys.",
        "Inspected encryption settings for the production database clusters.", "database clusters",
        "a replica cluster was unencrypted"),
    Ctl(("CC6.2", "CC6.3"), "Joiner requests are raised in the HR system and approved by the hiring manager before "
        "accounts are provisioned.", "Selected provisioning events and compared approval and provisioning times.",
        "provisioning events", "the account was provisioned before manager approval"),
    Ctl(("CC6.2", "CC6.3"), "Leaver accounts are disabled by the identity team within twenty-four hours of the HR "
        "termination date.", "Selected leavers and compared termination dates with account deactivation logs.",
        "leavers", "the account remained active for more than twenty-four hours"),
    Ctl(("CC6.3",), "Privileged roles are recertified by the platform owner every quarter.",
        "Inspected quarterly privileged access recertifications and removal tickets.", "recertifications",
        "the recertification was completed late"),
    Ctl(("CC6.6",), "A web application firewall filters inbound requests to public endpoints.",
        "Inspected WAF policies attached to internet-facing load balancers.", "public load balancers",
        "an endpoint had no WAF policy attached"),
    Ctl(("CC6.7",), "Removable media is blocked on company laptops by device management policy.",
        "Inspected the device management policy and a sample of enrolled laptops.", "laptops",
        "the blocking policy was not applied"),
    Ctl(("CC6.8",), "Container images are scanned for known vulnerabilities before deployment to production.",
        "Inspected pipeline configuration and scan results for sampled deployments.", "deployments",
        "the image scan step had been skipped"),
    Ctl(("CC7.1",), "Cloud configuration is checked daily against hardened baselines and drift raises a ticket.",
        "Inspected the posture management tool's rules and sampled drift tickets.", "drift alerts",
        "no ticket was raised for the drift"),
    Ctl(("CC7.2",), "The security operations team reviews high-severity detections within four hours.",
        "Selected high-severity detections and inspected acknowledgement timestamps.", "detections",
        "acknowledgement exceeded four hours"),
    Ctl(("CC7.3", "CC7.4"), "Security incidents follow a written runbook with severity, containment and lessons "
        "learned.", "Selected incident records and inspected them against the runbook.", "incident records",
        "lessons learned were not documented"),
    Ctl(("CC7.5",), "Restoration from backup is exercised twice a year and the results are recorded.",
        "Inspected restoration exercise records.", "restoration exercises", "the exercise was not recorded"),
    Ctl(("CC8.1",), "Pull requests to production branches require an approving review by a second engineer.",
        "Inspected branch protection rules and selected merged pull requests.", "merged pull requests",
        "the change was merged without a second approval"),
    Ctl(("CC8.1",), "Emergency changes are reviewed retrospectively by the change advisory board within five days.",
        "Selected emergency changes and inspected retrospective review records.", "emergency changes",
        "the retrospective review was not performed"),
    Ctl(("CC9.2",), "Critical suppliers return a security questionnaire and evidence of assurance each year.",
        "Selected critical suppliers and inspected questionnaires and assurance reports.", "critical suppliers",
        "no current assurance report was obtained"),
    Ctl(("A1.2",), "Production data is replicated to a second region and replication health is monitored.",
        "Inspected replication settings and monitoring alerts.", "replication alerts",
        "a replication failure was not investigated"),
    Ctl(("A1.3",), "The disaster recovery plan is tested annually with a failover to the secondary region.",
        "Inspected the annual failover test report.", "failover tests", "the failover test was not completed"),
    Ctl(("C1.1",), "Customer content is tagged as confidential and access is restricted to the owning tenant.",
        "Inspected tenant isolation settings and data classification tags.", "storage buckets",
        "a bucket lacked the confidential tag"),
    Ctl(("C1.2",), "Customer content is purged within thirty days after contract termination.",
        "Selected terminated customers and inspected deletion certificates.", "terminated customers",
        "content was retained beyond thirty days"),
    Ctl(("PI1.3",), "Batch imports are reconciled to source record counts and mismatches are investigated.",
        "Selected batch imports and inspected reconciliation reports.", "batch imports",
        "a mismatch was not investigated"),
)

CRITERIA_TITLES = {
    "CC1.1": "Integrity and ethical values", "CC1.2": "Board independence and oversight",
    "CC1.4": "Attracting and retaining competent people", "CC2.1": "Quality information",
    "CC2.2": "Internal communication", "CC2.3": "External communication",
    "CC3.2": "Identifying and analysing risk", "CC3.4": "Assessing significant change",
    "CC4.1": "Ongoing and separate evaluations", "CC5.3": "Policies and procedures",
    "CC6.1": "Logical access security", "CC6.2": "Registering and authorizing users",
    "CC6.3": "Role-based access and removal", "CC6.6": "Threats from outside the boundaries",
    "CC6.7": "Restricting the movement of information", "CC6.8": "Unauthorized or malicious software",
    "CC7.1": "Detecting configuration changes and vulnerabilities", "CC7.2": "Monitoring for anomalies",
    "CC7.3": "Evaluating security events", "CC7.4": "Responding to incidents", "CC7.5": "Recovering from incidents",
    "CC8.1": "Change management", "CC9.2": "Vendor and business partner risk",
    "A1.2": "Environmental protections, backup and recovery infrastructure", "A1.3": "Recovery plan testing",
    "C1.1": "Identifying and maintaining confidential information", "C1.2": "Disposing of confidential information",
    "PI1.3": "Processing inputs and outputs completely and accurately",
}

CATEGORY_NAMES = {"security": "Security", "availability": "Availability",
                  "processing_integrity": "Processing Integrity", "confidentiality": "Confidentiality",
                  "privacy": "Privacy"}
CATEGORY_PREFIX = {"availability": "A1", "confidentiality": "C1", "processing_integrity": "PI1", "privacy": "P"}

# Complementary user entity controls: (text, criteria). Headings that group them are not CUECs.
CUECS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Access", "Customers designate administrators who approve and periodically review their own users' access.",
     ("CC6.2", "CC6.3")),
    ("Access", "Customers disable the accounts of their departing staff in a timely manner.", ("CC6.2",)),
    ("Access", "Customers configure their own identity provider to require multi-factor authentication.", ("CC6.1",)),
    ("Data", "Customers classify the data they upload and do not submit data the service is not designed to hold.",
     ("C1.1",)),
    ("Data", "Customers keep their API keys secret and rotate them when staff with knowledge of them leave.",
     ("CC6.1",)),
    ("Data", "Customers verify the completeness of files they send before submitting them for processing.",
     ("PI1.3",)),
    ("Communication", "Customers tell the provider's support desk promptly about suspected security incidents.",
     ("CC7.3",)),
    ("Communication", "Customers keep their contact details for security notifications current.", ("CC2.3",)),
    ("Communication", "Customers review release notes and assess the effect of changes on their own processes.",
     ("CC2.3", "CC8.1")),
    ("Continuity", "Customers maintain their own continuity arrangements for business processes that rely on the "
     "service.", ("A1.2",)),
)

RESPONSES = (
    "Management has reinforced the procedure with the responsible team and added an automated reminder.",
    "The affected item was corrected when identified, and a weekly report now flags recurrences to the control owner.",
    "Management accepts the finding; the process owner has been retrained and the control now requires a ticket "
    "reference before closure.",
    "The configuration was remediated during the examination period and monitoring has been added to detect drift.",
)

CLEAN = {"big": ("No deviations noted.", "No deviations noted.", "No exceptions noted."),
         "national": ("No exceptions noted.", "No exceptions noted.", "None noted."),
         "lowcost": ("None", "None", "No exceptions noted.")}
NOT_TESTED = ("N/A", "Not tested: the control did not operate during the period because no triggering event occurred.")
