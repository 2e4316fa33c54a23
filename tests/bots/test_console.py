"""`vendor-assurance chat`: the same questions and answers in the terminal, on the embedded database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bots.brain.reply import Context
from bots.brain.router import respond
from bots.console import load_examples_now, render_text
from cli import main
from service.alerts.models import Alert
from service.config import Settings
from service.database import forget_databases, get_database
from service.documents.models import Document
from service.portfolio.models import DocumentSignals

TODAY = "2026-11-30"
QUESTIONS = [
    "does Quillfeather cover us?",
    "is Quillfeather's SOC 2 current?",
    "when does Quillfeather's ISO certificate expire?",
    "what's expiring this month?",
    "which vendors have exceptions in CC6?",
    "what does A.8.28 map to in SOC 2?",
    "does ISO 27001 replace SOC 2?",
    "help",
    "does Zorblax cover us?",
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("chat") / "data"
    load_examples_now(Settings(data_dir=path))
    yield path
    forget_databases()


@pytest.mark.parametrize("question", QUESTIONS)
def test_chat_answers_like_the_brain(data_dir: Path, question: str, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    status = main(["chat", "--data-dir", str(data_dir), "--today", TODAY, question])
    out = capsys.readouterr().out
    assert status == 0
    settings = Settings(data_dir=data_dir)
    with get_database(settings).session() as s:
        expected = respond(question, Context(db_session=s, settings=settings, today=date.fromisoformat(TODAY)))
    assert out.strip() == render_text(expected).strip()
    assert expected.summary.split()[0] in out


def test_chat_reads_questions_from_stdin(data_dir: Path) -> None:
    env = {**os.environ, "DATA_DIR": str(data_dir)}
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())", "chat", "--today", TODAY],
        input="does Quillfeather cover us?\nwhat does A.8.28 map to in SOC 2?\n", capture_output=True, text=True,
        env=env, timeout=120, cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode == 0, proc.stderr
    assert "Quillfeather Analytics" in proc.stdout
    assert "quillfeather-soc2-type2-2026.pdf, page" in proc.stdout  # findings cite document and page
    assert "CC8.1" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_chat_profile_is_remembered_between_runs(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["chat", "--data-dir", str(data_dir), "--today", TODAY, "use profile low-risk-tool here"])
    main(["chat", "--data-dir", str(data_dir), "--today", TODAY, "does Quillfeather cover us?"])
    out = capsys.readouterr().out
    assert "Profile: low-risk-tool" in out
    main(["chat", "--data-dir", str(data_dir), "--today", TODAY, "use profile default here"])


def test_the_examples_read_now_are_followed_by_signals_and_alerts(data_dir: Path) -> None:
    """``load_examples_now`` parses through the one way in (service.documents.intake), as the queue would: every
    parsed document has its red-flag signals, and the examples' expired certificate and lapsed bridge letter are
    alerts at once."""
    with get_database(Settings(data_dir=data_dir)).session() as s:
        parsed = s.scalars(select(Document.id).where(Document.status == "parsed")).all()
        assert parsed and all(s.get(DocumentSignals, doc_id) is not None for doc_id in parsed)
        assert {"bridge_letter_expired", "certificate_expired"} <= set(s.scalars(select(Alert.kind)))
