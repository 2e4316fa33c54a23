"""Fourth parties: one provider for the many ways reports name it.

A SOC 2 report names its subservice organizations as it pleases: "Amazon Web Services, Inc.", "AWS",
"Amazon.com Services LLC", "Microsoft Azure", "Google Cloud Platform (GCP)". Concentration questions (DORA's register
of information: which vendors lean on the same provider?) need the company. General rules come first (legal
suffixes, "and its affiliates", a parenthesised abbreviation, punctuation and case), then a small data file of known
names and products (``knowledge/data/providers.yaml``). A name neither rule knows stays as printed, minus its legal
suffix: a wrong merge would be worse than two rows for one provider.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|llc|l l c|ltd|limited|plc|corp|corporation|co|company|gmbh|ag|se|bv|b v|nv|n v|sa|"
    r"sas|sarl|srl|s r l|spa|pty|pvt|private|lp|llp|kk|oy|ab|emea|us|usa|uk|eu)\b"
)
_TAIL = re.compile(
    r"\b(?:and|&)?\s*(?:its|their)\s+(?:affiliates|subsidiaries)\b.*$|\b(?:d/?b/?a|doing business as)\b.*$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\(([^)]*)\)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def provider_key(name: str) -> str:
    """The comparable form of a name: lower case, no punctuation, no legal suffix or affiliates clause."""
    text = _TAIL.sub("", _PAREN.sub(" ", name))
    words = _words(text.replace(".com", " com"))
    stripped = " ".join(w for w in _SUFFIX.sub(" ", words).split())
    return stripped or words


@lru_cache(maxsize=1)
def _aliases() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(exact key -> provider, [(product key, provider)] longest first) from the data file."""
    text = resources.files("knowledge.data").joinpath("providers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for entry in data.get("providers") or []:
        provider = str(entry["provider"])
        for name in [provider, *(entry.get("names") or []), *(entry.get("products") or [])]:
            key = provider_key(str(name))
            if not key:
                continue
            if key in exact and exact[key] != provider:
                raise ValueError(f"providers.yaml: {name!r} is listed for both {exact[key]} and {provider}")
            exact[key] = provider
            prefixes.append((key, provider))
    prefixes.sort(key=lambda kv: -len(kv[0]))
    return exact, prefixes


@lru_cache(maxsize=8192)
def known_provider(name: str) -> str | None:
    """The provider the data file knows this name or product as, or None.

    A parenthesised abbreviation counts as a name too ("Google Cloud Platform (GCP)"), and a known name followed by
    more words is its company's ("Amazon Web Services EU-West hosting"), but only at a word boundary, so
    "Amazonia Labs" is not Amazon.
    """
    exact, prefixes = _aliases()
    clean = " ".join(name.split())
    candidates = [provider_key(clean)] + [provider_key(p) for p in _PAREN.findall(clean)]
    for key in candidates:
        if key in exact:
            return exact[key]
    key = candidates[0]
    for alias, provider in prefixes:
        if key.startswith(alias + " "):
            return provider
    return None


_LEGAL_TAIL = re.compile(
    r"[,\s]+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|GmbH|plc|PLC|B\.V|BV|S\.A|AG|LLP|Pty\.? Ltd)\.?$"
)


@lru_cache(maxsize=8192)
def normalize_provider(name: str) -> str:
    """The provider's display name: 'AWS' -> 'Amazon Web Services', 'Microsoft Azure' -> 'Microsoft'; a name the
    data file does not know is kept as printed without its legal suffix ('Mailchimp, Inc.' -> 'Mailchimp')."""
    known = known_provider(name)
    if known is not None:
        return known
    shown = _TAIL.sub("", " ".join(name.split())).strip(" ,.;")
    return _LEGAL_TAIL.sub("", shown) or shown or name
