"""Vendor records: create, update, fuzzy search, and matching an extracted name to a vendor."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..database import begin_write, utcnow
from .models import Vendor, VendorCreate, VendorRead, VendorUpdate
from .names import Hit, NameIndex, normalize, relation


class VendorNotFound(LookupError):
    """No vendor with that id."""


class VendorExists(ValueError):
    """Another vendor already has that name."""


def get(*, db_session: Session, vendor_id: int) -> Vendor | None:
    """The vendor with this id, or None."""
    return db_session.get(Vendor, vendor_id)


def get_or_raise(*, db_session: Session, vendor_id: int) -> Vendor:
    """The vendor with this id; raises VendorNotFound."""
    vendor = db_session.get(Vendor, vendor_id)
    if vendor is None:
        raise VendorNotFound(f"vendor {vendor_id} does not exist")
    return vendor


def get_by_name(*, db_session: Session, name: str) -> Vendor | None:
    """The vendor whose name normalizes like ``name`` (case, punctuation and "Inc." ignored), or None."""
    return db_session.scalars(select(Vendor).where(Vendor.normalized_name == normalize(name)).limit(1)).first()


def list_vendors(*, db_session: Session, limit: int = 100, offset: int = 0) -> list[Vendor]:
    """Vendors by name."""
    return list(db_session.scalars(select(Vendor).order_by(Vendor.name, Vendor.id).limit(limit).offset(offset)))


def names_by_id(*, db_session: Session) -> dict[int, str]:
    """Every vendor's name by id, in one query (for answers that span all vendors)."""
    return {vendor_id: name for vendor_id, name in db_session.execute(select(Vendor.id, Vendor.name))}


def create(*, db_session: Session, vendor_in: VendorCreate) -> Vendor:
    """Create a vendor (commits); VendorExists when the name is taken, so two records never split its documents."""
    begin_write(db_session)
    if get_by_name(db_session=db_session, name=vendor_in.name) is not None:
        db_session.rollback()
        raise VendorExists(f"a vendor named {vendor_in.name!r} already exists")
    vendor = Vendor(
        name=" ".join(vendor_in.name.split()),
        normalized_name=normalize(vendor_in.name),
        aliases=vendor_in.aliases,
        tier=vendor_in.tier,
        services=vendor_in.services,
        processes_data_with_ai=vendor_in.processes_data_with_ai,
        owner=vendor_in.owner,
    )
    db_session.add(vendor)
    try:
        db_session.commit()
    except IntegrityError as exc:  # created concurrently by another request
        db_session.rollback()
        raise VendorExists(f"a vendor named {vendor_in.name!r} already exists") from exc
    note_change()
    return vendor


def update(*, db_session: Session, vendor_id: int, vendor_in: VendorUpdate) -> Vendor:
    """Change the fields given in ``vendor_in`` (commits). Raises VendorNotFound / VendorExists."""
    begin_write(db_session)
    vendor = get_or_raise(db_session=db_session, vendor_id=vendor_id)
    changes = vendor_in.model_dump(exclude_unset=True)
    new_name = changes.pop("name", None)  # a vendor always has a name: None keeps the current one
    if new_name is not None:
        other = get_by_name(db_session=db_session, name=new_name)
        if other is not None and other.id != vendor.id:
            db_session.rollback()
            raise VendorExists(f"a vendor named {new_name!r} already exists")
        vendor.name = " ".join(new_name.split())
        vendor.normalized_name = normalize(vendor.name)
    for key in ("aliases", "services"):
        if key in changes:
            setattr(vendor, key, changes.pop(key) or [])
    for key, value in changes.items():
        setattr(vendor, key, value)
    vendor.updated_at = utcnow()
    db_session.commit()
    note_change()
    return vendor


def get_or_create(*, db_session: Session, name: str) -> tuple[Vendor, bool]:
    """The vendor named ``name`` or a new one (commits when created); True when it was created."""
    existing = get_by_name(db_session=db_session, name=name)
    if existing is not None:
        return existing, False
    try:
        return create(db_session=db_session, vendor_in=VendorCreate(name=name)), True
    except VendorExists:
        found = get_by_name(db_session=db_session, name=name)
        assert found is not None
        return found, False


# --- search -------------------------------------------------------------------------------------------------

