"""Issue 14 (closing note): "the **concentration alert** raised by the daily alert job and sent through every
notifier once (this session: it had been an endpoint only)".

Issue 14 asked for "a concentration alert when a provider carries more than a set share of critical vendors"; it
existed only as a route nobody is notified by. Through the API: two critical vendors whose reports carve out the
same hosting provider, the daily alert run, then the alert list.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.config import Settings
from tests.extractors.make_pdf import text_pdf
from tests.service.conftest import bearer, make_token

from .documents import Soc2Report

PROVIDER = "Amazon Web Services, Inc."


def carving_out(vendor: str, firm: str) -> bytes:
    short = vendor.split()[0]
    return text_pdf(Soc2Report(vendor=vendor, firm=firm, scope_extra=(
        f" {short} uses {PROVIDER}, a subservice organization, to provide cloud hosting services. The description "
        f"excludes the controls of {PROVIDER}.")).pages())


def test_issue_014_the_daily_run_raises_the_concentration_alert_once(client: TestClient, settings: Settings) -> None:
    h = bearer(make_token(settings, "admin"))
    for vendor, firm in (("Acorndale Ledger, Inc.", "Corriston & Vale LLP"),
                         ("Brindlemoor Health, Inc.", "Pellworth Adair LLP")):
        created = client.post("/vendors", json={"name": vendor, "tier": "critical"}, headers=h)
        assert created.status_code == 201, created.text
        up = client.post("/documents", files={"file": (f"{vendor.split()[0].lower()}.pdf", carving_out(vendor, firm),
                                                       "application/pdf")}, data={"vendor": vendor}, headers=h)
        assert up.status_code == 202, up.text
    assert client.post("/alerts/run", headers=h).status_code == 200
    assert client.post("/alerts/run", headers=h).status_code == 200  # the next day's run sends nothing twice
    alerts = client.get("/alerts", headers=h).json()["alerts"]
    concentration = [a for a in alerts if a["kind"] == "provider_concentration"]
    assert len(concentration) == 1, alerts
    assert "Amazon Web Services" in concentration[0]["message"]
    assert "Acorndale" in concentration[0]["message"] and "Brindlemoor" in concentration[0]["message"]
