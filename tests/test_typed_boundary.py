"""Findings, their citations and assessments cross from knowledge into the service, the bot and the web pages as
typed models (``service.assessments.models``), never as dictionaries read by key. Three guards: the models'
annotations, a static scan of every front-end and service module, and the models' JSON against the engine's own
``to_dict()`` (the API's and the stored answers' shape, which must not change)."""

from __future__ import annotations

import ast
import json
import re
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from knowledge import Assessment, assess, bundled_profile, default_profile
from service.assessments.models import (
    AnswerSeverities,
    AssessmentRead,
    AssessmentResult,
    CitationRead,
    FindingRead,
    OptionRead,
)
from tests.knowledge import builders as b

ROOT = Path(__file__).resolve().parent.parent
ABOVE_KNOWLEDGE = ("service", "bots", "web", "cli")
# Keys of Assessment.to_dict() and its findings that only a dictionary-shaped finding or answer is read by.
# ("evidence" is left out: the extraction's own ``ai.evidence`` list is a contract field read as JSON; "blocks"
# too: Slack's Block Kit messages are dictionaries by design.)
ANSWER_KEYS = {"findings", "relied_on", "headline", "absence", "options", "severity", "verdict", "result"}
# Names of functions, parameters and attributes that hold or handle a finding, a citation or an assessment.
CARRIER = re.compile(r"finding|assess|citation|verdict", re.IGNORECASE)
# Parameters of such functions that are dictionaries by nature, not findings.
NOT_FINDINGS = {
    "body": "a Slack request payload",
    "extractions": "the documents' stored extraction JSON (the contract's shape)",
}
TODAY = date(2026, 11, 30)


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for package in ABOVE_KNOWLEDGE:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _key(node: ast.AST) -> str | None:
    """The constant key of ``x["key"]`` or ``x.get("key", ...)``, else None."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value if isinstance(node.slice.value, str) else None
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _annotated(node: ast.AST) -> list[tuple[str, ast.expr]]:
    """(name, annotation) of a function's parameters and return, or of an annotated attribute or variable."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        args = node.args
        # a function that handles findings answers for all its parameters: ``finding_item(f)``
        pairs = [(f"{node.name}({a.arg})", a.annotation)
                 for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
                 if a.annotation and a.arg not in NOT_FINDINGS]
        return pairs + ([(node.name, node.returns)] if node.returns is not None else [])
    if isinstance(node, ast.AnnAssign):
        target = node.target
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        return [(name, node.annotation)]
    return []


def test_no_module_above_knowledge_reads_an_answer_by_key() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)} reads [{_key(node)!r}]"
        for path, tree in _sources()
        for node in ast.walk(tree)
        if _key(node) in ANSWER_KEYS
    ]
    assert not offenders, "read the typed model's attribute instead:\n" + "\n".join(offenders)


def test_no_signature_above_knowledge_carries_findings_untyped() -> None:
    offenders = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            for name, annotation in _annotated(node):
                text = ast.unparse(annotation).replace(" ", "")
                if CARRIER.search(name) and (text == "Any" or "dict[str,Any]" in text or "dict[str,object]" in text):
                    offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)} {name}: {text}")
    assert not offenders, "type it with service.assessments.models:\n" + "\n".join(offenders)


def test_the_answer_model_is_typed_all_the_way_down() -> None:
    def hints(model: type) -> dict[str, object]:
        return typing.get_type_hints(model)

    assert hints(AssessmentRead)["result"] is AssessmentResult
    result = hints(AssessmentResult)
    assert result["findings"] == tuple[FindingRead, ...]
    assert result["options"] == tuple[OptionRead, ...]
    assert typing.get_args(result["verdict"]) == typing.get_args(hints(AssessmentRead)["verdict"])
    finding = hints(FindingRead)
    assert finding["evidence"] == tuple[CitationRead, ...]
    assert set(typing.get_args(finding["severity"])) == {"critical", "high", "medium", "low", "info"}


