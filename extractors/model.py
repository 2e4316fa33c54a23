"""The typed result of reading one document, and its JSON form (shared/contract/extraction.schema.json).

Every value carries the page and the words it was read from, so a reviewer can check it in the PDF.
A value the document does not state is ``None`` (or an empty list): never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, cast

from .patterns import lazy

SCHEMA_VERSION = "1"
QUOTE_MAX = 400

Kind = Literal["soc2_type1", "soc2_type2", "soc3", "soc1", "bridge_letter", "iso_certificate", "unknown"]
KINDS: tuple[Kind, ...] = ("soc2_type1", "soc2_type2", "soc3", "soc1", "bridge_letter", "iso_certificate", "unknown")
# The groups of kinds every layer reasons with, defined once (issue 10: they were spelled in ten places, and disagreed
# on SOC 1). SOC 2 reports, Type 1 (a point in time) or Type 2 (a period, with tests of operating effectiveness):
SOC2_KINDS: tuple[Kind, ...] = ("soc2_type1", "soc2_type2")
# Reports on the AICPA Trust Services Criteria (security and the other categories): SOC 2 and its summary, SOC 3.
TRUST_SERVICES_KINDS: tuple[Kind, ...] = (*SOC2_KINDS, "soc3")
# Every SOC report, SOC 1 (internal control over financial reporting, not security) included.
SOC_KINDS: tuple[Kind, ...] = (*TRUST_SERVICES_KINDS, "soc1")
# What counts as evidence about a vendor's security: the Trust Services reports, bridge letters, ISO certificates.
ASSURANCE_KINDS: tuple[Kind, ...] = (*TRUST_SERVICES_KINDS, "bridge_letter", "iso_certificate")
# Reports whose opinion covers a period of operation (a Type 2, and the SOC 3 drawn from one), not a single date.
PERIOD_REPORT_KINDS: tuple[Kind, ...] = ("soc2_type2", "soc3")
# Documents that vouch for days up to the end of a period, so must be dated after it: period reports and bridge letters.
VOUCHES_FOR_PERIOD_KINDS: tuple[Kind, ...] = ("bridge_letter", *PERIOD_REPORT_KINDS)
# The slot a SOC-family document competes in for "the current one": a newer Type 1 supersedes an older Type 2.
SOC_SLOTS: dict[str, str] = {"soc2_type1": "soc2", "soc2_type2": "soc2", "soc3": "soc3", "soc1": "soc1",
                             "bridge_letter": "bridge"}
# The order a reviewer reads evidence in when several answer the same question: the strongest assurance first.
EVIDENCE_ORDER: dict[str, int] = {"soc2_type2": 0, "soc2_type1": 1, "soc3": 2, "soc1": 3, "bridge_letter": 4,
                                  "iso_certificate": 5}
# What each kind is called on a screen or in a table.
KIND_LABELS: dict[str, str] = {"soc2_type1": "SOC 2 Type 1", "soc2_type2": "SOC 2 Type 2", "soc3": "SOC 3",
                               "soc1": "SOC 1", "bridge_letter": "Bridge letter", "iso_certificate": "ISO certificate",
                               "unknown": "Unknown document"}
# The fields each kind of document states: when the extractor could not read one, a reviewer is asked to supply it.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "soc2_type2": ("vendor", "issuer", "report_date", "period_start", "period_end", "opinion"),
    "soc2_type1": ("vendor", "issuer", "report_date", "period_end", "opinion"),
    "soc3": ("vendor", "issuer", "period_start", "period_end", "opinion"),
    "soc1": ("vendor", "issuer", "period_end", "opinion"),
    "bridge_letter": ("vendor", "report_date", "period_start", "period_end"),
    "iso_certificate": ("vendor", "issuer", "issue_date", "expiry_date"),
}
ErrorCode = Literal["not_pdf", "encrypted", "corrupt", "empty", "too_large", "no_text_layer", "timeout"]
Opinion = Literal["unqualified", "qualified", "adverse", "disclaimer"]
Category = Literal["security", "availability", "processing_integrity", "confidentiality", "privacy"]
Method = Literal["carve-out", "inclusive"]

T = TypeVar("T")

_WS = lazy(r"\s+")


def clean_quote(text: str | None) -> str | None:
    """Fold whitespace and cap the length, because the contract caps quotes at 400 characters."""
    if text is None:
        return None
    folded = _WS.sub(" ", text).strip()
    if len(folded) > QUOTE_MAX:
        folded = folded[: QUOTE_MAX - 1].rstrip() + "…"
    return folded


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A value with the 1-based page and the verbatim quote it was read from."""

    value: T
    page: int | None
    quote: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "page": self.page, "quote": clean_quote(self.quote)}


@dataclass(frozen=True, slots=True)
class Subservice(Found[str]):
    method: Method | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**Found.to_dict(self), "method": self.method}


@dataclass(frozen=True, slots=True)
class Cuec(Found[str]):
    criteria: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {**Found.to_dict(self), "criteria": list(self.criteria)}


