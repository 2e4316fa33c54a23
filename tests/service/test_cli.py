"""The command line for real: `token create` and `serve --load-examples` (one or two API processes) over loopback
HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from service.config import Settings
from service.examples import EXAMPLES_DIR

CLI = "import sys; from service.cli import main; sys.exit(main(sys.argv[1:]))"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DATA_DIR"}}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def test_token_create_prints_the_token_alone_on_the_last_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CLI, "token", "create", "--scope", "read", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=True,
    )
    token = out.stdout.strip().splitlines()[-1]
    assert token.startswith("va_") and " " not in token and len(token) > 40
    assert (tmp_path / "vendor-assurance.db").exists()
    bad = subprocess.run(
        [sys.executable, "-c", CLI, "token", "create", "--scope", "root", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


@pytest.mark.skipif(not list(EXAMPLES_DIR.glob("*.pdf")), reason="no bundled example PDFs")
def test_serve_with_examples_answers_over_http(tmp_path: Path) -> None:
    _serve_examples_and_ask(["--data-dir", str(tmp_path)], _env())


@pytest.mark.skipif(not list(EXAMPLES_DIR.glob("*.pdf")), reason="no bundled example PDFs")
def test_serve_with_two_api_processes(settings: Settings) -> None:
    """The documented setup for a team (one API process per core): both processes answer, the jobs run once."""
    env = _env()
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    _serve_examples_and_ask(["--data-dir", str(settings.data_dir), "--workers", "2"], env)


def _serve_examples_and_ask(args: list[str], env: dict[str, str]) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--port", str(port), "--load-examples", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            assert line, "serve exited early:\n" + "".join(lines)
            lines.append(line)
            if line.strip() == "admin token:":
                token = proc.stdout.readline().strip()
                break
        base = f"http://127.0.0.1:{port}"
        h = {"Authorization": f"Bearer {token}"}
        deadline = time.monotonic() + 90
        docs: list[dict[str, object]] = []
        while time.monotonic() < deadline:
            try:
                docs = httpx.get(f"{base}/documents", headers=h, timeout=5).json()
                if docs and all(d["status"] in ("parsed", "failed") for d in docs):
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        assert len(docs) == len(list(EXAMPLES_DIR.glob("*.pdf")))
        assert all(d["status"] == "parsed" for d in docs), docs
        assert httpx.get(f"{base}/vendors", timeout=5).status_code == 401
        vendors = httpx.get(f"{base}/vendors", headers=h, timeout=5).json()
        assert vendors
        vendor_id = max(vendors, key=lambda v: sum(d["vendor_id"] == v["vendor"]["id"] for d in docs))["vendor"]["id"]
        answers = [httpx.get(f"{base}/vendors/{vendor_id}/assessment", headers=h, timeout=30) for _ in range(4)]
        assert all(a.status_code == 200 for a in answers)
        assert answers[0].json()["result"]["findings"]
        assert len({a.content for a in answers}) == 1  # whichever process answers, the same answer
        # the first start tells the truth: the lapsed bridge letter and the expired certificate are alerts at once,
        # not after the 07:00 scan; the documents queued by this very start were not "interrupted"
        raised = httpx.get(f"{base}/alerts", headers=h, timeout=30).json()["alerts"]
        assert {"bridge_letter_expired", "certificate_expired"} <= {a["kind"] for a in raised}, raised
        assert httpx.get(f"{base}/health", timeout=5).json()["status"] == "ok"
        assert httpx.post(f"{base}/alerts/run", headers=h, timeout=30).status_code == 200
        assert httpx.get(f"{base}/alerts", headers=h, timeout=30).json()["alerts"]
        # the web app's address is printed, and it answers (a person without a session is sent to sign in)
        assert any(line.startswith(f"web app: {base}/ui/") for line in lines), "".join(lines)
        ui = httpx.get(f"{base}/ui/", timeout=10)
        assert ui.status_code == 303 and ui.headers["location"].startswith("/ui/login")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=30)
            lines.append(out or "")
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert not any("interrupted" in line for line in lines), "".join(lines)
