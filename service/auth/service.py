"""Create, check and revoke API tokens.

Tokens are 256-bit random strings, so a plain SHA-256 is enough to store them safely (no salt or slow hash needed:
there is nothing to brute-force). ``admin`` implies every scope; ``write`` does not imply ``read``, so an
upload-only token cannot read reports back.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..database import begin_write, utcnow
from .models import SCOPES, ApiToken, Principal
from .sessions import forget_principals

TOKEN_PREFIX = "va_"
_CACHE_SECONDS = 5.0


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(*, db_session: Session, name: str, scopes: Iterable[str]) -> tuple[ApiToken, str]:
    """A new token (commits); returns the record and the token text, which is shown once and never stored."""
    wanted = sorted(set(scopes))
    unknown = [s for s in wanted if s not in SCOPES]
    if not wanted or unknown:
        raise ValueError(f"scopes must be among {', '.join(SCOPES)}; got {', '.join(wanted) or 'none'}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    begin_write(db_session)
    record = ApiToken(name=name, token_hash=hash_token(token), prefix=token[:10], scopes=wanted)
    db_session.add(record)
    db_session.commit()
    return record, token


_cache: dict[str, tuple[float, Principal | None]] = {}
_cache_lock = threading.Lock()


def cached(token: str) -> Principal | None:
    """The principal for a token checked within the last few seconds, or None (then call ``authenticate``)."""
    hit = _cache.get(hash_token(token))
    if hit is not None and time.monotonic() - hit[0] < _CACHE_SECONDS:
        return hit[1]
    return None


def authenticate(*, db_session: Session, token: str) -> Principal | None:
    """The principal for a bearer token, or None when unknown or revoked (revocation applies within seconds)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = hash_token(token)
    now = time.monotonic()
    cached = _cache.get(digest)
    if cached is not None and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    record = db_session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    principal = None
    if record is not None and record.revoked_at is None:
        principal = Principal(record.id, record.name, frozenset(record.scopes))
    with _cache_lock:
        if len(_cache) > 10_000:
            _cache.clear()
        _cache[digest] = (now, principal)
    return principal


def list_tokens(*, db_session: Session) -> list[ApiToken]:
    return list(db_session.scalars(select(ApiToken).order_by(ApiToken.id)))


class LastAdminToken(ValueError):
    """Revoking this token would leave no admin token, and nobody could create tokens any more (409)."""


def revoke(*, db_session: Session, token_id: int) -> ApiToken | None:
    """Revoke a token (commits); None when it does not exist. Raises LastAdminToken for the last live admin token.

    The live tokens are read with FOR UPDATE (on SQLite the write transaction is already exclusive), so two admins
    revoking each other's tokens at the same moment cannot both succeed and lock everyone out.
    """
    begin_write(db_session)
    live = list(db_session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None)).with_for_update()))
    record = db_session.get(ApiToken, token_id)
    if record is None:
        db_session.rollback()
        return None
    admins = [t for t in live if "admin" in (t.scopes or [])]
    if record.revoked_at is None and "admin" in (record.scopes or []) and len(admins) <= 1:
        db_session.rollback()
        raise LastAdminToken(
            f"token {token_id} is the last admin token; create another admin token before revoking this one"
        )
    record.revoked_at = record.revoked_at or utcnow()
    db_session.commit()
    with _cache_lock:
        _cache.clear()
    forget_principals()  # web sessions acting for this token end at once too
    return record
