"""Issue 11: "a vendor name such as `<!channel> Aaa <https://evil.example|re-verify your SSO>` (settable through
the upload form's `vendor` field) is escaped in the blocks but sent raw in the message's plain-text `text`, which is
what notifications show."

End to end: the name comes in through the API (``POST /vendors`` with a write token, as the upload form's ``vendor``
field can create it), a certificate is filed under it, then a person asks the bot questions whose answers name that
vendor; neither the message's ``text`` nor any block may hold a channel ping or a link the bot did not write.
"""

from __future__ import annotations

import re
import time

from bots.brain.portfolio import _RECHECK_SECONDS
from service.auth import service as auth_service
from service.database import get_database
from service.documents import intake
from tests.bots.conftest import Bot

from .documents import Certificate, certificate_pdf

HOSTILE = "<!channel> Grimsby Widgets <https://evil.example|re-verify your SSO>"
_MARKUP = re.compile(r"<[!@#]|<(?:https?|mailto):")


def test_issue_011_a_hostile_vendor_name_never_reaches_slack_as_markup(bot: Bot) -> None:
    with get_database(bot.settings).session() as session:
        _record, token = auth_service.create(db_session=session, name="regression-011", scopes=["write"])
    created = bot.http.post(f"{bot.url}/vendors", json={"name": HOSTILE}, headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201, created.text
    pdf = certificate_pdf(Certificate(vendor="Grimsby Widgets Ltd", number="GW-011-0001"))
    with get_database(bot.settings).session() as session:
        intake.receive(db_session=session, settings=bot.settings, data=pdf, filename="grimsby.pdf",
                       vendor=created.json()["id"], parse="now")
    # The bot's portfolio snapshot looks for changes at most once a second (bots.brain.portfolio): wait that long, as
    # a person would between filing a document and asking about it.
    time.sleep(_RECHECK_SECONDS + 0.2)
    for question in ("list vendors", "does Grimsby Widgets cover us?"):
        reply = bot.ask(question)
        text = str(reply.body.get("text") or "")
        everything = reply.text()
        assert "&lt;!channel&gt; Grimsby Widgets" in everything, "the answer names the vendor, escaped"
        assert not _MARKUP.search(text), text
        for part in everything.split("\n"):
            assert "<!channel>" not in part and "<https://evil.example" not in part, part
    assert "&lt;!channel&gt; Grimsby Widgets" in text, "the notification text names the vendor too"
