"""A real server on loopback (uvicorn in a thread, SQLite file, the bundled example documents parsed) and a real
browser (Debian's Chromium driven by Playwright). Browser tests skip only when Chromium or Playwright is absent."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from service.config import Settings
from service.database import forget_databases

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@dataclass
class Server:
    url: str
    settings: Settings
    admin: str
    reader: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import uvicorn

    from service.api import create_app
    from service.examples import load_examples
    from tests.service.conftest import make_token

    data = tmp_path_factory.mktemp("web") / "data"
    settings = Settings(data_dir=data, parse_timeout_seconds=60)
    app = create_app(settings, immediate=True)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    load_examples(settings)  # parsed inline (immediate jobs)
    admin = make_token(settings, "admin", name="reviewer")
    reader = make_token(settings, "read", name="auditor")
    try:
        yield Server(f"http://127.0.0.1:{port}", settings, admin, reader)
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        forget_databases()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


@dataclass
class Visit:
    """A fresh browser context (no cookies) whose requests may only go to the server; others are recorded and
    aborted, and the test fails if there were any."""

    page: Any
    context: Any
    outside: list[str]


@pytest.fixture
def visit(browser: Any, server: Server) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server.url + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield Visit(page, context, outside)
    finally:
        context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert errors == [], f"script errors on the page: {errors}"


def login(visit: Visit, server: Server, token: str, then: str = "/ui/") -> None:
    page = visit.page
    page.goto(server.url + then)
    assert "/ui/login" in page.url
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + then)
