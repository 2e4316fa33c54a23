"""Issue 9 (closing note, layout): "two columns whose paragraphs end at different heights stay one column band (a
SOC 3's AI statement had been glued to the other column's sentence)."

A SOC 3's system description is often set in two columns. When the right column's paragraph runs a line or two
longer than the left one's, and the left column's next paragraph starts first, the page still has two columns; read
across the gutter, the AI statement became half a sentence of each column, and its evidence quoted words the
report never wrote together.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from .helpers import extract

VENDOR = "Marrowfield Claims Technology, Inc."
AI_WORDS = ("Claim summaries are drafted by an AI model,", "which is included in the scope of this report.")
# Rows 0-1 hold both columns; rows 2-3 only the right one (its paragraph runs longer); row 4 only the left one
# (its next paragraph, the AI statement, starts first); rows 5-7 both again. The right column's list item ends
# without a full stop, so a reader that crosses the gutter runs it into the AI statement.
LEFT = ["Marrowfield was founded in 2016", "and serves regional insurers.", "", "", *AI_WORDS,
        "Summaries are reviewed by staff", "before an adjuster sends them."]
RIGHT = ["Principal service commitments:", "encryption of data at rest and", "in transit, and availability of",
         "99.9 percent in each month", "", "Reviews of access take place", "every quarter for each team",
         "that handles customer records."]


ABOVE = ["The Claims Desk system is described below in two columns, from the people who run it to the data it",
         "holds, as management wrote it for the users of this report and for their auditors."]
BELOW = ["Complementary user entity controls and the criteria they address are listed in the section that",
         "follows this description of the system."]


def soc3_with_columns() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    full = [
        [f"{VENDOR}", "SOC 3 Report", "Report on the Claims Desk System Relevant to Security",
         "For the period July 1, 2025 to December 31, 2025"],
        ["Independent Service Auditor's Report", f"To the Management of {VENDOR}:", "Scope",
         f"We have examined management's assertion that {VENDOR} maintained effective controls over the Claims",
         "Desk system throughout the period July 1, 2025 to December 31, 2025, to provide reasonable assurance",
         "that its service commitments and system requirements were achieved based on the trust services",
         "criteria relevant to security.", "Opinion",
         "In our opinion, management's assertion is fairly stated, in all material respects.",
         "Fenlow Partners LLP", "Hartford, Connecticut", "February 12, 2026"],
    ]
    for lines in full:
        c.setFont("Helvetica", 10)
        for i, line in enumerate(lines):
            c.drawString(60, 740 - 14 * i, line)
        c.showPage()
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 750, "Attachment B: Description of the Boundaries of the Claims Desk System")
    c.setFont("Helvetica", 10)
    y = 720
    for line in ABOVE:
        c.drawString(60, y, line)
        y -= 14
    for i in range(max(len(LEFT), len(RIGHT))):
        if i < len(LEFT) and LEFT[i]:
            c.drawString(60, y, LEFT[i])
        if i < len(RIGHT) and RIGHT[i]:
            c.drawString(320, y, RIGHT[i])
        y -= 14
    for line in BELOW:
        c.drawString(60, y, line)
        y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


def test_issue_009_the_ai_statement_is_quoted_from_its_own_column(tmp_path: Path) -> None:
    got = extract(tmp_path, "issue-009-soc3-two-columns.pdf", soc3_with_columns())
    assert got["kind"] == "soc3"
    ai = got["fields"]["ai"]
    assert ai["covered"] is True
    quotes = " ".join(e["quote"] for e in ai["evidence"])
    assert "included in the scope of this report" in quotes
    left_words = {w for line in LEFT for w in line.lower().split()}
    right_words = {w for line in RIGHT for w in line.lower().split()} - left_words
    glued = [e["quote"] for e in ai["evidence"] if right_words & set(e["quote"].lower().rstrip(".").split())]
    assert glued == [], f"the AI evidence quotes the other column: {glued}"
