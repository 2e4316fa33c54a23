"""Issue 12: "Vendor identity: an acronym of a vendor on record (a cloud provider's three letters) was not found".
"""

from __future__ import annotations

from pathlib import Path

from .portfolio import AWS, ask


def test_issue_012_aws_finds_amazon_web_services(portfolio: Path) -> None:
    answer = ask(portfolio, "does AWS cover us?")
    assert answer.splitlines()[0].endswith(AWS)
    assert "aws-iso27001.pdf" in answer
