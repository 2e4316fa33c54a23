"""Every field of every shared sample's expected JSON is reproduced, page and quote included (quotes compared with
whitespace folded). Skipped where ../shared is absent (a fresh clone in CI)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from extractors import extract_file

pytestmark = pytest.mark.shared


def _fold(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fold(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    return value


def _samples(shared: Path) -> list[Path]:
    return sorted((shared / "samples").glob("*.expected.json"))


def test_every_sample_field_is_reproduced(shared_dir: Path) -> None:
    expected_files = _samples(shared_dir)
    assert expected_files, "no samples found"
    misses: list[str] = []
    for expected_path in expected_files:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        pdf = expected_path.with_name(expected_path.name.replace(".expected.json", ".pdf"))
        got = extract_file(pdf).to_dict()
        if got["kind"] != expected["kind"]:
            misses.append(f"{pdf.name}: kind {got['kind']} != {expected['kind']}")
        for name, want in expected["fields"].items():
            have = got["fields"].get(name)
            if _fold(have) != _fold(want):
                misses.append(f"{pdf.name}: {name}: {json.dumps(have)[:200]} != {json.dumps(want)[:200]}")
    assert not misses, "\n".join(misses)


def test_output_matches_the_contract(shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "extraction.schema.json").read_text(encoding="utf-8"))
    for expected_path in _samples(shared_dir):
        pdf = expected_path.with_name(expected_path.name.replace(".expected.json", ".pdf"))
        jsonschema.validate(extract_file(pdf).to_dict(), schema)
