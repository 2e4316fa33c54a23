"""Browser sessions for the reviewer's web app: a signed cookie naming an API token, and its CSRF token.

A person signs in with an API token once; the cookie then stands for that token (its name and scopes) until it
expires or the token is revoked, which takes effect within seconds because the token is looked up again. The cookie
holds no secret of its own: the token id, an expiry and a random CSRF token, signed with a key kept in the data
directory (created on first use, readable by the service's user only), so every process of one deployment accepts
the others' cookies and a restart does not sign everyone out.

A request authenticated by the cookie that changes something must carry the CSRF token (the ``X-CSRF-Token``
header, or the ``csrf_token`` form field on the web app's forms): another site can make a browser send the cookie,
never read the token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..database import begin_write, utcnow
from .models import ApiToken, Principal, SignedOutSession

COOKIE = "va_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
LIFETIME_SECONDS = 12 * 3600
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CACHE_SECONDS = 5.0

_keys: dict[Path, bytes] = {}
_keys_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class WebSession:
    """A signed-in browser: whose token, until when, and the CSRF token its forms carry."""

    token_id: int
    expires: int
    csrf: str


def _key(data_dir: Path) -> bytes:
    """The signing key of this deployment: 32 random bytes in ``DATA_DIR/session.key``, made once (atomically)."""
    path = data_dir / "session.key"
    with _keys_lock:
        key = _keys.get(path)
        if key is not None:
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = b""
            for _ in range(50):  # another process is writing it right now
                key = path.read_bytes()
                if len(key) == 32:
                    break
                time.sleep(0.01)
            if len(key) != 32:
                raise RuntimeError(f"{path} is not a session key (32 bytes); delete it to make a new one") from None
        else:
            key = secrets.token_bytes(32)
            with os.fdopen(fd, "wb") as fh:
                fh.write(key)
        _keys[path] = key
        return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(data_dir: Path, token_id: int, *, now: float | None = None) -> tuple[str, WebSession]:
    """A new session for the token: the cookie's value and what it says."""
    session = WebSession(token_id, int((now or time.time()) + LIFETIME_SECONDS), secrets.token_urlsafe(24))
    payload = _b64(json.dumps({"t": session.token_id, "e": session.expires, "c": session.csrf}).encode())
    sig = _b64(hmac.new(_key(data_dir), payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{sig}", session


def read(data_dir: Path, cookie: str | None, *, now: float | None = None) -> WebSession | None:
    """The session a cookie stands for; None when absent, forged, malformed or expired."""
    if not cookie or len(cookie) > 400 or cookie.count(".") != 1:
        return None
    payload, sig = cookie.split(".")
    good = _b64(hmac.new(_key(data_dir), payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(sig, good):
        return None
    try:
        data = json.loads(_unb64(payload))
        session = WebSession(int(data["t"]), int(data["e"]), str(data["c"]))
    except (ValueError, KeyError, TypeError):
        return None
    if session.expires < (now or time.time()):
        return None
    return session


def csrf_ok(session: WebSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(session.csrf, given or "")


_principals: dict[int, tuple[float, Principal | None]] = {}
_principals_lock = threading.Lock()


def sign_out(db_session: Session, session: WebSession) -> None:
    """Refuse this session's cookie from now on, in every process (commits); expired entries are pruned."""
    begin_write(db_session)
    db_session.execute(delete(SignedOutSession).where(SignedOutSession.expires_at < utcnow()))
    db_session.add(SignedOutSession(nonce=session.csrf[:64], expires_at=datetime.fromtimestamp(session.expires, UTC)))
    try:
        db_session.commit()
    except IntegrityError:  # signed out twice
        db_session.rollback()


def principal(db_session: Session, session: WebSession) -> Principal | None:
    """Who the session acts as: its token's name and scopes; None once signed out, or once the token is revoked
    (within seconds)."""
    if db_session.get(SignedOutSession, session.csrf[:64]) is not None:
        return None
    now = time.monotonic()
    hit = _principals.get(session.token_id)
    if hit is not None and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    record = db_session.get(ApiToken, session.token_id)
    found = None
    if record is not None and record.revoked_at is None:
        found = Principal(record.id, record.name, frozenset(record.scopes))
    with _principals_lock:
        if len(_principals) > 10_000:
            _principals.clear()
        _principals[session.token_id] = (now, found)
    return found


def forget_principals() -> None:
    """Drop the few seconds of memory (after revoking a token, so that it applies at once)."""
    with _principals_lock:
        _principals.clear()
