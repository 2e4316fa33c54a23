"""People the bot mentions itself ("uploaded by @alice"), kept apart from look-alikes in untrusted text.

Notes mix what the bot writes with what it read (file names, reasons quoting a file name). Rendering every
``<@U123>`` in a note as a Slack mention would let a file named ``x by <@U0ADMIN>.pdf`` ping an admin, so the bot
writes its own mentions with ``mention(user_id)``: a private-use marker with a key drawn per process, which no
document or file name can forge. Front ends escape the text first and then render the markers (``render``):
Slack as ``<@U123>``, the console as ``@U123``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

_KEY = secrets.token_hex(8)
_MARK = re.compile("\ue000" + _KEY + r":([UW][A-Z0-9]{1,20})\ue001")


def mention(user_id: str) -> str:
    """A mention of a Slack user written by the bot (an id that is not a Slack user id stays plain text)."""
    if re.fullmatch(r"[UW][A-Z0-9]{1,20}", user_id):
        return f"\ue000{_KEY}:{user_id}\ue001"
    return user_id


def render(text: str, as_mention: Callable[[str], str]) -> str:
    """``text`` with the bot's own mentions rendered by ``as_mention(user_id)``."""
    return _MARK.sub(lambda m: as_mention(m.group(1)), text)