def _assessments() -> list[Assessment]:
    """Engine answers with every part filled in: cited findings, named absences, blocking findings, options."""
    return [
        assess([b.soc2(opinion="qualified")], default_profile(), TODAY),
        assess([b.soc2(), b.bridge()], bundled_profile("critical-data-processor"), TODAY),
        assess([b.iso_cert()], default_profile(), TODAY),
        assess([b.other()], default_profile(), TODAY),
    ]


def test_the_engine_answers_exercise_every_part() -> None:
    answers = _assessments()
    findings = [f for a in answers for f in a.findings]
    assert any(f.evidence and f.evidence[0].page and f.evidence[0].quote for f in findings)
    assert any(f.absence for f in findings) and any(f.blocks for f in findings)
    assert any(a.options for a in answers) and any(a.relied_on for a in answers)


@pytest.mark.parametrize("index", range(4))
def test_the_typed_answer_has_the_engines_json_shape(index: int) -> None:
    """Same keys, same order, same values: the API's JSON and the stored answers do not change shape."""
    engine = _assessments()[index]
    typed = AssessmentResult.of(engine)
    expected = engine.to_dict()
    dumped = json.loads(typed.model_dump_json())
    assert dumped == expected
    assert list(dumped) == list(expected)
    for got, want in zip(dumped["findings"], expected["findings"], strict=True):
        assert list(got) == list(want)
        for c_got, c_want in zip(got["evidence"], want["evidence"], strict=True):
            assert list(c_got) == list(c_want)
    for got, want in zip(dumped["options"], expected["options"], strict=True):
        assert list(got) == list(want)
    assert typed.headline == engine.headline() and typed.verdict == engine.verdict
    assert [f.code for f in typed.findings] == [f.code for f in engine.findings]
    # one engine finding, citation or option converts alone too (read from its attributes)
    assert tuple(FindingRead.model_validate(f) for f in engine.findings) == typed.findings
    assert tuple(OptionRead.model_validate(o) for o in engine.options) == typed.options


@pytest.mark.parametrize("index", range(4))
def test_an_answer_stored_by_the_dictionary_code_still_loads(index: int) -> None:
    """What the service stored before the models existed: ``AssessmentRead`` with ``result=to_dict()``."""
    engine = _assessments()[index]
    old = {
        "vendor_id": 7, "vendor_name": "Acme Cloud, Inc.", "profile": engine.profile, "as_of": TODAY.isoformat(),
        "verdict": engine.verdict,
        "documents": [{"id": 1, "filename": "acme-soc2.pdf", "kind": "soc2_type2", "period_end": "2026-06-30",
                       "expiry_date": None}],
        "result": engine.to_dict(),
    }
    stored = json.dumps(old, separators=(",", ":"))
    loaded = AssessmentRead.model_validate_json(stored)
    assert loaded.result == AssessmentResult.of(engine)
    assert loaded.documents[0].period_end == date(2026, 6, 30)
    assert json.loads(loaded.model_dump_json()) == old
    assert loaded.model_dump_json() == stored  # byte for byte: a re-stored answer is the same text
    assert AnswerSeverities.model_validate_json(stored).severities == [f.severity for f in engine.findings]


def test_an_answer_missing_later_keys_still_loads() -> None:
    """The optional parts of a finding (absence, blocks, option, a citation's field) default when absent."""
    minimal = {"verdict": "meets_with_findings",
               "findings": [{"severity": "medium", "code": "X", "reason": "r",
                             "evidence": [{"document": "a.pdf", "page": 2, "quote": "q"}]}]}
    loaded = AssessmentResult.model_validate(minimal)
    finding = loaded.findings[0]
    assert (finding.absence, finding.blocks, finding.option) == (None, None, None)
    assert finding.evidence[0] == CitationRead(document="a.pdf", page=2, quote="q", field=None)
    assert loaded.options == () and loaded.headline == ""


def test_an_answer_with_an_unknown_verdict_or_severity_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        AssessmentResult.model_validate({"verdict": "fine"})
    with pytest.raises(ValidationError):
        FindingRead.model_validate({"severity": "urgent", "code": "X", "reason": "r"})
