"""App Home: the user's view of vendors by verdict (default profile) and the next expiries."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from service.assessments import service as assessments
from service.vendors import service as vendors

from ...brain.handlers.expiries import expiries
from ..blocks import home_view
from ..deps import Deps
from ..errors import polite

log = logging.getLogger("vendor_assurance.slack")
MAX_VENDORS = 200


def build_home(deps: Deps) -> dict[str, Any]:
    by_verdict: dict[str, list[str]] = {}
    with deps.context(None) as ctx:
        for vendor in vendors.list_vendors(db_session=ctx.db_session, limit=MAX_VENDORS):
            try:
                result = assessments.assess_vendor(db_session=ctx.db_session, settings=ctx.settings,
                                                   vendor_id=vendor.id, today=ctx.today)
                verdict = result.verdict
            except Exception:  # noqa: BLE001 - one vendor's failure must not blank the whole page
                log.exception("assessing vendor %s for App Home failed", vendor.id)
                verdict = "insufficient_evidence"
            by_verdict.setdefault(verdict, []).append(vendor.name)
        due = [(d, v, what) for d, v, what, _f in expiries(ctx, until=ctx.today + timedelta(days=90))
               if d >= ctx.today]
        return home_view(by_verdict, due, profile=ctx.profile_name, today=ctx.today)


def register(app: App, deps: Deps) -> None:
    def _ack() -> None:
        """Events are acknowledged by Bolt; the page is built after the response."""

    @polite
    def publish(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        client.views_publish(user_id=event["user"], view=build_home(deps))

    app.event("app_home_opened")(ack=_ack, lazy=[publish])
