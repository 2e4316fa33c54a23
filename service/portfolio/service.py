"""Portfolio questions over every vendor: fourth parties, audit-window coverage and CUEC owners.

These are the functions the API, the CLI and the Slack bot's brain call (keyword-only, a session in, Pydantic models
out). For the bot:

- ``who_depends_on(db_session=..., provider="AWS")``: the provider (names normalized: "AWS", "Amazon Web
  Services, Inc." and "Amazon.com Services LLC" are one) and the vendors whose current SOC reports name it as a
  subservice organization, with the method (``carve-out`` / ``inclusive`` / None); None when no vendor names it.
- ``fourth_parties(db_session=...)``: every provider with its vendors, most-used first.
- ``concentration(db_session=..., settings=...)``: providers carrying more than ``CONCENTRATION_SHARE`` of the
  vendors whose tier is in ``CRITICAL_TIERS`` (at least two of them).
- ``coverage(db_session=..., vendor_id=..., start=..., end=...)``: does the vendor cover the buyer's audit window
  ("does X cover our FY2026 audit?" -> ``start=date(2026, 1, 1), end=date(2026, 12, 31)``, or the buyer's fiscal
  year): ``complete``, the ``covered`` spans (SOC periods, bridge letters, and certificates marked as such) and the
  ``gaps`` no report or bridge letter covers.
- ``vendor_cuecs(db_session=..., settings=..., vendor_id=...)``: each CUEC of the vendor's current SOC reports with
  the buyer's control that owns it (``CONTROLS_FILE``), or None.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors import Extraction
from extractors.model import SOC_KINDS
from knowledge.portfolio import audit_window, match_cuec, spans_of
from knowledge.portfolio.providers import normalize_provider, provider_key

from ..config import Settings
from ..documents import service as documents
from ..documents.models import Document
from ..vendors import service as vendors
from ..vendors.models import Vendor
from .controls import controls_for
from .models import (
    ConcentrationAlert,
    ControlRef,
    CoverageGap,
    CoverageRead,
    CoverageSpan,
    CuecRead,
    DocumentSignals,
    FourthParty,
    VendorCuecs,
    VendorRef,
)


@dataclass(frozen=True, slots=True)
class _Use:
    vendor_id: int
    method: str | None


def _methods(methods: Iterable[str | None]) -> str | None:
    found = {m for m in methods if m}
    return found.pop() if len(found) == 1 else ("carve-out" if "carve-out" in found else None)


def subservices_by_vendor(
    *, db_session: Session, current: dict[int, list[Any]] | None = None
) -> dict[int, list[tuple[str, str | None]]]:
    """Each vendor's subservice organizations (printed name, method) from its current SOC reports, in one pass;
    ``current``: the vendors' current documents when the caller has them."""
    if current is None:
        current = documents.current_documents_by_vendor(db_session=db_session)
    soc_ids = {d.id: vendor_id for vendor_id, docs in current.items() for d in docs if d.kind in SOC_KINDS}
    out: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    seen: set[int] = set()
    ids = list(soc_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for doc_id, signals in db_session.execute(
            select(DocumentSignals.document_id, DocumentSignals.signals).where(DocumentSignals.document_id.in_(chunk))
        ):
            if isinstance(signals, dict) and "subservices" in signals:
                seen.add(doc_id)
                out[soc_ids[doc_id]] += [(str(s["name"]), s.get("method")) for s in signals["subservices"]]
    legacy = [i for i in ids if i not in seen]  # parsed before signals were kept: read the extraction itself
    for doc_id, extraction in documents.extractions(db_session=db_session, ids=legacy).items():
        for s in (extraction.get("fields") or {}).get("subservice_organizations") or []:
            out[soc_ids[doc_id]].append((str(s.get("value")), s.get("method")))
    db_session.commit()
    return dict(out)


def fourth_parties(*, db_session: Session) -> list[FourthParty]:
    """Every provider named as a subservice organization, with the vendors naming it (most vendors first)."""
    uses: dict[str, dict[int, list[str | None]]] = defaultdict(lambda: defaultdict(list))
    for vendor_id, subs in subservices_by_vendor(db_session=db_session).items():
        for name, method in subs:
            uses[normalize_provider(name)][vendor_id].append(method)
    names = vendors.names_by_id(db_session=db_session)
    out = [
        FourthParty(
            provider=provider,
            vendors=sorted(
                (VendorRef(id=v, name=names.get(v, f"vendor {v}"), method=_methods(m)) for v, m in by_vendor.items()),
                key=lambda r: r.name.casefold(),
            ),
        )
        for provider, by_vendor in uses.items()
    ]
    return sorted(out, key=lambda p: (-len(p.vendors), p.provider.casefold()))


def who_depends_on(*, db_session: Session, provider: str) -> FourthParty | None:
    """The vendors depending on ``provider`` (any of its names or products: "AWS", "Azure", "GCP"), or None."""
    wanted = normalize_provider(provider).casefold()
    key = provider_key(provider)
    parties = fourth_parties(db_session=db_session)
    exact = next((p for p in parties if p.provider.casefold() == wanted), None)
    if exact is not None or not key:
        return exact
    return next((p for p in parties if provider_key(p.provider).startswith(key)), None)


def concentration(*, db_session: Session, settings: Settings) -> list[ConcentrationAlert]:
    """Providers carrying more than ``CONCENTRATION_SHARE`` of the critical vendors (and at least two)."""
    tiers = {t.casefold() for t in settings.critical_tiers}
    critical = {
        vid
        for vid, tier in db_session.execute(select(Vendor.id, Vendor.tier)).all()
        if tier and tier.casefold() in tiers
    }
    db_session.commit()
    if not critical:
        return []
    out = []
    for party in fourth_parties(db_session=db_session):
        mine = [v for v in party.vendors if v.id in critical]
        share = len(mine) / len(critical)
        if len(mine) >= 2 and share > settings.concentration_share:
            out.append(
                ConcentrationAlert(
                    provider=party.provider,
                    critical_vendors=len(mine),
                    of_critical=len(critical),
                    share=round(share, 4),
                    threshold=settings.concentration_share,
                    vendors=mine,
                )
            )
    return sorted(out, key=lambda a: -a.share)


# --- the audit window ----------------------------------------------------------------------------------------------

_SPAN_COLUMNS = (
    Document.vendor_id,
    Document.id,
    Document.kind,
    Document.period_start,
    Document.period_end,
    Document.issue_date,
    Document.expiry_date,
    Document.filename,
)


def dated_documents(*, db_session: Session, vendor_id: int | None = None) -> dict[int, list[Any]]:
    """All parsed documents' dates by vendor (not only the current ones: last year's report covers last year)."""
    stmt = select(*_SPAN_COLUMNS).where(Document.status == "parsed", Document.vendor_id.is_not(None))
    if vendor_id is not None:
        stmt = stmt.where(Document.vendor_id == vendor_id)
    out: dict[int, list[Any]] = defaultdict(list)
    for row in db_session.execute(stmt.order_by(Document.id)):
        out[row.vendor_id].append(row)
    db_session.commit()
    return dict(out)


def coverage_of(vendor_id: int, vendor_name: str, rows: Iterable[Any], start: date, end: date) -> CoverageRead:
    cov = audit_window(spans_of(rows), start, end)
    return CoverageRead.model_validate(
        {
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
            "from": start,
            "to": end,
            "days": cov.days,
            "covered_days": cov.covered_days,
            "complete": cov.complete,
            "covered": [CoverageSpan.model_validate(s.to_dict()) for s in cov.covered],
            "gaps": [CoverageGap.model_validate(g.to_dict()) for g in cov.gaps],
        }
    )


def coverage(*, db_session: Session, vendor_id: int, start: date, end: date) -> CoverageRead:
    """The days of ``start``..``end`` the vendor's SOC periods and bridge letters cover, and the gaps.

    Raises VendorNotFound, or ValueError when the window ends before it starts."""
    vendor = vendors.get_or_raise(db_session=db_session, vendor_id=vendor_id)
    name = vendor.name
    rows = dated_documents(db_session=db_session, vendor_id=vendor_id).get(vendor_id, [])
    return coverage_of(vendor_id, name, rows, start, end)


# --- CUECs and the buyer's controls -------------------------------------------------------------------------------


def vendor_cuecs(
    *, db_session: Session, settings: Settings, vendor_id: int, controls_file: str | Path | None = None
) -> VendorCuecs:
    """Each CUEC of the vendor's current SOC reports, with the control that owns it (None: unowned).

    Raises VendorNotFound or ControlsUnavailable."""
    vendor = vendors.get_or_raise(db_session=db_session, vendor_id=vendor_id)
    controls, source = controls_for(settings, controls_file)
    docs = [d for d in documents.current_documents(db_session=db_session, vendor_id=vendor_id) if d.kind in SOC_KINDS]
    rows: list[CuecRead] = []
    for doc in docs:
        x = Extraction.from_dict(doc.extraction or {})
        for cuec in x.fields.cuecs:
            owner = match_cuec(str(cuec.value), cuec.criteria, controls) if controls is not None else None
            control = owner.control if owner is not None else None
            rows.append(
                CuecRead(
                    document_id=doc.id,
                    document=doc.filename,
                    text=str(cuec.value),
                    page=cuec.page,
                    quote=cuec.quote,
                    criteria=list(cuec.criteria),
                    control=ControlRef(**control.to_dict()) if control is not None else None,
                    matched=list(owner.matched) if owner is not None else [],
                )
            )
    result = VendorCuecs(
        vendor_id=vendor.id,
        vendor_name=vendor.name,
        controls_file=source,
        owned=sum(1 for r in rows if r.control is not None),
        unowned=sum(1 for r in rows if r.control is None),
        cuecs=rows,
    )
    db_session.commit()
    return result
