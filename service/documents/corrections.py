"""A reviewer's corrections to an extraction: validated like the extractor's output, stored beside it, undoable.

The document's ``extraction`` stays the one thing every reader uses (the API, the assessment, the bot, the alerts),
so it holds the value in force: a corrected field is the reviewer's value with a ``review`` entry (who, when, note,
and the extractor's original). The active ``FieldReview`` row keeps the original, so an undo restores it exactly
and a re-parse applies the correction again; the ``FieldReviewLog`` keeps every change.

Field paths are the contract's names (``period_end``, ``opinion``) or a list item (``exceptions.0``, ``cuecs.3``,
``ai.evidence.1``).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..database import begin_write, utcnow
from .lookup import get_or_raise
from .models import Document
from .review_models import FieldCorrection, FieldReview, FieldReviewLog, ReviewDismissal

DATES = ("report_date", "period_start", "period_end", "issue_date", "original_issue_date", "expiry_date")
TEXTS = ("vendor", "issuer", "accreditation_body", "certificate_number", "scope")
SINGLE = (*TEXTS, *DATES, "opinion")
LISTS = ("standards", "tsc_categories", "subservice_organizations", "cuecs", "exceptions", "ai.evidence")
OPINIONS = ("unqualified", "qualified", "adverse", "disclaimer")
CATEGORIES = ("security", "availability", "processing_integrity", "confidentiality", "privacy")
# How the extractor normalizes a standard's name (the contract's description of ``standards``)
_STANDARD = re.compile(r"^(?:ISO/IEC \d{4,5}(?:-\d{1,2})?:\d{4}|AICPA TSC 2017)$")
_PATH = re.compile(r"^(?P<name>[a-z_]+(?:\.evidence)?)(?:\.(?P<index>\d{1,4}))?$")
_TEXT_MAX = 400
# Dates that must be in this order on one document (the extractor's own cross-field rule)
_ORDER = (("period_start", "period_end"), ("original_issue_date", "issue_date"), ("issue_date", "expiry_date"))


class InvalidCorrection(ValueError):
    """The value is not one the contract allows for that field (a 422)."""


class FieldNotFound(LookupError):
    """No such field on this document (a 404)."""


class NotReviewable(RuntimeError):
    """The document has no extraction to correct yet (queued, parsing or failed: a 409)."""


@dataclass(frozen=True, slots=True)
class FieldPath:
    """A parsed field path: the contract's name and, for a list, the item's index."""

    name: str
    index: int | None

    def __str__(self) -> str:
        return self.name if self.index is None else f"{self.name}.{self.index}"


def parse_path(text: str) -> FieldPath:
    """``period_end`` or ``exceptions.0``; raises FieldNotFound for anything the contract does not have."""
    match = _PATH.match(text or "")
    if match is None:
        raise FieldNotFound(f"no field {text!r}")
    name, index = match["name"], match["index"]
    if name in SINGLE and index is None:
        return FieldPath(name, None)
    if name in LISTS and index is not None:
        return FieldPath(name, int(index))
    if name in LISTS:
        raise FieldNotFound(f"{name!r} is a list: name an item, e.g. {name}.0")
    raise FieldNotFound(f"no field {text!r}")


def _container(fields: dict[str, Any], name: str, create: bool = False) -> list[Any] | None:
    if name == "ai.evidence":
        ai = fields.get("ai")
        if not isinstance(ai, dict):
            if not create:
                return None
            ai = fields["ai"] = {"covered": False, "evidence": []}
        items = ai.setdefault("evidence", []) if create else ai.get("evidence")
        return items if isinstance(items, list) else None
    items = fields.get(name)
    return items if isinstance(items, list) else None


def get_field(contract: dict[str, Any], path: FieldPath) -> dict[str, Any] | None:
    """The field (a dict with value, page, quote, ...) at ``path``; None when the extractor read nothing there.
    Raises FieldNotFound for a list index past the end."""
    fields = contract.get("fields") or {}
    if path.index is None:
        item = fields.get(path.name)
        return item if isinstance(item, dict) else None
    items = _container(fields, path.name)
    if items is None or path.index >= len(items):
        raise FieldNotFound(f"{path} does not exist on this document ({len(items or [])} item(s))")
    item = items[path.index]
    return item if isinstance(item, dict) else None


def _set_field(contract: dict[str, Any], path: FieldPath, item: dict[str, Any] | None) -> None:
    fields = contract.setdefault("fields", {})
    if path.index is None:
        fields[path.name] = item
        return
    items = _container(fields, path.name, create=True)
    assert items is not None and path.index < len(items)
    items[path.index] = item


def plain(item: dict[str, Any] | None) -> dict[str, Any] | None:
    """A field without its review entry: what the extractor (or the reviewer) says, nothing about who."""
    if item is None:
        return None
    return {k: v for k, v in item.items() if k != "review"}


def validate_value(path: FieldPath, value: Any) -> Any:
    """The value normalized as the extractor would write it, or InvalidCorrection saying what is allowed."""
    if value is None:
        if path.index is not None:
            raise InvalidCorrection(f"{path} is a list item: it needs a value (undo the correction to restore it)")
        return None
    if path.name in DATES:
        text = value.strip() if isinstance(value, str) else ""
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise InvalidCorrection(f"{path} is a date: give it as YYYY-MM-DD")
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidCorrection(f"{path} is a date: {text} is not a day of the calendar") from None
    if path.name == "opinion":
        if value not in OPINIONS:
            raise InvalidCorrection(f"the opinion is one of {', '.join(OPINIONS)}")
        return value
    if path.name == "tsc_categories":
        if value not in CATEGORIES:
            raise InvalidCorrection(f"a Trust Services category is one of {', '.join(CATEGORIES)}")
        return value
    if not isinstance(value, str):
        raise InvalidCorrection(f"{path} is text")
    text = " ".join(value.split())
    if not text or "\x00" in text:
        raise InvalidCorrection(f"{path} needs some text (or null when the document does not state it)")
    if len(text) > _TEXT_MAX:
        raise InvalidCorrection(f"{path} is at most {_TEXT_MAX} characters")
    if path.name == "standards" and not _STANDARD.match(text):
        raise InvalidCorrection("a standard is written as the extractor writes it, e.g. 'ISO/IEC 27001:2022'")
    return text


def _check_order(contract: dict[str, Any]) -> None:
    fields = contract.get("fields") or {}
    for first, second in _ORDER:
        a, b = fields.get(first), fields.get(second)
        av = a.get("value") if isinstance(a, dict) else None
        bv = b.get("value") if isinstance(b, dict) else None
        if isinstance(av, str) and isinstance(bv, str) and av > bv:
            raise InvalidCorrection(f"{first} ({av}) would fall after {second} ({bv})")


def _effective(original: dict[str, Any] | None, review: FieldReview) -> dict[str, Any]:
    """The field in force: the original's other keys (criteria, control, method), the reviewer's value and place."""
    item = dict(original or {"value": None, "page": None, "quote": None})
    item["value"] = review.value
    if review.page is not None:
        item["page"] = review.page
    if review.quote is not None:
        item["quote"] = review.quote
    item["review"] = {
        "action": review.action,
        "by": review.reviewed_by,
        "at": review.reviewed_at.isoformat(),
        "note": review.note,
        "original": original,
    }
    return item


def index_columns(doc: Document) -> None:
    """Copy the values the service filters on from the extraction into the indexed columns (as ``_record`` does)."""
    fields = (doc.extraction or {}).get("fields") or {}

    def value(name: str) -> Any:
        item = fields.get(name)
        return item.get("value") if isinstance(item, dict) else None

    vendor = value("vendor")
    doc.vendor_name = str(vendor)[:300] if vendor else None
    doc.standards = "|".join(str(s.get("value")) for s in fields.get("standards") or [] if s.get("value"))[:300] or None
    for col in DATES:
        raw = value(col)
        try:
            setattr(doc, col, date.fromisoformat(raw[:10]) if isinstance(raw, str) else None)
        except ValueError:
            setattr(doc, col, None)


def _parsed(db_session: Session, document_id: int) -> Document:
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    if doc.status != "parsed" or not doc.extraction:
        raise NotReviewable(f"document {document_id} is {doc.status}: there is nothing to correct yet")
    return doc


def correct(
    *, db_session: Session, document_id: int, field: str, body: FieldCorrection, actor: str
) -> tuple[Document, FieldReview]:
    """Store a reviewer's value for ``field`` and put it in force (commits). A value equal to the extractor's is a
    confirmation. Raises DocumentNotFound, FieldNotFound, NotReviewable or InvalidCorrection (nothing written)."""
    path = parse_path(field)
    try:
        return _correct(db_session, document_id, path, body, actor)
    except (InvalidCorrection, FieldNotFound, NotReviewable):
        db_session.rollback()  # nothing half-written, and the session is usable again
        raise


def _correct(
    db_session: Session, document_id: int, path: FieldPath, body: FieldCorrection, actor: str
) -> tuple[Document, FieldReview]:
    begin_write(db_session)
    doc = _parsed(db_session, document_id)
    contract = copy.deepcopy(doc.extraction or {})
    current = get_field(contract, path)
    value = validate_value(path, body.value)
    pages = doc.pages or 0
    if body.page is not None and pages and body.page > pages:
        raise InvalidCorrection(f"the document has {pages} page(s); page {body.page} is not one of them")
    review = db_session.scalars(
        select(FieldReview).where(FieldReview.document_id == doc.id, FieldReview.field == str(path))
    ).first()
    original = review.original if review is not None else plain(current)
    same = original is not None and original.get("value") == value and body.page is None and body.quote is None
    if review is None:
        review = FieldReview(document_id=doc.id, field=str(path), original=original)
        db_session.add(review)
    review.action = "confirmed" if same or (original is None and value is None) else "corrected"
    review.value = value
    review.page = body.page
    review.quote = body.quote
    review.note = body.note
    review.reviewed_by = actor[:200]
    review.reviewed_at = utcnow()
    _set_field(contract, path, _effective(original, review))
    _check_order(contract)
    db_session.add(
        FieldReviewLog(
            document_id=doc.id,
            field=str(path),
            action=review.action,
            value=value,
            previous=(current or {}).get("value"),
            note=body.note,
            actor=actor[:200],
            at=review.reviewed_at,
        )
    )
    _put(doc, contract)
    db_session.commit()
    return doc, review


def undo(*, db_session: Session, document_id: int, field: str, actor: str, note: str | None = None) -> Document:
    """Withdraw the correction of ``field``: the extractor's original is in force again (commits).
    Raises FieldNotFound when the field has no correction."""
    path = parse_path(field)
    begin_write(db_session)
    doc = _parsed(db_session, document_id)
    review = db_session.scalars(
        select(FieldReview).where(FieldReview.document_id == doc.id, FieldReview.field == str(path))
    ).first()
    if review is None:
        raise FieldNotFound(f"{path} has no correction to undo")
    contract = copy.deepcopy(doc.extraction or {})
    current = get_field(contract, path)
    _set_field(contract, path, review.original)
    db_session.add(
        FieldReviewLog(
            document_id=doc.id,
            field=str(path),
            action="undone",
            value=(review.original or {}).get("value"),
            previous=(current or {}).get("value"),
            note=note,
            actor=actor[:200],
            at=utcnow(),
        )
    )
    db_session.delete(review)
    _put(doc, contract)
    db_session.commit()
    return doc


def _put(doc: Document, contract: dict[str, Any]) -> None:
    doc.extraction = contract  # a new object, so the JSON column is written
    doc.updated_at = utcnow()  # the assessment's fingerprint changes: the verdict is computed again
    index_columns(doc)


def reapply(db_session: Session, document_id: int, contract: dict[str, Any]) -> dict[str, Any]:
    """A fresh extraction of a document with corrections: each correction applies again over the new original
    (inside the caller's transaction). One whose field no longer exists is noted in the warnings, not dropped."""
    reviews = db_session.scalars(select(FieldReview).where(FieldReview.document_id == document_id)).all()
    if not reviews:
        return contract
    out = copy.deepcopy(contract)
    for review in reviews:
        try:
            path = parse_path(review.field)
            original = plain(get_field(out, path))
        except FieldNotFound:
            out.setdefault("warnings", []).append(
                f"a reviewer's correction of {review.field} no longer applies: the new reading has no such field"
            )
            continue
        review.original = original
        _set_field(out, path, _effective(original, review))
    return out


def reviews_of(*, db_session: Session, document_id: int) -> list[FieldReview]:
    return list(
        db_session.scalars(
            select(FieldReview).where(FieldReview.document_id == document_id).order_by(FieldReview.field)
        )
    )


def log_of(*, db_session: Session, document_id: int) -> list[FieldReviewLog]:
    return list(
        db_session.scalars(
            select(FieldReviewLog).where(FieldReviewLog.document_id == document_id).order_by(FieldReviewLog.id)
        )
    )


def dismiss(*, db_session: Session, document_id: int, key: str, actor: str) -> None:
    """Take an item off the review queue without changing a field (commits; idempotent): ``key`` names it, e.g.
    ``failed`` or a warning's digest. Logged like a correction."""
    begin_write(db_session)
    get_or_raise(db_session=db_session, document_id=document_id)
    exists = db_session.scalars(
        select(ReviewDismissal).where(ReviewDismissal.document_id == document_id, ReviewDismissal.key == key[:60])
    ).first()
    if exists is None:
        db_session.add(ReviewDismissal(document_id=document_id, key=key[:60], dismissed_by=actor[:200]))
        db_session.add(FieldReviewLog(document_id=document_id, field=key[:60], action="dismissed", actor=actor[:200]))
    db_session.commit()