_index_lock = threading.Lock()
_index: dict[str, tuple[tuple[int, object], float, NameIndex]] = {}
_local_changes = [0]  # bumped by every create/update in this process
_RECHECK_SECONDS = 1.0
# the columns of VendorRead, read with the names so that a search answers from memory
_READ_COLUMNS = (
    Vendor.id,
    Vendor.name,
    Vendor.aliases,
    Vendor.tier,
    Vendor.services,
    Vendor.processes_data_with_ai,
    Vendor.owner,
    Vendor.created_at,
    Vendor.updated_at,
)


def note_change() -> None:
    """Tell this process's search index that vendors changed (callers that insert Vendor rows themselves)."""
    _local_changes[0] += 1


def _index_key(db_session: Session) -> str:
    return str(db_session.get_bind().engine.url)


def fresh_index(db_session: Session) -> NameIndex | None:
    """The index of all names if it is known to be current without asking the database, else None.

    Lets the API answer most searches on the event loop, without a hop to a thread (no I/O happens here)."""
    cached = _index.get(_index_key(db_session))
    if cached is None or cached[0][0] != _local_changes[0] or time.monotonic() - cached[1] >= _RECHECK_SECONDS:
        return None
    return cached[2]


def _name_index(db_session: Session) -> NameIndex:
    """The index of all names, rebuilt when a vendor was added or changed.

    Changes made by this process are seen at once; those made by other processes (another worker, the bot) within
    a second, by one cheap query (count and latest update) rather than one per search.
    """
    key = _index_key(db_session)
    now = time.monotonic()
    cached = _index.get(key)
    if cached is not None and cached[0][0] == _local_changes[0] and now - cached[1] < _RECHECK_SECONDS:
        return cached[2]
    count, latest = db_session.execute(select(func.count(Vendor.id), func.max(Vendor.updated_at))).one()
    stamp = (_local_changes[0], (int(count), latest))
    if cached is not None and cached[0] == stamp:
        _index[key] = (stamp, now, cached[2])
        return cached[2]
    with _index_lock:
        cached = _index.get(key)
        if cached is not None and cached[0] == stamp:  # another thread rebuilt it while we waited
            return cached[2]
        rows = db_session.execute(select(*_READ_COLUMNS)).all()
        entries: list[tuple[int, str]] = []
        for row in rows:
            entries.append((row.id, row.name))
            entries.extend((row.id, alias) for alias in row.aliases or [])
        index = NameIndex(entries)
        index.records.update((row.id, row._mapping) for row in rows)
        _index[key] = (stamp, now, index)
        return index


def search_hits(*, db_session: Session, q: str, limit: int = 10, cutoff: float = 60.0) -> list[Hit]:
    """Fuzzy hits (vendor id, score 0-100, matched name or alias), best first."""
    return _name_index(db_session).search(q, limit=limit, cutoff=cutoff)


def _payload(index: NameIndex, vendor_id: int) -> bytes | None:
    """The vendor's VendorRead JSON, serialized from the row read with the index the first time it is asked for."""
    payload = index.payloads.get(vendor_id)
    if payload is None:
        record = index.records.get(vendor_id)
        if record is None:
            return None
        payload = VendorRead.model_validate(dict(record)).model_dump_json().encode()
        index.payloads[vendor_id] = payload
    return payload


def index_search_json(index: NameIndex, q: str, limit: int = 10, cutoff: float = 60.0) -> bytes:
    """``search`` as the API's JSON (a list of VendorMatch) from an index alone: no database, no I/O."""
    parts = []
    for h in index.search(q, limit=limit, cutoff=cutoff):
        payload = _payload(index, h.vendor_id)
        if payload is not None:
            parts.append(
                b'{"vendor":'
                + payload
                + b',"score":'
                + json.dumps(h.score).encode()
                + b',"matched":'
                + json.dumps(h.matched).encode()
                + b"}"
            )
    return b"[" + b",".join(parts) + b"]"


def search_json(*, db_session: Session, q: str, limit: int = 10, cutoff: float = 60.0) -> bytes:
    """``search`` as the API's JSON (a list of VendorMatch), for the hot HTTP path.

    Each vendor's JSON is cached with the name index, which is rebuilt whenever any vendor changes, so a search
    touches no table at all unless the index must be checked or rebuilt.
    """
    return index_search_json(_name_index(db_session), q, limit=limit, cutoff=cutoff)


