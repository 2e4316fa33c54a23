"""Issue 11: "a vendor name such as `<!channel> Aaa <https://evil.example|re-verify your SSO>` (settable through
the upload form's `vendor` field) is escaped in the blocks but sent raw in the message's plain-text `text`, which is
what notifications show."

End to end: the name comes in through the upload form's ``vendor`` field, then a person asks the bot a question
whose answer names that vendor; neither the message's ``text`` nor any block may hold a channel ping or a link the
bot did not write.
"""

from __future__ import annotations

import re

from service.auth import service as auth_service
from service.database import get_database
from tests.bots.conftest import Bot

from .documents import Certificate, certificate_pdf

HOSTILE = "<!channel> Grimsby Widgets <https://evil.example|re-verify your SSO>"
_MARKUP = re.compile(r"<[!@#]|<(?:https?|mailto):")


def test_issue_011_a_hostile_vendor_name_never_reaches_slack_as_markup(bot: Bot) -> None:
    with get_database(bot.settings).session() as session:
        _record, token = auth_service.create(db_session=session, name="regression-011", scopes=["write"])
    pdf = certificate_pdf(Certificate(vendor="Grimsby Widgets Ltd", number="GW-011-0001"))
    up = bot.http.post(f"{bot.url}/documents", files={"file": ("grimsby.pdf", pdf, "application/pdf")},
                       data={"vendor": HOSTILE}, headers={"Authorization": f"Bearer {token}"})
    assert up.status_code == 202, up.text
    reply = bot.ask("list vendors")
    text = str(reply.body.get("text") or "")
    everything = reply.text()
    assert "&lt;!channel&gt; Grimsby Widgets" in everything, "the answer names the vendor, escaped"
    assert not _MARKUP.search(text), text
    for part in everything.split("\n"):
        assert "<!channel>" not in part and "<https://evil.example" not in part, part