@dataclass(frozen=True, slots=True)
class ExceptionRow(Found[str]):
    """A deviation found in testing; ``control`` is the id as the report prints it."""

    control: str | None = None
    criteria: tuple[str, ...] = ()
    management_response: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **Found.to_dict(self),
            "control": self.control,
            "criteria": list(self.criteria),
            "management_response": self.management_response,
        }


@dataclass(slots=True)
class AICoverage:
    covered: bool = False
    evidence: list[Found[str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"covered": self.covered, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(slots=True)
class Fields:
    vendor: Found[str] | None = None
    issuer: Found[str] | None = None
    accreditation_body: Found[str] | None = None
    certificate_number: Found[str] | None = None
    standards: list[Found[str]] = field(default_factory=list)
    report_date: Found[str] | None = None
    period_start: Found[str] | None = None
    period_end: Found[str] | None = None
    issue_date: Found[str] | None = None
    original_issue_date: Found[str] | None = None
    expiry_date: Found[str] | None = None
    opinion: Found[str] | None = None
    tsc_categories: list[Found[str]] = field(default_factory=list)
    scope: Found[str] | None = None
    subservice_organizations: list[Subservice] = field(default_factory=list)
    cuecs: list[Cuec] = field(default_factory=list)
    exceptions: list[ExceptionRow] = field(default_factory=list)
    ai: AICoverage = field(default_factory=AICoverage)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _SINGLE:
            value = getattr(self, name)
            out[name] = value.to_dict() if value is not None else None
        for name in _LISTS:
            out[name] = [item.to_dict() for item in getattr(self, name)]
        out["ai"] = self.ai.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fields:
        f = cls()
        for name in _SINGLE:
            raw = data.get(name)
            if isinstance(raw, dict):
                setattr(f, name, Found(raw.get("value"), raw.get("page"), raw.get("quote")))
        f.standards = [Found(s["value"], s.get("page"), s.get("quote")) for s in data.get("standards") or []]
        f.tsc_categories = [Found(s["value"], s.get("page"), s.get("quote")) for s in data.get("tsc_categories") or []]
        f.subservice_organizations = [
            Subservice(s["value"], s.get("page"), s.get("quote"), s.get("method"))
            for s in data.get("subservice_organizations") or []
        ]
        f.cuecs = [
            Cuec(s["value"], s.get("page"), s.get("quote"), tuple(s.get("criteria") or ()))
            for s in data.get("cuecs") or []
        ]
        f.exceptions = [
            ExceptionRow(
                s["value"],
                s.get("page"),
                s.get("quote"),
                s.get("control"),
                tuple(s.get("criteria") or ()),
                s.get("management_response"),
            )
            for s in data.get("exceptions") or []
        ]
        ai = data.get("ai") or {}
        f.ai = AICoverage(
            bool(ai.get("covered")),
            [Found(e["value"], e.get("page"), e.get("quote")) for e in ai.get("evidence") or []],
        )
        return f


_SINGLE = (
    "vendor",
    "issuer",
    "accreditation_body",
    "certificate_number",
    "report_date",
    "period_start",
    "period_end",
    "issue_date",
    "original_issue_date",
    "expiry_date",
    "opinion",
    "scope",
)
_LISTS = ("standards", "tsc_categories", "subservice_organizations", "cuecs", "exceptions")


@dataclass(frozen=True, slots=True)
class FileInfo:
    name: str
    sha256: str
    pages: int | None = None
    bytes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "pages": self.pages, "bytes": self.bytes}


@dataclass(frozen=True, slots=True)
class ExtractionError:
    """Why a document could not be read at all: the contract's ``error`` object."""

    code: ErrorCode
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


class DocumentError(Exception):
    """A document that cannot be read, raised wherever reading it fails (the sniffer, the loader, a deadline); the
    entry points (``extractors.reader``) catch it and return it as ``Extraction.error`` (an ``ExtractionError``)."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message


@dataclass(slots=True)
class Extraction:
    """What one document says. ``error`` is set only when the file could not be read at all."""

    file: FileInfo
    kind: Kind = "unknown"
    fields: Fields = field(default_factory=Fields)
    warnings: list[str] = field(default_factory=list)
    error: ExtractionError | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "file": self.file.to_dict(), "kind": self.kind}
        if self.error is not None:
            out["error"] = self.error.to_dict()
        out["fields"] = self.fields.to_dict()
        out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        fi = data.get("file") or {}
        err = data.get("error")
        kind = data.get("kind", "unknown")
        return cls(
            file=FileInfo(fi.get("name", ""), fi.get("sha256", ""), fi.get("pages"), fi.get("bytes")),
            kind=cast(Kind, kind if kind in KINDS else "unknown"),
            fields=Fields.from_dict(data.get("fields") or {}),
            warnings=list(data.get("warnings") or []),
            error=ExtractionError(err["code"], err["message"]) if isinstance(err, dict) else None,
        )
