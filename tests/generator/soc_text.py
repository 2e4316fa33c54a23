"""Wording for SOC reports: controls and their tests, user entity controls, exceptions and responses,
and the several ways service auditors phrase scope, subservice organizations and opinions.

All sentences are this project's own; they follow the structure of AICPA attestation reports
(sections, the a/b/c opinion bullets, carve-out vs inclusive) without copying any published report.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Control:
    domain: str  # short prefix for ids like "AC-05"
    criteria: tuple[str, ...]
    activity: str
    test: str
    population: str  # what was sampled, plural
    failure: str  # what went wrong for the exceptions found


CONTROLS: tuple[Control, ...] = (
    Control("GV", ("CC1.1",), "Personnel acknowledge the code of conduct upon hire and annually thereafter.",
            "Inspected signed acknowledgements for a sample of new hires and current employees.",
            "new hires", "the code of conduct acknowledgement was signed after the thirty-day deadline"),
    Control("GV", ("CC1.3", "CC1.4"), "An organizational chart defining reporting lines is maintained and reviewed "
            "by the executive team at least annually.", "Inspected the organizational chart and the evidence of "
            "its most recent review.", "quarterly reviews", "the review was not evidenced"),
    Control("HR", ("CC1.4",), "Background checks are completed for new personnel prior to their start date.",
            "Inspected background check results for a sample of new hires.", "new hires",
            "the background check was completed after the start date"),
    Control("HR", ("CC1.4", "CC2.2"), "Security awareness training is completed by personnel within thirty days of "
            "hire and annually thereafter.", "Inspected training completion records for a sample of personnel.",
            "personnel", "security awareness training had not been completed within the required timeframe"),
    Control("RM", ("CC3.1", "CC3.2"), "A risk assessment is performed annually and identified risks are assigned "
            "owners and treatment plans.", "Inspected the annual risk assessment and risk register.",
            "risk register entries", "no treatment plan owner was recorded"),
    Control("RM", ("CC3.4",), "Vendors that store or process customer data are assessed before onboarding and "
            "reviewed annually.", "Inspected vendor assessments for a sample of critical vendors.",
            "critical vendors", "the annual review had not been performed"),
    Control("MN", ("CC4.1",), "Internal control self-assessments are performed quarterly and results are reported "
            "to the security steering committee.", "Inspected quarterly self-assessment reports and committee "
            "minutes.", "quarters", "results were not reported to the committee"),
    Control("PL", ("CC5.2", "CC5.3"), "Information security policies are reviewed and approved by management "
            "annually.", "Inspected policy documents for evidence of annual review and approval.", "policies",
            "the policy had not been reviewed within the prior twelve months"),
    Control("AC", ("CC6.1",), "Production systems require multi-factor authentication for administrative access.",
            "Inspected authentication configurations for production systems.", "administrative accounts",
            "multi-factor authentication was not enforced"),
    Control("AC", ("CC6.1",), "Encryption keys are stored in a managed key service and rotated at least annually.",
            "Inspected key management configurations and key rotation logs.", "encryption keys",
            "the key had not been rotated within the prior twelve months"),
    Control("AC", ("CC6.2",), "Access to production systems is requested through a ticket and approved by the "
            "system owner before it is granted.", "Inspected access request tickets for a sample of new accounts.",
            "new user accounts", "access was granted before approval was documented"),
    Control("AC", ("CC6.2", "CC6.3"), "Access for terminated personnel is revoked within one business day of "
            "termination.", "Compared termination listings with system access listings for a sample of leavers.",
            "terminated personnel", "access was not revoked until several business days after termination"),
    Control("AC", ("CC6.3",), "User access reviews are performed quarterly by system owners and inappropriate "
            "access is removed.", "Inspected quarterly access reviews and the resulting tickets.", "access reviews",
            "the review was completed after the end of the following quarter"),
    Control("NW", ("CC6.6",), "Firewall rules restrict inbound traffic to approved ports and are reviewed "
            "semi-annually.", "Inspected firewall rule sets and the evidence of semi-annual review.",
            "firewall reviews", "the review was not performed"),
    Control("NW", ("CC6.7",), "Customer data is encrypted in transit using TLS 1.2 or higher.",
            "Inspected TLS configurations of public endpoints.", "public endpoints",
            "an endpoint accepted a deprecated protocol version"),
    Control("EP", ("CC6.8",), "Endpoint protection software is installed on workstations and servers and "
            "centrally monitored.", "Inspected the endpoint management console for a sample of devices.",
            "workstations", "the endpoint agent had not reported in over thirty days"),
    Control("OP", ("CC7.1",), "Vulnerability scans of production are run weekly and critical findings are "
            "remediated within fifteen days.", "Inspected scan reports and remediation tickets.",
            "critical vulnerabilities", "remediation exceeded the fifteen-day target"),
    Control("OP", ("CC7.2",), "Security events are logged centrally and alerts are triaged by the security team.",
            "Inspected the logging configuration and a sample of triaged alerts.", "security alerts",
            "triage was not documented"),
    Control("IR", ("CC7.3", "CC7.4"), "Security incidents are documented, classified and resolved according to the "
            "incident response plan.", "Inspected incident tickets for a sample of incidents.", "incidents",
            "the post-incident review was not completed"),
    Control("IR", ("CC7.5",), "The incident response plan is tested annually through a tabletop exercise.",
            "Inspected the tabletop exercise report.", "exercises", "lessons learned were not recorded"),
    Control("CM", ("CC8.1",), "Changes to production code are peer reviewed and approved before deployment.",
            "Inspected change tickets and pull requests for a sample of production changes.", "production changes",
            "the change was deployed without a documented peer review"),
    Control("CM", ("CC8.1",), "Infrastructure changes are deployed through the automated pipeline and tested "
            "in a staging environment.", "Inspected pipeline logs for a sample of infrastructure changes.",
            "infrastructure changes", "the change bypassed the staging environment"),
    Control("BC", ("CC9.1", "A1.2"), "Backups of production databases are performed daily and monitored for "
            "failure.", "Inspected backup configurations and job histories for a sample of days.", "days",
            "a failed backup job was not investigated"),
    Control("BC", ("A1.3",), "Restoration from backup is tested at least annually.",
            "Inspected the results of the most recent restoration test.", "restoration tests",
            "the test did not meet the recovery time objective"),
    Control("AV", ("A1.1",), "System capacity and availability are monitored and alerts are sent to on-call "
            "engineers.", "Inspected monitoring dashboards and on-call alert configurations.", "capacity alerts",
            "the alert was not acknowledged within the target time"),
    Control("CF", ("C1.1",), "Confidential information is classified and labelled according to the data "
            "classification policy.", "Inspected the data inventory for classification labels.",
            "data stores", "no classification label was assigned"),
    Control("CF", ("C1.2",), "Customer data is deleted within ninety days of contract termination.",
            "Inspected deletion tickets for a sample of terminated customers.", "terminated customers",
            "deletion was completed after the ninety-day commitment"),
    Control("PI", ("PI1.2", "PI1.3"), "Input validation checks reject malformed records and errors are logged for "
            "review.", "Inspected validation configuration and a sample of error logs.", "error logs",
            "rejected records were not reviewed"),
    Control("VM", ("CC9.2",), "Subservice organization SOC reports are obtained and reviewed annually.",
            "Inspected the annual review of subservice organization reports.", "subservice reports",
            "the review did not evaluate complementary controls"),
)

CUECS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("User entities are responsible for provisioning and deprovisioning their own users' access to {system}.",
     ("CC6.2",)),
    ("User entities are responsible for enabling multi-factor authentication for their user accounts where "
     "{short} makes it available.", ("CC6.1",)),
    ("User entities are responsible for keeping the credentials issued to their personnel confidential.",
     ("CC6.1",)),
    ("User entities are responsible for periodically reviewing which of their users have administrative roles.",
     ("CC6.3",)),
    ("User entities are responsible for notifying {short} promptly of suspected security incidents involving "
     "their accounts.", ("CC7.3",)),
    ("User entities are responsible for the accuracy and completeness of the data they submit to {system}.",
     ("PI1.2",)),
    ("Customers are responsible for securing the API keys issued to them and for rotating them when personnel "
     "change.", ("CC6.1", "CC6.6")),
    ("Customers are responsible for retaining their own copies of exported data as their record-keeping rules "
     "require.", ("A1.2",)),
    ("User entities are responsible for informing {short} of changes to their authorized contacts.", ("CC2.3",)),
    ("Customers are responsible for configuring single sign-on integrations with their own identity provider.",
     ("CC6.1",)),
    ("User entities should restrict administrative access to {system} to authorized personnel.", ("CC6.3",)),
    ("Controls should be established at user entities to ensure that data transmitted to {short} is authorized "
     "and complete.", ("PI1.2", "CC6.7")),
    ("User organizations should ensure that only approved devices are used to reach {system}.", ("CC6.8",)),
    ("Customers must review the audit logs {short} makes available and follow up on unusual activity.",
     ("CC7.2",)),
)

CSOCS = (
    "{host} is responsible for the physical security of the data centers that host {system}.",
    "{host} is responsible for environmental protections, including power and cooling, at its facilities.",
    "{host} is responsible for the availability and patching of the underlying hypervisor and network hardware.",
)

RESPONSES = (
    "Management agrees with the finding. The affected accounts were corrected when identified and the control "
    "owner now receives an automated reminder before the deadline.",
    "Management has retrained the responsible team and added a secondary review to the procedure. Remediation was "
    "completed before the end of the period.",
    "Management acknowledges the exception. A workflow change now blocks the step until the required approval is "
    "recorded, effective after period end.",
    "The items noted were isolated. Management reviewed the remaining population and found no further instances; "
    "monitoring has been added to detect recurrences.",
)

EXCEPTION_FORMS = (
    "Exception noted. For {k} of {n} sampled {population}, {failure}.",
    "Exception noted: for {k} of the {n} {population} selected for testing, {failure}.",
    "Deviation noted. Of {n} {population} sampled, {k} showed that {failure}.",
    "Exceptions noted. For {k} of {n} {population} inspected, {failure}.",
    "Exception Noted: For {k} of {n} {population} sampled, {failure}.",
)

NO_EXCEPTION = ("No exceptions noted.", "No exceptions noted", "No deviations noted.", "No exceptions noted.")

# Short titles of the criteria in this project's own words (group headings in Section IV).
CRITERIA_TITLES = {
    "CC1.1": "Commitment to integrity and ethical values", "CC1.3": "Structures, reporting lines and authorities",
    "CC1.4": "Competence of personnel", "CC2.2": "Internal communication of objectives and responsibilities",
    "CC3.1": "Objectives specified for risk assessment", "CC3.4": "Changes that could affect internal control",
    "CC4.1": "Ongoing and separate evaluations", "CC5.2": "General controls over technology",
    "CC6.1": "Logical access security measures", "CC6.2": "User registration and authorization",
    "CC6.3": "Role-based access and removal", "CC6.6": "Protection against threats from outside the boundary",
    "CC6.7": "Restriction of data transmission", "CC6.8": "Prevention of unauthorized software",
    "CC7.1": "Detection of configuration changes and vulnerabilities", "CC7.2": "Monitoring of system components",
    "CC7.3": "Evaluation of security events", "CC7.5": "Recovery from identified incidents",
    "CC8.1": "Change management", "CC9.1": "Risk mitigation for business disruptions",
    "CC9.2": "Vendor and business partner risk", "A1.1": "Capacity management", "A1.2": "Environmental protections "
    "and backups", "A1.3": "Recovery plan testing", "C1.1": "Identification of confidential information",
    "C1.2": "Disposal of confidential information", "PI1.2": "Processing inputs",
}

CATEGORY_NAMES = {
    "security": "Security",
    "availability": "Availability",
    "processing_integrity": "Processing Integrity",
    "confidentiality": "Confidentiality",
    "privacy": "Privacy",
}


def join_words(words: list[str]) -> str:
    """'A', 'A and B', 'A, B, and C' (the serial comma auditors use)."""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} and {words[1]}"
    return ", ".join(words[:-1]) + ", and " + words[-1]
