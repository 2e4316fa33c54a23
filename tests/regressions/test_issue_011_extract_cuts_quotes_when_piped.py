"""Issue 11: "`extract` cuts quotes when its output is piped."

Piped or redirected, the readable summary is for grep and scripts: each quote whole on its line, whatever the
width of a terminal would have been.
"""

from __future__ import annotations

import json
from pathlib import Path

from .documents import Soc2Report
from .helpers import run_cli, write_pdf

LONG_CARVE_OUT = (
    " Brambleford uses Nimbus Vault Hosting, Inc., a subservice organization, to provide data center and cloud "
    "infrastructure services. The description includes only the controls of Brambleford and excludes the controls "
    "of Nimbus Vault Hosting, Inc."
)


def test_issue_011_a_piped_summary_holds_every_quote_whole(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "report.pdf", Soc2Report(scope_extra=LONG_CARVE_OUT).pages())
    status, out, err = run_cli("extract", path, "--json", "--in-process")
    assert status == 0, err
    fields = json.loads(out)["fields"]
    quotes = [f["quote"] for f in fields.values() if isinstance(f, dict) and f.get("quote")]
    quotes += [item["quote"] for f in fields.values() if isinstance(f, list) for item in f if item.get("quote")]
    longest = max(quotes, key=len)
    assert len(longest) > 120, "the fixture has a quote wider than a terminal"
    status, out, err = run_cli("extract", path, "--in-process")  # the summary; stdout is not a terminal here
    assert status == 0, err
    assert " ".join(longest.split()) in " ".join(out.split())
    assert any(" ".join(longest.split())[:120] in line for line in out.splitlines()), "the quote is on one line"
