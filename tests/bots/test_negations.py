"""Questions asked the other way round ("which vendors DON'T use AI", "which have NO exceptions") are answered
the way they are asked, never with the vendors that do: on the bot's regression portfolio, read into a real SQLite
database through the intake, asked through `vendor-assurance chat`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.regressions.portfolio import ORCHARDLINE, ask, build

WITH_AI = ("Quillfeather Analytics", "Orchardline Payments", "Pebblestack Archive")


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("negations") / "data"
    build(data_dir)
    yield data_dir


def _listed(answer: str) -> set[str]:
    return {line.strip()[2:].split(":")[0].split(" (")[0] for line in answer.splitlines()
            if line.strip().startswith("- ")}


@pytest.mark.parametrize("question", ["which vendors don't use AI?", "vendors without AI coverage",
                                      "which suppliers do not use machine learning"])
def test_not_using_ai_never_lists_the_vendors_with_ai_evidence(portfolio: Path, question: str) -> None:
    answer = ask(portfolio, question)
    assert "can't tell which vendors don't use AI" in answer
    listed = _listed(answer)
    assert listed and not any(name.startswith(WITH_AI) for name in listed), answer
    assert "Brambleford Data Systems, Inc." in listed


def test_using_ai_still_lists_them(portfolio: Path) -> None:
    answer = ask(portfolio, "which vendors use AI?")
    assert all(any(n.startswith(w) for n in _listed(answer)) for w in WITH_AI), answer


@pytest.mark.parametrize("question", ["which vendors have no exceptions?", "vendors with zero exceptions",
                                      "which vendors don't have any exceptions"])
def test_no_exceptions_names_the_clean_reports_and_not_the_others(portfolio: Path, question: str) -> None:
    answer = ask(portfolio, question)
    assert f"1 vendor whose current SOC 2 Type 2 report lists no testing exception: {ORCHARDLINE}" in answer, answer
    assert "orchardline-soc2-type2.pdf" in answer
    assert "Quillfeather" not in answer  # its report lists an exception
    assert "nothing shows either way" in answer  # vendors without a Type 2 are named apart, not called clean


def test_exceptions_still_lists_them(portfolio: Path) -> None:
    answer = ask(portfolio, "which vendors have exceptions?")
    assert "Quillfeather Analytics, Inc." in answer and "PL-01" in answer
