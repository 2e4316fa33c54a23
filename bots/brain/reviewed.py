"""Say when a value in an answer was set or confirmed by a person (the web app's corrections, issue 13).

A corrected field carries a ``review`` entry in the stored extraction (``service.documents.corrections``): who,
when, why, and what the extractor had read. An answer that rests on such a field says so, so nobody mistakes a
reviewer's value for the extractor's reading or the other way round.
"""

from __future__ import annotations

from typing import Any

from service.documents.corrections import LISTS, SINGLE


def review_of(extraction: dict[str, Any] | None, field: str) -> dict[str, Any] | None:
    """The review entry of one single field (``opinion``, ``period_end``), or None."""
    item = ((extraction or {}).get("fields") or {}).get(field)
    review = item.get("review") if isinstance(item, dict) else None
    return review if isinstance(review, dict) else None


def mark(text: str, review: dict[str, Any] | None) -> str:
    """``text`` with "(reviewed by NAME)" or "(confirmed by NAME)" when a person set the value."""
    if not review:
        return text
    verb = "confirmed" if review.get("action") == "confirmed" else "reviewed"
    return f"{text} ({verb} by {review.get('by') or 'a reviewer'})"


def notes(extraction: dict[str, Any] | None, filename: str) -> list[str]:
    """One line per corrected field of the document: its value, the extractor's, who and why."""
    fields = (extraction or {}).get("fields") or {}
    out: list[str] = []
    items: list[tuple[str, Any]] = [(name, fields.get(name)) for name in SINGLE]
    for name in LISTS:
        listed = (fields.get("ai") or {}).get("evidence") if name == "ai.evidence" else fields.get(name)
        items += [(f"{name}.{i}", item) for i, item in enumerate(listed or [])]
    for path, item in items:
        review = item.get("review") if isinstance(item, dict) else None
        if not isinstance(review, dict) or review.get("action") != "corrected":
            continue
        original = review.get("original") or {}
        was = original.get("value") if isinstance(original, dict) else None
        why = f": {review['note']}" if review.get("note") else ""
        out.append(
            f"{path.replace('_', ' ')} of {filename} was reviewed by {review.get('by') or 'a reviewer'} on "
            f"{str(review.get('at') or '')[:10]}: {item.get('value')!s} (the extractor read {was!s}){why}"
        )
    return out
