"""Is the accreditation named on a certificate worth anything?

Accredited certification means a national accreditation body that is a signatory of the IAF multilateral
recognition arrangement (MLA) vouches for the certification body. Self-styled "accreditation" companies sell
look-alike marks, and some certificates name no accreditation at all; both leave the certificate unverified.
The signatories list is package data (knowledge/data/iaf_mla.yaml) with the date it was compiled and its source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from ..catalogues import CatalogueError

ScopeKey = Literal["isms", "pims", "aims"]
SCOPE_OF_FAMILY: dict[str, ScopeKey] = {"27001": "isms", "27017": "isms", "27018": "isms", "27701": "pims",
                                        "42001": "aims"}


@dataclass(frozen=True, slots=True)
class Signatory:
    id: str
    name: str
    country: str
    aliases: tuple[str, ...]
    scopes: dict[str, bool | None]


@dataclass(frozen=True, slots=True)
class SignatoryList:
    compiled: str
    source: str
    signatories: tuple[Signatory, ...]
    known_unrecognised: tuple[tuple[str, str], ...]  # (name, note)


def _fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces: 'Comité français' ~ 'comite francais'."""
    nfkd = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in nfkd if not unicodedata.combining(ch))
    return " " + re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip() + " "


def _parse(data: Any) -> SignatoryList:
    where = "knowledge/data/iaf_mla.yaml"
    if not isinstance(data, dict) or not data.get("compiled") or not data.get("source"):
        raise CatalogueError(f"{where}: needs 'compiled' (date) and 'source'")
    out: list[Signatory] = []
    seen: set[str] = set()
    for entry in data.get("signatories") or []:
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise CatalogueError(f"{where}: every signatory needs an id and a name: {entry!r}")
        if entry["id"] in seen:
            raise CatalogueError(f"{where}: duplicate signatory {entry['id']}")
        seen.add(entry["id"])
        scopes = entry.get("scopes") or {}
        for key, value in scopes.items():
            if key not in ("isms", "pims", "aims") or value not in (True, False, None):
                raise CatalogueError(f"{where}: {entry['id']}: bad scope {key}: {value!r}")
        out.append(Signatory(str(entry["id"]), str(entry["name"]), str(entry.get("country", "")),
                             tuple(str(a) for a in entry.get("aliases") or ()), dict(scopes)))
    if len(out) < 20:
        raise CatalogueError(f"{where}: only {len(out)} signatories; the list looks truncated")
    unrecognised = tuple((str(e["name"]), str(e.get("note", ""))) for e in data.get("known_unrecognised") or [])
    return SignatoryList(str(data["compiled"]), str(data["source"]), tuple(out), unrecognised)


@cache
def iaf_mla() -> SignatoryList:
    """The IAF MLA signatories for management systems, read and validated once."""
    text = resources.files("knowledge.data").joinpath("iaf_mla.yaml").read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text))


@dataclass(frozen=True, slots=True)
class _Matcher:
    """How one signatory is recognised in a named accreditation, prepared once per list rather than per call:
    long names compared folded (accents and punctuation ignored), short names and the acronym as whole words."""

    signatory: Signatory
    folded_names: tuple[str, ...]
    words: re.Pattern[str] | None

    def mentioned(self, raw: str, folded: str) -> bool:
        return any(name in folded for name in self.folded_names) or (
            self.words is not None and self.words.search(raw) is not None
        )


def _matcher(sig: Signatory) -> _Matcher:
    long_names = tuple(dict.fromkeys(_fold(n) for n in (sig.name, *sig.aliases) if len(n) > 5))
    # Acronyms are matched case-sensitively and only from three letters up: 'SA' or 'NA' would match anything.
    short = [n for n in (sig.name, *sig.aliases) if 3 <= len(n) <= 5]
    if len(sig.id) >= 3:
        short.append(sig.id)
    words = (
        re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(n) for n in dict.fromkeys(short)) + r")(?![A-Za-z])")
        if short
        else None
    )
    return _Matcher(sig, long_names, words)


_matchers: dict[int, tuple[SignatoryList, tuple[_Matcher, ...], tuple[tuple[str, str], ...]]] = {}


def _prepared(data: SignatoryList) -> tuple[tuple[_Matcher, ...], tuple[tuple[str, str], ...]]:
    """The list's matchers and folded unrecognised names, built on first use (keyed by identity: lists are
    immutable, and a caller passing its own list gets its own matchers)."""
    cached = _matchers.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1], cached[2]
    matchers = tuple(_matcher(s) for s in data.signatories)
    unrecognised = tuple((_fold(name), note) for name, note in data.known_unrecognised)
    if len(_matchers) > 16:
        _matchers.clear()
    _matchers[id(data)] = (data, matchers, unrecognised)
    return matchers, unrecognised


_recognised: dict[tuple[int, str], tuple[SignatoryList, tuple[Signatory, ...], str | None]] = {}


def _recognise(data: SignatoryList, named: str) -> tuple[tuple[Signatory, ...], str | None]:
    """The signatories ``named`` mentions, or the note on a known unrecognised body; remembered per list and name.

    Certificates from one certification body name its accreditation in the same words, and comparing them with
    every signatory is most of the cost of assessing a vendor with several certificates."""
    key = (id(data), named)
    cached = _recognised.get(key)
    if cached is not None and cached[0] is data:
        return cached[1], cached[2]
    folded = _fold(named)
    matchers, unrecognised = _prepared(data)
    bodies = tuple(m.signatory for m in matchers if m.mentioned(named, folded))
    note = None if bodies else next((n for name, n in unrecognised if name in folded), None)
    if len(_recognised) >= 4096:
        _recognised.clear()
    _recognised[key] = (data, bodies, note)
    return bodies, note


AccreditationState = Literal["signatory", "not_signatory", "none_named"]


@dataclass(frozen=True, slots=True)
class AccreditationCheck:
    state: AccreditationState
    named: str | None
    bodies: tuple[Signatory, ...] = ()
    covers_standard: bool | None = None  # True/False where the data records the sub-scope; None when unknown
    note: str | None = None  # why an unlisted name is known to be unrecognised
    compiled: str = ""
    source: str = ""


def check_accreditation(named: str | None, family: str = "27001",
                        signatories: SignatoryList | None = None) -> AccreditationCheck:
    """Check the accreditation body a certificate names against the IAF MLA list.

    ``family`` is the standard number ('27001', '27701', '42001'...) whose sub-scope the accreditation must cover.
    """
    data = signatories or iaf_mla()
    base = {"compiled": data.compiled, "source": data.source}
    if named is None or not named.strip():
        return AccreditationCheck("none_named", None, **base)  # type: ignore[arg-type]
    bodies, note = _recognise(data, named)
    if not bodies:
        return AccreditationCheck("not_signatory", named, note=note, **base)  # type: ignore[arg-type]
    key = SCOPE_OF_FAMILY.get(family)
    values = [b.scopes.get(key) for b in bodies] if key else [None]
    covers: bool | None = True if True in values else (False if values and all(v is False for v in values) else None)
    return AccreditationCheck("signatory", named, bodies, covers, **base)