@dataclass(frozen=True, slots=True)
class SearchResult:
    vendor: Vendor
    score: float
    matched: str


def search(*, db_session: Session, q: str, limit: int = 10, cutoff: float = 60.0) -> list[SearchResult]:
    """Vendors whose name or an alias resembles ``q`` (typos, word order, "Inc." ignored), with scores 0-100."""
    hits = search_hits(db_session=db_session, q=q, limit=limit, cutoff=cutoff)
    if not hits:
        return []
    vendors = {v.id: v for v in db_session.scalars(select(Vendor).where(Vendor.id.in_([h.vendor_id for h in hits])))}
    return [SearchResult(vendors[h.vendor_id], h.score, h.matched) for h in hits if h.vendor_id in vendors]


# --- matching an extracted name ---------------------------------------------------------------------------------

MatchStatus = Literal["exact", "fuzzy", "uncertain", "created", "manual", "unknown"]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How an extracted vendor name maps to a record: ``vendor_id`` is set only when the match is safe to act on;
    an ``uncertain`` match carries the candidate for a person to confirm."""

    status: MatchStatus
    vendor_id: int | None
    candidate_id: int | None
    score: float | None


def match_name(*, db_session: Session, name: str | None, auto: float, floor: float) -> NameMatch:
    """Decide where a document whose vendor reads ``name`` belongs, without creating anything.

    A wrong attach is worse than an uncertain one, and an uncertain one costs a person's time, so the decision
    rests on how the names relate word by word (``names.relation``), not on a fuzzy score alone:

    - exact (normalized name, alias, a part of a "doing business as" name, a short form such as "AWS") -> attach;
    - the same words with a typo, and a clear winner scoring at least ``auto`` -> attach;
    - one name's words all inside the other's ("Acme Cloud" / "Acme Cloud Services") -> uncertain, a person
      confirms (one click in Slack, ``PUT /documents/{id}/vendor`` in the API);
    - anything else, even a shared first word ("Acme Cloud" / "Acme Payments") -> a new vendor.
    """
    if not name or not normalize(name):
        return NameMatch("unknown", None, None, None)
    norm = normalize(name)
    exact = get_by_name(db_session=db_session, name=name)
    if exact is not None:
        return NameMatch("exact", exact.id, None, 100.0)
    index = _name_index(db_session)
    short = index.short_forms(name)
    if len(short) == 1:
        return NameMatch("exact", next(iter(short)), None, 100.0)
    hits = index.search(name, limit=5, cutoff=floor)
    alias_exact = {h.vendor_id for h in hits if normalize(h.matched) == norm}
    if len(alias_exact) == 1:
        return NameMatch("exact", next(iter(alias_exact)), None, 100.0)
    related = [(h, relation(norm, normalize(h.matched))) for h in hits]
    typos = [(h, r) for h, r in related if r in {"same", "typo"}]
    parts = [(h, r) for h, r in related if r in {"part", "near"}]
    if len({h.vendor_id for h, _r in typos}) == 1 and typos[0][0].score >= auto and not parts:
        return NameMatch("fuzzy", typos[0][0].vendor_id, None, typos[0][0].score)
    if typos or parts or len(short) > 1:
        top = (typos or parts)[0][0] if (typos or parts) else None
        candidate = top.vendor_id if top else min(short)
        return NameMatch("uncertain", None, candidate, top.score if top else 100.0)
    return NameMatch("created", None, None, None)


def resolve_hint(*, db_session: Session, name: str, auto: float, floor: float) -> NameMatch:
    """Which vendor a person means by a name typed in an upload form: the same index as for documents, but a
    short name that only one vendor's name contains ("Quillfeather" for "Quillfeather Analytics, Inc.") is taken,
    since people call vendors by their short names. Uncertain matches are not acted on."""
    match = match_name(db_session=db_session, name=name, auto=auto, floor=floor)
    if match.status != "uncertain" or match.candidate_id is None:
        return match
    norm = set(normalize(name).split())
    containing = {h.vendor_id for h in _name_index(db_session).search(name, limit=5, cutoff=floor)
                  if norm <= set(normalize(h.matched).split())}
    if containing == {match.candidate_id}:
        return NameMatch("fuzzy", match.candidate_id, None, match.score)
    return match


def to_read(vendors: Sequence[Vendor]) -> list[VendorRead]:
    return [VendorRead.model_validate(v) for v in vendors]
